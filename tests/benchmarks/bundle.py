"""The installed bundle: first window as fast as from source (target within 20%), and the sizes.

    python -m tests.benchmarks.bundle [--quick] [--runs N] [--exe PATH] [--deb PATH]

Start-up is measured the way ``tests.benchmarks.startup`` measures the source checkout: a fresh
process, offscreen, ``ECI_WIZARD_STARTUP_PROBE=exit``; the figure runs from just before launch
to the wizard's first-window marker (first paint done, event loop idle). The installed bundle
(``/usr/bin/eci-wizard`` when the .deb is installed, else the fresh build in
``packaging/dist/eci-wizard``) and ``python -m wizard`` from this checkout alternate run by run,
so both see the same machine load. Sizes: the .deb (target at most 150 MB, against ~230 MB for an
untrimmed QtWebEngine bundle), the bundle on disk, and what dpkg records as installed. Without a
built bundle the start-up rows are left out and say so.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import Row, machine, table

REPO = Path(__file__).resolve().parents[2]
MARKER = "ECI_WIZARD_FIRST_WINDOW"
TIMEOUT_S = 60
INSTALLED = Path("/usr/bin/eci-wizard")
BUILT = REPO / "packaging" / "dist" / "eci-wizard" / "eci-wizard"
#: The untrimmed figure the size target is set against (toolchain notes), and what an untrimmed
#: PyInstaller build of this wizard gave as a .deb at the same zstd -19 (README, "Build the installers").
UNTRIMMED_DEB_MB = 230
UNTRIMMED_DEB_MEASURED_MB = 248
MB = 1_000_000


def first_window_seconds(command: list[str], scratch: Path) -> float:
    """Seconds from launch to the first-window marker of `command`, run fresh and offscreen."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ECI_WIZARD_STARTUP_PROBE": "exit",
           "ECI_WIZARD_CONFIG_DIR": str(scratch / "config"), "ECI_WIZARD_DATA_DIR": str(scratch / "data"),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    start = time.time()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    for line in done.stdout.splitlines():
        if line.startswith(MARKER):
            return float(line.split()[1]) - start
    raise RuntimeError(f"{command[0]}: no {MARKER} line (exit {done.returncode}): {done.stdout[-500:]} {done.stderr[-1500:]}")


def default_exe() -> Path | None:
    """The installed launcher if the .deb is installed, else the fresh build, else nothing."""
    for candidate in (INSTALLED, BUILT):
        if candidate.exists():
            return candidate
    return None


def default_deb() -> Path | None:
    debs = sorted((REPO / "packaging" / "dist").glob("eci-wizard_*.deb"), key=lambda p: p.stat().st_mtime)
    return debs[-1] if debs else None


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def installed_kib() -> int | None:
    """Installed-Size that dpkg records for the package, when it is installed."""
    if not shutil.which("dpkg-query"):
        return None
    done = subprocess.run(["dpkg-query", "-W", "-f=${Installed-Size}", "eci-wizard"], capture_output=True, text=True)
    return int(done.stdout) if done.returncode == 0 and done.stdout.strip().isdigit() else None


def startup_rows(exe: Path, runs: int) -> list[Row]:
    bundle_cmd = [str(exe), "--demo"]
    source_cmd = [sys.executable, "-m", "wizard", "--demo"]
    bundle, source = [], []
    with tempfile.TemporaryDirectory(prefix="eci-bundle-bench-") as folder:
        scratch = Path(folder)
        first_window_seconds(bundle_cmd, scratch)  # warm the disk cache of both; not counted
        first_window_seconds(source_cmd, scratch)
        for _ in range(runs):
            bundle.append(first_window_seconds(bundle_cmd, scratch))
            source.append(first_window_seconds(source_cmd, scratch))
    ratios = tuple(b / s for b, s in zip(bundle, source, strict=True))
    ratio = statistics.median(bundle) / statistics.median(source)
    where = "installed .deb" if exe == INSTALLED else f"build in {exe.parent.relative_to(REPO) if exe.is_relative_to(REPO) else exe.parent}"
    return [
        Row(f"first window interactive, bundle ({where})", "s", tuple(bundle), target="within 20% of source"),
        Row("first window interactive, from source (python -m wizard)", "s", tuple(source), note="same runs, alternating"),
        Row("bundle / source, per run pair", "×", ratios, target="≤ 1.20",
            note=f"ratio of medians {ratio:.2f} ({'met' if ratio <= 1.2 else 'NOT met'})"),
    ]


def size_rows(exe: Path | None, deb: Path | None) -> list[Row]:
    rows = []
    if deb is not None:
        size = deb.stat().st_size / MB
        rows.append(Row(f"installer {deb.name}", "MB", (size,), target="≤ 150 MB",
                        note=f"untrimmed: ~{UNTRIMMED_DEB_MB} MB (toolchain), {UNTRIMMED_DEB_MEASURED_MB} MB measured; "
                             f"{'met' if size <= 150 else 'NOT met'}"))
    bundle_dir = BUILT.parent if BUILT.exists() else (Path("/opt/eci-wizard") if Path("/opt/eci-wizard").exists() else None)
    if bundle_dir is not None:
        rows.append(Row(f"app bundle on disk ({bundle_dir})", "MB", (folder_bytes(bundle_dir) / MB,)))
    kib = installed_kib()
    if kib is not None:
        rows.append(Row("installed size recorded by dpkg", "MB", (kib * 1024 / MB,)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.bundle", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs instead of 9 (CI)")
    parser.add_argument("--runs", type=int, help="number of runs of each start-up row")
    parser.add_argument("--exe", type=Path, help="the bundle's executable (default: installed, else built)")
    parser.add_argument("--deb", type=Path, help="the .deb to size (default: newest in packaging/dist)")
    options = parser.parse_args(argv)
    runs = options.runs or (3 if options.quick else 9)
    exe = options.exe or default_exe()
    deb = options.deb or default_deb()
    rows = startup_rows(exe, runs) if exe is not None else []
    rows += size_rows(exe, deb)
    print(f"Installed bundle ({runs} runs each), {machine()}")
    if exe is None:
        print("No bundle found (neither /usr/bin/eci-wizard nor packaging/dist/eci-wizard): build one with "
              "'bash packaging/build.sh' for the start-up rows.")
    if deb is None:
        print("No .deb found in packaging/dist: 'bash packaging/linux/build-deb.sh' builds one for the size row.")
    if rows:
        print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
