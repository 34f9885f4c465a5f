"""The SFTP check against OpenSSH's sshd: a chrooted, SFTP-only account (ForceCommand internal-sftp).

Each test runs its own sshd on a free loopback port with its own config and host key. Setting up
the account and the root-owned chroot under /srv needs root; the tests skip, saying why, when sshd
is not installed (apt-get install -y openssh-server) or the tests do not run as root.
"""

from __future__ import annotations

import os
from pathlib import Path

import asyncssh
import pytest

from tests.support.execvision_files import findings_by_file, good_folder, mixed_folder, touch
from tests.support.execvision_sftp import OpenSshSftpServer, write_key
from wizard.cli import main
from wizard.engine.results import Status
from wizard.providers.execvision.check import run_sftp_check
from wizard.providers.execvision.host_keys import HostKeyStore
from wizard.providers.execvision.rules import RuleConfig
from wizard.providers.execvision.sftp import HostKeyChanged, SftpProblem, SftpSecrets, SftpTarget

pytestmark = [pytest.mark.sshd, pytest.mark.timeout(120)]


def check(server: OpenSshSftpServer, secrets: SftpSecrets | None = None, **kw: object):
    t = SftpTarget("127.0.0.1", server.user, server.port, timeout=10,
                   **{k: kw.pop(k) for k in ("mode", "remote_dir", "key_file") if k in kw})
    return run_sftp_check(t, secrets or SftpSecrets(password=server.password), RuleConfig(),
                          accept_fingerprint=server.fingerprint, **kw)


def by_id(outcome) -> dict:
    return {r.check_id: r for r in outcome.results}


def test_push_with_password_in_a_chroot(sshd: OpenSshSftpServer, now) -> None:
    good_folder(sshd.data, now, 5)
    outcome = check(sshd, prove_write_consent=True)
    judged = [r for r in outcome.results if not r.observed.startswith("not your case")]  # the Five9 rules: skipped
    assert all(r.status == Status.PASS for r in judged), [r for r in outcome.results if not r.ok]
    results = by_id(outcome)
    assert "OpenSSH" in results["execvision.connection"].observed
    assert results["execvision.write-access"].status == Status.PASS
    assert not [p for p in sshd.data.iterdir() if "write-test" in p.name]


def test_push_with_a_key(sshd: OpenSshSftpServer, client_key: asyncssh.SSHKey, tmp_path: Path, now) -> None:
    good_folder(sshd.data, now, 2)
    key = write_key(client_key, tmp_path / "id_ed25519", passphrase="open sesame")
    outcome = check(sshd, SftpSecrets(passphrase="open sesame"), key_file=str(key))
    assert "with a private key" in by_id(outcome)["execvision.connection"].observed
    stranger = write_key(asyncssh.generate_private_key("ssh-ed25519"), tmp_path / "id_other")
    with pytest.raises(SftpProblem) as caught:
        check(sshd, SftpSecrets(), key_file=str(stranger))
    assert caught.value.kind == "key-rejected"


def test_wrong_credentials(sshd: OpenSshSftpServer) -> None:
    with pytest.raises(SftpProblem) as caught:
        check(sshd, SftpSecrets(password="not-the-password"))
    assert caught.value.kind == "credentials" and "not-the-password" not in str(caught.value)


def test_mixed_folder_nested_directory_and_a_directory_in_the_upload_folder(sshd: OpenSshSftpServer, now) -> None:
    expected = mixed_folder(sshd.data, now)
    (sshd.chroot / "archive").mkdir()
    outcome = check(sshd)
    expected["archive/"] = {"no-directories"}
    assert findings_by_file(outcome.findings) == expected
    assert by_id(outcome)["execvision.no-directories"].status == Status.FAIL


def test_write_denied_and_unreadable_files(sshd: OpenSshSftpServer, now) -> None:
    names = good_folder(sshd.data, now, 2)
    secret = sshd.data / f"{names[0]}.json"
    secret.chmod(0o600)  # owned by root: the SFTP account cannot read it
    os.chown(sshd.data, 0, 0)  # and cannot write to data
    outcome = check(sshd, prove_write_consent=True)
    results = by_id(outcome)
    assert results["execvision.write-access"].status == Status.FAIL
    assert "refused to create a file" in results["execvision.write-access"].observed
    assert findings_by_file(outcome.findings) == {secret.name: {"read-access"}}


def test_pull_mode(sshd: OpenSshSftpServer, now) -> None:
    names = good_folder(sshd.data, now, 3)
    outcome = check(sshd, mode="pull", remote_dir="/data")
    results = by_id(outcome)
    assert all(r.ok for r in outcome.results), [r for r in outcome.results if not r.ok]
    # a homegrown dialer's folder read by pull (the guide describes only push for them): on the upload folder's page
    assert results["execvision.read-access"].page_id == "upload-folder" and outcome.recordings == 3
    newest = max(sshd.data.glob("*.wav"), key=lambda p: p.stat().st_mtime)
    newest.chmod(0o600)
    touch(newest, newest.read_bytes(), now)
    denied = check(sshd, mode="pull", remote_dir="/data")
    assert findings_by_file(denied.findings) == {newest.name: {"read-access"}}
    assert names


def test_changed_host_key(sshd_workdir: Path, now) -> None:
    with OpenSshSftpServer(sshd_workdir) as first:
        good_folder(first.data, now, 1)
        check(first)
        port, password, old = first.port, first.password, first.fingerprint
    with OpenSshSftpServer(sshd_workdir, port=port, password=password) as replaced, pytest.raises(HostKeyChanged) as caught:
        check(replaced)
    assert caught.value.seen == replaced.fingerprint and caught.value.pinned == [old]
    assert [k.get_fingerprint() for k in HostKeyStore().keys_for("127.0.0.1", port)] == [old]


def test_command_line_against_sshd(sshd: OpenSshSftpServer, client_key: asyncssh.SSHKey, tmp_path: Path, now, capsys) -> None:
    good_folder(sshd.data, now, 2)
    key = write_key(client_key, tmp_path / "id_ed25519")
    args = ["execvision", "check", "--sftp", "127.0.0.1", "--port", str(sshd.port), "--user", sshd.user, "--key", str(key), "--source", "homegrown",
            "--accept-host-key", sshd.fingerprint, "--prove-write", "--json", str(tmp_path / "r.json")]
    assert main(args) == 0, capsys.readouterr()
    assert "sftp://eci-sftp-test@127.0.0.1" in capsys.readouterr().out


def test_permission_denied_on_the_folder(sshd: OpenSshSftpServer) -> None:
    os.chown(sshd.data, 0, 0)
    sshd.data.chmod(0o700)  # the account may not even list data
    with pytest.raises(SftpProblem) as caught:
        check(sshd)
    problem = caught.value
    assert problem.kind == "permission" and "denied" in problem.observed.lower() and problem.action
