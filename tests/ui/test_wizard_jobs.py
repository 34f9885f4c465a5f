"""The window's blocking jobs (Qt-free) against the demo org over HTTPS, and the fixer hook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.wizard_support import sign_in_demo, wait_checked
from wizard.demo.headless import sign_in
from wizard.engine.results import CheckResult, Status
from wizard.guides.loader import load_guide
from wizard.salesforce.connection import OrgConnection, trust_ca_bundle_for_process
from wizard.salesforce.org_facts import read_org_facts
from wizard.ui import jobs


@pytest.fixture
def connected(demo_org: Any) -> tuple[Any, OrgConnection, Any]:
    server = demo_org("fresh")
    trust_ca_bundle_for_process(server.ca_bundle)
    conn = OrgConnection(server.instance_url, sign_in(server), ca_bundle=server.ca_bundle)
    facts = read_org_facts(conn)
    conn.api_version = facts.api_version
    return server, conn, facts


def test_checking_one_page_reads_only_what_that_page_needs(connected: Any) -> None:
    _server, conn, facts = connected
    guide = load_guide("aircall")
    whole = jobs.check_pages(conn, guide, facts, None, [])
    one = jobs.check_pages(conn, guide, facts, ["aircall-named-credential"], [])
    assert {r.page_id for r in one.results} == {"aircall-named-credential"}
    assert one.page_ids == ("aircall-named-credential",)
    assert len(whole.results) == len(guide.settings()) and one.requests < whole.requests
    provider = jobs.check_pages(conn, guide, facts, ["aircall-api-key"], [])  # provider side: no org reads
    assert provider.requests == 0 and {r.page_id for r in provider.results} == {"aircall-api-key"}


def test_the_frontdoor_link_is_one_time_and_never_carries_the_token(connected: Any, demo_http: Any) -> None:
    server, conn, _facts = connected
    link = jobs.frontdoor_url(conn, "/lightning/setup/NamedCredential/home")
    assert link.startswith(server.instance_url + "/secur/frontdoor.jsp?") and conn.access_token not in link
    browser = demo_http(server)
    first = browser.get(link, allow_redirects=False)
    assert first.status_code == 302 and first.headers["Location"] == "/lightning/setup/NamedCredential/home"
    again = demo_http(server).get(link, allow_redirects=False)  # used once: a second browser is not signed in
    assert again.headers["Location"].startswith("/?")


def test_a_refused_frontdoor_link_says_what_to_do(connected: Any) -> None:
    server, _conn, _facts = connected
    dead = OrgConnection(server.instance_url, "not-a-token", ca_bundle=server.ca_bundle)
    with pytest.raises(jobs.SetupLinkError, match=r"HTTP 403.*Bad_OAuth_Token.*sign in again.*/lightning/setup/NamedCredential/home") as refused:
        jobs.frontdoor_url(dead, "/lightning/setup/NamedCredential/home")
    assert "'web' scope" not in refused.value.message  # Salesforce said the token is unknown, not a scope


@pytest.mark.parametrize(("fault", "said", "not_said"), [
    ({"drop_path": "singleaccess"}, "could not be reached", "RemoteDisconnected"),
    ({"maintenance": True}, "down for maintenance", "'web' scope"),
])
def test_a_frontdoor_link_that_fails_says_why_in_the_admins_words(connected: Any, fault: dict, said: str,
                                                                   not_said: str) -> None:
    server, conn, _facts = connected
    server.faults.set(**fault)
    with pytest.raises(jobs.SetupLinkError) as failed:
        jobs.frontdoor_url(conn, "/lightning/setup/NamedCredential/home")
    message = failed.value.message
    assert message.startswith("Salesforce did not hand out a sign-in link for Setup")
    assert said in message and not_said not in message and message.endswith("/lightning/setup/NamedCredential/home.")


def test_reconnecting_an_alias_that_does_not_exist_is_no_resume(wizard_dirs: tuple[Path, Path]) -> None:
    assert jobs.reconnect_alias("nobody", None) is None


class NamedCredentialFixer:
    """A fixer for the hook's contract: it can fix named-credential rows and records the calls."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def can_fix(self, result: CheckResult) -> bool:
        return result.check_id.startswith("aircall-nc.")

    def fix(self, parent: Any, results: list[CheckResult], controller: Any) -> bool:
        self.calls.append([r.check_id for r in results])
        return True


@pytest.mark.slow
def test_fix_it_for_me_appears_only_where_the_fixer_can_fix(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("fresh")
    window = make_window(server)
    c = window.controller
    fixer = c.fixer = NamedCredentialFixer()
    c.choose_guide("aircall")
    sign_in_demo(qtbot, window, server)
    wait_checked(qtbot, window)
    c.go("page:aircall-named-credential")
    page = window.guide_pages["aircall-named-credential"]
    assert page.row("aircall-nc.exists").fix_button.isVisible()
    # The credential is missing: its other rows fail for the same reason and point up to that fix.
    assert not page.row("aircall-nc.url").fix_button.isVisible()
    assert not page.row("aircall-nc.password").fix_button.isVisible()  # a manual step
    c.go("page:before-you-start")
    assert not window.guide_pages["before-you-start"].row("org.eci-enabled").fix_button.isVisible()
    c.go("page:aircall-named-credential")
    checks = len(c.checks)
    page.row("aircall-nc.exists").fix_button.click()
    assert fixer.calls == [["aircall-nc.exists"]]
    qtbot.waitUntil(lambda: len(c.checks) == checks + 1, timeout=60_000)  # checked again after the fix


@pytest.mark.slow
def test_a_saved_org_reconnects_without_the_consent_page(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("fresh")
    window = make_window(server)
    c = window.controller
    c.choose_guide("aircall")
    sign_in_demo(qtbot, window, server)
    org_id = c.facts.org_id
    window.sign_in.sign_out_button.click()
    assert c.signed is None and window.sign_in.saved_radio.isVisibleTo(window)
    assert window.sign_in.saved.currentText() == "demo — Acme Demo (PRODUCTION)"
    window.sign_in.saved_radio.setChecked(True)
    window.sign_in.sign_in_button.click()
    qtbot.waitUntil(lambda: c.signed is not None, timeout=30_000)
    assert c.facts.org_id == org_id and window.sign_in.consent is None


def test_provider_checks_judge_the_provider_side_settings(connected: Any) -> None:
    _server, conn, facts = connected
    guide = load_guide("aircall")
    seen: list[Any] = []

    def aircall_side(conn: Any, guide: Any, facts: Any, page_ids: Any) -> list[CheckResult]:
        seen.append(page_ids)
        page = guide.page("aircall-api-key")
        return [CheckResult(guide_id=guide.id, page_id=page.id, check_id=s.id, setting=s.label, status=Status.PASS,
                            expected="a working key", observed="accepted by Aircall") for s in page.settings]

    checked = jobs.check_pages(conn, guide, facts, ["aircall-api-key"], [], [aircall_side])
    assert seen == [["aircall-api-key"]]
    assert {r.status for r in checked.results} == {Status.PASS}
    assert {r.observed for r in checked.results} == {"accepted by Aircall"}
