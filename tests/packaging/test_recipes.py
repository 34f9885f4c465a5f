"""Recipes that can't run here stay valid: shell scripts, the spec, the CI workflow, Inno Setup.

The Windows installer and the macOS disk image are built on hosted runners only
(packaging/ci/github-release.yml); these tests keep their files well-formed and consistent
with each other, so a broken recipe is caught before a release run.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.packaging.conftest import PACKAGING, REPO

SCRIPTS = sorted(PACKAGING.rglob("*.sh"))
WORKFLOW = PACKAGING / "ci" / "github-release.yml"
ISS = PACKAGING / "windows" / "eci-wizard.iss"


def test_there_are_scripts_to_check() -> None:
    names = {p.relative_to(PACKAGING).as_posix() for p in SCRIPTS}
    assert {"build.sh", "ci-build-deb.sh", "smoke-test.sh", "linux/build-deb.sh", "linux/launcher.sh", "macos/make-dmg.sh"} <= names


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.relative_to(PACKAGING).as_posix())
def test_shell_script_parses(script: Path) -> None:
    done = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    first = script.read_text(encoding="utf-8").splitlines()[0]
    assert first in ("#!/usr/bin/env bash", "#!/bin/sh"), f"{script.name}: unexpected shebang {first!r}"


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed (apt-get install shellcheck)")
def test_shell_scripts_pass_shellcheck() -> None:
    done = subprocess.run(["shellcheck", *map(str, SCRIPTS)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_bash_scripts_are_strict() -> None:
    for script in SCRIPTS:
        text = script.read_text(encoding="utf-8")
        if text.startswith("#!/usr/bin/env bash"):
            assert "set -euo pipefail" in text, f"{script.name} must stop at the first failure"


def test_spec_is_python_and_bundles_what_the_wizard_reads_at_run_time() -> None:
    text = (PACKAGING / "eci-wizard.spec").read_text(encoding="utf-8")
    tree = ast.parse(text, filename="eci-wizard.spec")
    calls = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"} <= calls
    for needed in ('collect_data_files("wizard")', "metadata.wsdl", '"resources"', 'collect_submodules("wizard")',
                   "launch.py", "bundle_rules.py", "rules.trim", "rules.orphans", "excludes=excludes", '"locales"'):
        assert needed in text, f"the spec lost {needed}"
    assert (PACKAGING / "launch.py").exists()


def test_runtime_data_files_exist_where_the_spec_takes_them() -> None:
    import simple_salesforce

    assert (Path(simple_salesforce.__file__).parent / "metadata.wsdl").is_file()
    assert list((REPO / "wizard" / "guides" / "data").rglob("*.yaml"))
    assert list((REPO / "wizard" / "demo" / "scenarios").glob("*.yaml"))
    assert (REPO / "wizard" / "report" / "report.schema.json").is_file()
    for name in ("logo.png", "logo.svg", "brand.json", "wizard.qss", "fonts/LICENSE-DejaVu.txt"):
        assert (REPO / "resources" / name).is_file(), name


def test_build_tools_are_pinned() -> None:
    lines = [line.strip() for line in (PACKAGING / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert any(re.fullmatch(r"pyinstaller==6\.\d+\.\d+", line) for line in lines), lines
    assert all("==" in line for line in lines), "every build tool is pinned to one version"


def _workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_workflow_parses_with_a_job_per_platform() -> None:
    data = _workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` key as true
    assert "push" in triggers and "workflow_dispatch" in triggers
    jobs = data["jobs"]
    assert set(jobs) == {"linux", "windows", "macos"}
    assert jobs["windows"]["runs-on"].startswith("windows")
    assert jobs["macos"]["runs-on"].startswith("macos")
    for name, job in jobs.items():
        steps = job["steps"]
        assert all(("uses" in s) != ("run" in s) for s in steps), f"{name}: a step needs exactly one of uses/run"
        assert any(s.get("uses", "").startswith("actions/checkout@") for s in steps), name
        assert any(s.get("uses", "").startswith("actions/upload-artifact@") for s in steps), name


def _runs(job: str) -> str:
    return "\n".join(step.get("run", "") for step in _workflow()["jobs"][job]["steps"])


def test_workflow_builds_self_checks_and_packages_each_platform() -> None:
    assert "packaging/ci-build-deb.sh" in _runs("linux")
    windows = _runs("windows")
    assert "packaging/build.sh" in windows and "--self-check" in windows
    assert "ISCC.exe" in windows and "packaging\\windows\\eci-wizard.iss" in windows
    assert "unins000.exe" in windows, "the Windows job must prove the uninstaller works"
    macos = _runs("macos")
    assert "packaging/build.sh" in macos and "--self-check" in macos and "packaging/macos/make-dmg.sh" in macos
    for path in ("packaging/build.sh", "packaging/ci-build-deb.sh", "packaging/macos/make-dmg.sh", "packaging/windows/eci-wizard.iss",
                 "packaging/tools/make_icons.py"):
        assert (REPO / path).exists(), path


def _iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        if match := re.fullmatch(r"\[(\w+)\]", line):
            current = match.group(1)
            sections[current] = []
        elif current:
            sections[current].append(line)
    return sections


def test_inno_setup_script_has_setup_files_start_menu_and_uninstaller() -> None:
    sections = _iss_sections()
    assert {"Setup", "Files", "Icons", "Run", "UninstallDelete"} <= set(sections)
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"]), "AppId must be a fixed GUID"
    assert setup["DefaultDirName"].startswith("{autopf}")
    assert setup["UninstallDisplayIcon"] == "{app}\\{#AppExe}"
    assert setup["OutputDir"] == "..\\dist" and setup["SetupIconFile"] == "..\\build\\eci-wizard.ico"
    assert any(line.startswith('Source: "{#BundleDir}\\*"') and "recursesubdirs" in line for line in sections["Files"])
    assert any(line.startswith('Name: "{autoprograms}\\{#AppName}"') for line in sections["Icons"]), "no Start-menu entry"
    text = ISS.read_text(encoding="utf-8")
    assert '#define AppExe "eci-wizard.exe"' in text and '#define BundleDir "..\\dist\\eci-wizard"' in text


def test_macos_recipe_documents_signing_and_notarisation() -> None:
    text = (PACKAGING / "macos" / "make-dmg.sh").read_text(encoding="utf-8")
    for needed in ("hdiutil create", "codesign", "--options runtime", "xcrun notarytool submit", "xcrun stapler staple",
                   "MACOS_SIGN_IDENTITY", "entitlements.plist"):
        assert needed in text, needed
    import plistlib

    entitlements = plistlib.loads((PACKAGING / "macos" / "entitlements.plist").read_bytes())
    assert entitlements["com.apple.security.cs.allow-jit"] is True
