"""What the commands say about arguments they cannot use, before they start any work.

Output files that cannot be written, ports and durations out of range, AWS region names instead
of codes: each is refused with a sentence naming the option, and nothing is read or changed. A
failure no command explains still ends in a sentence and exit code 3, with the details saved.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from wizard import cli
from wizard.cli import main
from wizard.secrets import remember
from wizard.unexpected import EXIT_WIZARD_FAILED


@pytest.fixture(autouse=True)
def _isolated(wizard_dirs: object, memory_keyring: object) -> None:
    """Each test in its own config and data folders, with an in-memory keyring."""


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["verify", "--guide", "aircall", "--demo", "--json", "{tmp}"], "is a folder; give a file name inside it"),
        (["verify", "--guide", "aircall", "--demo", "--json", "{tmp}/r.json", "--html", "{tmp}/r.json"], "name the same file"),
        (["verify", "--guide", "aircall", "--demo", "--pdf", "{tmp}/pipe"], "is not an ordinary file"),
        (["verify", "--guide", "aircall", "--demo", "--json", "{tmp}/plain/x.json"], "is a file, not a folder"),
        (["aircall", "check", "--api-id", "an-api-id", "--json", "{tmp}"], "is a folder"),
        (["aws", "check", "--demo", "--json", "{tmp}"], "is a folder"),
        (["execvision", "check", "--local", "{tmp}", "--json", "{tmp}"], "is a folder"),
        (["execvision", "check", "--local", "{tmp}", "--csv", "{tmp}"], "is a folder"),
    ],
)
def test_an_output_file_that_cannot_be_written_stops_the_command_first(
    argv: list[str], words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "plain").write_text("a file where a folder is expected", encoding="utf-8")
    os.mkfifo(out / "pipe")  # not a device: were the check to fail, only this test's pipe is replaced
    assert main([a.replace("{tmp}", str(out)) for a in argv]) == 2
    printed = capsys.readouterr()
    assert words in printed.err + printed.out
    assert "Traceback" not in printed.err
    assert sorted(p.name for p in out.iterdir()) == ["pipe", "plain"]  # nothing written, nothing checked


def test_missing_folders_of_an_output_file_are_created(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "today" / "aircall.json"
    assert main(["verify", "--guide", "aircall", "--demo", "--scenario", "aircall-configured", "--json", str(out)]) == 0
    assert '"guide"' in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["login", "--alias", "x", "--port", "99999"], "99999 is not a port number; expected 1–65535"),
        (["login", "--alias", "x", "--port", "0"], "0 is not a port number"),
        (["login", "--alias", "x", "--timeout", "-1"], "expected a number of seconds above 0"),
        (["demo-org", "--port", "-1"], "expected 0 (any free port) or 1–65535"),
        (["execvision", "check", "--sftp", "host", "--port", "70000"], "70000 is not a port number"),
        (["aws", "check", "--region", "US East"], "is not an AWS region code"),
        (["aws", "check", "--region", "us-east-1", "--endpoint-url", "s3=notaurl"], "must start with https://"),
        (["aws", "check", "--region", "us-east-1", "--concurrent-calls", "-5"], "-5 is not a count; expected a whole number of 1 or more"),
        (["aws", "check", "--region", "us-east-1", "--concurrent-calls", "many"], "'many' is not a whole number"),
    ],
)
def test_numbers_and_codes_out_of_range_are_refused_by_name(argv: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(argv)
    assert ended.value.code == 2
    assert words in capsys.readouterr().err


def test_a_demo_scenario_nobody_can_sign_in_to_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = tmp_path / "no-users.yaml"
    scenario.write_text("organization: {name: Lonely Org, api_version: 66}\n", encoding="utf-8")
    assert main(["verify", "--guide", "aircall", "--demo", "--scenario", str(scenario)]) == 2
    err = capsys.readouterr().err
    assert "signing in to it failed" in err and "default_login: true" in err


def test_a_failure_no_command_explains_is_one_sentence_and_exit_3(
    wizard_dirs: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    remember("sk-live-a-secret-the-failure-quotes")
    monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, "tests.support.failing_command"))
    assert main(["fail-unexpectedly"]) == EXIT_WIZARD_FAILED
    err = capsys.readouterr().err
    assert "stopped on a problem it does not know how to explain: KeyError" in err
    assert "Traceback" not in err and "sk-live-a-secret" not in err
    saved = Path(err.split("The details (no secrets) are in ")[1].split(";")[0])
    details = saved.read_text(encoding="utf-8")
    assert "Traceback" in details and "failing_command.py" in details
    assert "sk-live-a-secret" not in details
    assert os.path.commonpath([saved, os.environ["ECI_WIZARD_DATA_DIR"]]) == os.environ["ECI_WIZARD_DATA_DIR"]
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600  # the wizard's own file: this user's only


def test_a_reader_that_closes_the_pipe_is_no_failure(tmp_path: Path) -> None:
    """`eci-wizard verify … | head -1`: the closed pipe ends the command quietly (141, as SIGPIPE
    would), without the 'gap in the wizard' sentence or a problem file."""
    env = {**os.environ, "ECI_WIZARD_DATA_DIR": str(tmp_path / "data"), "ECI_WIZARD_CONFIG_DIR": str(tmp_path / "config")}
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is already gone, as after `head -1` has its line: no race
    try:
        done = subprocess.run(
            [sys.executable, "-c", "import sys; from wizard.cli import main; sys.exit(main())", "verify", "--guide",
             "aircall", "--demo", "--scenario", "aircall-configured"],
            stdout=write_end, stderr=subprocess.PIPE, env=env, timeout=120, check=False)
    finally:
        os.close(write_end)
    err = done.stderr.decode()
    assert done.returncode == cli.EXIT_CLOSED_PIPE, err
    assert "does not know how to explain" not in err and "Traceback" not in err
    assert not (tmp_path / "data" / "problems").exists()


@pytest.mark.parametrize(("argv", "named"), [
    (["verify", "--guide", "aircall", "--demo", "--org", "prod"], "--demo and --org were both given"),
    (["apply", "--guide", "aircall", "--org", "prod", "--instance-url", "https://acme.my.salesforce.com"],
     "--org and --instance-url were both given"),
])
def test_two_orgs_at_once_are_named_not_asked_for(argv: list[str], named: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert named in err and "Keep one of --demo, --org ALIAS or --instance-url URL" in err
    assert "Say which org to use" not in err
