"""Isolation for tests: an in-memory keyring and the test's own config/data folders.

The bodies live here once. A test package opts into the autouse fixtures by importing them into
its conftest (``from tests.support.isolation import data_dir, memory_keyring``); modules that want
them only on request use the plain fixtures in `tests.support.signin`, built on the same helpers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from tests.support.memory_keyring import MemoryKeyring

#: How child processes (the CLI run as a subprocess) are told to use the same backend.
MEMORY_KEYRING = "tests.support.memory_keyring.MemoryKeyring"


def in_memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[MemoryKeyring]]:
    """This process, and any child it starts, uses the in-memory keyring; emptied before and after."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", MEMORY_KEYRING)
    previous = keyring.get_keyring()
    MemoryKeyring.clear()
    keyring.set_keyring(MemoryKeyring())
    yield MemoryKeyring
    MemoryKeyring.clear()
    keyring.set_keyring(previous)


def own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Fresh (config, data) folders, so every file the wizard writes can be found and scanned."""
    config, data = tmp_path / "config", tmp_path / "data"
    monkeypatch.setenv("ECI_WIZARD_CONFIG_DIR", str(config))
    monkeypatch.setenv("ECI_WIZARD_DATA_DIR", str(data))
    return config, data


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[MemoryKeyring]]:
    yield from in_memory_keyring(monkeypatch)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return own_folders(tmp_path, monkeypatch)[1]


@pytest.fixture(autouse=True)
def wizard_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    return own_folders(tmp_path, monkeypatch)
