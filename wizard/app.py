"""Start the window: ``eci-wizard`` and ``eci-wizard --demo`` end up here.

Start-up is kept short (the first window is interactive in well under a second): only
QtWidgets and the guide files load before the window shows; the demo org, the sign-in's web
engine, superqt and the report renderers load when first needed. Without a display (a Linux
server with neither DISPLAY nor WAYLAND_DISPLAY and no QT_QPA_PLATFORM), the window can't open,
so the demo verification runs in the terminal instead of Qt aborting the process.
"""

from __future__ import annotations

import argparse
import os
import sys

DEFAULT_DEMO_GUIDE = "aircall"


def has_display() -> bool:
    """Whether a window can open here (Qt aborts the whole process when it can't)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def run_in_terminal(demo: bool, scenario: str | None) -> int:
    """No display: explain, and run the demo verification as text (exit 0 when it ran)."""
    print("No display was found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the wizard's window "
          "can't open on this machine.")
    if not demo:
        print("On a desktop, run 'eci-wizard' there. Here you can check an org with "
              "'eci-wizard verify --org ALIAS --guide GUIDE', or try 'eci-wizard --demo'.")
        return 2
    from wizard.commands import verify
    from wizard.flow import ResumeState
    from wizard.ui.jobs import warm_demo_schema

    guide = ResumeState.load().guide_id or DEFAULT_DEMO_GUIDE
    print(f"Running the same demo instead, in the terminal: the {guide} guide checked against the "
          f"built-in demo org (scenario {scenario or 'fresh'}). Other guides: "
          "'eci-wizard verify --demo --guide GUIDE'.\n", flush=True)
    warm_demo_schema()  # see its docstring: a race in the demo org's first Metadata reads
    # The verify command's own parser fills every option's default, whatever options it grows.
    parser = argparse.ArgumentParser(prog="eci-wizard")
    verify.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["verify", "--demo", "--guide", guide, *(["--scenario", scenario] if scenario else [])])
    code = int(args.func(args) or 0)
    return verify.EXIT_OK if code in (verify.EXIT_OK, verify.EXIT_FAILED) else code


def _prepare_environment() -> None:
    """QtWebEngine's sandbox can't run as root; the embedded sign-in needs it off there."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def build_window(demo: bool = False, scenario: str | None = None, demo_server: object = None) -> object:
    """The controller and main window, not yet shown (also used by tests, screenshots, self-check)."""
    from wizard.guides.loader import guide_ids, load_guide
    from wizard.ui.controller import WizardController
    from wizard.ui.extensions import install_extensions
    from wizard.ui.fixer import installed_fixer
    from wizard.ui.main_window import MainWindow

    guides = [load_guide(g) for g in guide_ids()]
    controller = WizardController(demo=demo, scenario=scenario, fixer=installed_fixer(), demo_server=demo_server)
    install_extensions(controller)
    return MainWindow(controller, guides)


def application() -> object:
    """The QApplication, created once with the wizard's names, fonts and theme."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    from wizard import __version__
    from wizard.ui import theme

    app = QApplication.instance()
    if app is None:
        _prepare_environment()
        # QtWebEngine, imported later on first use, shares OpenGL contexts: this must be set before
        # the application exists (as wizard.ui.signin.consent_view.prepare_application does).
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(sys.argv[:1])
        app.setApplicationName("ECI Setup Wizard")
        app.setOrganizationName("ECI Setup Wizard")
        app.setApplicationVersion(__version__)
        app.setDesktopFileName("eci-wizard")
    if not getattr(app, "_eci_ready", False):
        theme.load_fonts()
        theme.apply_theme(app)
        app._eci_ready = True  # type: ignore[attr-defined]
    return app


def run_gui(demo: bool = False, scenario: str | None = None) -> int:
    """Open the wizard; returns the exit code when the window closes."""
    if not has_display():
        return run_in_terminal(demo, scenario)
    from PySide6.QtCore import QTimer

    from wizard.ui import startup_probe

    app = application()
    window = build_window(demo=demo, scenario=scenario)
    window.show()
    QTimer.singleShot(0, window.controller.restore)
    startup_probe.arm(window)
    code = int(app.exec())
    release(window)
    return code


def release(window: object) -> None:
    """Delete the window and every web view it made before Python tears Qt down.

    A web page still alive when its profile goes crashes Qt at exit. Deletion goes through the
    event loop (as Qt itself deletes), flushed a few times because deleting a view schedules its
    profile's deletion.
    """
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    if shiboken6.isValid(window):
        window.close()  # type: ignore[attr-defined]
        window.deleteLater()  # type: ignore[attr-defined]
    for _ in range(3):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
