"""Where the wizard finds its shipped files and keeps the user's.

Resources (logo, stylesheet, fonts) live in the repository's top-level ``resources/`` folder; the
installer bundle copies that folder beside the code, and ``ECI_WIZARD_RESOURCES`` can point
elsewhere. User files go to the platform's config and data folders (platformdirs), never beside
the code.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "eci-wizard"
APP_AUTHOR = "ECI Setup Wizard"


def resources_dir() -> Path:
    """The folder holding the shipped resources, wherever the wizard runs from."""
    override = os.environ.get("ECI_WIZARD_RESOURCES")
    if override:
        return Path(override)
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root:
        return Path(bundle_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(name: str) -> Path:
    """The absolute path of one shipped resource file (it may not exist; callers decide)."""
    return resources_dir() / name


def config_dir() -> Path:
    """The user's config folder for the wizard (saved connections, window state). No secrets."""
    override = os.environ.get("ECI_WIZARD_CONFIG_DIR")
    path = Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """The user's data folder for the wizard (backups, profiles, logs). No secrets."""
    override = os.environ.get("ECI_WIZARD_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path
