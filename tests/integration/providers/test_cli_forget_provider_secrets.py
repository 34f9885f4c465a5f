"""``eci-wizard aircall forget`` and ``ringcentral forget``: a saved provider secret can be removed.

The secrets an admin let the wizard keep outlive an uninstall, so each needs a command to remove
it: the one saved for exactly the identifier (and environment) given goes, nothing else does, and
the command says which. Nothing saved is said too (exit 0: the wanted state holds); no keyring to
look in is exit 2, with what to do. The commands never go online and never print a secret.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.cli import main
from wizard.providers.aircall.credentials import MissingToken, load_credentials, store_token
from wizard.providers.ringcentral.credentials import MissingSecret, load_client, store_secret

REPO = Path(__file__).resolve().parents[3]
TOKEN, OTHER_TOKEN = "saved-aircall-token-0001", "other-aircall-token-0002"
SANDBOX_SECRET, PRODUCTION_SECRET = "saved-rc-sandbox-secret-0001", "saved-rc-production-secret-0002"
SAVED = (TOKEN, OTHER_TOKEN, SANDBOX_SECRET, PRODUCTION_SECRET)


def printed(capsys: pytest.CaptureFixture[str]) -> str:
    """What the command showed (both streams), checked to hold no saved secret."""
    out = capsys.readouterr()
    text = out.out + out.err
    assert not [s for s in SAVED if s in text], text
    return text


def test_aircall_forget_removes_the_token_of_that_api_id_only(capsys: pytest.CaptureFixture[str]) -> None:
    store_token("acme-key-0001", TOKEN)
    store_token("other-key-0002", OTHER_TOKEN)
    assert main(["aircall", "forget", "--api-id", "acme-key-0001"]) == 0
    assert "Removed the Aircall API token saved in the keyring for the API ID …0001." in printed(capsys)
    with pytest.raises(MissingToken):
        load_credentials("acme-key-0001")
    assert load_credentials("other-key-0002").api_token == OTHER_TOKEN

    assert main(["aircall", "forget", "--api-id", "acme-key-0001"]) == 0  # again: nothing left, and it says so
    assert "No Aircall API token is saved in the keyring for the API ID …0001; nothing was removed." in printed(capsys)


def test_ringcentral_forget_removes_the_secret_of_one_environment(capsys: pytest.CaptureFixture[str]) -> None:
    store_secret("sandbox", "acmeClientId0001", SANDBOX_SECRET)
    store_secret("production", "acmeClientId0001", PRODUCTION_SECRET)
    assert main(["ringcentral", "forget", "--client-id", "acmeClientId0001"]) == 0  # sandbox, as for check
    assert "Removed the RingCentral client secret (sandbox) saved in the keyring for the client ID …0001." in printed(capsys)
    with pytest.raises(MissingSecret):
        load_client("sandbox", "acmeClientId0001")
    assert load_client("production", "acmeClientId0001").client_secret == PRODUCTION_SECRET

    assert main(["ringcentral", "forget", "--client-id", "acmeClientId0001", "--env", "production"]) == 0
    assert "Removed the RingCentral client secret (production)" in printed(capsys)
    with pytest.raises(MissingSecret):
        load_client("production", "acmeClientId0001")

    assert main(["ringcentral", "forget", "--client-id", "acmeClientId0001", "--env", "production"]) == 0
    assert "No RingCentral client secret (production) is saved in the keyring for the client ID …0001" in printed(capsys)


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["aircall", "forget"], "the following arguments are required: --api-id"),
        (["ringcentral", "forget"], "the following arguments are required: --client-id"),
        (["ringcentral", "forget", "--client-id", "acmeClientId0001", "--env", "staging"], "invalid choice: 'staging'"),
        (["execvision", "forget-password", "--sftp", "sftp.example.com"], "the following arguments are required: --user"),
        (["execvision", "forget-password", "--user", "acme"], "the following arguments are required: --sftp"),
        (["execvision", "forget-password", "--sftp", "sftp.example.com", "--user", "acme", "--port", "99999"], "not a port number"),
        (["execvision", "forget-passphrase"], "the following arguments are required: --key"),
    ],
)
def test_missing_or_wrong_arguments_are_usage_errors(argv: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"usage: eci-wizard {argv[0]} {argv[1]}" in err and words in err


FORGET_ALL = [
    ["aircall", "forget", "--api-id", "acme-key-0001"],
    ["ringcentral", "forget", "--client-id", "acmeClientId0001", "--env", "production"],
    ["execvision", "forget-password", "--sftp", "sftp.example.com", "--user", "acme"],
    ["execvision", "forget-passphrase", "--key", "~/.ssh/id_ed25519"],
]


def child(code: str, home: Path, backend: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ECI_WIZARD_CONFIG_DIR": str(home / "config"), "ECI_WIZARD_DATA_DIR": str(home / "data"),
           "PYTHON_KEYRING_BACKEND": backend}
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)


#: The child saves one secret of each kind, then forgets each twice, with every Internet connection and
#: name lookup refused by an audit hook (the interpreter's own, before any wizard code runs).
OFFLINE_CHILD = f"""
import socket, sys
def offline(event, args):
    if event == "socket.getaddrinfo" or (event == "socket.connect" and args[0].family in (socket.AF_INET, socket.AF_INET6)):
        raise RuntimeError(f"the command went online: {{event}} {{args[1:]}}")
