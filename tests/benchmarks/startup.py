"""Cold start to the first interactive window (target: at most 1.0 s median on a 2-core machine).

    python -m tests.benchmarks.startup [--quick] [--runs N]

Each run launches ``python -m wizard --demo`` offscreen in a fresh process with
``ECI_WIZARD_STARTUP_PROBE=exit``: the wizard prints a wall-clock marker once its first window
is shown and the event loop has gone idle (after the first paint and the restore work), then
closes. The figure is marker time minus the moment just before the process was launched, so it
includes interpreter start-up and every import. A second row starts the window without
``--demo`` (no demo org); a third calls ``wizard.app.run_gui`` directly, so the cost of the
command-line parser (which imports every subcommand module) shows as the difference; a last one
shows what importing QtWebEngine up front would add (the wizard loads it only when a web view is
first needed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import Row, machine, table

REPO = Path(__file__).resolve().parents[2]
MARKER = "ECI_WIZARD_FIRST_WINDOW"
TIMEOUT_S = 60


WINDOW_ONLY = ["-c", "import sys; from wizard.app import run_gui; sys.exit(run_gui(demo=True))"]


def first_window_seconds(args: list[str], config: Path, command: list[str] | None = None) -> float:
    """Seconds from launch to the wizard's first-window marker, in a fresh process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ECI_WIZARD_STARTUP_PROBE": "exit",
           "ECI_WIZARD_CONFIG_DIR": str(config / "config"), "ECI_WIZARD_DATA_DIR": str(config / "data"),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    start = time.time()
    done = subprocess.run([sys.executable, *(command or ["-m", "wizard", *args])], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT_S)
    for line in done.stdout.splitlines():
        if line.startswith(MARKER):
            return float(line.split()[1]) - start
    raise RuntimeError(f"no {MARKER} line (exit {done.returncode}): {done.stdout[-500:]} {done.stderr[-1500:]}")


def import_seconds(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True,
                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.startup", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs instead of 9 (CI)")
    parser.add_argument("--runs", type=int, help="number of runs of each row")
    options = parser.parse_args(argv)
    runs = options.runs or (3 if options.quick else 9)
    with tempfile.TemporaryDirectory(prefix="eci-startup-") as folder:
        config = Path(folder)
        first_window_seconds(["--demo"], config)  # warm the disk cache; not counted
        demo = tuple(first_window_seconds(["--demo"], config) for _ in range(runs))
        plain = tuple(first_window_seconds([], config) for _ in range(runs))
        direct = tuple(first_window_seconds([], config, WINDOW_ONLY) for _ in range(runs))
    base = [import_seconds("import PySide6.QtWidgets") for _ in range(runs)]
    web = [import_seconds("import PySide6.QtWidgets, PySide6.QtWebEngineWidgets") for _ in range(runs)]
    extra = tuple(max(w - b, 0.0) for w, b in zip(web, base, strict=True))
    rows = [
        Row("first window interactive, eci-wizard --demo", "s", demo, target="≤ 1.0 s median"),
        Row("first window interactive, eci-wizard", "s", plain, target="≤ 1.0 s median"),
        Row("the same, window only (run_gui without the CLI's parser)", "s", direct,
            note="the difference is what building every subcommand's parser costs"),
        Row("QtWebEngine import, if it were loaded at start", "s", extra, note="deferred until a web view is needed"),
    ]
    print(f"Start-up ({runs} runs each), {machine()}")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
