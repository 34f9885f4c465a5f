"""Shared pieces of the packaging tests: the repository paths and loading scripts by path.

``packaging/`` is deliberately not a Python package (it would shadow the PyPI ``packaging``
library), so its Python files are loaded from their paths, as the PyInstaller spec loads them.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"


def load_script(relative: str) -> ModuleType:
    """Import ``packaging/<relative>`` under a private name."""
    path = PACKAGING / relative
    name = "eci_packaging_" + path.stem.replace("-", "_")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, f"cannot load {path}"
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and typing need the module registered
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def rules() -> ModuleType:
    return load_script("bundle_rules.py")


@pytest.fixture(scope="session")
def check_depends() -> ModuleType:
    return load_script("linux/check_depends.py")
