"""The SFTP check against a real asyncssh SFTP server in-process (password and key, chroot)."""

from __future__ import annotations

import asyncio
import json
import socket
from datetime import timedelta
from pathlib import Path

import asyncssh
import pytest

from tests.support.execvision_files import (
    FIVE9_LAYOUT,
    findings_by_file,
    five9_recording,
    good_folder,
    mixed_folder,
    touch,
)
from tests.support.execvision_sftp import TEST_PASSWORD as PASSWORD
from tests.support.execvision_sftp import TEST_USER as USER
from tests.support.execvision_sftp import AsyncSshSftpServer, free_port, write_key
from tests.support.terminal import terminal_stdin
from wizard import secrets
from wizard.cli import main
from wizard.engine.results import Status
from wizard.providers.execvision.check import check_sftp, problem_results, run_sftp_check
from wizard.providers.execvision.host_keys import HostKeyStore
from wizard.providers.execvision.naming import compile_pattern
from wizard.providers.execvision.rules import RuleConfig
from wizard.providers.execvision.scan import CancelToken, ScanCancelled
from wizard.providers.execvision.sftp import (
    PASSWORD_KIND,
    HostKeyChanged,
    SftpProblem,
    SftpSecrets,
    SftpTarget,
    UnknownHostKey,
)

pytestmark = pytest.mark.timeout(120)


def target(server: AsyncSshSftpServer, **kw: object) -> SftpTarget:
    return SftpTarget(host="127.0.0.1", username=USER, port=server.port, timeout=5, **kw)


def checked(server: AsyncSshSftpServer, secrets_: SftpSecrets | None = None, **kw: object):
    t = target(server, **{k: kw.pop(k) for k in ("mode", "remote_dir", "key_file") if k in kw})
    return run_sftp_check(t, secrets_ or SftpSecrets(password=PASSWORD), kw.pop("config", RuleConfig()),
                          accept_fingerprint=server.fingerprint, **kw)


def by_id(outcome) -> dict[str, object]:
    return {r.check_id: r for r in outcome.results}


def test_unknown_host_key_is_shown_and_pinned_only_when_accepted(asyncssh_server, upload_root, now) -> None:
    good_folder(upload_root / "data", now)
    t = target(asyncssh_server)
    store = HostKeyStore()
    with pytest.raises(UnknownHostKey) as unknown:
        run_sftp_check(t, SftpSecrets(password=PASSWORD), RuleConfig(), store=store)
    assert unknown.value.fingerprint == asyncssh_server.fingerprint
    assert asyncssh_server.fingerprint in str(unknown.value)
    assert problem_results(unknown.value, "push")[0].status == Status.MANUAL
    with pytest.raises(SftpProblem) as wrong:
        run_sftp_check(t, SftpSecrets(password=PASSWORD), RuleConfig(), store=store, accept_fingerprint="SHA256:not-it")
    assert wrong.value.kind == "host-key-mismatch"
    assert store.keys_for("127.0.0.1", asyncssh_server.port) == []
    outcome = run_sftp_check(t, SftpSecrets(password=PASSWORD), RuleConfig(), store=store,
                             accept_fingerprint=asyncssh_server.fingerprint)
    assert all(r.ok for r in outcome.results)
    assert [k.public_data for k in store.keys_for("127.0.0.1", asyncssh_server.port)] == [asyncssh_server.host_key.public_data]
    again = run_sftp_check(t, SftpSecrets(password=PASSWORD), RuleConfig(), store=store)  # pinned now: no acceptance needed
    assert by_id(again)["execvision.host-key"].status == Status.PASS


def test_push_with_password_passes_and_proves_write(asyncssh_server, upload_root, now) -> None:
    good_folder(upload_root / "data", now, 6)
    outcome = checked(asyncssh_server, prove_write_consent=True)
    results = by_id(outcome)
    other_case = [r for r in outcome.results if r.observed.startswith("not your case")]
    assert {r.check_id for r in other_case} == {"execvision.five9-info", "execvision.recording-folder"}
    assert all(r.status == Status.PASS for r in outcome.results if r not in other_case), [r for r in outcome.results if not r.ok]
    assert "with a password" in results["execvision.connection"].observed
    assert results["execvision.write-access"].status == Status.PASS
    assert outcome.recordings == 6 and outcome.metadata_files == 6
    assert sorted(p.name for p in (upload_root / "data").iterdir() if "write-test" in p.name) == []
    assert {r.page_id for r in outcome.results if r not in other_case} == {"upload-folder", "recording-names", "metadata-files",
                                                                           "metadata-updates"}


