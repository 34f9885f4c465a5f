"""Check that the .deb's Depends covers every system library the bundle links against.

The bundle carries almost all of its libraries; the few it leaves to the system (glibc, the C++
runtime, the graphics and windowing libraries, see ``LINUX_SYSTEM_LIBS`` in bundle_rules.py and
PyInstaller's own exclusions) must come from packages named in ``Depends``, or the wizard would
install fine and then fail to start. This script lists every ``NEEDED`` entry of every ELF file in
the bundle that no file of the bundle provides, finds the Debian package holding it on this
machine (``ldconfig -p`` then ``dpkg -S``), and fails naming any package missing from Depends. It
also checks that ``libc6 (>= X)`` is at least the newest glibc symbol version the bundle uses.

    python3 packaging/linux/check_depends.py BUNDLE_DIR CONTROL_FILE

Run by path (``packaging/`` is not a Python package). Needs readelf (binutils) and dpkg.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ELF_MAGIC = b"\x7fELF"


def elf_files(bundle: Path) -> list[Path]:
    """Every ELF file in the bundle (symlinks are skipped: their targets are listed)."""
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def _readelf(*args: str) -> str:
    return subprocess.run(["readelf", *args], capture_output=True, text=True, check=False).stdout


def needed(path: Path) -> list[str]:
    """The sonames `path` links against (its DT_NEEDED entries)."""
    return re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", _readelf("-dW", str(path)))


def glibc_versions(path: Path) -> set[str]:
    """The GLIBC_x.y symbol versions `path` requires."""
    return set(re.findall(r"Name: GLIBC_(\d+(?:\.\d+)+)", _readelf("-VW", str(path))))


def external_sonames(bundle: Path) -> dict[str, list[str]]:
    """Sonames needed by the bundle's ELF files that no file in the bundle provides -> users."""
    provided = {p.name for p in bundle.rglob("*")}
    users: dict[str, list[str]] = defaultdict(list)
    for path in elf_files(bundle):
        for soname in needed(path):
            if soname not in provided:
                users[soname].append(str(path.relative_to(bundle)))
    return dict(users)


def parse_depends(control: str) -> list[list[str]]:
    """The Depends field as groups of alternative package names (versions dropped)."""
    match = re.search(r"^Depends:(.*(?:\n[ \t].*)*)", control, re.M)
    if not match:
        return []
    groups = []
    for group in match.group(1).replace("\n", " ").split(","):
        names = [re.sub(r"\(.*?\)|:\S+", "", alt).strip() for alt in group.split("|")]
        groups.append([n for n in names if n])
    return [g for g in groups if g]


def libc_floor(control: str) -> tuple[int, ...] | None:
    """The version in ``libc6 (>= X)``, if Depends has one."""
    match = re.search(r"\blibc6\s*\(\s*>=\s*([\d.]+)", control)
    return tuple(int(x) for x in match.group(1).split(".")) if match else None


def _ldconfig_paths() -> dict[str, str]:
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
    paths: dict[str, str] = {}
    for line in out.splitlines():
        match = re.match(r"\s*(\S+) \((.*?)\) => (\S+)", line)
        if match and ("x86-64" in match.group(2) or "64bit" in match.group(2) or "x86_64" not in out):
            paths.setdefault(match.group(1), match.group(3))
    return paths


def package_of(path: str) -> str | None:
    """The installed package that owns `path` (trying the /usr-merged twin of the path too)."""
    candidates = [path]
    if path.startswith("/usr/lib/"):
        candidates.append(path[len("/usr"):])
    elif path.startswith("/lib"):
        candidates.append("/usr" + path)
    resolved = str(Path(path).resolve())
    candidates += [resolved, resolved[len("/usr"):] if resolved.startswith("/usr/") else "/usr" + resolved]
    for candidate in candidates:
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if result.returncode == 0 and result.stdout:
            return result.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


def check(bundle: Path, control_text: str) -> tuple[list[str], list[str]]:
    """(report lines, problems) for the bundle against the control file's Depends."""
    depends = parse_depends(control_text)
    allowed = {name for group in depends for name in group}
    lines, problems = [], []
    paths = _ldconfig_paths()
    for soname, users in sorted(external_sonames(bundle).items()):
        where = paths.get(soname)
        package = package_of(where) if where else None
        lines.append(f"  {soname:32} {package or '?':22} needed by {users[0]}" + (f" (+{len(users) - 1})" if len(users) > 1 else ""))
        if where is None:
            problems.append(f"{soname} (needed by {users[0]}) is not installed on this machine, so its package "
                            "can't be checked: install it (apt-get install <package>) and build again")
        elif package is None:
            problems.append(f"{soname} is at {where}, which no Debian package owns: the .deb can't depend on it")
        elif package not in allowed:
            problems.append(f"{soname} comes from the package {package}, which Depends does not list: add it to "
                            "packaging/linux/control.in")
    newest = max((tuple(int(x) for x in v.split(".")) for p in elf_files(bundle) for v in glibc_versions(p)), default=None)
    floor = libc_floor(control_text)
    if newest:
        lines.append(f"  newest glibc symbol version used: {'.'.join(map(str, newest))}; Depends has libc6 (>= "
                     f"{'.'.join(map(str, floor)) if floor else 'none'})")
        if floor is None or floor < newest:
            problems.append(f"the bundle needs glibc {'.'.join(map(str, newest))} but Depends asks for libc6 "
                            f"(>= {'.'.join(map(str, floor)) if floor else 'nothing'}): raise it in control.in")
    return lines, problems


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[0] + "\nusage: check_depends.py BUNDLE_DIR CONTROL_FILE", file=sys.stderr)
        return 2
    bundle, control = Path(argv[0]), Path(argv[1])
    if not bundle.is_dir() or not control.is_file():
        print(f"check_depends: expected a bundle folder and a control file, got {bundle} and {control}", file=sys.stderr)
        return 2
    lines, problems = check(bundle, control.read_text(encoding="utf-8"))
    print("System libraries the bundle links against (soname, package, first user):")
    print("\n".join(lines))
    for problem in problems:
        print(f"check_depends: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
