"""What goes into the installer bundle, and what is trimmed out of it, as plain data.

The PyInstaller spec (`eci-wizard.spec`) loads this file by path; the packaging tests load it the
same way. It is not part of an importable package on purpose: a top-level ``packaging`` package
would shadow the PyPI ``packaging`` library that pip, setuptools and PyInstaller import.

Why trim: an untrimmed PyInstaller bundle of the wizard drags in every Qt module that superqt's
qtpy layer mentions (3D, Charts, Multimedia, Quick 3D...), IPython/pytest through optional
imports, all 400+ botocore service models and 50+ Chromium locales; its .deb is ~290 MB. The
wizard uses a handful of Qt modules, seven AWS services and speaks English, so the rest goes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

APP_NAME = "eci-wizard"
DISPLAY_NAME = "ECI Setup Wizard"
BUNDLE_ID = "com.eci-setup-wizard.wizard"

#: PySide6 binding modules the wizard imports (directly, or as the bindings' own dependencies:
#: QtWebEngineWidgets imports QtPrintSupport, QtWebEngineCore imports QtNetwork and QtWebChannel).
#: QtSvg renders the SVG logo used as the window icon. Every other PySide6 module is excluded.
QT_MODULES_KEPT: frozenset[str] = frozenset(
    {
        "QtCore",
        "QtGui",
        "QtWidgets",
        "QtNetwork",
        "QtPrintSupport",
        "QtSvg",
        "QtWebChannel",
        "QtWebEngineCore",
        "QtWebEngineWidgets",
    }
)

#: Python packages that optional imports pull into the analysis but the wizard never runs:
#: IPython/jedi/trio via stack-trace helpers, pytest/hypothesis via qtpy's test suite, numpy via
#: superqt's image helpers, tkinter via the standard library, setuptools via cffi's build shims.
#: The bundle smoke test runs every command path of the installed app to prove nothing needs them.
PYTHON_EXCLUDES: tuple[str, ...] = (
    "tkinter",
    "_tkinter",
    "IPython",
    "jedi",
    "parso",
    "trio",
    "numpy",
    "pytest",
    "_pytest",
    "hypothesis",
    "matplotlib",
    "qtpy.tests",
    "superqt.cmap",
    "superqt.fonticon",
    "moto",
    "setuptools",
    "pkg_resources",
    "PIL.ImageQt",
    "PIL.ImageTk",
    # Pillow's optional codecs: reportlab only reads the PNG logo; AVIF, WebP, colour management
    # and font rendering would bring ~9 MB of libraries (libavif, libwebp, lcms2, freetype...).
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingcms",
    "PIL._imagingft",
    "PIL._imagingtk",
    "lxml.objectify",  # 2.8 MB; the wizard, zeep and simple-salesforce use lxml.etree/html/builder
    "sqlite3",  # zeep's optional SQLite cache (zeep checks for ImportError); never enabled here
    "readline",
)

#: AWS services the wizard calls (wizard/providers/aws); botocore's models of the others are dropped.
#: A packaging test fails when the code calls a service missing here.
BOTOCORE_SERVICES: frozenset[str] = frozenset(
    {"cloudformation", "cloudfront", "iam", "lambda", "s3", "secretsmanager", "sts"}
)

#: QtWebEngine resource files dropped: the developer tools' pages (~11 MB), never opened.
WEBENGINE_RESOURCES_DROPPED: frozenset[str] = frozenset({"qtwebengine_devtools_resources.pak"})

#: Chromium UI locales kept (the wizard's own text is English; Chromium falls back to en-US).
WEBENGINE_LOCALES: frozenset[str] = frozenset({"en-US.pak"})

#: Qt plugin folders the wizard has no use for (printing, QML tooling, geolocation, SQL, media...).
QT_PLUGIN_DIRS_DROPPED: frozenset[str] = frozenset(
    {
        "printsupport",  # the wizard writes PDFs itself; the CUPS plugin would pull in libcups
        "qmltooling",
        "position",  # QtPositioning is linked by QtWebEngine, its geolocation plugins are unused
        "sqldrivers",
        "multimedia",
        "sensors",
        "canbus",
        "texttospeech",
        "designer",
        "sceneparsers",
        "renderers",
        "geometryloaders",
        "renderplugins",
        "assetimporters",
        "geoservices",
        "webview",
        "egldeviceintegrations",  # EGLFS: full-screen embedded devices, not desktops
        "generic",  # evdev/TUIO input for embedded devices
        "networkinformation",  # QNetworkInformation backends, unused
    }
)

#: Platform plugins kept: X11, Wayland, and offscreen/minimal (the self-check and CI).
#: The embedded-device ones (eglfs, linuxfb, vnc, vkkhrdisplay, minimalegl) are dropped.
QT_PLATFORMS_KEPT: frozenset[str] = frozenset({"qxcb", "qwayland", "qoffscreen", "qminimal", "qwindows", "qdirect2d", "qcocoa"})

#: Input-method plugins dropped: Qt's on-screen virtual keyboard (compose and IBus stay).
QT_INPUTCONTEXTS_DROPPED: frozenset[str] = frozenset({"qtvirtualkeyboardplugin"})

#: Image format plugins kept: the logo (SVG, PNG built in), icons (ICO) and page images (JPEG, GIF).
QT_IMAGEFORMATS_KEPT: frozenset[str] = frozenset({"qsvg", "qico", "qjpeg", "qgif"})

#: Platform themes kept: the GTK3 theme would need GTK on the machine; the portal theme does not.
QT_PLATFORMTHEMES_DROPPED: frozenset[str] = frozenset({"qgtk3"})

#: Linux system libraries left to the system (the .deb depends on their packages) rather than
#: copied from the build machine: the C++ runtime and libgbm must match the graphics drivers of
#: the machine the wizard runs on (a Debian 12 libstdc++ loaded first breaks newer Mesa drivers).
LINUX_SYSTEM_LIBS: frozenset[str] = frozenset({"libstdc++.so.6", "libgcc_s.so.1", "libgbm.so.1"})

#: Never pruned as "only needed by a dropped file": loaded with dlopen, not linked (the Python
#: library, extension modules, NSS's crypto modules that Chromium loads by name).
_DLOPENED = re.compile(r"(^|/)(lib)?python[\d.]*\.|\.cpython-|\.abi3\.|\.pyd$|(^|/)lib(softokn|freebl|nssckbi|nssdbm)")

#: Files no installed app needs: debug symbols, headers, static libraries, CMake and build metadata.
_DEBUG_AND_BUILD = re.compile(
    r"(\.debug|\.pdb|\.dSYM(/.*)?|\.prl|\.a|\.la|\.pyi|\.h|\.hpp)$"
    r"|(^|/)(include|mkspecs|metatypes|typesystems|glue|cmake|doc|examples|scripts)/",
)

#: Our own shipped files that are documentation, not run-time data.
_RESOURCES_DROPPED = ("resources/screenshots/",)


#: Python modules imported only by name at run time, dropped from the archive: pygments' hundreds of
#: lexers, formatters and styles (superqt imports pygments for a code highlighter the wizard never
#: shows; the package and its name maps stay so that import still works).
_PURE_DROPPED = re.compile(r"^pygments\.(lexers|formatters|styles)\.(?!_mapping$)[^.]+$")


def keep_module(name: str) -> bool:
    """Whether the pure-Python module `name` stays in the bundle's archive."""
    return not _PURE_DROPPED.match(name)


