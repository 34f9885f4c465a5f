"""Every provider test: an in-memory keyring, its own config and data folders (backups, logs)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from tests.support.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.support.memory_keyring.MemoryKeyring")
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    MemoryKeyring.clear()
    keyring.set_keyring(backend)
    yield backend
    MemoryKeyring.clear()
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def wizard_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    config, data = tmp_path / "config", tmp_path / "data"
    monkeypatch.setenv("ECI_WIZARD_CONFIG_DIR", str(config))
    monkeypatch.setenv("ECI_WIZARD_DATA_DIR", str(data))
    return config, data
