"""``eci-wizard --self-check``: does this installation work? Every part is tried once, for real.

Imports every module, opens and closes the main window (offscreen), loads the embedded web view,
starts the demo org, signs in and verifies a guide against it, and writes a PDF report to a
temporary folder. Prints one line per part and exits 0, or 1 naming what failed. It touches
neither the user's settings nor their keyring: everything runs in a temporary folder.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import wizard

#: Modules that run a program when imported (entry points), not libraries.
NOT_IMPORTED = ("wizard.__main__",)
SELF_CHECK_GUIDE = "aircall"


def _isolate(scratch: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    os.environ["ECI_WIZARD_CONFIG_DIR"] = str(scratch / "config")
    os.environ["ECI_WIZARD_DATA_DIR"] = str(scratch / "data")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"


def import_every_module() -> str:
    names = [m.name for m in pkgutil.walk_packages(wizard.__path__, "wizard.") if m.name not in NOT_IMPORTED]
    failed = []
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:
            failed.append(f"{name} ({type(exc).__name__}: {exc})")
    if failed:
        raise RuntimeError("could not import " + "; ".join(failed))
    return f"{len(names)} modules"


def main_window() -> str:
    from wizard.ui.selfcheck_gui import open_and_close_window

    return open_and_close_window()


def web_view() -> str:
    from wizard.ui.selfcheck_gui import load_web_view

    return load_web_view()


class DemoCheck:
    """Start the demo org, sign in, verify a guide; keeps the run for the PDF step."""

    def __init__(self) -> None:
        self.guide: Any = None
        self.run: Any = None

    def __call__(self) -> str:
        from wizard.demo import start_demo_org
        from wizard.demo.headless import sign_in
        from wizard.guides.loader import load_guide
        from wizard.salesforce.connection import OrgConnection, trust_ca_bundle_for_process
        from wizard.salesforce.org_facts import read_org_facts
        from wizard.salesforce.verify import verify_guide
        from wizard.ui.jobs import warm_demo_schema

        warm_demo_schema()
        server = start_demo_org("fresh")
        try:
            trust_ca_bundle_for_process(server.ca_bundle)
            conn = OrgConnection(server.instance_url, sign_in(server), ca_bundle=server.ca_bundle)
            facts = read_org_facts(conn)
            conn.api_version = facts.api_version
            self.guide = load_guide(SELF_CHECK_GUIDE)
            self.run = verify_guide(conn, self.guide, facts)
        finally:
            server.stop()
        return f"{facts.name}: {len(self.run.results)} settings of {self.guide.title} checked in {self.run.requests_made} requests"


def pdf_report(demo: DemoCheck, folder: Path) -> Callable[[], str]:
    def write() -> str:
        if demo.run is None:
            raise RuntimeError("no verification to report on (the demo org step failed)")
        from wizard.report import build_report
        from wizard.report.export import export

        target = folder / "self-check-report.pdf"
        export(build_report(demo.guide, demo.run), pdf=target)
        data = target.read_bytes()
        if not data.startswith(b"%PDF"):
            raise RuntimeError(f"{target} is not a PDF")
        return f"{len(data) // 1024} KB written to {target}"

    return write


def run_self_check() -> int:
    """Try every part; print a line each; 0 when all work, 1 (naming the failures) otherwise."""
    with tempfile.TemporaryDirectory(prefix="eci-self-check-") as folder:
        scratch = Path(folder)
        _isolate(scratch)
        demo = DemoCheck()
        steps: list[tuple[str, Callable[[], str]]] = [
            ("Import every module", import_every_module),
            ("Open and close the main window", main_window),
            ("Load the embedded web view", web_view),
            ("Start, sign in to and verify the demo org", demo),
            ("Write a PDF report", pdf_report(demo, scratch)),
        ]
        print(f"ECI Setup Wizard {wizard.__version__} self-check ({sys.executable})")
        failed = []
        for name, step in steps:
            started = time.monotonic()
            try:
                detail = step()
            except Exception as exc:
                failed.append(name)
                print(f"✖ {name}: {type(exc).__name__}: {exc}")
                if os.environ.get("ECI_WIZARD_DEBUG"):
                    traceback.print_exc()
                continue
            print(f"✔ {name} ({time.monotonic() - started:.1f} s): {detail}")
    if failed:
        print(f"Self-check failed: {', '.join(failed)}.")
        return 1
    print("Self-check passed: this installation works.")
    return 0
