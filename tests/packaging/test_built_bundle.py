"""The bundle from `bash packaging/build.sh`, when one is built, passes the installer smoke test.

The build itself runs in CI (packaging/ci-build-deb.sh, which also smoke-tests the installed .deb);
this test re-checks a local build without rebuilding it.
"""

from __future__ import annotations

import subprocess

import pytest

from tests.packaging.conftest import PACKAGING

BUILT = PACKAGING / "dist" / "eci-wizard" / "eci-wizard"


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_built_bundle_passes_the_smoke_test() -> None:
    if not BUILT.exists():
        pytest.skip("no bundle in packaging/dist (bash packaging/build.sh builds one; CI does in packaging/ci-build-deb.sh)")
    done = subprocess.run(["bash", str(PACKAGING / "smoke-test.sh"), "--require-self-check", str(BUILT)],
                          capture_output=True, text=True, timeout=380)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Smoke test: all checks passed" in done.stdout
