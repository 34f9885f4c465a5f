"""``execvision check`` refuses values it could never use before it asks for a password or connects.

A URL, ``host:port`` or ``user@host`` given as the host would be looked up as a host name only after
the password was typed; a fingerprint that is not one could never match; an offset past 23:59 is no
time zone. Each is said in the wizard's words (never Python's), with where the right value goes,
exit 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.terminal import terminal_stdin
from wizard.cli import main
from wizard.providers.execvision.session import DeliveryEntries
from wizard.providers.execvision.sftp import SftpProblem


@pytest.mark.parametrize(("host", "said", "hint"), [
    ("", "No host name was given", "Give the SFTP server's host name"),
    ("sftp://127.0.0.1", "sftp://127.0.0.1 is a web address, not a host name", "Give the host name only (127.0.0.1)"),
    ("127.0.0.1:2222", "127.0.0.1:2222 holds a host name and a port", "(here: port 2222)"),
    ("acme@127.0.0.1", "acme@127.0.0.1 holds a user name and a host name", "(here: user acme)"),
])
def test_a_host_that_is_not_a_host_name_is_refused_before_the_password_prompt(host, said, hint, memory_keyring, monkeypatch,
                                                                               capsys) -> None:
    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "typed")
    with terminal_stdin(monkeypatch):
        code = main(["execvision", "check", "--sftp", host, "--user", "u", "--timeout", "2"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert asked == [], "the password was asked for a host that cannot be used"
    assert said in err and hint in err
    if host:
        assert "the port goes in --port, the user in --user" in err
    assert "could not be found" not in err


def test_the_window_refuses_the_same_hosts_naming_its_fields() -> None:
    with pytest.raises(SftpProblem) as caught:
        DeliveryEntries(host="sftp://bob@files.example.com:2222", username="bob").target()
    assert "web address" in caught.value.observed
    assert "the Port field" in caught.value.action and "the User name field" in caught.value.action
    assert DeliveryEntries(host="::1", username="bob").target().host == "::1"  # an IPv6 address is a host


@pytest.mark.parametrize("offset", ["+25:00", "+02:75", "-24:00"])
def test_a_name_time_zone_offset_past_23_59_is_refused_in_plain_words(offset, tmp_path: Path, capsys) -> None:
    code = main(["execvision", "check", "--local", str(tmp_path), f"--name-tz={offset}"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"--name-tz '{offset}' is not a time zone offset" in err and "hours go up to 23 and minutes up to 59" in err
    assert "timedelta" not in err


def test_a_fingerprint_that_is_not_one_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["execvision", "check", "--sftp", "127.0.0.1", "--user", "u", "--accept-host-key", "hello"])
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert "--accept-host-key: 'hello' is not a host key fingerprint; expected SHA256:" in err
