#!/usr/bin/env bash
# Build the wizard's app bundle from a clean checkout:  bash packaging/build.sh [--no-install] [--clean]
#
# Why a shell script and not `python -m packaging.build`: a `packaging` Python package in this
# repository would shadow the PyPI `packaging` library that pip, setuptools and PyInstaller
# import, so packaging/ holds scripts run by path and a .spec file, and never an __init__.py.
#
# Steps: install the pinned build tools (packaging/requirements.txt) and the wizard with its
# dependencies (skip with --no-install or ECI_BUILD_NO_INSTALL=1), then run PyInstaller on
# packaging/eci-wizard.spec. Output: packaging/dist/eci-wizard/ (Linux, Windows) or
# "packaging/dist/ECI Setup Wizard.app" (macOS). Set PYTHON to choose the interpreter.
# Written for bash 3.2 too (macOS) and Git Bash (hosted Windows runners).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."

if [ -z "${PYTHON:-}" ]; then
  if command -v python3 >/dev/null 2>&1; then PYTHON=python3; else PYTHON=python; fi
fi
install=1
clean=()
for arg in "$@"; do
  case "$arg" in
    --no-install) install=0 ;;
    --clean) clean=(--clean) ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option '$arg' (expected --no-install, --clean or --help)" >&2; exit 2 ;;
  esac
done
if [ "${ECI_BUILD_NO_INSTALL:-0}" = 1 ]; then install=0; fi

if [ "$install" = 1 ]; then
  "$PYTHON" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
    -r packaging/requirements.txt -e .
fi

start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN ${clean[@]+"${clean[@]}"} \
  --distpath packaging/dist --workpath packaging/build packaging/eci-wizard.spec
seconds=$(( $(date +%s) - start ))

if [ -d "packaging/dist/ECI Setup Wizard.app" ]; then
  bundle="packaging/dist/ECI Setup Wizard.app"
else
  bundle="packaging/dist/eci-wizard"
fi
echo "Bundle built in ${seconds} s: $bundle ($(du -sk "$bundle" | cut -f1) KiB)"
