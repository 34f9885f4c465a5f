"""Pure check logic on hand-built snapshots: the judgement rules, without any network."""

from __future__ import annotations

from wizard.checks.app_view import (
    connected_app_read,
    eca_reads,
    from_connected_app,
    from_external_client_app,
)
from wizard.checks.auth_provider import AUTH_PROVIDERS
from wizard.checks.common import normalise_scopes
from wizard.checks.named_credential import NAMED_CREDENTIALS
from wizard.checks.registry import CheckContext, get_check
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import Status
from wizard.engine.snapshot import OrgSnapshot, ReadFailure

FACTS = OrgFacts(
    org_id="00D000000000001AAA",
    name="Acme",
    edition="Enterprise Edition",
    is_sandbox=False,
    instance_url="https://acme.my.salesforce.com",
    my_domain_url="https://acme.my.salesforce.com",
    api_version="63.0",
    user_id="005000000000001AAA",
)
APP = {"api_name": "ECI_Connected_App", "label": "ECI Connected App"}
GOOD_APP = {
    "fullName": "ECI_Connected_App",
    "label": "ECI Connected App",
    "oauthConfig": {
        "callbackUrl": "https://acme.my.salesforce.com/services/authcallback/ECI_Auth_Provider",
        "scopes": ["Content", "Api", "Web", "RefreshToken", "OfflineAccess"],
        "isConsumerSecretOptional": False,
        "isSecretRequiredForRefreshToken": True,
        "isAdminApproved": True,
        "consumerKey": "3MVG9demo",
    },
    "oauthPolicy": {"ipRelaxation": "BYPASS", "refreshTokenPolicy": "specific_lifetime:365:DAYS"},
    "profileName": ["Standard User", "System Administrator"],
}


def judge(name: str, params: dict, snapshot: OrgSnapshot):
    return get_check(name).judge(CheckContext(snapshot, params))


def app_snapshot(component: dict | None) -> OrgSnapshot:
    rows = [{"Id": "0H4000000000001", "Name": "ECI Connected App"}] if component else []
    components = {("ConnectedApp", "ECI_Connected_App"): component}
    if component is None:  # the reader then reads the External Client App's settings instead
        components |= {(m.mtype, m.names[0]): None for m in eca_reads("ECI_Connected_App")}
    return OrgSnapshot(facts=FACTS, queries={connected_app_read("ECI Connected App"): rows}, components=components)


def test_scopes_are_compared_after_salesforce_normalisation() -> None:
    assert normalise_scopes("content api web refresh_token offline_access") == normalise_scopes(
        ["Content", "Api", "Web", "RefreshToken"]
    )
    assert normalise_scopes("refresh_token web api content") == normalise_scopes("content api web offline_access")
    assert normalise_scopes("api") != normalise_scopes("api web")


def test_a_correct_connected_app_passes_every_setting() -> None:
    snap = app_snapshot(GOOD_APP)
    for name, extra in [
        ("eci_app.exists", {}),
        ("eci_app.callback_url", {"auth_provider": "ECI_Auth_Provider"}),
        ("eci_app.scopes", {"scopes": ["content", "api", "web", "refresh_token", "offline_access"]}),
        ("eci_app.require_secret", {"web_server_flow": True, "refresh_token_flow": True}),
        ("eci_app.permitted_users", {"value": "admin_approved"}),
        ("eci_app.ip_relaxation", {"value": "relax"}),
        ("eci_app.refresh_token_policy", {"value": "expire_after", "amount": 365, "unit": "days"}),
        ("eci_app.profiles", {"recommended": ["Standard User", "System Administrator"]}),
    ]:
        verdict = judge(name, {**APP, **extra}, snap)
        assert verdict.status == Status.PASS, (name, verdict)


def test_the_dummy_callback_url_fails_with_the_value_seen() -> None:
    app = {**GOOD_APP, "oauthConfig": {**GOOD_APP["oauthConfig"], "callbackUrl": "https://dummy_url/services/authcallback/ECI_Auth_Provider"}}
    verdict = judge("eci_app.callback_url", {**APP, "auth_provider": "ECI_Auth_Provider"}, app_snapshot(app))
    assert verdict.status == Status.FAIL
    assert "dummy_url" in verdict.observed
    assert verdict.expected == "https://acme.my.salesforce.com/services/authcallback/ECI_Auth_Provider"


def test_refresh_policy_and_ip_relaxation_say_what_differs() -> None:
    app = {**GOOD_APP, "oauthPolicy": {"ipRelaxation": "ENFORCE", "refreshTokenPolicy": "infinite"}}
    snap = app_snapshot(app)
    ip = judge("eci_app.ip_relaxation", {**APP, "value": "relax"}, snap)
    assert (ip.status, ip.observed) == (Status.FAIL, "Enforce IP restrictions")
    policy = judge("eci_app.refresh_token_policy", {**APP, "value": "expire_after", "amount": 365, "unit": "days"}, snap)
    assert policy.status == Status.FAIL
    assert policy.expected == "Expire refresh token after 365 days"


