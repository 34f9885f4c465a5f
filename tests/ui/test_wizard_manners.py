"""Good desktop manners: keyboard, accessible names, light and dark, help per page, About."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit

from wizard import __version__
from wizard.guides.loader import load_guide
from wizard.ui import theme
from wizard.ui.about import about_box
from wizard.ui.help_links import help_html, section_url


def test_every_control_has_an_accessible_name(make_window: Any) -> None:
    window = make_window(None, demo=False)
    window.controller.choose_guide("aircall")
    for step in ("welcome", "choose-guide", "sign-in"):
        window.controller.go(step)
    unnamed = [w.text() or w.objectName() for w in window.findChildren(QAbstractButton) + window.findChildren(QLineEdit)
               if w.isVisibleTo(window) and not w.accessibleName()]
    assert unnamed == []
    assert window.steps.list.accessibleName() == "Steps of the guide"


def test_the_wizard_is_driven_from_the_keyboard(qtbot: Any, make_window: Any) -> None:
    window = make_window(None, demo=False)
    c = window.controller
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert c.flow.current == "choose-guide"
    window.choose.buttons["natterbox"].setFocus()
    qtbot.keyClick(window.choose.buttons["natterbox"], Qt.Key.Key_Space)
    assert c.guide is not None and c.guide.id == "natterbox"
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert c.flow.current == "sign-in"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert c.flow.current == "choose-guide"
    # The side panel: arrows move, Enter opens (a page that needs an org stays closed).
    window.steps.list.setFocus()
    window.steps.list.setCurrentRow(0)
    qtbot.keyClick(window.steps.list, Qt.Key.Key_Return)
    assert c.flow.current == "welcome"
    window.steps.list.setCurrentRow(3)
    qtbot.keyClick(window.steps.list, Qt.Key.Key_Return)
    assert c.flow.current == "welcome"
    assert window.steps.step_line("page:before-you-start") == "Sign in first"
    assert window.nav.next.isDefault()


def test_light_and_dark_follow_the_system(make_window: Any) -> None:
    app = QApplication.instance()
    window = make_window(None, demo=False)
    hints = app.styleHints()
    try:
        # What the desktop sends when the admin switches to dark mode (the offscreen platform
        # can't switch itself, so its signal is sent the way the platform would send it).
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert theme.current().dark
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
        assert theme.current().colors["ink"] == "#E6EAEE" and "#E6EAEE" in app.styleSheet()
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert not theme.current().dark
        assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200
    finally:
        theme.apply_theme(app)
    assert window.isVisible()


def test_each_page_links_to_its_section_of_the_source_guide() -> None:
    natterbox = load_guide("natterbox")
    page = natterbox.pages[0]
    url = section_url(natterbox, page.source_section)
    assert url is not None and url.startswith(natterbox.source.url + "#:~:text=")
    assert "Open that section of the source guide" in help_html(natterbox, page)
    aircall = load_guide("aircall")  # no public URL: the document and section are named instead
    text = help_html(aircall, aircall.page("aircall-named-credential"))
    assert "section “Add Aircall Named Credentials”" in text and "href" not in text


def test_the_about_box_names_the_version(make_window: Any) -> None:
    window = make_window(None, demo=False)
    box = about_box(window)
    assert f"ECI Setup Wizard {__version__}" in box.text()
    assert not box.iconPixmap().isNull()


def test_extensions_add_panels_to_guide_pages(qtbot: Any, make_window: Any) -> None:
    from PySide6.QtWidgets import QLabel

    window = make_window(None, demo=False)
    c = window.controller

    def api_key_fields(controller: Any, guide: Any, page: Any, parent: Any) -> Any:
        return QLabel(f"fields for {page.id}", parent) if page.side == "provider" else None

    c.page_panels.append(api_key_fields)
    c.choose_guide("aircall")
    provider_page = window.guide_page("aircall-api-key")
    assert [p.text() for p in provider_page.panels if isinstance(p, QLabel)] == ["fields for aircall-api-key"]
    assert window.guide_page("aircall-named-credential").panels == []


def test_ctrl_q_closes_the_window_on_every_platform(qtbot: Any, make_window: Any) -> None:
    """Qt's standard Quit key is unbound on Windows (and on the offscreen platform): Ctrl+Q is added."""
    window = make_window(None, demo=False)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
