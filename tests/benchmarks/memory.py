"""Peak memory (RSS) of the wizard's process during a full demo walk.

The walk runs in a fresh child process, offscreen, as an admin would: the window opens on the
demo org, signs in through the embedded consent page (QtWebEngine), checks every page of the
Aircall guide, opens the Summary and exports the report (PDF, HTML, JSON). The child reports its
own peak resident set size (``getrusage``).

    python -m tests.benchmarks.memory [--quick]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from tests.benchmarks.common import Row, machine, table

REPO = Path(__file__).resolve().parents[2]

WALK = r"""
import json, resource, tempfile
from pathlib import Path
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
print(json.dumps({"maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def walk_once() -> float:
    """Peak RSS of one demo walk, in MiB."""
    done = subprocess.run([sys.executable, "-c", WALK], cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the demo walk failed:\n{done.stderr[-2000:]}")
    last = done.stdout.strip().splitlines()[-1]
    return json.loads(last)["maxrss_kib"] / 1024


def rows(quick: bool) -> list[Row]:
    values = tuple(walk_once() for _ in range(1 if quick else 3))
    return [Row("peak RSS, full demo walk (Aircall guide, sign-in, report)", "MiB", values,
                note="main process incl. QtWebEngine's in-process part")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one walk instead of three")
    args = parser.parse_args(argv)
    print(machine())
    print(table(rows(args.quick)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
