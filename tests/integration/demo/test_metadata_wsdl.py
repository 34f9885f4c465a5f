"""Every SOAP body the demo org sends validates against the WSDL inside simple-salesforce.

The server is recorded (a subclass that keeps each Metadata API response body as sent), driven
through a varied session with the real client (every call, every emulated type, faults, errors),
and each body is validated with lxml against the schema extracted from the installed package's
``metadata.wsdl``. The validator is also shown to reject bodies that are subtly wrong, so a pass
means something. A second test fills every field of every emulated type (recursively, from the
WSDL) and checks the body is valid and zeep reads every value back unchanged.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest
from lxml import etree
from zeep.exceptions import Fault
from zeep.helpers import serialize_object

from tests.integration.demo.metadata_samples import ECA_PARENT, SAMPLES, SECRETS, UPDATES, without
from tests.integration.demo.metadata_support import (
    ADMIN_TOKEN,
    READER_TOKEN,
    DemoOrg,
    build_org,
    post_soap,
    running_demo_org,
    soap_envelope,
)
from wizard.demo.metadata_rules import TYPES
from wizard.demo.metadata_schema import METADATA_NS, SOAP_ENV, XSI_NS, schema, wsdl_path
from wizard.demo.protocol import DemoRequest, DemoResponse
from wizard.demo.scenario import list_scenarios, load_scenario
from wizard.demo.server import DemoOrgServer
from wizard.demo.state import Session


class RecordingServer(DemoOrgServer):
    """The demo org, keeping every Metadata API response body exactly as it is sent."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bodies: list[bytes] = []

    def dispatch(self, request: DemoRequest) -> DemoResponse:
        response = super().dispatch(request)
        if request.path.startswith("/services/Soap/m/"):
            self.bodies.append(response.body)
        return response


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoOrg]:
    with running_demo_org(RecordingServer) as running:
        yield running


@pytest.fixture()
def recorded(demo: DemoOrg) -> RecordingServer:
    server = demo.server
    assert isinstance(server, RecordingServer)
    server.org = build_org()
    server.bodies.clear()
    return server


def test_the_schema_is_the_installed_simple_salesforce_wsdl() -> None:
    import simple_salesforce

    assert wsdl_path().parent == __import__("pathlib").Path(simple_salesforce.__file__).resolve().parent
    assert "Metadata API version 63.0" in wsdl_path().read_text(encoding="utf-8")[:300]


