"""``eci-wizard execvision forget-password`` and ``forget-passphrase``: what check saved can be removed.

The password is saved by ``execvision check --sftp HOST --user U --port N --save-password`` and the
key passphrase by ``--key FILE --save-password``; the forget commands take the same options, so
the check's own line finds the entry. Each test saves through the real check against an SFTP
server on loopback (the password typed at the prompt), forgets, and sees the next check ask again.
"""

from __future__ import annotations

from pathlib import Path

import asyncssh
import pytest

from tests.support.execvision_files import good_folder
from tests.support.execvision_sftp import TEST_PASSWORD as PASSWORD
from tests.support.execvision_sftp import TEST_USER as USER
from tests.support.execvision_sftp import AsyncSshSftpServer, write_key
from tests.support.terminal import terminal_stdin
from wizard import secrets
from wizard.cli import main
from wizard.providers.execvision.sftp import PASSPHRASE_KIND, PASSWORD_KIND, SftpTarget

pytestmark = pytest.mark.timeout(120)
PASSPHRASE = "open sesame, 0001"


@pytest.fixture(autouse=True)
def _keyring(memory_keyring: type) -> None:
    """Saved secrets go to the in-memory keyring."""


def typed(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    """What the admin types at the hidden prompt (the command runs with standard input on a terminal)."""
    monkeypatch.setattr("getpass.getpass", lambda text: value)


def test_forget_password_removes_what_check_saved(asyncssh_server: AsyncSshSftpServer, upload_root: Path, now: object,
                                                  monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    good_folder(upload_root / "data", now)
    where = ["--sftp", "127.0.0.1", "--user", USER, "--port", str(asyncssh_server.port)]
    check = ["execvision", "check", *where, "--accept-host-key", asyncssh_server.fingerprint, "--timeout", "5", "--quiet",
             "--source", "homegrown"]
    typed(monkeypatch, PASSWORD)
    with terminal_stdin(monkeypatch):
        assert main([*check, "--save-password"]) == 0
    account = SftpTarget("127.0.0.1", USER, asyncssh_server.port).account
    assert secrets.get_secret(PASSWORD_KIND, account) == PASSWORD
    capsys.readouterr()

    assert main(["execvision", "forget-password", *where]) == 0
    out = capsys.readouterr()
    assert out.out == f"Removed the SFTP password saved in the keyring for {USER}@127.0.0.1:{asyncssh_server.port}.\n"
    assert secrets.get_secret(PASSWORD_KIND, account) is None
    assert main(check) == 2  # nothing saved now: check must ask, and without a terminal cannot
    assert f"The password for {account} must be typed (none is saved in the keyring for it)" in capsys.readouterr().err

    assert main(["execvision", "forget-password", *where]) == 0
    out = capsys.readouterr()
    assert f"No SFTP password is saved in the keyring for {account}; nothing was removed." in out.out
    assert PASSWORD not in out.out + out.err


def test_forget_password_finds_the_host_in_any_case_and_keeps_other_ports(capsys: pytest.CaptureFixture[str]) -> None:
    """The keyring names the server in lower case (as check saves it); another port is another account."""
    secrets.set_secret(PASSWORD_KIND, SftpTarget("sftp.example.com", "acme", 2222).account, "saved-password-2222")
    secrets.set_secret(PASSWORD_KIND, SftpTarget("sftp.example.com", "acme", 22).account, "saved-password-0022")
    assert main(["execvision", "forget-password", "--sftp", "SFTP.Example.com", "--user", "acme", "--port", "2222"]) == 0
    assert "Removed the SFTP password saved in the keyring for acme@sftp.example.com:2222." in capsys.readouterr().out
    assert secrets.get_secret(PASSWORD_KIND, "acme@sftp.example.com:2222") is None
    assert secrets.get_secret(PASSWORD_KIND, "acme@sftp.example.com:22") == "saved-password-0022"


def test_forget_passphrase_removes_what_check_saved(asyncssh_server: AsyncSshSftpServer, upload_root: Path, now: object,
                                                    client_key: asyncssh.SSHKey, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    good_folder(upload_root / "data", now)
    key = write_key(client_key, tmp_path / "id_locked", passphrase=PASSPHRASE)
    check = ["execvision", "check", "--sftp", "127.0.0.1", "--user", USER, "--port", str(asyncssh_server.port), "--key", str(key),
             "--accept-host-key", asyncssh_server.fingerprint, "--timeout", "5", "--quiet", "--source", "homegrown"]
    typed(monkeypatch, PASSPHRASE)
    with terminal_stdin(monkeypatch):
        assert main([*check, "--save-password"]) == 0
    assert secrets.get_secret(PASSPHRASE_KIND, str(key.resolve())) == PASSPHRASE
    capsys.readouterr()

    monkeypatch.chdir(tmp_path)  # the key named another way: relative to the current folder
    assert main(["execvision", "forget-passphrase", "--key", "id_locked"]) == 0
    out = capsys.readouterr()
    assert out.out == f"Removed the key passphrase saved in the keyring for {key.resolve()}.\n"
    assert secrets.get_secret(PASSPHRASE_KIND, str(key.resolve())) is None
    assert main(check) == 2
    assert f"The key passphrase for {key.resolve()} must be typed" in capsys.readouterr().err

    assert main(["execvision", "forget-passphrase", "--key", str(key)]) == 0
    out = capsys.readouterr()
    assert f"No key passphrase is saved in the keyring for {key.resolve()}; nothing was removed." in out.out
    assert PASSPHRASE not in out.out + out.err


def test_forget_passphrase_also_finds_the_window_spelling(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The window names the key as chosen (a link stays a link); check resolves it. Either is removed."""
    real = tmp_path / "keys" / "id_ed25519"
    real.parent.mkdir()
    real.write_text("not read by forget", encoding="utf-8")
    link = tmp_path / "current_key"
    link.symlink_to(real)
    secrets.set_secret(PASSPHRASE_KIND, str(link), "window-passphrase-0001")
    secrets.set_secret(PASSPHRASE_KIND, str(real), "check-passphrase-0001")
    assert main(["execvision", "forget-passphrase", "--key", str(link)]) == 0
    assert f"Removed the key passphrase saved in the keyring for {real}." in capsys.readouterr().out
    assert secrets.get_secret(PASSPHRASE_KIND, str(link)) is None and secrets.get_secret(PASSPHRASE_KIND, str(real)) is None
    assert real.read_text(encoding="utf-8") == "not read by forget"
