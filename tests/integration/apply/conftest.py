"""Every apply test runs with an in-memory keyring and its own data folder (backups)."""

from tests.support.isolation import data_dir, memory_keyring

__all__ = ["data_dir", "memory_keyring"]
