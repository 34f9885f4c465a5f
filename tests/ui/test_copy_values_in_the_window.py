"""The window's "Values to copy" fill in the org's own addresses, and say why any placeholder stays.

Before, the CORS template's origins were never filled in, its JSON braces kept the note "filled in
once you are signed in" on screen after sign-in, and its eight lines were squeezed into one."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.ui.wizard_support import signed_in
from wizard.engine.org_facts import OrgFacts
from wizard.guides.loader import load_guide
from wizard.ui.copy_values import WAITING_FOR_SIGN_IN, CopyValues, TemplateField

pytestmark = pytest.mark.slow

ACME = OrgFacts(org_id="00D000000000001AAA", name="Acme", edition="Enterprise Edition", is_sandbox=False,
                instance_url="https://acme.my.salesforce.com", my_domain_url="https://acme.my.salesforce.com", api_version="66.0")


def cors_values(qtbot: Any) -> CopyValues:
    values = CopyValues(list(load_guide("amazon-connect").page("recordings-bucket-cors").copy_values))
    qtbot.addWidget(values)
    values.show()
    return values


def test_signed_in_the_cors_template_holds_this_orgs_origins_and_no_note(qtbot: Any) -> None:
    values = cors_values(qtbot)
    values.update_org(None)
    assert values.note.isVisible() and values.note.text() == WAITING_FOR_SIGN_IN
    values.update_org(ACME)
    rule = json.loads(values.fields[0].text())[0]
    assert rule["AllowedOrigins"] == ["https://acme--amazonconnect.vf.force.com", "https://acme.lightning.force.com"]
    assert not values.note.isVisible() and values.note.text() == ""
    field = values.fields[0]  # the template shows as its lines, every one of them in view
    assert isinstance(field, TemplateField) and field.text().count("\n") == 7
    assert field.viewport().height() >= 8 * field.fontMetrics().lineSpacing()
    values.buttons[0].click()
    from PySide6.QtGui import QGuiApplication

    assert json.loads(QGuiApplication.clipboard().text()) == [rule]  # the whole template, lines and all


def test_an_org_without_my_domain_is_told_why_its_callback_is_not_filled_in(qtbot: Any) -> None:
    values = CopyValues(list(load_guide("aircall").page("eci-auth-provider").copy_values))
    qtbot.addWidget(values)
    values.show()
    values.update_org(ACME.model_copy(update={"has_my_domain": False, "my_domain_url": "https://na1.salesforce.com"}))
    texts = [field.text() for field in values.fields]
    assert any(text.startswith("{my_domain}/services/authcallback/") for text in texts), texts
    assert not any("na1.salesforce.com" in text for text in texts)
    assert values.note.isVisible() and values.note.text().startswith("Not filled in: {my_domain}, because your org has no My Domain")


def test_the_demo_orgs_cors_page_says_why_its_origins_stay_blank(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    """The demo org runs on this machine, not on a Salesforce host: no origin is invented for it."""
    server, window = signed_in(qtbot, demo_org, make_window, "amazon-connect", "recordings-bucket-cors", scenario="amazon-connect-configured")
    values = window.guide_pages["recordings-bucket-cors"].copy_values
    assert json.loads(values.fields[0].text())[0]["AllowedOrigins"] == ["{visualforce_origin}", "{lightning_origin}"]
    note = values.note.text()
    assert values.note.isVisible() and note.startswith("Not filled in: {visualforce_origin}, {lightning_origin}, because")
    assert server.instance_url.rstrip("/") in note and "type them in as the steps say" in note
    window.grab().save("/tmp/ui-shots/copy-values-cors-demo.png")
