"""Architecture rules that keep the core headless (design principle 2 in README)."""

from __future__ import annotations

import ast
from pathlib import Path

WIZARD = Path(__file__).resolve().parents[2] / "wizard"
QT_PACKAGES = ("PySide6", "superqt", "qtpy", "shiboken6")
#: Only the Qt layer and the entry point that builds the window may import Qt.
ALLOWED = ("ui/", "app.py", "__main__.py")


def _qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        found += [n for n in names if n.split(".")[0] in QT_PACKAGES]
    return found


def test_core_never_imports_qt() -> None:
    offenders = {}
    for path in WIZARD.rglob("*.py"):
        rel = path.relative_to(WIZARD).as_posix()
        if rel.startswith(ALLOWED):
            continue
        if imports := _qt_imports(path):
            offenders[rel] = imports
    assert offenders == {}, f"Qt imported outside wizard/ui: {offenders}"


def test_rule_detects_a_qt_import(tmp_path: Path) -> None:
    """The scanner itself must see both import forms, or the rule above proves nothing."""
    sample = tmp_path / "sample.py"
    sample.write_text("import PySide6.QtCore\nfrom superqt import QCollapsible\nimport json\n")
    assert _qt_imports(sample) == ["PySide6.QtCore", "superqt"]


def test_tls_verification_is_never_disabled() -> None:
    """TLS is always verified: a test CA is trusted by adding it (design principle 5 in README)."""
    bad = ("verify=False", "CERT_NONE", "check_hostname = False", "check_hostname=False")
    offenders = [
        p.relative_to(WIZARD).as_posix()
        for p in WIZARD.rglob("*.py")
        if any(b in p.read_text(encoding="utf-8") for b in bad)
    ]
    assert offenders == []
