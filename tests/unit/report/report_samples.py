"""A realistic guide and verification run for report tests and the report benchmark.

Modelled on the Natterbox ECI deployment guide (exact names from its source document), with
every status present, long values that must wrap, changes, manual confirmations, a preflight
and shared evidence. Built straight from the schema classes so report tests do not depend on
the guide data files.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from wizard.engine.changes import AppliedChange
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult, Evidence, Fix, Status
from wizard.engine.run_record import ManualConfirmation, PreflightItem, VerificationRun
from wizard.guides.schema import Guide, ManualStep, PageSpec, SettingSpec, SourceDocument

STARTED = datetime(2026, 11, 20, 14, 3, 7, tzinfo=UTC)
#: A fixed local zone, so local times in reports are the same on every machine.
ZONE = ZoneInfo("Europe/Paris")
MY_DOMAIN = "https://acme-corp.my.salesforce.com"
APP = {"api_name": "ECI_Connected_App", "label": "ECI Connected App"}
NC = "ECI_Named_Credential"
S3 = "NatterboxS3AWS"

APP_QUERY = Evidence(
    source="Tooling SOQL",
    detail="SELECT Id, DeveloperName, OptionsAllowAdminApprovedUsersOnly, OptionsRefreshTokenValidityMetric, "
    "OptionsIpRelaxation FROM ConnectedApplication WHERE DeveloperName = 'ECI_Connected_App'",
)
APP_READ = Evidence(source="Metadata readMetadata", detail="ConnectedApp ECI_Connected_App")
AUTH_READ = Evidence(source="Metadata readMetadata", detail="AuthProvider ECI_Auth_Provider")
NC_READ = Evidence(source="Metadata readMetadata", detail="NamedCredential ECI_Named_Credential, NatterboxS3AWS")
ORG_QUERY = Evidence(source="REST SOQL", detail="SELECT Id, Name, OrganizationType, IsSandbox, InstanceName FROM Organization")


def squash(text: str) -> str:
    """Text without any whitespace: PDF extraction breaks lines wherever a cell wraps."""
    return re.sub(r"\s+", "", text)


def _page(id: str, title: str, section: str, settings: list[SettingSpec], **kw) -> PageSpec:
    return PageSpec(
        id=id,
        title=title,
        source_section=section,
        summary=f"{title}: what the guide asks for on this page.",
        instructions=["Open the Setup page.", "Compare each setting with the guide."],
        setup_page=kw.pop("setup_page", "/lightning/setup/SetupOneHome/home"),
        settings=settings,
        **kw,
    )


def _s(sid: str, text: str, check: str | None = None, /, *, manual: ManualStep | None = None, **params) -> SettingSpec:
    fix = params.pop("fix", None)
    optional = params.pop("optional", False)
    return SettingSpec(id=sid, label=text, check=check, manual=manual, params=params, fix=fix, optional=optional)


def sample_guide() -> Guide:
    """Natterbox-like guide: nine pages, one without settings."""
    pages = [
        _page("before-you-start", "Before you start", "How to enable ECI", [
            _s("edition", "Salesforce edition", "org.edition", editions=["Performance Edition", "Unlimited Edition", "Developer Edition"], addon_editions=["Enterprise Edition"]),
            _s("my-domain", "My Domain", "org.my_domain"),
            _s("eci-enabled", "Einstein Conversation Insights enabled", "org.eci_enabled", fix="eci_settings"),
            _s("api-enabled", "API Enabled permission", "user.permission", permission="ApiEnabled", label="API Enabled"),
        ]),
        _page("media-provider", "CallCoachingMediaProvider record", "Adding the Metadata entry in Salesforce", [
            _s("record", "CallCoachingMediaProvider Natterbox", "media_provider.record", provider_name="Natterbox", active=True, fix="media_provider"),
        ]),
        _page("eci-connected-app", "ECI Connected App", "Add ECI connected App", [
            _s("exists", "Connected App ECI_Connected_App", "eci_app.exists", fix="eci_app", **APP),
            _s("callback-url", "Callback URL", "eci_app.callback_url", auth_provider="ECI_Auth_Provider", fix="eci_app", **APP),
            _s("scopes", "OAuth scopes", "eci_app.scopes", scopes=["content", "api", "web", "refresh_token", "offline_access"], fix="eci_app", **APP),
            _s("require-secret", "Require Secret for Web Server Flow and Refresh Token Flow", "eci_app.require_secret", web_server_flow=True, refresh_token_flow=True, fix="eci_app", **APP),
            _s("permitted-users", "Permitted Users", "eci_app.permitted_users", value="admin_approved", fix="eci_app", **APP),
            _s("ip-relaxation", "IP Relaxation", "eci_app.ip_relaxation", value="relax", fix="eci_app", **APP),
            _s("refresh-token-policy", "Refresh Token Policy", "eci_app.refresh_token_policy", value="expire_after", amount=365, unit="days", fix="eci_app", **APP),
            _s("profiles", "Profiles with access", "eci_app.profiles", recommended=["Standard User", "System Administrator"], optional=True, **APP),
            _s("consumer-details", "Consumer Key and Consumer Secret viewed", manual=ManualStep(
                do="In App Manager, view ECI Connected App, click Manage Consumer Details and verify your identity with the code Salesforce e-mails you.",
                confirm="You can see the Consumer Key and Consumer Secret of ECI Connected App.")),
        ]),
        _page("eci-auth-provider", "ECI Auth Provider", "Add ECI as an Authorized Provider", [
            _s("exists", "Auth. Provider ECI_Auth_Provider", "auth_provider.exists", developer_name="ECI_Auth_Provider", friendly_name="ECI Auth Provider", provider_type="Salesforce", fix="auth_provider"),
            _s("consumer-key", "Consumer Key", "auth_provider.consumer_key", developer_name="ECI_Auth_Provider", app_api_name="ECI_Connected_App", fix="auth_provider"),
            _s("scopes", "Default Scopes", "auth_provider.scopes", developer_name="ECI_Auth_Provider", scopes="content api web refresh_token offline_access", fix="auth_provider"),
        ]),
        _page("eci-named-credential", "ECI Named Credential", "Add ECI Named Credentials", [
            _s("exists", "Named Credential ECI_Named_Credential", "named_credential.exists", name=NC, label="ECI Named Credential", fix="named_credential"),
            _s("url", "URL", "named_credential.url", name=NC, my_domain=True, fix="named_credential"),
            _s("auth", "Authentication", "named_credential.auth", name=NC, principal_type="NamedPrincipal", protocol="Oauth", auth_provider="ECI_Auth_Provider", scope="content api web refresh_token offline_access", fix="named_credential"),
            _s("options", "Generate Authorization Header", "named_credential.options", name=NC, generate_authorization_header=True, fix="named_credential"),
            _s("authenticated", "Authentication Status", manual=ManualStep(
                do="Edit ECI Named Credential, tick Start Authentication Flow on Save, save, and authorize with an admin user.",
                confirm="Authentication Status reads Authenticated.")),
        ], setup_page="/lightning/setup/NamedCredential/home"),
        _page("natterbox-s3-named-credential", "AWS S3 named credential", "Add the AWS S3 Named Credentials", [
            _s("exists", "Named Credential NatterboxS3AWS", "named_credential.exists", name=S3, label=S3, fix="named_credential"),
            _s("url", "URL", "named_credential.url", name=S3, url="https://eci-prod.s3.eu-west-1.amazonaws.com/", fix="named_credential"),
            _s("aws", "AWS Region and Service", "named_credential.aws", name=S3, region="eu-west-1", service="s3", fix="named_credential"),
        ], setup_page="/lightning/setup/NamedCredential/home"),
        _page("eci-users", "ECI users", "Provide all users with the ECI permission set", [
            _s("assigned", "ECI permission set assigned", "permission_set.assigned", eci=True, fix="assign_permission_set"),
        ]),
        _page("recording-player", "Recording player on Voice Call", "Add the ECI player Salesforce component to the Voice Object", [
            _s("record-page", "Voice Call record page", "flexipage.record_page", sobject="VoiceCall"),
            _s("player", "Call Recording Player component", manual=ManualStep(
                do="Edit the Voice Call record page in Lightning App Builder and add the Call Recording Player component.",
                confirm="The Call Recording Player shows on a Voice Call record.")),
        ]),
        _page("troubleshooting", "Troubleshooting", "FAQs", []),
    ]
    return Guide(
        id="natterbox",
        title="Natterbox ECI Deployment Guide",
        provider="Natterbox",
        source=SourceDocument(file="000_0905a9a90d8bac68.txt", title="24.2. ECI Deployment Guide", publisher="Natterbox", date="19 Jun 2024"),
        summary="Connect Natterbox call recordings to Einstein Conversation Insights.",
        fits_when="Your calls run through Natterbox.",
        minutes=45,
        you_need=["A Salesforce admin user", "The AWS keys Natterbox gives you"],
        pages=pages,
    )


def _r(page: str, check: str, setting: str, status: Status, expected: str, observed: str, *, message: str = "",
       evidence: tuple[Evidence, ...] = (), fix: Fix | None = None) -> CheckResult:
    return CheckResult(guide_id="natterbox", page_id=page, check_id=check, setting=setting, status=status,
                       expected=expected, observed=observed, message=message, evidence=evidence, fix=fix)


def sample_results() -> list[CheckResult]:
    P, F, W, M, E = Status.PASS, Status.FAIL, Status.WARN, Status.MANUAL, Status.ERROR
    nc_fix = Fix(hint="Let the wizard update the named credential, or edit it in Setup.", setup_page="/lightning/setup/NamedCredential/home", fix_name="named_credential")
    app_fix = Fix(hint="Let the wizard update the app's OAuth policies, or edit them in App Manager.", setup_page="/lightning/setup/NavigationMenus/home", fix_name="eci_app")
    return [
        _r("before-you-start", "edition", "Salesforce edition", P, "Performance, Unlimited or Developer Edition (Enterprise Edition at extra cost)", "Unlimited Edition", evidence=(ORG_QUERY,)),
        _r("before-you-start", "my-domain", "My Domain", P, "A My Domain URL", MY_DOMAIN, evidence=(ORG_QUERY,)),
        _r("before-you-start", "eci-enabled", "Einstein Conversation Insights enabled", F, "enableCallCoaching = true", "enableCallCoaching = false",
           message="Einstein Conversation Insights is switched off in this org.",
           evidence=(Evidence(source="Metadata readMetadata", detail="ConversationalIntelligenceSettings"),),
           fix=Fix(hint="Turn on Einstein Conversation Insights in Setup, or let the wizard do it.", setup_page="/lightning/setup/ConversationInsightsSettings/home", fix_name="eci_settings")),
        _r("before-you-start", "api-enabled", "API Enabled permission", P, "API Enabled", "Held through profile System Administrator",
           evidence=(Evidence(source="REST SOQL", detail="SELECT PermissionsApiEnabled FROM UserPermissionAccess"),)),
        _r("media-provider", "record", "CallCoachingMediaProvider Natterbox", P, "providerName Natterbox, isActive true", "providerName Natterbox, isActive true",
           evidence=(Evidence(source="REST SOQL", detail="SELECT Id, ProviderName, IsActive FROM CallCoachingMediaProvider WHERE ProviderName = 'Natterbox'"),)),
        _r("eci-connected-app", "exists", "Connected App ECI_Connected_App", P, "ECI_Connected_App exists", "ECI_Connected_App (Id 0H4Hs000000TJQ3KAO)", evidence=(APP_QUERY,)),
        _r("eci-connected-app", "callback-url", "Callback URL", F,
           f"{MY_DOMAIN}/services/authcallback/ECI_Auth_Provider",
           "https://dummy_url/services/authcallback/ECI_Auth_Provider",
           message="The callback URL is still the guide's placeholder; Salesforce will refuse the OAuth redirect.",
           evidence=(APP_READ,), fix=app_fix),
        _r("eci-connected-app", "scopes", "OAuth scopes", P, "content, api, web, refresh_token, offline_access", "content, api, web, refresh_token, offline_access", evidence=(APP_READ,)),
        _r("eci-connected-app", "require-secret", "Require Secret for Web Server Flow and Refresh Token Flow", P, "both selected", "both selected", evidence=(APP_READ,)),
        _r("eci-connected-app", "permitted-users", "Permitted Users", P, "Admin approved users are pre-authorized", "Admin approved users are pre-authorized", evidence=(APP_QUERY,)),
        _r("eci-connected-app", "ip-relaxation", "IP Relaxation", P, "Relax IP restrictions", "Relax IP restrictions", evidence=(APP_QUERY,)),
        _r("eci-connected-app", "refresh-token-policy", "Refresh Token Policy", F, "Expire refresh token after 365 days", "Refresh token is valid until revoked",
           evidence=(APP_QUERY,), fix=app_fix),
        _r("eci-connected-app", "profiles", "Profiles with access", W, "Standard User, System Administrator", "System Administrator",
           message="Users on the Standard User profile will not be able to use ECI.", evidence=(APP_QUERY,)),
        _r("eci-connected-app", "consumer-details", "Consumer Key and Consumer Secret viewed", M, "You can see the Consumer Key and Consumer Secret of ECI Connected App.", ""),
        _r("eci-auth-provider", "exists", "Auth. Provider ECI_Auth_Provider", P, "ECI_Auth_Provider of type Salesforce", "ECI_Auth_Provider (Salesforce)", evidence=(AUTH_READ,)),
        _r("eci-auth-provider", "consumer-key", "Consumer Key", E, "The Consumer Key of ECI_Connected_App", "",
           message="The auth provider could not be read: the Metadata API answered INVALID_SESSION_ID (the session expired during the run).",
           evidence=(AUTH_READ,), fix=Fix(hint="Sign in again and re-run the verification.")),
        _r("eci-auth-provider", "scopes", "Default Scopes", P, "content api web refresh_token offline_access", "content api web refresh_token offline_access", evidence=(AUTH_READ,)),
        _r("eci-named-credential", "exists", "Named Credential ECI_Named_Credential", P, "ECI_Named_Credential exists", "ECI_Named_Credential", evidence=(NC_READ,)),
        _r("eci-named-credential", "url", "URL", P, MY_DOMAIN, MY_DOMAIN, evidence=(NC_READ,)),
        _r("eci-named-credential", "auth", "Authentication", P, "Named Principal, OAuth 2.0, ECI_Auth_Provider, scope content api web refresh_token offline_access",
           "Named Principal, OAuth 2.0, ECI_Auth_Provider, scope content api web refresh_token offline_access", evidence=(NC_READ,)),
        _r("eci-named-credential", "options", "Generate Authorization Header", P, "selected", "selected", evidence=(NC_READ,)),
        _r("eci-named-credential", "authenticated", "Authentication Status", M, "Authentication Status reads Authenticated.", ""),
        _r("natterbox-s3-named-credential", "exists", "Named Credential NatterboxS3AWS", P, "NatterboxS3AWS exists", "NatterboxS3AWS", evidence=(NC_READ,)),
        _r("natterbox-s3-named-credential", "url", "URL", F, "https://eci-prod.s3.eu-west-1.amazonaws.com/",
           "https://eci-prod.s3.eu-west-1.amazonaws.com/recordings/a-very-long-path-segment-that-nobody-should-have-typed-here/and-another-one/",
           evidence=(NC_READ,), fix=nc_fix),
        _r("natterbox-s3-named-credential", "aws", "AWS Region and Service", P, "eu-west-1, s3", "eu-west-1, s3", evidence=(NC_READ,)),
        _r("eci-users", "assigned", "ECI permission set assigned", P, "At least one active user holds an ECI permission set", "14 active users hold Conversation Insights",
           evidence=(Evidence(source="REST SOQL", detail="SELECT COUNT() FROM PermissionSetAssignment WHERE PermissionSet.PermissionsCallCoachingUser = true AND Assignee.IsActive = true"),)),
        _r("recording-player", "record-page", "Voice Call record page", W, "A Lightning record page for VoiceCall", "Only the default page is in use",
           message="Without a custom record page there is nowhere to place the player.",
           evidence=(Evidence(source="Tooling SOQL", detail="SELECT Id, DeveloperName FROM FlexiPage WHERE EntityDefinitionId = 'VoiceCall'"),)),
        _r("recording-player", "player", "Call Recording Player component", M, "The Call Recording Player shows on a Voice Call record.", ""),
    ]


def sample_org() -> OrgFacts:
    return OrgFacts(
        org_id="00D5g000004ABCDEA2", name="Acme Corporation", edition="Unlimited Edition", is_sandbox=False,
        instance_name="EU44", instance_url=MY_DOMAIN, my_domain_url=MY_DOMAIN, api_version="66.0",
        username="admin@acme-corp.com", user_id="0055g00000AbCdEAAV", user_display_name="Dana Admin",
    )


def sample_run(results: list[CheckResult] | None = None) -> VerificationRun:
    t = STARTED
    return VerificationRun(
        guide_id="natterbox",
        wizard_version="0.1.0",
        org=sample_org(),
        started=t,
        finished=t + timedelta(seconds=9, milliseconds=400),
        results=tuple(sample_results() if results is None else results),
        changes=(
            AppliedChange(target="CallCoachingMediaProvider Natterbox", setting="isActive", before="false", after="true", at=t - timedelta(minutes=12), by="admin@acme-corp.com", backup_id="bk-20261120-1351"),
            AppliedChange(target="NamedCredential ECI_Named_Credential", setting="URL", before="https://your_domain", after=MY_DOMAIN, at=t - timedelta(minutes=8), by="admin@acme-corp.com", backup_id="bk-20261120-1355"),
        ),
        confirmations=(
            ManualConfirmation(page_id="eci-connected-app", setting_id="consumer-details", by="Dana Admin (admin@acme-corp.com)", at=t - timedelta(minutes=20), note="Seen after e-mail verification."),
        ),
        preflight=(
            PreflightItem(name="Signed-in user can customize the application", status=Status.PASS, observed="Customize Application: yes", expected="Customize Application"),
            PreflightItem(name="API version", status=Status.PASS, observed="66.0", expected="59.0 or later"),
            PreflightItem(name="Approve Uninstalled Connected Apps", status=Status.WARN, observed="not held", expected="held",
                          message="Needed to authorize a connected app that is not installed in the org."),
        ),
        requests_made=7,
    )


def big_run(copies: int = 3) -> tuple[Guide, VerificationRun]:
    """The sample repeated `copies` times (pages renamed), to force many page breaks."""
    guide = sample_guide()
    pages, results = [], []
    for n in range(copies):
        for page in guide.pages:
            pages.append(page.model_copy(update={"id": f"{page.id}-{n}", "title": f"{page.title} ({n + 1})"}))
        results += [r.model_copy(update={"page_id": f"{r.page_id}-{n}"}) for r in sample_results()]
    big = guide.model_copy(update={"pages": pages})
    return big, sample_run(results)


def showcase_run() -> VerificationRun:
    """A nearly finished setup (the README's pictures): mostly passing, two failures, a warning,
    one manual step confirmed and two still open."""
    keep = {("eci-connected-app", "callback-url"), ("natterbox-s3-named-credential", "url"), ("eci-connected-app", "profiles")}
    results = [
        r if r.status in (Status.PASS, Status.MANUAL) or (r.page_id, r.check_id) in keep
        else r.model_copy(update={"status": Status.PASS, "observed": r.expected, "message": "", "fix": None})
        for r in sample_results()
    ]
    return sample_run(results)


def main(argv: list[str] | None = None) -> int:
    """Write the showcase report (JSON, HTML, PDF) to a folder: ``python -m
    tests.unit.report.report_samples OUT [--paper A4|Letter]``; then ``pdftoppm -png -r 70``."""
    import argparse
    from pathlib import Path

    from wizard.report import build_report
    from wizard.report.export import export

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--paper", default="A4")
    args = parser.parse_args(argv)
    report = build_report(sample_guide(), showcase_run(), now=STARTED + timedelta(seconds=12), zone=ZONE)
    out: Path = args.out
    result = export(report, json=out / "report.json", html=out / "report.html", pdf=out / "report.pdf", paper=args.paper)
    print(f"wrote {out}/report.{{json,html,pdf}}; SHA-256 of the JSON {result.json_sha256}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