sys.addaudithook(offline)
from wizard import secrets
from wizard.cli import main
secrets.set_secret("aircall-api-token", "acme-key-0001", {TOKEN!r})
secrets.set_secret("ringcentral-client-secret", "production/acmeClientId0001", {PRODUCTION_SECRET!r})
secrets.set_secret("sftp-password", "acme@sftp.example.com:22", {SANDBOX_SECRET!r})
from pathlib import Path
secrets.set_secret("sftp-key-passphrase", str(Path("~/.ssh/id_ed25519").expanduser().resolve()), {OTHER_TOKEN!r})
codes = [main(argv) for argv in {FORGET_ALL!r} * 2]
print("[codes]", codes)
from tests.support.memory_keyring import MemoryKeyring
print("[left]", sorted(MemoryKeyring._store))
"""


def test_forget_works_offline_and_prints_no_secret(tmp_path: Path) -> None:
    done = child(OFFLINE_CHILD, tmp_path, "tests.support.memory_keyring.MemoryKeyring")
    text = done.stdout + done.stderr
    assert done.returncode == 0, text
    assert "went online" not in text and not [s for s in SAVED if s in text]
    assert "[codes] [0, 0, 0, 0, 0, 0, 0, 0]" in done.stdout
    assert "[left] []" in done.stdout
    for what in ("Aircall API token", "RingCentral client secret (production)", "SFTP password", "key passphrase"):
        assert done.stdout.count(f"Removed the {what} saved in the keyring") == 1, done.stdout
        assert done.stdout.count(f"No {what} is saved in the keyring") == 1, done.stdout


@pytest.mark.parametrize("argv", FORGET_ALL, ids=lambda argv: f"{argv[0]}-{argv[1]}")
def test_without_a_keyring_nothing_is_removed_and_it_says_what_to_do(argv: list[str], tmp_path: Path) -> None:
    code = f"import sys\nfrom wizard.cli import main\nsys.exit(main({argv!r}))"
    done = child(code, tmp_path, "keyring.backends.fail.Keyring")  # the keyring library's "no keyring" backend
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    assert "no keyring service answers in this session" in done.stderr and "Nothing was removed." in done.stderr
    assert "keyring.backends" not in done.stderr  # the library's class path is no explanation
    assert "Expected: an unlocked system keyring" in done.stderr and "Run the command again" in done.stderr
    assert "Traceback" not in done.stderr



@pytest.mark.parametrize("argv", FORGET_ALL, ids=lambda argv: f"{argv[0]}-{argv[1]}")
def test_a_locked_keyring_is_not_reported_as_empty(argv: list[str], tmp_path: Path) -> None:
    """A keyring that refuses the removal is said to refuse it, never "nothing was saved"."""
    code = f"import sys\nfrom wizard.cli import main\nsys.exit(main({argv!r}))"
    done = child(code, tmp_path, "tests.support.memory_keyring.LockedKeyring")
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    assert "The system keyring refused to remove the secret (KeyringLocked)" in done.stderr
    assert "Nothing was removed." in done.stderr and "with the keyring unlocked" in done.stderr
    assert "Traceback" not in done.stderr
