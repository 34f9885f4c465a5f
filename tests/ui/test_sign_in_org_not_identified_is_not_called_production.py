"""An org whose name could not be read is "not identified" in the banner and the saved-org list, never PRODUCTION.

A user without "API Enabled" signs in to the demo org through the window: the sign-in works, but
the Organization query is refused, so neither the org's name nor whether it is a sandbox is known
(the demo org's login address does not tell). The banner on every page and the sign-in page's list
of saved orgs say what is known (the org's id, where it is, the user) and that the rest could not
be read, and the banner says what the wizard does meanwhile and what to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.signin import without_api_access
from tests.ui.sign_in_page_support import shot
from tests.ui.wizard_support import sign_in_demo


def test_the_banner_and_the_saved_org_list_say_what_could_not_be_read(qtbot: Any, demo_org: Any, make_window: Any,
                                                                     tmp_path: Path) -> None:
    server = demo_org(str(without_api_access(tmp_path)))
    window = make_window(server)
    sign_in_demo(qtbot, window, server)
    org_id = server.org.org_id
    window.controller.go("welcome")
    banner = window.banner
    shot(window, "banner_org_not_identified")

    assert banner.isVisible()
    assert banner.title.text() == "⚠ Org not identified"
    assert "PRODUCTION" not in banner.text and "unknown" not in banner.text
    detail = banner.detail.text()
    assert detail.startswith(f"org {org_id} · the built-in demo org on this computer · signed in as "
                             "admin@acme-demo.example. "), detail
    assert ("Its name, and whether it is a sandbox or production, could not be read from the org, so the wizard "
            "treats it as production and changes nothing in it.") in detail
    assert "The Sign in page says what stopped the read: fix that, then sign in again." in detail
    assert banner.kind == "unknown" and banner.property("kind") == "production"  # the red of production

    window.controller.go("sign-in")
    page = window.sign_in
    listed = [page.saved.itemText(i) for i in range(page.saved.count())]
    assert listed == [f"demo — {server.instance_url} (name and environment could not be read)"], listed
    assert page.saved.isVisible()
    sign_in_step = next(e for e in window.steps.entries() if e[1] == "Sign in")
    assert sign_in_step[2].endswith("(not identified)") and "Production" not in sign_in_step[2], sign_in_step
