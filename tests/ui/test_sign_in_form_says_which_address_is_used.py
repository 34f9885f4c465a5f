"""The new sign-in form says which login address is used, and refuses host names with typos.

With Production or Sandbox chosen, a My Domain URL left in the field used to be ignored without a
word, in a field that looked as editable as the others; a sandbox URL then sent a sandbox user to
login.salesforce.com. A space or comma in the host was blamed on the alias or called an instance
address.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.sign_in_page_support import MY_DOMAIN, PRODUCTION, SANDBOX, new_sign_in_form, shot


def test_a_sandbox_url_with_production_chosen_is_pointed_out(qtbot: Any, make_window: Any) -> None:
    window = make_window(None, demo=False)
    page = new_sign_in_form(window, MY_DOMAIN, "https://acme--uat.sandbox.my.salesforce.com")
    page.host.setCurrentIndex(PRODUCTION)
    shot(window, "form_sandbox_url_with_production")
    assert page.host_note.isVisible()
    note = page.host_note.text()
    assert "sandbox's My Domain (acme--uat.sandbox.my.salesforce.com)" in note
    assert "login.salesforce.com, where sandbox users can't log in" in note
    assert page.use_my_domain.isVisible()
    page.use_my_domain.click()
    assert page.host.currentIndex() == MY_DOMAIN and page.url.isEnabled()
    assert not page.host_note.isVisible()


def test_a_production_my_domain_with_sandbox_chosen_is_pointed_out(qtbot: Any, make_window: Any) -> None:
    window = make_window(None, demo=False)
    page = new_sign_in_form(window, SANDBOX, "https://acme.my.salesforce.com")
    assert "looks like a production org's My Domain (acme.my.salesforce.com), but Sandbox is chosen" in page.host_note.text()


@pytest.mark.parametrize(("where", "used"), [(PRODUCTION, "login.salesforce.com"), (SANDBOX, "test.salesforce.com")])
def test_text_left_in_the_unused_field_says_which_address_is_used(qtbot: Any, make_window: Any, where: int,
                                                                  used: str) -> None:
    window = make_window(None, demo=False)
    page = new_sign_in_form(window, MY_DOMAIN, "acme")
    page.host.setCurrentIndex(where)
    assert page.host_note.text().startswith(f"The address typed above is not used: the wizard signs in at {used}.")
    assert not page.use_my_domain.isVisible()  # "acme" is no My Domain URL to switch to
    page.url.clear()
    assert not page.host_note.isVisible()


def test_the_unused_field_looks_unused(qtbot: Any, make_window: Any) -> None:
    window = make_window(None, demo=False)
    page = new_sign_in_form(window, PRODUCTION, "https://acme.my.salesforce.com")
    QApplication.processEvents()
    assert not page.url.isEnabled()

    def background(field: Any) -> tuple[int, int, int]:
        image = field.grab().toImage()
        color = image.pixelColor(image.width() - 8, image.height() // 2)
        return color.red(), color.green(), color.blue()

    assert background(page.url) != background(page.alias)


@pytest.mark.parametrize(("typed", "named"), [("acme .my.salesforce.com", "a space"),
                                               ("acme,my.salesforce.com", "a comma")])
def test_a_typo_in_the_host_name_is_said_of_the_address(qtbot: Any, make_window: Any, typed: str, named: str) -> None:
    window = make_window(None, demo=False)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    page = new_sign_in_form(window, MY_DOMAIN, typed)
    page.sign_in_button.click()
    shot(window, f"form_host_typo_{named.split()[-1]}")
    assert page.consent is None
    said = page.notice.text.text()
    assert said.startswith(f"The login address '{typed}' can't be used: its host name contains {named}")
    assert "alias" not in said.lower() and "instance" not in said
    assert QApplication.focusWidget() is page.url and page.url.selectedText() == typed
