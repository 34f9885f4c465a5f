"""Start-up: the window starts without the heavy parts, and without a display it still helps."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(ECI_WIZARD_CONFIG_DIR=str(tmp_path / "config"), ECI_WIZARD_DATA_DIR=str(tmp_path / "data"),
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring", **extra)
    return env


def test_the_first_window_loads_no_web_engine_network_or_superqt(tmp_path: Path) -> None:
    code = (
        "import sys; from wizard.app import application, build_window\n"
        "app = application(); w = build_window(); w.show(); w.controller.restore(); app.processEvents()\n"
        "heavy = ('PySide6.QtWebEngineCore', 'superqt', 'simple_salesforce', 'requests', 'zeep', 'keyring', 'reportlab')\n"
        "print(sorted(m for m in heavy if m in sys.modules)); w.close()"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=_env(tmp_path, QT_QPA_PLATFORM="offscreen"),
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_the_startup_probe_marks_the_first_window_and_exits(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "wizard", "--demo"], cwd=REPO, capture_output=True, text=True,
                          timeout=120, env=_env(tmp_path, QT_QPA_PLATFORM="offscreen", ECI_WIZARD_STARTUP_PROBE="exit"))
    assert done.returncode == 0, done.stderr[-2000:]
    marker = [line for line in done.stdout.splitlines() if line.startswith("ECI_WIZARD_FIRST_WINDOW ")]
    assert len(marker) == 1 and marker[0].endswith("visible=1")
    assert float(marker[0].split()[1]) > 1.7e9  # wall-clock seconds, comparable with the launcher's clock


@pytest.mark.slow
def test_without_a_display_the_demo_runs_in_the_terminal(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "wizard", "--demo"], cwd=REPO, capture_output=True, text=True,
                          timeout=180, env=_env(tmp_path))
    assert done.returncode == 0, done.stdout[-1000:] + done.stderr[-2000:]
    out = done.stdout
    assert out.startswith("No display was found")
    assert "ECI with Aircall — Acme Demo (Production, Enterprise Edition)" in out
    assert "✖ Fail" in out and "Aircall named credential" in out


def test_without_a_display_the_window_command_explains_what_to_do(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "wizard"], cwd=REPO, capture_output=True, text=True, timeout=60,
                          env=_env(tmp_path))
    assert done.returncode == 2
    assert "No display was found" in done.stdout and "eci-wizard verify --org ALIAS --guide GUIDE" in done.stdout


@pytest.mark.slow
def test_the_self_check_tries_every_part_and_passes(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "wizard", "--self-check"], cwd=REPO, capture_output=True, text=True,
                          timeout=300, env=_env(tmp_path, QT_QPA_PLATFORM="offscreen"))
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    parts = [line.split(" (")[0] for line in lines if line.startswith("✔ ")]
    assert parts == ["✔ Import every module", "✔ Open and close the main window", "✔ Load the embedded web view",
                     "✔ Start, sign in to and verify the demo org", "✔ Write a PDF report"]
    assert lines[-1] == "Self-check passed: this installation works."
    assert not any((tmp_path / "config").glob("*"))  # it used its own scratch folder, not the user's
