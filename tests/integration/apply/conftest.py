"""Every apply test runs with an in-memory keyring and its own data folder (backups)."""

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated(memory_keyring: type, data_dir: Path) -> None:
    """Secrets never reach the real keyring, and backups land where the test can scan them."""
