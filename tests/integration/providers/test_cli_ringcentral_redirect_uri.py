"""``ringcentral check --sign-in --redirect-uri``: the sign-in proves the address it used, and only that.

The guide has the admin register ``https://dummyurl.com`` first and the org's callback URL later.
An admin who signs in with ``--redirect-uri https://dummyurl.com`` while the app still holds the
temporary address gets a successful sign-in; the row for the org's callback URL must not pass on
it, and must say which address was proven, which one the org needs and how to prove it. Each case
runs the command in a child process, as an admin does, against the demo org and its emulators.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
ROW = "OAuth Redirect URI of the RingCentral app"


def _check(home: Path, *argv: str) -> tuple[str, int]:
    env = {**os.environ, "ECI_WIZARD_CONFIG_DIR": str(home / "config"), "ECI_WIZARD_DATA_DIR": str(home / "data"),
           "PYTHON_KEYRING_BACKEND": "tests.support.memory_keyring.MemoryKeyring"}
    done = subprocess.run([sys.executable, "-m", "tests.support.provider_cli", "ringcentral", "check", "--demo", "--sign-in", *argv],
                          cwd=REPO, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=240)
    return " ".join((done.stdout + done.stderr).split()), done.returncode


def _callback(words: str) -> str:
    found = re.search(r"the org's callback URL is (https://\S+/services/authcallback/Ring_Central)", words)
    assert found is not None, words
    return found.group(1)


def test_signing_in_with_the_temporary_address_does_not_pass_the_callback_url(tmp_path: Path) -> None:
    words, _code = _check(tmp_path, "--scenario", "fresh", "--redirect-uri", "https://dummyurl.com")  # other rows fail in "fresh"
    assert "Signed in to RingCentral" in words, words  # the sign-in itself succeeded
    assert f"✔ Pass {ROW}" not in words, words
    assert f"✋ Manual step {ROW}" in words, words
    callback = _callback(words)
    row = words[words.index(ROW):]
    assert "redirected the sign-in to https://dummyurl.com (the guide's temporary redirect URI), not to the callback URL" in row
    assert f"not the org's callback URL {callback}" in row
    assert f"replace https://dummyurl.com with {callback}" in row
    assert "Sign in again without --redirect-uri" in row and f"--redirect-uri {callback}" in row


def test_signing_in_with_the_callback_url_still_passes_it(tmp_path: Path) -> None:
    words, code = _check(tmp_path, "--scenario", "ringcentral-configured")
    assert f"✔ Pass {ROW}" in words and code == 0, words
