"""Autouse fixtures that isolate a test package: an in-memory keyring and its own config/data folders.

A test package opts in by importing them into its conftest:
``from tests.support.isolation import data_dir, memory_keyring``.
"""

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