def test_write_is_not_tried_without_consent_and_denied_write_is_reported(upload_root, now) -> None:
    good_folder(upload_root / "data", now)
    with AsyncSshSftpServer(upload_root, passwords={USER: PASSWORD}, read_only=True) as server:
        skipped = by_id(checked(server))["execvision.write-access"]
        assert skipped.status == Status.SKIPPED and "consent" in skipped.observed
        denied = by_id(checked(server, prove_write_consent=True))["execvision.write-access"]
    assert denied.status == Status.FAIL and "refused to create a file" in denied.observed and denied.fix


def test_private_keys(asyncssh_server, upload_root, client_key, tmp_path, now) -> None:
    good_folder(upload_root / "data", now)
    plain = write_key(client_key, tmp_path / "id_ed25519")
    outcome = checked(asyncssh_server, SftpSecrets(), key_file=str(plain))
    assert "with a private key" in by_id(outcome)["execvision.connection"].observed
    locked = write_key(client_key, tmp_path / "id_locked", passphrase="open sesame")
    assert by_id(checked(asyncssh_server, SftpSecrets(passphrase="open sesame"), key_file=str(locked)))["execvision.connection"].ok
    with pytest.raises(SftpProblem) as wrong_phrase:
        checked(asyncssh_server, SftpSecrets(passphrase="wrong"), key_file=str(locked))
    assert wrong_phrase.value.kind == "key-passphrase"
    stranger = write_key(asyncssh.generate_private_key("ssh-ed25519"), tmp_path / "id_stranger")
    with pytest.raises(SftpProblem) as rejected:
        checked(asyncssh_server, SftpSecrets(), key_file=str(stranger))
    assert rejected.value.kind == "key-rejected" and "did not accept the key" in rejected.value.observed
    with pytest.raises(SftpProblem) as missing:
        checked(asyncssh_server, SftpSecrets(), key_file=str(tmp_path / "nope"))
    assert missing.value.kind == "key-file"


def test_wrong_password_is_explained_and_never_echoed(asyncssh_server) -> None:
    with pytest.raises(SftpProblem) as caught:
        checked(asyncssh_server, SftpSecrets(password="hunter2-wrong"))
    problem = caught.value
    assert problem.kind == "credentials" and USER in problem.observed and problem.action
    assert "hunter2" not in str(problem) and "hunter2" not in repr(SftpSecrets(password="hunter2-wrong"))
    assert problem_results(problem, "push")[0].status == Status.FAIL


def test_changed_host_key_is_refused_loudly(upload_root, now) -> None:
    good_folder(upload_root / "data", now)
    with AsyncSshSftpServer(upload_root, passwords={USER: PASSWORD}) as first:
        port, old = first.port, first.fingerprint
        checked(first)
    with AsyncSshSftpServer(upload_root, passwords={USER: PASSWORD}, port=port) as impostor:
        with pytest.raises(HostKeyChanged) as caught:
            run_sftp_check(target(impostor), SftpSecrets(password=PASSWORD), RuleConfig(),
                           accept_fingerprint=impostor.fingerprint)  # accepting is only for unknown hosts
        problem = caught.value
        assert problem.pinned == [old] and problem.seen == impostor.fingerprint
        assert "CHANGED" in problem.observed and "forget-host" in problem.action
        assert problem_results(problem, "push")[0].status == Status.FAIL
        assert [k.get_fingerprint() for k in HostKeyStore().keys_for("127.0.0.1", port)] == [old]


def test_mixed_folder_with_nested_directory_over_sftp(asyncssh_server, upload_root, now) -> None:
    expected = mixed_folder(upload_root / "data", now)
    (upload_root / "made-by-customer").mkdir()
    touch(upload_root / "stray.wav", b"RIFF", now)
    outcome = checked(asyncssh_server)
    expected.update({"made-by-customer/": {"no-directories"}, "stray.wav": {"data-folder"}})
    assert findings_by_file(outcome.findings) == expected
    results = by_id(outcome)
    assert results["execvision.no-directories"].status == Status.FAIL
    assert results["execvision.recording-name"].status == Status.FAIL
    assert results["execvision.metadata-nested"].page_id == "metadata-files"


