"""Peak memory (RSS) and full garbage-collection pauses of the wizard's process during a demo walk.

The walk runs in a fresh child process, offscreen, as an admin would: the window opens on the
demo org, signs in through the embedded consent page (QtWebEngine), checks every page of the
Aircall guide, opens the Summary and exports the report (PDF, HTML, JSON). The child reports its
own peak resident set size (``getrusage``) and times every full (generation 2) garbage
collection from the moment the window shows: each one stops the window while it runs. The same
walk runs a second time with `wizard.long_lived.settle` switched off, the figure to beat.

    python -m tests.benchmarks.memory [--quick]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.common import Row, machine, table

REPO = Path(__file__).resolve().parents[2]

WALK = r"""
import gc, json, resource, tempfile, time
from pathlib import Path
if BASELINE:
    import wizard.long_lived
    wizard.long_lived.settle = lambda moment: False
pauses, began = [], []
def timed(phase, info):
    if phase == "start":
        began[:] = [time.perf_counter()]
    elif info["generation"] == 2:
        pauses.append(time.perf_counter() - began[0])
from wizard.ui import screenshots
screenshots._isolate()
from wizard.app import application, build_window, release
from wizard.ui import jobs
application()
server = jobs.start_demo("fresh")
try:
    window = build_window(demo=True, demo_server=server)
    window.resize(1280, 860)
    window.show()
    gc.callbacks.append(timed)
    c = window.controller
    c.restore()
    c.choose_guide("aircall")
    screenshots.sign_in_demo(window)
    screenshots.wait_until(lambda: not c.tasks.active(), 120, "the checks")
    for page in c.guide.pages:
        c.go("page:" + page.id)
        screenshots.wait_until(lambda: not c.tasks.active(), 120, "the checks")
    c.go("summary")
    screenshots.wait_until(lambda: True)
    from wizard.report.export import export_run
    out = Path(tempfile.mkdtemp())
    export_run(c.guide, c.run_record(), json_path=out / "r.json", html_path=out / "r.html", pdf_path=out / "r.pdf")
    window.close()
    release(window)
finally:
    server.stop()
gc.callbacks.remove(timed)
print(json.dumps({"maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "full_gc_s": pauses}))
"""


@dataclass(frozen=True)
class Walk:
    """What one demo walk measured."""

    peak_mib: float
    full_collections: int
    longest_full_ms: float


def walk_once(baseline: bool = False) -> Walk:
    """One demo walk in a fresh process; `baseline` switches the settling of long-lived objects off."""
    code = f"BASELINE = {baseline!r}\n" + WALK
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the demo walk failed:\n{done.stderr[-2000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    pauses = figures["full_gc_s"]
    return Walk(figures["maxrss_kib"] / 1024, len(pauses), max(pauses, default=0.0) * 1000)


def _collections(walks: list[Walk]) -> str:
    most = max(w.full_collections for w in walks)
    return f"at most {most} full collection{'' if most == 1 else 's'} per walk"


def rows(quick: bool) -> list[Row]:
    runs = 1 if quick else 3
    ours = [walk_once() for _ in range(runs)]
    naive = [walk_once(baseline=True) for _ in range(runs)]
    return [
        Row("peak RSS, full demo walk (Aircall guide, sign-in, report)", "MiB", tuple(w.peak_mib for w in ours),
            note="main process incl. QtWebEngine's in-process part"),
        Row("longest full garbage collection after the window shows", "ms", tuple(w.longest_full_ms for w in ours),
            note=f"{_collections(ours)}; the window is frozen while one runs"),
        Row("  same, without settling long-lived objects (gc.freeze)", "ms", tuple(w.longest_full_ms for w in naive),
            note=_collections(naive)),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one walk instead of three")
    args = parser.parse_args(argv)
    print(machine())
    print(table(rows(args.quick)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
