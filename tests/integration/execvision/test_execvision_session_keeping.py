"""The window's ExecVision handle: a typed password is kept only once the SFTP server accepts it;
an empty folder is a warning that says where the wizard looked (the CLI's ``--local`` judges the same)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.execvision_sftp import TEST_PASSWORD, TEST_USER, AsyncSshSftpServer
from wizard import secrets
from wizard.engine.results import Status
from wizard.providers.execvision.check import check_local
from wizard.providers.execvision.rules import RuleConfig
from wizard.providers.execvision.session import DeliveryEntries, ExecVisionSession
from wizard.providers.execvision.sftp import PASSWORD_KIND, SftpProblem


def test_a_refused_password_replaces_nothing_in_the_keyring(asyncssh_server: AsyncSshSftpServer, memory_keyring: type) -> None:
    session = ExecVisionSession()
    entries = DeliveryEntries(host="127.0.0.1", port=asyncssh_server.port, username=TEST_USER)
    account = f"{TEST_USER}@127.0.0.1:{asyncssh_server.port}"
    fingerprint = asyncssh_server.fingerprint
    session.run(entries, session.secrets_for(entries, password=TEST_PASSWORD), accept_fingerprint=fingerprint)
    assert secrets.get_secret(PASSWORD_KIND, account) == TEST_PASSWORD  # accepted, asked for: kept

    with pytest.raises(SftpProblem):
        session.run(entries, session.secrets_for(entries, password="TYPO-" + TEST_PASSWORD))
    assert secrets.get_secret(PASSWORD_KIND, account) == TEST_PASSWORD  # the refused one replaced nothing

    other = DeliveryEntries(host="127.0.0.1", port=asyncssh_server.port, username="somebody-else")
    with pytest.raises(SftpProblem):
        session.run(other, session.secrets_for(other, password="never-accepted"))
    assert secrets.get_secret(PASSWORD_KIND, f"somebody-else@127.0.0.1:{asyncssh_server.port}") is None


def test_an_empty_folder_is_a_warning_naming_where_the_wizard_looked(tmp_path: Path) -> None:
    outcome = check_local(tmp_path, RuleConfig())
    formats = next(r for r in outcome.results if r.check_id == "execvision.media-type")
    assert formats.status is Status.WARN and str(tmp_path) in formats.observed and "no recordings" in formats.observed
    assert "wav" in formats.fix.hint and "All 0" not in formats.message
    (tmp_path / "20260102-101500_u1.wav").write_bytes(b"RIFF")
    (tmp_path / "20260102-101500_u1.json").write_text('{"caller_id": "1"}')
    again = {r.check_id: r.status for r in check_local(tmp_path, RuleConfig()).results}
    assert again["execvision.media-type"] is Status.PASS
