#!/usr/bin/env bash
# Sign (optionally), package and notarise (optionally) the macOS app:
#   bash packaging/macos/make-dmg.sh   ->  packaging/dist/eci-wizard-<version>-macos-<arch>.dmg
# Input: "packaging/dist/ECI Setup Wizard.app" from `bash packaging/build.sh` on a Mac.
# The disk image holds the app and a link to /Applications, so the admin drags one onto the
# other. Runs on macOS only (hdiutil, codesign, xcrun); bash 3.2 compatible.
#
# Signing and notarisation happen only when these are set (CI takes them from secrets):
#   MACOS_SIGN_IDENTITY   e.g. "Developer ID Application: Example Corp (TEAMID1234)"; the
#                         certificate must be in the keychain (see packaging/ci/github-release.yml)
#   MACOS_NOTARY_PROFILE  a notarytool keychain profile, made once with
#                         xcrun notarytool store-credentials PROFILE --apple-id ID --team-id TEAMID1234
#                         (or set MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID, MACOS_NOTARY_PASSWORD,
#                         an app-specific password, instead)
# Without them the image is unsigned: fine for testing, but Gatekeeper asks users to confirm
# (right-click > Open) and may refuse on managed Macs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
app="$root/packaging/dist/ECI Setup Wizard.app"
version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/wizard/__init__.py")"
dmg="$root/packaging/dist/eci-wizard-${version}-macos-$(uname -m).dmg"

if [ "$(uname -s)" != "Darwin" ]; then
  echo "make-dmg.sh: needs macOS (hdiutil, codesign); this is $(uname -s)" >&2
  exit 2
fi
if [ ! -d "$app" ]; then
  echo "make-dmg.sh: no app at $app; build it first: bash packaging/build.sh" >&2
  exit 1
fi

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  echo "Signing the app as $MACOS_SIGN_IDENTITY (hardened runtime)"
  # Inside out: every library and helper first, then the app. QtWebEngineProcess needs JIT
  # entitlements under the hardened runtime (packaging/macos/entitlements.plist).
  find "$app/Contents" -type f \( -name '*.dylib' -o -name '*.so' -o -perm -u+x \) -print0 |
    while IFS= read -r -d '' file; do
      if file "$file" | grep -q 'Mach-O'; then
        codesign --force --timestamp --options runtime --entitlements "$here/entitlements.plist" \
          --sign "$MACOS_SIGN_IDENTITY" "$file"
      fi
    done
  codesign --force --timestamp --options runtime --entitlements "$here/entitlements.plist" \
    --sign "$MACOS_SIGN_IDENTITY" "$app"
  codesign --verify --deep --strict --verbose=2 "$app"
else
  echo "MACOS_SIGN_IDENTITY is not set: the app and disk image stay unsigned"
fi

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "ECI Setup Wizard" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
  notarize=()
  if [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
    notarize=(--keychain-profile "$MACOS_NOTARY_PROFILE")
  elif [ -n "${MACOS_NOTARY_APPLE_ID:-}" ]; then
    notarize=(--apple-id "$MACOS_NOTARY_APPLE_ID" --team-id "${MACOS_NOTARY_TEAM_ID:?set MACOS_NOTARY_TEAM_ID}"
              --password "${MACOS_NOTARY_PASSWORD:?set MACOS_NOTARY_PASSWORD}")
  fi
  if [ ${#notarize[@]} -gt 0 ]; then
    echo "Submitting to Apple's notary service (waits for the verdict)"
    xcrun notarytool submit "$dmg" "${notarize[@]}" --wait
    xcrun stapler staple "$dmg"
    spctl --assess --type open --context context:primary-signature --verbose "$dmg"
  else
    echo "No notary credentials (MACOS_NOTARY_PROFILE or MACOS_NOTARY_APPLE_ID): signed but not notarised"
  fi
fi

hdiutil verify "$dmg"
echo "Built $dmg ($(( $(stat -f %z "$dmg") / 1000000 )) MB)"