def _varied_session(demo: DemoOrg) -> None:
    md = demo.client(ADMIN_TOKEN).mdapi
    demo.org.behaviours["allow_connected_app_creation"] = True
    md.ExternalClientApplication.create([md.ExternalClientApplication(fullName=ECA_PARENT, **SAMPLES["ExternalClientApplication"])])
    for mtype, sample in SAMPLES.items():
        api = getattr(md, mtype)
        api.create([api(fullName="ECI_One", **sample)])
        field, value = UPDATES[mtype]
        api.update([api(fullName="ECI_One", **{**sample, field: value})])
        api.upsert([api(fullName="ECI_One", **sample)])
        api.read(["ECI_One", "Missing_One"])
        md.list_metadata([md.ListMetadataQuery(type=mtype)])
        with pytest.raises(Exception, match="DUPLICATE_DEVELOPER_NAME"):
            api.create([api(fullName="ECI_One", **sample)])
    md.ConversationalIntelligenceSettings.read(["ConversationalIntelligence"])
    md.ConversationalIntelligenceSettings.update([md.ConversationalIntelligenceSettings(fullName="ConversationalIntelligence", enableCallCoaching=True)])
    md.list_metadata([md.ListMetadataQuery(type="Settings"), md.ListMetadataQuery(type="NamedCredential")])
    md.describe_metadata()
    for mtype in ("ExtlClntAppOauthSettings", "ExtlClntAppGlobalOauthSettings", "ExtlClntAppOauthConfigurablePolicies", "ExtlClntAppConfigurablePolicies"):
        getattr(md, mtype).delete(["ECI_One"])
    with pytest.raises(Exception, match="INVALID_CROSS_REFERENCE_KEY"):
        md.NamedCredential.delete(["ECI_One", "Missing_One"])
    demo.org.behaviours["allow_connected_app_creation"] = False
    with pytest.raises(Exception, match="FUNCTIONALITY_NOT_ENABLED"):
        md.ConnectedApp.create([md.ConnectedApp(fullName="ECI_Two", **SAMPLES["ConnectedApp"])])
    reader = demo.client(READER_TOKEN).mdapi
    with pytest.raises(Exception, match="INSUFFICIENT_ACCESS"):
        reader.AuthProvider.delete(["ECI_One"])
    for call in (
        lambda: md.CallCoachingMediaProvider.read([f"P{i}" for i in range(11)]),
        lambda: md.NamedCredential.create([md.NamedCredential(fullName="X", **{**SAMPLES["NamedCredential"], "protocol": "Kerberos"})]),
        lambda: md.ApexClass.read(["X"]),
        lambda: demo.client("no-such-session").mdapi.NamedCredential.read(["X"]),
    ):
        with pytest.raises(Fault):
            call()
    bad = '<md:metadata xsi:type="md:NamedCredential"><md:fullName>Bad</md:fullName><md:label>Bad</md:label></md:metadata>'
    post_soap(demo, soap_envelope(f"<md:createMetadata>{bad}{bad.replace('Bad', 'Worse')}</md:createMetadata>", all_or_none=True))
    post_soap(demo, soap_envelope("<md:readMetadata><md:type>NoSuchType</md:type></md:readMetadata>"))


def test_every_body_of_a_varied_session_validates(demo: DemoOrg, recorded: RecordingServer) -> None:
    _varied_session(demo)
    bodies = list(recorded.bodies)
    kinds = {_payload_name(b) for b in bodies}
    expected_kinds = {f"{op}Response" for op in ("read", "create", "update", "upsert", "delete", "list", "describe")}
    assert {k.replace("Metadata", "") for k in kinds} >= expected_kinds | {"Fault"}
    assert len(bodies) > 80
    problems = {i: schema().validate_envelope(b) for i, b in enumerate(bodies)}
    assert {i: p for i, p in problems.items() if p} == {}


def _payload_name(body: bytes) -> str:
    payload = etree.fromstring(body).find(f"{{{SOAP_ENV}}}Body")[0]
    return etree.QName(payload).localname


# -- the validator rejects what a client could not rely on ---------------------------------------------------
def _read_body(demo: DemoOrg, recorded: RecordingServer) -> bytes:
    md = demo.client(ADMIN_TOKEN).mdapi
    md.NamedCredential.create([md.NamedCredential(fullName="ECI_NC", **SAMPLES["NamedCredential"])])
    recorded.bodies.clear()
    md.NamedCredential.read(["ECI_NC"])
    (body,) = recorded.bodies
    return body


def _mutate(body: bytes, change: str) -> bytes:
    root = etree.fromstring(body)
    record = root.find(f".//{{{METADATA_NS}}}records")
    if change == "drop required label":
        record.remove(record.find(f"{{{METADATA_NS}}}label"))
    elif change == "swap element order":
        endpoint = record.find(f"{{{METADATA_NS}}}endpoint")
        record.remove(endpoint)
        record.append(endpoint)
    elif change == "value outside the enum":
        record.find(f"{{{METADATA_NS}}}protocol").text = "Kerberos"
    elif change == "boolean that is not one":
        record.find(f"{{{METADATA_NS}}}allowMergeFieldsInBody").text = "yes"
    elif change == "field of another type":
        etree.SubElement(record, f"{{{METADATA_NS}}}providerName").text = "Natterbox"
    elif change == "record without xsi:type":
        del record.attrib[f"{{{XSI_NS}}}type"]
    elif change == "fault without faultcode":
        return (
            f'<soapenv:Envelope xmlns:soapenv="{SOAP_ENV}"><soapenv:Body><soapenv:Fault>'
            "<faultstring>oops</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>"
        ).encode()
    return etree.tostring(root)


