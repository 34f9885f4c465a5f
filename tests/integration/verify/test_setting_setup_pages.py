"""A failing setting sends the admin to the Setup page where that setting is changed.

"Before you start" gathers settings from several Setup pages (edition, My Domain, the ECI switch,
an installed package); its own link is the Installed Packages page. A row of it that fails must
name its own page, and every page a guide names must be one the demo org can show.
"""

from __future__ import annotations

import pytest

from tests.conftest import DemoOAuth
from tests.integration.verify.test_verify_guides import run
from wizard.demo.setup_pages import SECTIONS
from wizard.engine.results import Status
from wizard.guides.loader import load_guide

GUIDES = ["natterbox", "aircall", "ringcentral", "execvision", "amazon-connect"]
ECI_SWITCH = "/lightning/setup/CallCoachingSettings/home"


def _setup_key(path: str) -> str:
    parts = path.strip("/").split("/")
    assert parts[:2] == ["lightning", "setup"] and len(parts) == 4 and parts[3] == "home", path
    return parts[2]


@pytest.mark.parametrize("guide_id", GUIDES)
def test_every_setup_page_a_guide_names_is_one_the_demo_org_shows(guide_id: str) -> None:
    guide = load_guide(guide_id)
    named = {p.setup_page for p in guide.pages if p.setup_page} | {s.setup_page for _, s in guide.settings() if s.setup_page}
    assert named
    assert {path for path in named if _setup_key(path) not in SECTIONS} == set()


@pytest.mark.parametrize("guide_id", ["aircall", "ringcentral", "natterbox"])
def test_the_eci_switch_row_opens_the_eci_settings_page_not_the_pages_own(guide_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    results = {r.check_id: r for r in run(guide_id, "fresh", monkeypatch).results}
    switch = results["org.eci-enabled"]
    assert switch.status is Status.FAIL and switch.fix is not None
    assert switch.fix.setup_page == ECI_SWITCH
    assert switch.fix.fix_name == "eci_settings"


def test_the_eci_settings_page_shows_the_switch_as_the_org_has_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.integration.verify.support import connected

    with connected("aircall-configured", monkeypatch) as org:
        oauth = DemoOAuth(org.server)
        page = oauth.browser.get(f"{org.server.instance_url}{ECI_SWITCH}")
        login = org.server.default_login
        page = oauth.submit(page, username=login[0], password=login[1])
        assert page.status_code == 200
        assert "Setup › Einstein Conversation Insights" in page.text
        assert "Enable Einstein Conversation Insights" in page.text and ">On<" in page.text
        assert "does not show this Setup page" not in page.text
