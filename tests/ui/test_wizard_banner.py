"""Production is obvious: a persistent banner names the org while connected to production."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.scenarios import derive_scenario, sandbox_changes
from tests.ui.wizard_support import sign_in_demo, wait_checked

pytestmark = pytest.mark.slow


def test_a_production_org_gets_a_banner_on_every_page(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("fresh")  # Acme Demo is a production org
    window = make_window(server)
    assert window.banner.isHidden()
    window.controller.choose_guide("aircall")
    sign_in_demo(qtbot, window, server)
    wait_checked(qtbot, window)
    org_id = window.controller.facts.org_id
    for step in ("welcome", "page:before-you-start", "page:eci-named-credential", "summary"):
        window.controller.go(step)
        assert window.banner.isVisible() and window.banner.kind == "production"
        assert window.banner.title.text() == "⚠ PRODUCTION org"
        assert f"Acme Demo ({org_id})" in window.banner.detail.text()
    assert window.banner.accessibleName().startswith("⚠ PRODUCTION org: Acme Demo")
    window.controller.go("sign-in")
    window.sign_in.sign_out_button.click()
    assert window.banner.isHidden() and window.controller.flow.current == "sign-in"


def test_a_sandbox_is_named_without_the_production_warning(qtbot: Any, demo_org: Any, make_window: Any,
                                                          tmp_path: Path) -> None:
    server = demo_org(str(derive_scenario(tmp_path, "sandbox", sandbox_changes())))
    window = make_window(server)
    window.controller.choose_guide("aircall")
    sign_in_demo(qtbot, window, server)
    assert window.banner.isVisible() and window.banner.kind == "sandbox"
    assert window.banner.title.text() == "Sandbox" and "Acme Demo UAT" in window.banner.detail.text()
    assert "PRODUCTION" not in window.banner.text
