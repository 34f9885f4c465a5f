"""``aircall check``, ``ringcentral check`` and ``map-users`` against an org that cannot be read at all.

An org down for maintenance or out of API requests is a problem Salesforce explains and the wizard
has words for. The provider commands say those words and stop with exit 2 ("could not check"), as
``verify`` does, whether the org fails while it is opened or while the command reads it; they never
call it a gap in the wizard (exit 3), write a problem report, or point at ``eci-wizard undo``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.providers.support import scenario_file
from tests.integration.verify.support import connected
from wizard.cli import main

LIMIT = "The org has reached its API request limit"
MAINTENANCE = "down for maintenance"


def _by_url(argv: list[str], faults: dict, monkeypatch: pytest.MonkeyPatch) -> int:
    """The command run as a CI job runs it: the org's URL, a token in the environment; the fault
    set once the sign-in is done, so it meets the command's own reads."""
    with connected("aircall-configured", monkeypatch) as org:
        org.server.faults.set(**faults)
        monkeypatch.setenv("SF_ACCESS_TOKEN", org.connection.access_token)
        return main([*argv, "--instance-url", org.server.instance_url])


def _said_plainly(printed: str, words: str, data_dir: Path) -> None:
    assert words in printed, printed
    assert "does not know how to explain" not in printed and "SystemicError" not in printed
    assert "eci-wizard undo" not in printed and ".." not in printed
    assert not (data_dir / "problems").exists()  # no bug report for a problem that is explained


@pytest.mark.parametrize(
    ("argv", "faults", "words"),
    [
        (["aircall", "check", "--api-id", "X"], {"maintenance": True}, MAINTENANCE),
        (["ringcentral", "check", "--client-id", "X"], {"request_limit": 1}, LIMIT),
        (["map-users", "--provider", "aircall", "--api-id", "X"], {"request_limit": 0}, LIMIT),
    ],
)
def test_an_org_that_cannot_be_opened_is_explained_with_exit_2(
    argv: list[str], faults: dict, words: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], wizard_dirs: tuple[Path, Path],
) -> None:
    assert _by_url(argv, faults, monkeypatch) == 2
    printed = capsys.readouterr()
    _said_plainly(printed.out + printed.err, words, wizard_dirs[1])


def test_an_org_that_stops_answering_during_the_check_is_explained_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], wizard_dirs: tuple[Path, Path],
) -> None:
    """The org opens (sign-in and connection check), then runs out of requests while the Aircall
    check reads its settings: the same sentence, the same exit code."""
    path = scenario_file(tmp_path, "extends: aircall-configured\nfaults: {request_limit: 2}\n")
    assert main(["aircall", "check", "--demo", "--scenario", str(path)]) == 2
    printed = capsys.readouterr()
    _said_plainly(printed.out + printed.err, LIMIT, wizard_dirs[1])
