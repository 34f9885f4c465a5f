"""Every ExecVision unit test keeps the wizard's settings (accepted host keys, saved choices) in a
folder of its own, so no test reads what another wrote, nor the machine's own."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _own_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECI_WIZARD_CONFIG_DIR", str(tmp_path / "config"))
