"""Every apply test runs with an in-memory keyring and its own data folder (backups)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from tests.support.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    MemoryKeyring.clear()
    keyring.set_keyring(backend)
    yield backend
    MemoryKeyring.clear()
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("ECI_WIZARD_DATA_DIR", str(folder))
    monkeypatch.setenv("ECI_WIZARD_CONFIG_DIR", str(tmp_path / "config"))
    return folder
