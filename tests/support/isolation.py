"""Isolation for tests: an in-memory keyring and the test's own config/data folders.

Each fixture is defined once, here, and not autouse; tests/conftest.py registers this module as
a plugin, so any test can ask for ``memory_keyring``, ``data_dir`` or ``wizard_dirs`` by name.
A package whose every test needs them has a small autouse fixture in its conftest that asks
for them (see tests/integration/apply/conftest.py). Two fixtures are autouse for
every test: the machine's CA bundle setting is put back after each test, and secrets kept in
the process's memory are dropped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from tests.support.memory_keyring import MemoryKeyring
from wizard.apply.secret_source import forget_session_values

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


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[MemoryKeyring]]:
    """The in-memory keyring, for this process and (through PYTHON_KEYRING_BACKEND) for every child
    process it starts, such as the CLI run as a subprocess; empty before and after the test."""
    yield from in_memory_keyring(monkeypatch)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's own data folder (and config folder), fresh so every file written there
    (backups, logs) can be found and scanned for secrets."""
    return own_folders(tmp_path, monkeypatch)[1]


@pytest.fixture
def wizard_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The test's own (config, data) folders, fresh so every file the wizard writes can be
    found and scanned for secrets."""
    return own_folders(tmp_path, monkeypatch)


@pytest.fixture
def no_machine_aws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No AWS setting of this machine reaches the test: every ``AWS_*`` variable (profiles, keys,
    regions, endpoints such as ``AWS_ENDPOINT_URL_S3``) is removed, instance metadata is off, and
    the config and credentials files are the test's own, ``aws-config`` and ``aws-credentials`` in
    the returned folder (absent until a test writes them)."""
    for var in [v for v in os.environ if v.startswith("AWS_")]:
        monkeypatch.delenv(var)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "aws-credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "aws-config"))
    return tmp_path


@pytest.fixture(autouse=True)
def session_secrets() -> Iterator[None]:
    """Every test starts and ends with no secret in the process's memory (the demo org's values
    and, without a keyring, everyone's live there for the whole process)."""
    forget_session_values()
    yield
    forget_session_values()


@pytest.fixture(autouse=True)
def machine_ca_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test ends with ``REQUESTS_CA_BUNDLE`` as it found it.

    Signing in to a demo org trusts its test CA for the whole process (the product's
    `trust_ca_bundle_for_process`: zeep builds its own HTTP session, so the variable is the only
    way in). Left behind, it would point the next test at a stopped org's bundle, and a test of
    an untrusted certificate would pass or fail by the order the tests ran in.
    """
    if "REQUESTS_CA_BUNDLE" in os.environ:
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", os.environ["REQUESTS_CA_BUNDLE"])
    else:
        monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