def qt_module_excludes(available: list[str]) -> list[str]:
    """``PySide6.<Module>`` names to exclude: every installed binding module not in the kept set."""
    return sorted(f"PySide6.{name}" for name in available if name not in QT_MODULES_KEPT)


def installed_qt_modules(pyside_dir: Path) -> list[str]:
    """Binding modules present in an installed PySide6 (``QtCore.abi3.so``, ``QtCore.pyd``...)."""
    names = {p.name.split(".")[0] for p in pyside_dir.iterdir() if p.suffix in (".so", ".pyd") and p.name.startswith("Qt")}
    return sorted(names)


def _parts(dest: str) -> tuple[str, ...]:
    return PurePosixPath(dest.replace("\\", "/")).parts


def keep_file(dest: str) -> bool:
    """Whether a file at bundle path `dest` (relative, as in PyInstaller's TOC) stays in the bundle."""
    path = dest.replace("\\", "/")
    parts = _parts(path)
    name = parts[-1] if parts else ""
    if _DEBUG_AND_BUILD.search(path) or "__pycache__" in parts:
        return False
    if path.startswith(_RESOURCES_DROPPED):
        return False
    if "qtwebengine_locales" in parts:  # Linux/Windows: translations/; macOS: inside the framework
        return name in WEBENGINE_LOCALES
    if "translations" in parts and "PySide6" in parts:
        return not name.endswith(".qm")  # English UI: Qt's own translations are not needed
    if "plugins" in parts and "PySide6" in parts:
        i = parts.index("plugins")
        folder = parts[i + 1] if len(parts) > i + 2 else ""
        if folder in QT_PLUGIN_DIRS_DROPPED:
            return False
        stem = re.sub(r"^lib", "", name.split(".")[0])
        if folder == "imageformats":
            return stem in QT_IMAGEFORMATS_KEPT
        if folder == "platformthemes":
            return stem not in QT_PLATFORMTHEMES_DROPPED
        if folder == "platforms":
            return stem in QT_PLATFORMS_KEPT
        if folder == "platforminputcontexts":
            return stem not in QT_INPUTCONTEXTS_DROPPED
    if name in WEBENGINE_RESOURCES_DROPPED:
        return False
    if len(parts) == 1 and name in LINUX_SYSTEM_LIBS:
        return False
    if len(parts) >= 3 and parts[0] == "botocore" and parts[1] == "data":
        return len(parts) == 3 or parts[2] in BOTOCORE_SERVICES  # top-level files: endpoints, partitions
    return True


