"""``python -m wizard.ui.screenshots [OUTDIR] [--scenario NAME]``: the README's screenshots.

Runs the real window offscreen against the demo org, signs in through the embedded consent page
(filling the demo login in with JavaScript, as a person would type it), and saves Welcome,
sign-in, a guide page with failing and passing rows, and the Summary as PNG files. The same run's
report (A4) and the guide's blank checklist (Letter) are exported as PDFs and their first pages
drawn as PNG files with poppler's ``pdftoppm`` (skipped, and said, where it is not installed).
Nothing is written to the user's config folder or keyring: the run uses a temporary folder and
no keyring.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZE = (1280, 860)
GUIDE_PAGE_HEIGHT = 1160
#: (file name, step, what it shows): the guide page is the one whose rows mix pass, fail and manual.
SHOTS = (
    ("welcome.png", "welcome", "Welcome"),
    ("sign-in.png", "sign-in", "Sign in, with the connection preflight"),
    ("guide-page.png", "page:integration-user", "A guide page with failing and passing rows"),
    ("summary.png", "summary", "Summary"),
)


def _isolate() -> None:
    """Offscreen, a throwaway config folder, and no keyring (the demo sign-in stays in memory)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    scratch = Path(tempfile.mkdtemp(prefix="eci-screenshots-"))
    os.environ["ECI_WIZARD_CONFIG_DIR"] = str(scratch / "config")
    os.environ["ECI_WIZARD_DATA_DIR"] = str(scratch / "data")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"


def wait_until(condition: Callable[[], Any], timeout: float = 60.0, what: str = "") -> Any:
    """Run the event loop until ``condition()`` is truthy (raises TimeoutError naming ``what``)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        value = condition()
        if value:
            return value
        time.sleep(0.01)
    raise TimeoutError(f"Timed out waiting for {what or 'the window'}")


def _js(view: Any, script: str) -> Any:
    box: list[Any] = []
    view.web.page().runJavaScript(script, 0, box.append)
    wait_until(lambda: bool(box), 30, "the sign-in page")
    return box[0]


def sign_in_demo(window: Any) -> None:
    """Sign in to the demo org through the embedded consent page."""
    page = window.sign_in
    window.controller.go("sign-in")
    page.demo_radio.setChecked(True)
    wait_until(page.sign_in_button.isEnabled, what="the demo org")
    page.sign_in_button.click()
    wait_until(lambda: page.consent is not None and page.consent.web is not None, what="the sign-in page")
    view = page.consent
    username, password = window.controller.demo_server.default_login
    wait_until(lambda: _js(view, "!!document.getElementById('username')"), 30, "the login form")
    _js(view, f"document.getElementById('username').value = {username!r};"
              f"document.getElementById('password').value = {password!r};"
              "document.getElementById('Login').click(); true")
    wait_until(lambda: _js(view, "!!document.getElementById('allow')"), 30, "the consent page")
    _js(view, "document.getElementById('allow').click(); true")
    wait_until(lambda: window.controller.signed is not None, what="the sign-in")


#: Report pages are drawn at this resolution: an A4 page 579 px wide, as wide as the README shows it.
PDF_DPI = 70


def draw_pdf_pages(pdf: Path, outdir: Path, names: tuple[str, ...]) -> list[Path]:
    """The first ``len(names)`` pages of `pdf` as PNG files called `names` (none without pdftoppm)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        print(f"pdftoppm (Debian package poppler-utils) is not installed, so {', '.join(names)} were not drawn.",
              file=sys.stderr)
        return []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([tool, "-r", str(PDF_DPI), "-png", "-f", "1", "-l", str(len(names)), str(pdf),
                        str(Path(tmp) / "page")], check=True, timeout=120)
        drawn = sorted(Path(tmp).glob("page-*.png"))  # numbered with as many digits as the PDF needs
        saved = []
        for page, name in zip(drawn, names, strict=True):
            saved.append(Path(shutil.move(str(page), outdir / name)))
    return saved


def take(outdir: Path, scenario: str) -> list[Path]:
    from wizard.app import application, build_window, release
    from wizard.ui import jobs

    application()
    server = jobs.start_demo(scenario)
    saved: list[Path] = []
    try:
        window: Any = build_window(demo=True, demo_server=server)
        window.resize(*SIZE)
        window.show()
        c = window.controller
        c.restore()

        def shot(name: str) -> None:
            wait_until(lambda: True)
            path = outdir / name
            window.grab().save(str(path))
            saved.append(path)

        shot("welcome.png")
        c.choose_guide("aircall")
        sign_in_demo(window)
        wait_until(lambda: not c.tasks.active(), 120, "the checks")
        shot("sign-in.png")
        c.go("page:integration-user")
        wait_until(lambda: not c.tasks.active(), 120, "the checks")
        window.resize(SIZE[0], GUIDE_PAGE_HEIGHT)  # the whole page, rows included
        shot("guide-page.png")
        window.resize(*SIZE)
        c.go("summary")
        shot("summary.png")
        saved += _report_pages(outdir, c)
        window.close()
        release(window)
    finally:
        server.stop()
    return saved


def _report_pages(outdir: Path, controller: Any) -> list[Path]:
    """The run's report (pages 1 and 2) and the guide's blank checklist (page 1), drawn from their PDFs."""
    from wizard.report.build import blank_checklist
    from wizard.report.export import export, export_run

    with tempfile.TemporaryDirectory() as tmp:
        report, checklist = Path(tmp) / "report.pdf", Path(tmp) / "checklist.pdf"
        export_run(controller.guide, controller.run_record(), json_path=Path(tmp) / "report.json", pdf_path=report,
                   paper="A4")  # with its JSON, so the footer shows the hash that ties them
        export(blank_checklist(controller.guide), pdf=checklist, paper="Letter")
        return (draw_pdf_pages(report, outdir, ("report-page-1.png", "report-page-2.png"))
                + draw_pdf_pages(checklist, outdir, ("checklist-page-1.png",)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wizard.ui.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", default="resources/screenshots", type=Path)
    parser.add_argument("--scenario", default="fresh", help="demo org scenario (default: fresh)")
    args = parser.parse_args(argv)
    _isolate()
    args.outdir.mkdir(parents=True, exist_ok=True)
    for path in take(args.outdir, args.scenario):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
