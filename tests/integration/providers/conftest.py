"""Every provider test: an in-memory keyring, its own config and data folders (backups, logs)."""

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated(memory_keyring: type, wizard_dirs: tuple[Path, Path]) -> None:
    """Secrets never reach the real keyring; every file written can be found and scanned."""