def test_missing_app_fails_and_explains_external_client_apps() -> None:
    verdict = judge("eci_app.exists", APP, app_snapshot(None))
    assert verdict.status == Status.FAIL
    assert "External Client App" in verdict.message


def test_an_external_client_app_reads_like_the_connected_app() -> None:
    view = from_external_client_app(
        "ECI_Connected_App",
        {"callbackUrl": "https://x/services/authcallback/ECI_Auth_Provider", "isConsumerSecretOptional": False,
         "isSecretRequiredForRefreshToken": True, "consumerKey": "k"},
        {"commaSeparatedOauthScopes": "Api, Web, Content, RefreshToken"},
        {"permittedUsersPolicyType": "AdminApprovedPreAuthorized", "ipRelaxationPolicyType": "Bypass",
         "refreshTokenPolicyType": "SpecificLifetime", "refreshTokenValidityPeriod": 365,
         "refreshTokenValidityUnit": "Days", "commaSeparatedProfile": "Standard User, System Administrator"},
    )
    same = from_connected_app("ECI_Connected_App", GOOD_APP)
    assert normalise_scopes(view.scopes) == normalise_scopes(same.scopes)
    assert view.refresh_policy == same.refresh_policy
    assert (view.ip_relaxation, view.admin_approved, view.profiles) == (same.ip_relaxation, same.admin_approved, same.profiles)


def test_lambda_url_with_trailing_slash_fails() -> None:
    row = {"DeveloperName": "AwsGenerateAudioRecordingURL", "Endpoint":
           "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/sfGenerateAudioRecordingStreaming-X/invocations/"}
    snap = OrgSnapshot(facts=FACTS, queries={NAMED_CREDENTIALS: [row]})
    verdict = judge("named_credential.url", {"name": "AwsGenerateAudioRecordingURL", "lambda_invocations": True}, snap)
    assert verdict.status == Status.FAIL and "slash" in verdict.message
    fixed = OrgSnapshot(facts=FACTS, queries={NAMED_CREDENTIALS: [{**row, "Endpoint": row["Endpoint"].rstrip("/")}]})
    assert judge("named_credential.url", {"name": "AwsGenerateAudioRecordingURL", "lambda_invocations": True}, fixed).status == Status.PASS


def test_ringcentral_endpoints_must_all_belong_to_one_environment() -> None:
    envs = {
        "sandbox": {"authorize_url": "https://platform.devtest.ringcentral.com/restapi/oauth/authorize",
                    "token_url": "https://platform.devtest.ringcentral.com/restapi/oauth/token"},
        "production": {"authorize_url": "https://platform.ringcentral.com/restapi/oauth/authorize",
                       "token_url": "https://platform.ringcentral.com/restapi/oauth/token"},
    }
    mixed = {"DeveloperName": "Ring_Central", "AuthorizeUrl": envs["sandbox"]["authorize_url"], "TokenUrl": envs["production"]["token_url"]}
    snap = OrgSnapshot(facts=FACTS, queries={AUTH_PROVIDERS: [mixed]})
    assert judge("auth_provider.endpoints", {"developer_name": "Ring_Central", "environments": envs}, snap).status == Status.FAIL
    good = {**mixed, "TokenUrl": envs["sandbox"]["token_url"]}
    verdict = judge("auth_provider.endpoints", {"developer_name": "Ring_Central", "environments": envs},
                    OrgSnapshot(facts=FACTS, queries={AUTH_PROVIDERS: [good]}))
    assert verdict.status == Status.PASS and verdict.expected == "sandbox: " + ", ".join(envs["sandbox"].values())


def test_a_failed_read_becomes_an_error_result_not_a_crash() -> None:
    from wizard.engine.runner import judge_setting
    from wizard.guides.schema import Guide, PageSpec, SettingSpec, SourceDocument

    setting = SettingSpec(id="nc", label="ECI Named Credential", check="named_credential.exists", params={"name": "ECI_Named_Credential"})
    page = PageSpec(id="p", title="P", source_section="S", summary="s", instructions=["x"], settings=[setting])
    guide = Guide(id="g", title="G", provider="P", source=SourceDocument(file="f", title="t", publisher="p"),
                  summary="s", fits_when="w", minutes=1, you_need=["x"], pages=[page])
    snap = OrgSnapshot(facts=FACTS, queries={NAMED_CREDENTIALS: ReadFailure("The signed-in user may not read this.", "INSUFFICIENT_ACCESS")})
    result = judge_setting(guide, page, setting, snap)
    assert result.status == Status.ERROR
    assert result.message == "The signed-in user may not read this."
    assert result.evidence[0].source == "Tooling API query"


def test_an_org_without_my_domain_fails_with_the_instance_url_it_answers_at() -> None:
    pod = FACTS.model_copy(update={"my_domain_url": "https://na85.salesforce.com", "has_my_domain": False})
    verdict = judge("org.my_domain", {}, OrgSnapshot(facts=pod, queries={}, components={}))
    assert verdict.status == Status.FAIL
    assert "https://na85.salesforce.com" in str(verdict.observed)
    assert judge("org.my_domain", {}, OrgSnapshot(facts=FACTS, queries={}, components={})).status == Status.PASS
