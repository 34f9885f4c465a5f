"""A check states the guide's value even when the thing it belongs to does not exist yet.

Run against the demo org's ``fresh`` scenario over HTTPS with the real clients: nothing is set
up, so every ECI app, auth provider, named credential and site setting fails as "(missing)". The
report must still say what each one should be (the callback URL, the scopes, the profiles...),
and it must be the very value the check compares once the thing exists.
"""

from __future__ import annotations

import pytest

from tests.integration.verify.support import connected
from wizard.checks.registry import CheckContext, get_check
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import Status
from wizard.engine.snapshot import OrgSnapshot
from wizard.guides.loader import load_guide
from wizard.report import build_report
from wizard.salesforce.verify import verify_guide

VAGUE = {"", "present", "As the guide describes"}


@pytest.mark.parametrize("guide_id", ["natterbox", "aircall", "ringcentral"])
def test_a_fresh_org_report_says_what_every_setting_should_be(guide_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide(guide_id)
    with connected("fresh", monkeypatch) as org:
        run = verify_guide(org.connection, guide, org.facts)
    report = build_report(guide, run)
    vague = [(r.number, r.setting, r.expected) for p in report.pages for r in p.rows if r.expected.strip() in VAGUE]
    assert vague == []
    # The checks' own statement of their expected values.
    from wizard.checks.registry import describe_check

    settings = {(p.id, s.id): s for p, s in guide.settings()}
    missing = [r for r in run.results if r.observed == "(missing)"]
    assert len(missing) >= 10
    for result in missing:
        setting = settings[(result.page_id, result.check_id)]
        assert result.expected == describe_check(setting.check, setting.params, org.facts), result.check_id
    rows = {r.setting_id: r for p in report.pages for r in p.rows}
    my_domain = org.facts.my_domain_url.rstrip("/")
    assert rows["eci-app.callback-url"].expected == f"{my_domain}/services/authcallback/ECI_Auth_Provider"
    assert rows["eci-app.scopes"].expected == "content, api, web, refresh_token, offline_access"
    assert rows["eci-app.profiles"].expected == "Standard User, System Administrator"
    assert rows["eci-app.refresh-token-policy"].expected == "Expire refresh token after 365 days"


def test_the_expected_value_of_a_missing_app_is_the_one_compared_once_it_exists() -> None:
    """The same check, with the app present and wrong, shows the same expected value as when it was missing."""
    from wizard.checks.app_view import connected_app_read

    facts = OrgFacts(org_id="00D000000000001", name="Acme", edition="Unlimited Edition", is_sandbox=True,
                     instance_url="https://acme.my.salesforce.com", my_domain_url="https://acme.my.salesforce.com",
                     has_my_domain=True, api_version="63.0", username="a@b.c", user_id="005000000000001")
    params = {"api_name": "ECI_Connected_App", "label": "ECI Connected App", "value": "relax"}
    read = connected_app_read("ECI Connected App")
    empty = OrgSnapshot(facts=facts, queries={read: []}, components={
        ("ExtlClntAppGlobalOauthSettings", "ECI_Connected_App_glbloauth"): None})
    present = OrgSnapshot(facts=facts, queries={read: [{"Id": "0H4"}]},
                          components={("ConnectedApp", "ECI_Connected_App"): {"fullName": "ECI_Connected_App",
                                                                              "oauthConfig": {"callbackUrl": "https://x"},
                                                                              "oauthPolicy": {"ipRelaxation": "ENFORCE"}}})
    judge = get_check("eci_app.ip_relaxation").judge
    missing, wrong = judge(CheckContext(empty, params)), judge(CheckContext(present, params))
    assert missing.status is Status.FAIL and missing.observed == "(missing)"
    assert wrong.status is Status.FAIL and wrong.observed != "(missing)"
    assert missing.expected == wrong.expected == "Relax IP restrictions"


def test_a_developer_org_is_a_warning_when_the_guide_names_only_the_sources_editions() -> None:
    facts = OrgFacts(org_id="00D000000000001", name="Dev", edition="Developer Edition", is_sandbox=False,
                     instance_url="https://dev.my.salesforce.com", my_domain_url="https://dev.my.salesforce.com",
                     has_my_domain=True, api_version="63.0", username="a@b.c", user_id="005000000000001")
    params = {"editions": ["Performance Edition", "Unlimited Edition"], "addon_editions": ["Enterprise Edition"]}
    verdict = get_check("org.edition").judge(CheckContext(OrgSnapshot(facts=facts, queries={}, components={}), params))
    assert verdict.status is Status.WARN
    assert verdict.expected == "Performance or Unlimited Edition, or else Enterprise Edition with ECI licences"
    assert "ECI licences" in verdict.message
    group = facts.model_copy(update={"edition": "Group Edition"})
    assert get_check("org.edition").judge(CheckContext(OrgSnapshot(facts=group, queries={}, components={}), params)).status is Status.FAIL


def test_a_guides_own_edition_rule_speaks_of_what_needs_it_not_of_eci() -> None:
    """ExecVision's Salesforce link needs Enterprise Edition or higher: its row never mentions ECI."""
    facts = OrgFacts(org_id="00D000000000001", name="Acme", edition="Professional Edition", is_sandbox=False,
                     instance_url="https://acme.my.salesforce.com", my_domain_url="https://acme.my.salesforce.com",
                     has_my_domain=True, api_version="63.0", username="a@b.c", user_id="005000000000001")
    params = {"editions": ["Enterprise Edition", "Performance Edition", "Unlimited Edition"], "addon_editions": [],
              "needed_for": "ExecVision's Salesforce link"}
    judge = get_check("org.edition").judge
    verdicts = [judge(CheckContext(OrgSnapshot(facts=facts.model_copy(update={"edition": e}), queries={}, components={}), params))
                for e in ("Professional Edition", "Unlimited Edition", "Developer Edition")]
    assert [v.status for v in verdicts] == [Status.FAIL, Status.PASS, Status.WARN]
    assert all("ExecVision's Salesforce link" in v.message and "Conversation Insights" not in v.message and "ECI" not in v.message
               for v in verdicts), [v.message for v in verdicts]