def test_missing_data_folder(asyncssh_server, upload_root, now) -> None:
    (upload_root / "data").rmdir()
    good_folder(upload_root / "uploads", now)
    outcome = checked(asyncssh_server)
    results = by_id(outcome)
    assert results["execvision.data-folder"].status == Status.FAIL
    assert "no 'data' subdirectory" in results["execvision.data-folder"].observed
    assert "execvision.recording-name" not in results


def test_pull_mode_reads_as_execvision_would(upload_root, now) -> None:
    """Five9 pull: your own server, read as ExecVision's ingestion will read it."""
    folder = upload_root / "exports"
    names = [five9_recording(folder, now - timedelta(minutes=5 + i), uid=f"agent{i}", session=f"5F9C{i}", meta="json") for i in range(3)]
    blocked = {f"exports/{names[0]}.json", f"exports/{names[1]}.wav"}
    newest = folder / f"{names[1]}.wav"
    touch(newest, newest.read_bytes(), now)
    with AsyncSshSftpServer(upload_root, passwords={USER: PASSWORD}, unreadable=blocked) as server:
        outcome = checked(server, mode="pull", remote_dir="exports", config=RuleConfig(source="five9", pattern=compile_pattern(FIVE9_LAYOUT)))
    results = by_id(outcome)
    assert results["execvision.connection"].page_id == "sftp-pull" and results["execvision.read-access"].page_id == "sftp-pull"
    assert results["execvision.read-access"].status == Status.FAIL
    assert findings_by_file(outcome.findings) == {f"{names[0]}.json": {"read-access"}, f"{names[1]}.wav": {"read-access"}}
    assert results["execvision.five9-info"].status == Status.PASS  # the names carry the six items whatever the metadata holds
    assert "execvision.write-access" not in results and "execvision.data-folder" not in results
    assert "execvision.recording-folder" not in results  # a push account's folder: not a pull server's


def test_five9_push_reads_the_recording_subdirectory_and_skips_the_data_rules(asyncssh_server, upload_root, now) -> None:
    """Five9 push goes to the recording subdirectory; the data folder and its no-directories rule are a homegrown dialer's."""
    five9 = RuleConfig(source="five9", pattern=compile_pattern(FIVE9_LAYOUT))
    (upload_root / "processed").mkdir()  # a folder beside it: no rule of the Five9 case speaks of it
    missing = by_id(checked(asyncssh_server, config=five9))
    assert missing["execvision.recording-folder"].status == Status.FAIL
    assert "the upload folder has no 'recording' subdirectory (it holds data/, processed/)" in missing["execvision.recording-folder"].observed
    assert "Ask ExecVision which subdirectory Five9 recordings go to" in missing["execvision.recording-folder"].fix.hint
    for name in range(2):
        five9_recording(upload_root / "recording", now - timedelta(minutes=5 + name), uid=f"agent{name}", session=f"5F9C{name}")
    outcome = checked(asyncssh_server, config=five9, prove_write_consent=True)
    results = by_id(outcome)
    assert outcome.recordings == 2 and outcome.findings == []
    assert [r.check_id for r in outcome.results if r.status not in (Status.PASS, Status.SKIPPED)] == []
    assert results["execvision.recording-folder"].page_id == "sftp-push" and results["execvision.connection"].page_id == "sftp-push"
    write = results["execvision.write-access"]
    assert write.status == Status.PASS and "recording/eci-wizard-write-test-" in write.observed
    assert write.setting == "Write permission on the recording subdirectory"
    for rule in ("data-folder", "no-directories", "recording-name", "metadata-updates"):
        assert results[f"execvision.{rule}"].status == Status.SKIPPED and results[f"execvision.{rule}"].observed.startswith("not your case")
    assert not list((upload_root / "recording").glob("eci-wizard-write-test-*"))


def test_a_homegrown_push_reads_data_and_skips_the_recording_folder(asyncssh_server, upload_root, now) -> None:
    good_folder(upload_root / "data", now, 2)
    results = by_id(checked(asyncssh_server, config=RuleConfig(source="homegrown")))
    assert results["execvision.data-folder"].status == Status.PASS
    folder_rule = results["execvision.recording-folder"]
    assert folder_rule.status == Status.SKIPPED and "the guide states this rule for Five9" in folder_rule.observed


def test_pull_mode_missing_folder(asyncssh_server) -> None:
    with pytest.raises(SftpProblem) as caught:
        checked(asyncssh_server, mode="pull", remote_dir="no-such-folder")
    assert caught.value.kind == "missing-folder"