def trim(toc: list[tuple[str, str, str]]) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """Split a PyInstaller TOC into (entries kept, entries dropped) by `keep_file`."""
    kept, dropped = [], []
    for entry in toc:
        (kept if keep_file(entry[0]) else dropped).append(entry)
    return kept, dropped


def orphans(
    dropped: list[tuple[str, str, str]],
    kept: list[tuple[str, str, str]],
    deps: Callable[[str], set[str]],
) -> set[str]:
    """Bundle paths of kept binaries that only dropped binaries linked against.

    PyInstaller adds a plugin's libraries before the spec can drop the plugin, so dropping e.g.
    the GTK3 theme would leave GTK, cairo and pango behind. `deps(source_path)` returns the
    libraries a binary links against (resolved source paths); it is PyInstaller's own scanner in
    the spec and a plain dict in the tests.
    """

    def closure(sources: set[str]) -> set[str]:
        seen: set[str] = set()
        stack = list(sources)
        while stack:
            for dep in deps(stack.pop()):
                if dep not in seen:
                    seen.add(dep)
                    stack.append(dep)
        return seen

    by_source = {os.path.realpath(src): dest for dest, src, kind in kept if kind != "SYMLINK"}
    from_dropped = closure({os.path.realpath(src) for _, src, kind in dropped if kind != "SYMLINK"})
    roots = {src for src in by_source if src not in from_dropped}
    needed = roots | closure(roots)
    return {by_source[src] for src in from_dropped & by_source.keys() - needed if not _DLOPENED.search(by_source[src])}


def without(toc: list[tuple[str, str, str]], dests: set[str]) -> list[tuple[str, str, str]]:
    """`toc` less the entries at `dests` and the symlinks pointing at them."""
    def target(dest: str, src: str) -> str:
        return os.path.normpath(os.path.join(os.path.dirname(dest), src)).replace("\\", "/")

    norm = {d.replace("\\", "/") for d in dests}
    return [e for e in toc if e[0].replace("\\", "/") not in norm and not (e[2] == "SYMLINK" and target(e[0], e[1]) in norm)]
