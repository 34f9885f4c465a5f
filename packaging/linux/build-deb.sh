#!/usr/bin/env bash
# Wrap the app bundle in a Debian package:  bash packaging/linux/build-deb.sh [BUNDLE_DIR]
#
# Input: the bundle from packaging/build.sh (default packaging/dist/eci-wizard).
# Output: packaging/dist/eci-wizard_<version>_<arch>.deb, laid out as
#   /opt/eci-wizard/                      the bundle (its own Python, Qt and libraries)
#   /usr/bin/eci-wizard                   launcher that execs /opt/eci-wizard/eci-wizard
#   /usr/share/applications/eci-wizard.desktop
#   /usr/share/icons/hicolor/<N>x<N>/apps/eci-wizard.png (16-512 px) and scalable/apps/eci-wizard.svg
#   /usr/share/doc/eci-wizard/copyright
# No maintainer scripts: the desktop-file and icon caches are refreshed by the dpkg triggers of
# desktop-file-utils and hicolor-icon-theme, so removing the package leaves nothing behind.
# Before packing, check_depends.py verifies that Depends covers every system library the bundle
# links against. ECI_DEB_ZSTD_LEVEL sets the zstd level (default 19: ~1 min more than level 3
# on 2 cores, ~15% smaller .deb).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bundle="${1:-$root/packaging/dist/eci-wizard}"
level="${ECI_DEB_ZSTD_LEVEL:-19}"

if [ ! -x "$bundle/eci-wizard" ]; then
  echo "build-deb.sh: no app bundle at $bundle (expected $bundle/eci-wizard). Build it first: bash packaging/build.sh" >&2
  exit 1
fi
version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/wizard/__init__.py")"
if [ -z "$version" ]; then
  echo "build-deb.sh: no __version__ = \"X.Y.Z\" line found in wizard/__init__.py" >&2
  exit 1
fi
arch="$(dpkg --print-architecture)"
PYTHON="${PYTHON:-python3}"
stage="$root/packaging/build/deb/eci-wizard_${version}_${arch}"
deb="$root/packaging/dist/eci-wizard_${version}_${arch}.deb"

rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
         "$stage/usr/share/doc/eci-wizard" "$stage/usr/share/icons/hicolor"
cp -a "$bundle" "$stage/opt/eci-wizard"
install -m 0755 "$here/launcher.sh" "$stage/usr/bin/eci-wizard"
install -m 0644 "$here/eci-wizard.desktop" "$stage/usr/share/applications/eci-wizard.desktop"
install -m 0644 "$here/copyright" "$stage/usr/share/doc/eci-wizard/copyright"
"$PYTHON" "$root/packaging/tools/make_icons.py" --hicolor "$stage/usr/share/icons/hicolor" >/dev/null

# Files readable by all, writable by root only; executables and libraries keep their x bit.
chmod -R u+rwX,go+rX,go-w "$stage"

"$PYTHON" "$here/check_depends.py" "$stage/opt/eci-wizard" "$here/control.in"

installed_kib="$(du -sk "$stage" --exclude=DEBIAN | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_kib/" \
    "$here/control.in" > "$stage/DEBIAN/control"
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
  > "$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"

mkdir -p "$(dirname "$deb")"
start=$(date +%s)
dpkg-deb --root-owner-group -Zzstd -z"$level" --build "$stage" "$deb" >/dev/null
echo "Built $deb in $(( $(date +%s) - start )) s: $(( $(stat -c %s "$deb") / 1024 / 1024 )) MiB (installed: $(( installed_kib / 1024 )) MiB, zstd -$level)"