@pytest.mark.parametrize(
    "change",
    [
        "drop required label",
        "swap element order",
        "value outside the enum",
        "boolean that is not one",
        "field of another type",
        "record without xsi:type",
        "fault without faultcode",
    ],
)
def test_the_validator_rejects_an_invalid_body(demo: DemoOrg, recorded: RecordingServer, change: str) -> None:
    body = _read_body(demo, recorded)
    assert schema().validate_envelope(body) == [], "the untouched body is valid"
    assert schema().validate_envelope(_mutate(body, change)) != []


# -- every field of every type, generated from the WSDL -------------------------------------------------------
def _full_value(type_name: str, depth: int = 0) -> dict[str, Any]:
    """A value for every field of a complex type (two items for repeated ones), from the schema."""
    data: dict[str, Any] = {}
    for field in schema().fields(type_name):
        if schema().is_complex(field.type_name):
            if depth >= 3:
                continue
            make = lambda t=field.type_name: _full_value(t, depth + 1)  # noqa: E731
        elif field.builtin:
            kind = field.type_name
            make = {"boolean": lambda: True, "int": lambda: 7, "base64Binary": lambda: "ZGVtbw=="}.get(kind, lambda f=field: f"{f.name}-value")
        else:
            values = schema().enums[field.type_name]
            make = lambda v=values: v[-1]  # noqa: E731
        data[field.name] = [make(), make()] if field.repeated else make()
    return data


def _comparable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if v not in (None, [])}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


@pytest.mark.parametrize("mtype", sorted(TYPES))
def test_every_field_of_every_type_round_trips(demo: DemoOrg, recorded: RecordingServer, mtype: str) -> None:
    name = "ConversationalIntelligence" if TYPES[mtype].settings else "Full_Component"
    component = {**_full_value(mtype), "fullName": name}
    recorded.org.put_component(mtype, name, component)
    recorded.bodies.clear()
    read = getattr(demo.client(ADMIN_TOKEN).mdapi, mtype).read([name])
    (body,) = recorded.bodies
    assert schema().validate_envelope(body) == []
    # Every boolean is true here, so the auth provider's sendSecretInApis returns its secret.
    secrets = () if mtype == "AuthProvider" else SECRETS.get(mtype, ())
    assert _comparable(serialize_object(read, dict)) == _comparable(without(component, secrets))


# -- what the shipped scenarios seed -----------------------------------------------------------------------------
@pytest.mark.parametrize("scenario", list_scenarios())
def test_every_component_a_shipped_scenario_seeds_reads_back_valid(demo: DemoOrg, recorded: RecordingServer, scenario: str) -> None:
    """A scenario's components are served as they are stored, so they must fit the WSDL too."""
    org = load_scenario(scenario, instance_url=demo.server.instance_url)
    admin = next(u for u in org.iter_users() if org.has_permission(u["Id"], "ModifyAllData"))
    org.sessions[ADMIN_TOKEN] = Session(access_token=ADMIN_TOKEN, user_id=admin["Id"], client_id="metadata-tests", scopes=("api",))
    recorded.org = org
    md = demo.client(ADMIN_TOKEN).mdapi
    seen = 0
    for mtype in sorted(TYPES):
        query = "Settings" if TYPES[mtype].settings else mtype
        names = [p.fullName for p in md.list_metadata([md.ListMetadataQuery(type=query)])]
        for start in range(0, len(names), 10):
            records = getattr(md, mtype).read(names[start : start + 10])
            records = records if isinstance(records, list) else [records]
            assert [r.fullName for r in records] == names[start : start + 10]
            seen += len(records)
    assert seen >= 1
    invalid = [(i, _payload_name(b), p) for i, b in enumerate(recorded.bodies) if (p := schema().validate_envelope(b))]
    assert invalid == []
