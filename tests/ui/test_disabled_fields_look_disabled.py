"""A disabled field looks disabled anywhere in the window, in the light and the dark theme.

The application's stylesheet gives every QLineEdit and QComboBox the page's background; without a
rule of its own a disabled one looked exactly like a field to type in (the sign-in page's greyed My
Domain URL once carried a stylesheet of its own for that). Now the application's stylesheet draws
a disabled field on the surface colour with a dashed edge, for every page and dialog alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QVBoxLayout, QWidget

from tests.ui.sign_in_page_support import PRODUCTION, new_sign_in_form, shot
from wizard.ui import theme


@pytest.fixture
def themed(make_window: Any) -> Iterator[Any]:
    """A window (so the application and its theme exist); the theme is put back afterwards."""
    window = make_window(None, demo=False)
    yield window
    theme.apply_theme(QApplication.instance())


def _background(widget: QWidget) -> QColor:
    """The colour inside the field, away from its edge and its text."""
    image = widget.grab().toImage()
    return image.pixelColor(image.width() - 12, image.height() // 2)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_disabled_field_anywhere_is_drawn_on_the_surface_colour(qtbot: Any, themed: Any, dark: bool) -> None:
    current = theme.apply_theme(QApplication.instance(), dark=dark)
    box = QWidget()  # not the sign-in page: any dialog or page of the window
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    enabled, disabled, combo = QLineEdit("typed"), QLineEdit("typed"), QComboBox()
    combo.addItem("a choice")
    disabled.setEnabled(False)
    combo.setEnabled(False)
    for widget in (enabled, disabled, combo):
        layout.addWidget(widget)
    box.resize(400, 140)
    box.show()
    qtbot.waitExposed(box)
    assert _background(enabled).name() == current.colors["white"].lower()
    assert _background(disabled).name() == current.colors["surface"].lower()
    assert _background(combo).name() == current.colors["surface"].lower()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_sign_in_pages_greyed_my_domain_field_uses_the_applications_look(qtbot: Any, themed: Any,
                                                                             dark: bool) -> None:
    current = theme.apply_theme(QApplication.instance(), dark=dark)
    window = themed
    page = new_sign_in_form(window, PRODUCTION, "https://acme--uat.sandbox.my.salesforce.com", "acme-uat")
    qtbot.wait(50)
    assert not page.url.isEnabled()
    assert page.form.styleSheet() == "" and page.styleSheet() == ""  # no look of its own
    shot(window, f"disabled_my_domain_{'dark' if dark else 'light'}")
    assert _background(page.url).name() == current.colors["surface"].lower()
    assert _background(page.alias).name() == current.colors["white"].lower()
