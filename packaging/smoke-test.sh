#!/usr/bin/env bash
# Smoke-test a built or installed wizard bundle, the way an admin's machine would run it:
#   bash packaging/smoke-test.sh [--require-self-check] [EXE]
# EXE defaults to /usr/bin/eci-wizard (the installed .deb); packaging/dist/eci-wizard/eci-wizard
# tests a fresh build. Everything runs offscreen, with a throwaway HOME and config/data folders:
#   1. EXE --version                         the frozen interpreter starts
#   2. EXE guides                            the guide data files load
#   3. for each guide, EXE verify --demo against its configured scenario (exit 0 expected) and the
#      fresh one (exit 1: settings missing): the demo org over HTTPS with the bundled WSDL and
#      scenarios, the checks, the PDF report (fonts, logo) and the JSON report
#   4. ECI_WIZARD_STARTUP_PROBE=exit EXE --demo   the main window opens, paints, goes idle, closes
#   5. EXE --self-check                      imports, window, web view, demo org, PDF (required
#                                            with --require-self-check; else run when present)
set -euo pipefail
require_self_check=0
if [ "${1:-}" = "--require-self-check" ]; then require_self_check=1; shift; fi
exe="${1:-/usr/bin/eci-wizard}"
if [ ! -x "$exe" ]; then
  echo "smoke-test: $exe is not an executable; build (bash packaging/build.sh) or install the .deb first" >&2
  exit 2
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/.config" XDG_DATA_HOME="$scratch/home/.local/share" \
       XDG_CACHE_HOME="$scratch/home/.cache" XDG_RUNTIME_DIR="$scratch/run"
export ECI_WIZARD_CONFIG_DIR="$scratch/config" ECI_WIZARD_DATA_DIR="$scratch/data"
export QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 DBUS_SESSION_BUS_ADDRESS=disabled:
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
failures=0
pass() { echo "  ok    $*"; }
fail() { echo "  FAIL  $*" >&2; failures=$((failures + 1)); }

echo "Smoke test of $exe"
if out="$("$exe" --version 2>&1)" && [[ "$out" == eci-wizard\ * ]]; then pass "--version: $out"; else fail "--version printed: $out"; fi

if out="$("$exe" guides 2>&1)"; then
  count=$(printf '%s\n' "$out" | grep -c -E '^(natterbox|aircall|ringcentral|execvision|amazon-connect) ' || true)
  if [ "$count" -eq 5 ]; then pass "guides: 5 guides listed"; else fail "guides listed $count of 5 guides: $out"; fi
else
  fail "guides exited non-zero: $out"
fi

for guide in natterbox aircall ringcentral execvision amazon-connect; do
  json="$scratch/$guide.json" pdf="$scratch/$guide.pdf"
  set +e
  "$exe" verify --demo --guide "$guide" --scenario "$guide-configured" --json "$json" --pdf "$pdf" >"$scratch/$guide.log" 2>&1
  configured=$?
  "$exe" verify --demo --guide "$guide" --scenario fresh >"$scratch/$guide-fresh.log" 2>&1
  fresh=$?
  set -e
  if [ "$configured" -ne 0 ]; then
    fail "verify $guide (configured org) exited $configured, expected 0: $(tail -3 "$scratch/$guide.log")"
  elif [ "$(head -c 5 "$pdf" 2>/dev/null)" != "%PDF-" ] || [ "$(head -c 1 "$json" 2>/dev/null)" != "{" ]; then
    fail "verify $guide: the PDF or JSON report is missing or malformed"
  elif [ "$fresh" -ne 1 ]; then
    fail "verify $guide (fresh org) exited $fresh, expected 1 (settings missing): $(tail -3 "$scratch/$guide-fresh.log")"
  else
    pass "verify $guide: configured org passes, fresh org fails, PDF $(( $(wc -c <"$pdf") / 1024 )) KiB and JSON written"
  fi
done

set +e
out="$(env ECI_WIZARD_STARTUP_PROBE=exit timeout 60 "$exe" --demo 2>&1)"
code=$?
set -e
if [ "$code" -eq 0 ] && [[ "$out" == *"ECI_WIZARD_FIRST_WINDOW "*" visible=1"* ]]; then
  pass "window: opened offscreen, went idle and closed"
else
  fail "window: exit $code, no first-window marker: $(printf '%s' "$out" | tail -5)"
fi

set +e
out="$(timeout 180 "$exe" --self-check 2>&1)"
code=$?
set -e
if [ "$code" -eq 0 ]; then
  pass "--self-check: $(printf '%s' "$out" | tail -1)"
elif [[ "$out" == *"No module named 'wizard.selfcheck'"* ]] && [ "$require_self_check" -eq 0 ]; then
  echo "  skip  --self-check: this build has no wizard/selfcheck.py yet"
else
  fail "--self-check exited $code: $(printf '%s' "$out" | tail -8)"
fi

if [ "$failures" -gt 0 ]; then
  echo "Smoke test: $failures check(s) failed" >&2
  exit 1
fi
echo "Smoke test: all checks passed"
