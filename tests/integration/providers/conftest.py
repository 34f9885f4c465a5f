"""Every provider test: an in-memory keyring, its own config and data folders (backups, logs)."""

from tests.support.isolation import memory_keyring, wizard_dirs

__all__ = ["memory_keyring", "wizard_dirs"]
