"""Every graduation test runs with an in-memory keyring and its own config and data folders."""

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated(memory_keyring: type, data_dir: Path) -> None:
    """Secrets never reach the real keyring; every file written can be found and scanned."""
