"""Icons for the installers, drawn from ``resources/logo.png`` (512 px) and ``resources/logo.svg``.

Run by path (``packaging/`` is not a Python package, see packaging/build.sh):

    python3 packaging/tools/make_icons.py --hicolor DIR   # DIR/<N>x<N>/apps/eci-wizard.png + scalable SVG
    python3 packaging/tools/make_icons.py --ico FILE      # Windows .ico with 16-256 px images

Pillow is already installed with the wizard (reportlab depends on it).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
LOGO_PNG = ROOT / "resources" / "logo.png"
LOGO_SVG = ROOT / "resources" / "logo.svg"
ICON_NAME = "eci-wizard"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def _logo() -> Image.Image:
    image = Image.open(LOGO_PNG).convert("RGBA")
    if image.width < max(HICOLOR_SIZES) or image.width != image.height:
        sys.exit(f"make_icons: {LOGO_PNG} is {image.width}x{image.height}; expected a square of at least "
                 f"{max(HICOLOR_SIZES)} px. Replace it with a larger square logo.")
    return image


def hicolor(target: Path) -> list[Path]:
    """The freedesktop icon-theme tree for the .deb (one PNG per size plus the SVG)."""
    logo = _logo()
    written = []
    for size in HICOLOR_SIZES:
        path = target / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        logo.resize((size, size), Image.Resampling.LANCZOS).save(path, optimize=True)
        written.append(path)
    scalable = target / "scalable" / "apps" / f"{ICON_NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(LOGO_SVG, scalable)
    return [*written, scalable]


def ico(target: Path) -> Path:
    """A multi-size Windows icon (the installer's and the uninstaller's)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _logo().save(target, format="ICO", sizes=[(s, s) for s in ICO_SIZES])
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hicolor", type=Path, metavar="DIR", help="write the hicolor icon tree under DIR")
    parser.add_argument("--ico", type=Path, metavar="FILE", help="write a Windows .ico")
    args = parser.parse_args(argv)
    if not (args.hicolor or args.ico):
        parser.error("nothing to do: give --hicolor DIR and/or --ico FILE")
    if args.hicolor:
        for path in hicolor(args.hicolor):
            print(path)
    if args.ico:
        print(ico(args.ico))
    return 0


if __name__ == "__main__":
    sys.exit(main())
