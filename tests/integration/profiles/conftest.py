"""Every graduation test runs with an in-memory keyring and its own config and data folders."""

from tests.support.isolation import data_dir, memory_keyring

__all__ = ["data_dir", "memory_keyring"]
