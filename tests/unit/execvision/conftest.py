"""What every ExecVision unit test shares.

- The wizard's settings (accepted host keys, saved choices) go to a folder of the test's own, so no
  test reads what another wrote, nor the machine's own.
- A test module's ``NOW`` is the moment its test runs. The rules compare file times with this
  computer's clock, and a whole suite is collected many minutes before its last test runs: a
  ``NOW`` fixed at import would make a call "five minutes ago" a quarter of an hour old by then.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _own_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECI_WIZARD_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture(autouse=True)
def _now_is_when_the_test_runs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if hasattr(request.module, "NOW"):
        monkeypatch.setattr(request.module, "NOW", datetime.now(UTC).replace(microsecond=0))
