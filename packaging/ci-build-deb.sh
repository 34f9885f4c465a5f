#!/usr/bin/env bash
# CI: build the .deb from this checkout, install it, self-check the installed copy, uninstall it
# and prove nothing was left behind; prints the sizes, the start-up figures and each step's time.
#   bash packaging/ci-build-deb.sh        (run as root on Debian/Ubuntu; .ci/run calls it)
# Steps:
#   1. system packages: the .deb's Depends (so dpkg -i can configure it), binutils (readelf) and
#      desktop-file-utils (desktop-file-validate)
#   2. bash packaging/build.sh            PyInstaller bundle (installs the pinned build tools)
#   3. bash packaging/linux/build-deb.sh  the .deb (checks Depends against the bundle's libraries)
#   4. dpkg -i, then the installed files are checked (launcher, desktop entry, icons)
#   5. bash packaging/smoke-test.sh --require-self-check /usr/bin/eci-wizard
#   6. python -m tests.benchmarks.bundle --quick (installed start-up vs source, sizes)
#   7. dpkg -r (and dpkg -P if anything was kept); /opt, /usr/bin, /usr/share/{applications,icons,doc,pixmaps} listed
#      before the install and after the purge must be identical
# ECI_DEB_ZSTD_LEVEL is passed on to build-deb.sh (default 19).
set -euo pipefail
cd "$(dirname "$0")/.."
ci_start=$(date +%s)
step_start=$ci_start
timings=()
step() { local now; now=$(date +%s); timings+=("$(printf '%-34s %4d s' "$1" $((now - step_start)))"); step_start=$now; }
PYTHON="${PYTHON:-python3}"
export PYTHON

if [ "$(id -u)" -ne 0 ]; then
  echo "ci-build-deb.sh: installing a .deb needs root (dpkg -i); run it as root, as CI does" >&2
  exit 1
fi

# 1. System packages: first alternative of each Depends group, plus the tools the checks use.
mapfile -t wanted < <(sed -n 's/^Depends: //p' packaging/linux/control.in | tr ',' '\n' \
  | sed -e 's/|.*//' -e 's/(.*)//' -e 's/[[:space:]]//g' | grep -v '^$')
wanted+=(binutils desktop-file-utils)
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages the .deb depends on: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
step "system packages"

# 2-3. Bundle and .deb.
bash packaging/build.sh
step "PyInstaller bundle"
bash packaging/linux/build-deb.sh
step ".deb"
version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' wizard/__init__.py)"
deb="packaging/dist/eci-wizard_${version}_$(dpkg --print-architecture).deb"

# 4. Install, after listing the system folders the package writes to.
watched=(/opt /usr/bin /usr/share/applications /usr/share/icons /usr/share/doc /usr/share/pixmaps)
# The desktop-file and icon caches are rebuilt by other packages' dpkg triggers and belong to no
# package; they are the only paths left out of the comparison.
snapshot() {
  find "${watched[@]}" -xdev 2>/dev/null | grep -v -E '/(mimeinfo|icon-theme)\.cache$' | LC_ALL=C sort
}
if dpkg-query -W -f='${Status}' eci-wizard 2>/dev/null | grep -q "installed\|config-files"; then
  echo "Removing an eci-wizard package left from an earlier run"
  dpkg -P eci-wizard >/dev/null
fi
before="$(mktemp)"; after="$(mktemp)"
trap 'rm -f "$before" "$after"' EXIT
snapshot > "$before"
dpkg -i "$deb"
for f in /usr/bin/eci-wizard /opt/eci-wizard/eci-wizard /usr/share/applications/eci-wizard.desktop \
         /usr/share/icons/hicolor/48x48/apps/eci-wizard.png /usr/share/icons/hicolor/scalable/apps/eci-wizard.svg \
         /usr/share/doc/eci-wizard/copyright; do
  [ -e "$f" ] || { echo "ci-build-deb.sh: the installed package lacks $f" >&2; exit 1; }
done
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate /usr/share/applications/eci-wizard.desktop
fi
dpkg --verify eci-wizard
step "dpkg -i"

# 5. Smoke test and self-check of the installed copy.
bash packaging/smoke-test.sh --require-self-check /usr/bin/eci-wizard
step "smoke test of the installed copy"

# 6. Start-up of the installed copy vs source, and sizes.
QT_QPA_PLATFORM=offscreen "$PYTHON" -m tests.benchmarks.bundle --quick --exe /usr/bin/eci-wizard --deb "$deb"
step "benchmark (quick)"

# 7. Uninstall and purge; nothing may be left behind.
dpkg -r eci-wizard
if dpkg-query -W -f='${db:Status-Status}' eci-wizard 2>/dev/null | grep -q config-files; then
  dpkg -P eci-wizard
fi
snapshot > "$after"
if ! diff -u "$before" "$after"; then
  echo "ci-build-deb.sh: removing the package left the files above behind (+) or removed others (-)" >&2
  exit 1
fi
echo "Uninstall: no files left behind in ${watched[*]}"
step "dpkg -r / -P and leftover check"

echo
echo "Sizes: .deb $(( $(stat -c %s "$deb") / 1000000 )) MB (target ≤ 150 MB), bundle $(( $(du -sk packaging/dist/eci-wizard | cut -f1) / 1024 )) MiB on disk"
echo "Timings:"
printf '  %s\n' "${timings[@]}"
echo "  $(printf '%-34s %4d s' total $(( $(date +%s) - ci_start )))"
