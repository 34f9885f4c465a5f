"""Hand-built profiles and results for the unit tests (no org, no network)."""

from __future__ import annotations

from datetime import UTC, datetime

from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult, Status
from wizard.profiles.model import (
    CapturedSetting,
    EnvironmentValue,
    Inventory,
    NamedItem,
    SetupProfile,
    SourceOrg,
)

SANDBOX_URL = "https://acme--uat.sandbox.my.salesforce.com"
PRODUCTION_URL = "https://acme.my.salesforce.com"


def facts(sandbox: bool = False, url: str = PRODUCTION_URL, org_id: str = "00D000000000002AAA") -> OrgFacts:
    return OrgFacts(org_id=org_id, name="Acme", edition="Enterprise Edition", is_sandbox=sandbox, instance_url=url,
                    my_domain_url=url, api_version="63.0", username="admin@acme.example")


def setting(id: str, check: str | None, value: str = "", status: Status = Status.PASS, portable: str | None = None,
            depends_on: list[str] | None = None, page: str = "eci-named-credential") -> CapturedSetting:
    return CapturedSetting(id=id, page=page, label=id, kind="check" if check else "manual", check=check, status=status,
                           value=value, portable=value if portable is None else portable, depends_on=depends_on or [])


def profile(settings: list[CapturedSetting] | None = None, guide: str = "ringcentral", inventory: Inventory | None = None,
            sign_in_app: str = "PlatformCLI") -> SetupProfile:
    return SetupProfile(
        wizard_version="0.1.0",
        guide=guide,
        captured_at=datetime(2026, 11, 1, 10, 0, tzinfo=UTC),
        source=SourceOrg(org_id="00D000000000001AAA", name="Acme", environment="Sandbox", edition="Enterprise Edition",
                         instance_url=SANDBOX_URL, my_domain_url=SANDBOX_URL, sign_in_app=sign_in_app),
        environment=[
            EnvironmentValue(key="my_domain_url", label="My Domain URL", value=SANDBOX_URL, derive="target", how="From the target org."),
            EnvironmentValue(key="ringcentral_environment", label="RingCentral app environment", value="sandbox", derive="choice",
                             choices=["sandbox", "production"], suggested="production", how="Asked at graduation."),
        ],
        settings=settings or [],
        inventory=inventory or Inventory(
            eci_app_kind="Connected App", packages=["Voice Connector"],
            permission_set_licenses=[NamedItem(name="ConversationInsightsPsl", label="Einstein Conversation Insights")],
            permission_sets=[NamedItem(name="VoiceConnectorPermission", label="Voice Connector Permission")],
            external_client_apps=["Acme_SignIn"],
        ),
    )


def result(id: str, observed: str, status: Status = Status.PASS, page: str = "eci-named-credential", message: str = "") -> CheckResult:
    return CheckResult(guide_id="ringcentral", page_id=page, check_id=id, setting=id, status=status, observed=observed, message=message)
