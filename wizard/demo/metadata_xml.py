"""Converting between Metadata API SOAP XML and the demo org's component dicts.

Both directions are driven by the WSDL's schema (`wizard.demo.metadata_schema`), never by
per-type templates: element order follows the ``xsd:sequence`` (base type first), repeated
elements become lists, booleans/ints/doubles become Python values, enumerations are checked,
and polymorphic ``Metadata`` values carry ``xsi:type``. A new field in a newer WSDL therefore
works in both directions without touching this module.

Component dicts use the WSDL's element names; repeated elements are always lists, nested complex
values are dicts, absent fields are omitted. Request XML the schema does not allow is reported as
`SoapClientError`, which the handler answers with a ``soapenv:Client`` fault, as Salesforce does
when it cannot deserialize a request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree

from wizard.demo.metadata_schema import METADATA_NS, SOAP_ENV, XSI_NS, schema
from wizard.demo.protocol import DemoResponse

_MD = f"{{{METADATA_NS}}}"
_XSI_TYPE = f"{{{XSI_NS}}}type"
_XSI_NIL = f"{{{XSI_NS}}}nil"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False)
_INTS = {"int", "long", "short", "integer", "byte"}
_FLOATS = {"double", "float", "decimal"}


class SoapClientError(Exception):
    """The request cannot be read as a Metadata API call (answered with a soapenv:Client fault)."""


@dataclass(frozen=True)
class SoapCall:
    """One Metadata API call as parsed from its envelope."""

    operation: str  # local name of the body element, e.g. "readMetadata"
    element: etree._Element
    session_id: str | None
    all_or_none: bool


@dataclass(frozen=True)
class Typed:
    """A value to serialize with an explicit ``xsi:type`` (a record inside ReadResult)."""

    type_name: str
    data: dict[str, Any]


# -- requests ---------------------------------------------------------------------------------------
def parse_call(body: bytes) -> SoapCall:
    """The operation, its body element and the SOAP headers that matter."""
    try:
        root = etree.fromstring(body, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise SoapClientError(f"The request is not well-formed XML: {exc}") from None
    if root.tag != f"{{{SOAP_ENV}}}Envelope":
        raise SoapClientError(f"Expected a SOAP 1.1 Envelope, found {root.tag}")
    soap_body = root.find(f"{{{SOAP_ENV}}}Body")
    payload = [c for c in soap_body if isinstance(c.tag, str)] if soap_body is not None else []
    if len(payload) != 1 or not payload[0].tag.startswith(_MD):
        raise SoapClientError("The SOAP Body must hold exactly one Metadata API operation element")
    header = root.find(f"{{{SOAP_ENV}}}Header")
    session_id = None
    all_or_none = False
    if header is not None:
        session_id = header.findtext(f"{_MD}SessionHeader/{_MD}sessionId")
        all_or_none = (header.findtext(f"{_MD}AllOrNoneHeader/{_MD}allOrNone") or "").strip() in ("true", "1")
    return SoapCall(etree.QName(payload[0]).localname, payload[0], (session_id or "").strip() or None, all_or_none)


def texts(element: etree._Element, name: str) -> list[str]:
    """Text of every direct child element called `name` (e.g. readMetadata's fullNames)."""
    return [(c.text or "").strip() for c in element.findall(f"{_MD}{name}")]


def component_from_xml(element: etree._Element, declared: str = "Metadata") -> tuple[str, dict[str, Any]]:
    """(type name, component dict) of a ``metadata`` element, honouring its ``xsi:type``."""
    type_name = _xsi_type(element) or declared
    if not schema().is_complex(type_name) or not schema().derives_from(type_name, declared):
        raise SoapClientError(f"Unknown type {type_name!r} for an element of type {declared}")
    return type_name, _complex_from_xml(element, type_name)


def _complex_from_xml(element: etree._Element, type_name: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for child in element:
        if not isinstance(child.tag, str):
            continue
        qname = etree.QName(child)
        field = schema().field(type_name, qname.localname) if qname.namespace == METADATA_NS else None
        if field is None:
            raise SoapClientError(f"Element {child.tag} invalid at this location in type {type_name}")
        if child.get(_XSI_NIL) in ("true", "1"):
            continue
        if schema().is_complex(field.type_name):
            sub_type = _xsi_type(child) or field.type_name
            if not schema().derives_from(sub_type, field.type_name):
                raise SoapClientError(f"Type {sub_type} is not a {field.type_name} (element {qname.localname})")
            value: Any = _complex_from_xml(child, sub_type)
        else:
            value = _simple_from_text(child.text or "", field.type_name, field.builtin)
            if value == "":
                continue  # Salesforce treats an empty string as "no value"
        if field.repeated:
            out.setdefault(field.name, []).append(value)
        elif field.name in out:
            raise SoapClientError(f"Element {child.tag} may appear only once in type {type_name}")
        else:
            out[field.name] = value
    return out


def _simple_from_text(text: str, type_name: str, builtin: bool) -> Any:
    kind = type_name if builtin else schema().simple_kind(type_name)
    value = text.strip() if kind != "string" else text
    enum = None if builtin else schema().enums.get(type_name)
    if enum is not None and value != "" and value not in enum:
        raise SoapClientError(f"'{value}' is not a valid value for the enum '{type_name}'")
    try:
        if kind == "boolean":
            if value in ("true", "1"):
                return True
            if value in ("false", "0"):
                return False
            raise ValueError
        if kind in _INTS:
            return int(value)
        if kind in _FLOATS:
            return float(value)
    except ValueError:
        raise SoapClientError(f"'{value}' is not a valid value for the type xsd:{kind}") from None
    return value


def _xsi_type(element: etree._Element) -> str | None:
    raw = element.get(_XSI_TYPE)
    if not raw:
        return None
    prefix, _, local = raw.strip().rpartition(":")
    namespace = element.nsmap.get(prefix or None)
    if namespace != METADATA_NS:
        raise SoapClientError(f"xsi:type {raw!r} is not a Metadata API type")
    return local


# -- responses ---------------------------------------------------------------------------------------
def to_xml(parent: etree._Element, tag: str, type_name: str, data: dict[str, Any] | Typed) -> etree._Element:
    """Append `data` under `parent` as element `tag` of complex type `type_name`, in schema order."""
    element = etree.SubElement(parent, f"{_MD}{tag}")
    if isinstance(data, Typed):
        element.set(_XSI_TYPE, data.type_name)  # the envelope maps the default namespace to Metadata
        type_name, data = data.type_name, data.data
    for field in schema().fields(type_name):
        value = data.get(field.name)
        if value is None:
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            if schema().is_complex(field.type_name):
                to_xml(element, field.name, field.type_name, item)
            else:
                etree.SubElement(element, f"{_MD}{field.name}").text = _text(item)
    return element


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def envelope(operation: str, results: list[tuple[str, dict[str, Any] | Typed]] | None = None) -> DemoResponse:
    """The ``<operation>Response`` envelope holding `results` as (type name, value) pairs."""
    root = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soapenv": SOAP_ENV, None: METADATA_NS, "xsi": XSI_NS})
    body = etree.SubElement(root, f"{{{SOAP_ENV}}}Body")
    response = etree.SubElement(body, f"{_MD}{operation}Response")
    for type_name, value in results or []:
        to_xml(response, "result", type_name, value)
    return DemoResponse.xml(etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode("utf-8"))


def client_fault(message: str) -> DemoResponse:
    """The fault Salesforce sends when it cannot deserialize a request (faultcode soapenv:Client)."""
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<soapenv:Envelope xmlns:soapenv="{SOAP_ENV}">'
        "<soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode>"
        f"<faultstring>{escape(message)}</faultstring>"
        "</soapenv:Fault></soapenv:Body></soapenv:Envelope>"
    )
    return DemoResponse.xml(body, 500)
