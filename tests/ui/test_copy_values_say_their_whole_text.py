"""A value to copy that is longer than its field says so: its tooltip holds all of it, and an
ellipsis shows at the cut while its end is out of sight.

At 1024 px the callback URL ("https://127.0.0.1:…/services/authcallback/EC") was cut off with no
tooltip and nothing to show it went on; the admin could not read the whole value before copying it.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.wizard_support import signed_in, wait_checked
from wizard.guides.loader import load_guide
from wizard.ui.copy_values import CopyValues

pytestmark = pytest.mark.slow


def test_each_value_has_its_whole_text_as_tooltip_once_the_org_fills_it_in(qtbot: Any) -> None:
    values = CopyValues(list(load_guide("aircall").page("eci-auth-provider").copy_values))
    qtbot.addWidget(values)
    values.show()
    for field in values.fields:
        assert field.toolTip() == field.text() != ""
    from wizard.engine.org_facts import OrgFacts

    acme = OrgFacts(org_id="00D000000000001AAA", name="Acme", edition="Enterprise Edition", is_sandbox=False,
                    instance_url="https://acme.my.salesforce.com", my_domain_url="https://acme.my.salesforce.com",
                    api_version="66.0")
    values.update_org(acme)
    filled = [f for f in values.fields if "acme.my.salesforce.com" in f.text()]
    assert filled and all(f.toolTip() == f.text() for f in values.fields)


def test_values_cut_at_1024_show_their_cut_and_tell_their_whole_text(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    from wizard.ui.copy_values import CopyLine

    _, window = signed_in(qtbot, demo_org, make_window)
    window.resize(1024, 700)
    c = window.controller
    cut: list[Any] = []
    for page_spec in c.guide.pages:
        if not page_spec.copy_values:
            continue
        c.go(f"page:{page_spec.id}")
        wait_checked(qtbot, window)
        qtbot.wait(50)
        QApplication.processEvents()
        page = window.guide_page(page_spec.id)
        assert page.copy_values is not None
        for field in page.copy_values.fields:
            if isinstance(field, CopyLine):
                assert field.toolTip() == field.text(), page_spec.id
                if field.is_cut():
                    cut.append(field)
    assert cut, "no value is cut at 1024 px: this test no longer shows a cut"
    assert any(f.text().startswith("https://127.0.0.1:") for f in cut), [f.text() for f in cut]
    window.resize(1900, 900)
    c.go(f"page:{next(p.id for p in c.guide.pages if cut[0] in window.guide_page(p.id).findChildren(CopyLine))}")
    qtbot.waitUntil(lambda: not cut[0].is_cut(), timeout=5_000)
