"""The .deb's pieces: desktop entry, launcher, control file, icons and the Depends check."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

from tests.packaging.conftest import PACKAGING, load_script

LINUX = PACKAGING / "linux"


def _desktop_file() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(LINUX / "eci-wizard.desktop", encoding="utf-8")
    return parser


def _desktop_entry() -> configparser.SectionProxy:
    return _desktop_file()["Desktop Entry"]


def test_desktop_entry_starts_the_launcher_with_the_packaged_icon() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "ECI Setup Wizard"
    assert entry["Exec"] == "eci-wizard", "Exec must be the /usr/bin launcher the .deb installs"
    assert entry["Icon"] == load_script("tools/make_icons.py").ICON_NAME
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and entry["Keywords"].endswith(";")
    assert entry["StartupWMClass"] == "eci-wizard"


def test_desktop_entry_offers_the_demo_as_a_launcher_action() -> None:
    desktop = _desktop_file()
    assert desktop["Desktop Entry"]["Actions"] == "demo;"
    assert desktop["Desktop Action demo"]["Exec"] == "eci-wizard --demo"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_desktop_entry_passes_desktop_file_validate() -> None:
    done = subprocess.run(["desktop-file-validate", str(LINUX / "eci-wizard.desktop")], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_launcher_execs_the_bundle_in_opt() -> None:
    text = (LINUX / "launcher.sh").read_text(encoding="utf-8")
    assert text.startswith("#!/bin/sh\n")
    assert re.search(r'^exec /opt/eci-wizard/eci-wizard "\$@"$', text, re.M)


def test_control_template_has_the_fields_dpkg_needs(check_depends: ModuleType) -> None:
    text = (LINUX / "control.in").read_text(encoding="utf-8")
    fields = dict(re.findall(r"^([A-Za-z-]+): (.*)$", text, re.M))
    for field in ("Package", "Version", "Architecture", "Maintainer", "Installed-Size", "Depends", "Description", "Section", "Priority"):
        assert field in fields, f"control.in lacks {field}"
    assert fields["Package"] == "eci-wizard"
    assert fields["Version"] == "@VERSION@" and fields["Architecture"] == "@ARCH@"
    description = text.split("Description:", 1)[1].splitlines()[1:]
    assert description and all(line.startswith(" ") for line in description if line), "extended description lines start with a space"
    depends = check_depends.parse_depends(text)
    names = {name for group in depends for name in group}
    assert {"libc6", "libgl1", "libxcb1", "libstdc++6"} <= names
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9+.-]+", n) for n in names), names
    assert check_depends.libc_floor(text) is not None, "Depends must pin the glibc the bundle was built against"


def test_depends_parser_reads_alternatives_versions_and_continuations(check_depends: ModuleType) -> None:
    control = "Package: x\nDepends: libc6 (>= 2.36), libasound2 | libasound2t64,\n libgl1:any\nDescription: y\n"
    assert check_depends.parse_depends(control) == [["libc6"], ["libasound2", "libasound2t64"], ["libgl1"]]
    assert check_depends.libc_floor(control) == (2, 36)
    assert check_depends.parse_depends("Package: x\n") == []


@pytest.mark.skipif(shutil.which("readelf") is None or shutil.which("dpkg") is None, reason="needs readelf and dpkg")
def test_depends_check_finds_a_missing_package_and_a_low_glibc_floor(tmp_path: Path, check_depends: ModuleType) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    shutil.copy2(shutil.which("true") or "/bin/true", bundle / "tool")  # a real ELF linking glibc
    lines, problems = check_depends.check(bundle, "Depends: libgl1\n")
    assert any("libc.so.6" in line and "libc6" in line for line in lines), lines
    assert any("libc6, which Depends does not list" in p for p in problems), problems
    assert any("libc6 (>= nothing)" in p for p in problems), problems
    lines, problems = check_depends.check(bundle, "Depends: libc6 (>= 2.99)\n")
    assert problems == [], problems
    (bundle / "libc.so.6").write_bytes(b"")  # the bundle provides it now: no longer external
    assert check_depends.external_sonames(bundle) == {}


def test_icons_come_in_every_hicolor_size(tmp_path: Path) -> None:
    icons = load_script("tools/make_icons.py")
    written = icons.hicolor(tmp_path)
    for size in icons.HICOLOR_SIZES:
        path = tmp_path / f"{size}x{size}" / "apps" / "eci-wizard.png"
        with Image.open(path) as image:
            assert image.size == (size, size) and image.mode == "RGBA"
    assert (tmp_path / "scalable" / "apps" / "eci-wizard.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert len(written) == len(icons.HICOLOR_SIZES) + 1
    ico = icons.ico(tmp_path / "x.ico")
    with Image.open(ico) as image:
        assert (256, 256) in image.info["sizes"] and (16, 16) in image.info["sizes"]


def test_copyright_names_the_bundled_licences() -> None:
    text = (LINUX / "copyright").read_text(encoding="utf-8")
    assert text.startswith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/")
    for licence in ("LGPL-3.0-only", "OFL-1.1", "Bitstream-Vera"):
        assert licence in text
    for font_licence in ("LICENSE-DejaVu.txt", "LICENSE-NotoSansSymbols2.txt", "LICENSE-DroidSansFallback.txt"):
        assert (PACKAGING.parent / "resources" / "fonts" / font_licence).exists()