def test_network_failures_are_explained() -> None:
    def problem(t: SftpTarget) -> SftpProblem:
        with pytest.raises(SftpProblem) as caught:
            run_sftp_check(t, SftpSecrets(password="x"), RuleConfig())
        assert caught.value.observed and caught.value.expected and caught.value.action
        return caught.value

    assert problem(SftpTarget("sftp.execvision-test.invalid", "u", timeout=5)).kind == "dns"
    assert problem(SftpTarget("127.0.0.1", "u", free_port(), timeout=5)).kind == "refused"
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        assert problem(SftpTarget("127.0.0.1", "u", silent.getsockname()[1], timeout=1)).kind == "timeout"


def test_remote_scan_reports_progress_and_cancels(asyncssh_server, upload_root, now) -> None:
    good_folder(upload_root / "data", now, 5)
    phases: list[str] = []
    checked(asyncssh_server, progress=lambda p: phases.append(p.phase))
    assert "listing" in phases and "reading" in phases
    token = CancelToken()

    def cancel_on_first(progress) -> None:
        token.cancel()

    with pytest.raises(ScanCancelled):
        asyncio.run(check_sftp(target(asyncssh_server), SftpSecrets(password=PASSWORD), RuleConfig(),
                               accept_fingerprint=asyncssh_server.fingerprint, progress=cancel_on_first, cancel=token))


def test_command_line_with_the_keyring(asyncssh_server, upload_root, now, tmp_path, memory_keyring, capsys, monkeypatch) -> None:
    good_folder(upload_root / "data", now)
    base = ["execvision", "check", "--sftp", "127.0.0.1", "--port", str(asyncssh_server.port), "--user", USER, "--timeout", "5",
            "--source", "homegrown"]
    t = target(asyncssh_server)
    secrets.set_secret(PASSWORD_KIND, t.account, PASSWORD)
    assert main(base) == 2  # the host key is unknown: shown, not trusted
    err = capsys.readouterr().err
    assert asyncssh_server.fingerprint in err and "--accept-host-key" in err
    out_json, out_csv = tmp_path / "r.json", tmp_path / "f.csv"
    code = main([*base, "--accept-host-key", asyncssh_server.fingerprint, "--prove-write", "--json", str(out_json), "--csv", str(out_csv)])
    assert code == 0, capsys.readouterr()
    doc = json.loads(out_json.read_text())
    assert doc["mode"] == "push" and doc["case"] == "homegrown"
    assert doc["counts"] == {"pass": len(doc["results"]) - 2, "skipped": 2}  # the Five9 name and folder rules: not your case
    everything = out_json.read_text() + out_csv.read_text() + capsys.readouterr().out
    assert PASSWORD not in everything
    secrets.set_secret(PASSWORD_KIND, t.account, "stale password")
    assert main(base) == 2
    assert "rejected the user name or password" in capsys.readouterr().err
    monkeypatch.setattr("getpass.getpass", lambda prompt: PASSWORD)
    with terminal_stdin(monkeypatch):
        assert main([*base, "--ask-password", "--save-password", "--quiet"]) == 0
    assert secrets.get_secret(PASSWORD_KIND, t.account) == PASSWORD


def test_command_line_findings_exit_1(asyncssh_server, upload_root, now, client_key, tmp_path, capsys) -> None:
    mixed_folder(upload_root / "data", now)
    key = write_key(client_key, tmp_path / "id_ed25519")
    base = ["execvision", "check", "--sftp", "127.0.0.1", "--port", str(asyncssh_server.port), "--user", USER, "--key", str(key),
            "--source", "homegrown",
            "--accept-host-key", asyncssh_server.fingerprint, "--csv", str(tmp_path / "f.csv")]
    assert main(base) == 1
    assert "month 13 is not a month" in capsys.readouterr().out
    assert "2024-06/" in (tmp_path / "f.csv").read_text()
    old = now - timedelta(hours=5)
    for path in (upload_root / "data").rglob("*"):
        if path.is_file():
            touch(path, path.read_bytes(), old)
    assert main([*base[:-2], "--csv", str(tmp_path / "g.csv")]) == 1
    assert "cadence" in (tmp_path / "g.csv").read_text()


def test_timeout_option_and_target_helpers(asyncssh_server) -> None:
    t = SftpTarget("SFTP.Example.com", "ev", 2222, remote_dir="uploads")
    assert t.account == "ev@sftp.example.com:2222" and t.url() == "sftp://ev@SFTP.Example.com:2222/uploads"
    assert Path(HostKeyStore().path).parent.exists()
