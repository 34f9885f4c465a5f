"""What the bundle keeps and drops (packaging/bundle_rules.py), checked against the wizard's code."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import PySide6

from tests.packaging.conftest import PACKAGING, REPO

WIZARD = REPO / "wizard"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _wizard_imports() -> dict[str, set[str]]:
    return {path.relative_to(REPO).as_posix(): _imports(path) for path in WIZARD.rglob("*.py")}


def test_packaging_folder_never_shadows_the_pypi_packaging_library() -> None:
    assert not (PACKAGING / "__init__.py").exists(), "packaging/__init__.py would shadow PyPI's `packaging`"
    # `python -c` puts the current folder first on sys.path: exactly where a shadow would bite.
    done = subprocess.run([sys.executable, "-c", "import packaging.version; print(packaging.__file__)"],
                          cwd=REPO, capture_output=True, text=True, check=True)
    assert "site-packages" in done.stdout or "dist-packages" in done.stdout, done.stdout


def test_every_pyside6_module_the_wizard_imports_is_kept(rules: ModuleType) -> None:
    used = {name.split(".")[1] for imports in _wizard_imports().values() for name in imports
            if name.startswith("PySide6.") and name.count(".") >= 1}
    assert used, "the scan found no PySide6 import at all: the scan is broken"
    assert used <= rules.QT_MODULES_KEPT, f"imported but excluded from the bundle: {sorted(used - rules.QT_MODULES_KEPT)}"


def test_qt_excludes_cover_every_other_installed_module(rules: ModuleType) -> None:
    installed = rules.installed_qt_modules(Path(PySide6.__file__).parent)
    excluded = rules.qt_module_excludes(installed)
    assert "PySide6.QtWidgets" not in excluded and "PySide6.QtWebEngineWidgets" not in excluded
    for heavy in ("Qt3DCore", "QtQuick3D", "QtMultimedia", "QtCharts", "QtDataVisualization", "QtDesigner", "QtPdf"):
        if heavy in installed:
            assert f"PySide6.{heavy}" in excluded
    assert set(excluded) | {f"PySide6.{m}" for m in rules.QT_MODULES_KEPT} >= {f"PySide6.{m}" for m in installed}


def test_python_excludes_are_not_imported_by_the_wizard(rules: ModuleType) -> None:
    excluded = set(rules.PYTHON_EXCLUDES)
    offenders = {
        path: sorted(n for n in names if n in excluded or n.split(".")[0] in excluded)
        for path, names in _wizard_imports().items()
    }
    offenders = {path: names for path, names in offenders.items() if names}
    assert offenders == {}, f"the wizard imports modules the bundle leaves out: {offenders}"


def test_every_aws_service_the_wizard_calls_keeps_its_botocore_model(rules: ModuleType) -> None:
    import botocore

    pattern = re.compile(r"""\b(?:call|client|route)\(\s*["']([a-z0-9-]+)["']""")
    used = {m for path in (WIZARD / "providers").rglob("*.py") for m in pattern.findall(path.read_text(encoding="utf-8"))}
    assert {"s3", "iam"} <= used, f"the scan found {sorted(used)}: the scan is broken"
    assert used <= rules.BOTOCORE_SERVICES, f"called but dropped from the bundle: {sorted(used - rules.BOTOCORE_SERVICES)}"
    models = Path(botocore.__file__).parent / "data"
    assert all((models / s).is_dir() for s in rules.BOTOCORE_SERVICES), "a kept service name is not a botocore model"


def test_keep_file_trims_what_the_wizard_never_uses(rules: ModuleType) -> None:
    keep = rules.keep_file
    kept = [
        "PySide6/Qt/translations/qtwebengine_locales/en-US.pak",
        "PySide6/Qt/resources/qtwebengine_resources.pak",
        "PySide6/Qt/resources/icudtl.dat",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6\\Qt\\plugins\\imageformats\\qico.dll",
        "botocore/data/endpoints.json",
        "botocore/data/s3/2006-03-01/service-2.json.gz",
        "resources/fonts/DejaVuSans.ttf",
        "resources/fonts/LICENSE-DejaVu.txt",
        "resources/logo.png",
        "simple_salesforce/metadata.wsdl",
        "wizard/guides/data/aircall.yaml",
        "PySide6/Qt/lib/libstdc++.so.6",  # only the top-level copy is left to the system
    ]
    dropped = [
        "PySide6/Qt/translations/qtwebengine_locales/de.pak",
        "PySide6/Qt/lib/QtWebEngineCore.framework/Resources/qtwebengine_locales/fr.pak",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/resources/qtwebengine_devtools_resources.pak",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "botocore/data/ec2/2016-11-15/service-2.json.gz",
        "resources/screenshots/report-page-1.png",
        "libstdc++.so.6",
        "libgbm.so.1",
        "lxml/includes/etree.h",
        "foo/__pycache__/bar.cpython-311.pyc",
    ]
    assert [p for p in kept if not keep(p)] == []
    assert [p for p in dropped if keep(p)] == []


def test_keep_module_drops_pygments_plugins_but_not_the_packages(rules: ModuleType) -> None:
    assert rules.keep_module("pygments.lexers") and rules.keep_module("pygments.lexers._mapping")
    assert rules.keep_module("pygments.formatter") and rules.keep_module("wizard.cli")
    assert not rules.keep_module("pygments.lexers.python")
    assert not rules.keep_module("pygments.styles.monokai")


def test_orphans_are_only_what_dropped_files_alone_linked(rules: ModuleType) -> None:
    links = {
        "/q/plugins/libqgtk3.so": {"/q/lib/libQt6Gui.so.6", "/sys/libgtk-3.so.0", "/sys/libz.so.1"},
        "/sys/libgtk-3.so.0": {"/sys/libcairo.so.2", "/sys/libz.so.1"},
        "/q/lib/QtGui.abi3.so": {"/q/lib/libQt6Gui.so.6"},
        "/q/lib/libQt6Gui.so.6": {"/sys/libz.so.1"},
    }
    dropped = [("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/q/plugins/libqgtk3.so", "BINARY")]
    kept = [
        ("PySide6/QtGui.abi3.so", "/q/lib/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/q/lib/libQt6Gui.so.6", "BINARY"),
        ("libgtk-3.so.0", "/sys/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/sys/libcairo.so.2", "BINARY"),
        ("libz.so.1", "/sys/libz.so.1", "BINARY"),
        ("libcairo.so", "libcairo.so.2", "SYMLINK"),
    ]
    orphans = rules.orphans(dropped, kept, lambda source: links.get(source, set()))
    assert orphans == {"libgtk-3.so.0", "libcairo.so.2"}
    remaining = [e[0] for e in rules.without(kept, orphans)]
    assert remaining == ["PySide6/QtGui.abi3.so", "PySide6/Qt/lib/libQt6Gui.so.6", "libz.so.1"]


def test_orphans_never_prunes_dlopened_libraries(rules: ModuleType) -> None:
    links = {"/p/libqfoo.so": {"/sys/libsoftokn3.so", "/py/libpython3.11.so.1.0"}}
    dropped = [("plugins/libqfoo.so", "/p/libqfoo.so", "BINARY")]
    kept = [("libsoftokn3.so", "/sys/libsoftokn3.so", "BINARY"), ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY")]
    assert rules.orphans(dropped, kept, lambda source: links.get(source, set())) == set()
