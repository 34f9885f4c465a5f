"""``eci-wizard capture`` and ``eci-wizard graduate`` as an admin runs them.

The commands run in this process (each starts its own demo org, as ``--demo`` and ``--to-demo``
do), with standard input a pipe: the secrets travel through the prompt, one line each, never
through arguments.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.integration.profiles.cli_entry import main
from tests.integration.profiles.support import DEMO_SECRETS, assert_no_secret, files_under
from wizard import secrets as keyring_secrets
from wizard.report.parity import json_schema

pytestmark = pytest.mark.timeout(240)
SECRETS_TYPED = "demo-aircall-api-id\ndemo-only-aircall-api-token\n"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run the CLI with `stdin` piped in; returns (exit code, stdout, stderr)."""

    def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(argv))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_capture_then_graduate_from_the_command_line(cli, tmp_path: Path) -> None:
    profile = tmp_path / "aircall.yaml"
    code, out, err = cli("capture", "--demo", "--scenario", "aircall-sandbox-configured", "--guide", "aircall", "-o", str(profile))
    assert code == 0, err
    assert "Profile written to" in out and profile.is_file()
    outputs = [("capture", out + err)]

    code, out, err = cli("graduate", "--profile", str(profile), "--to-demo", "--scenario", "voice-connector-production", "--dry-run")
    assert code == 0, err
    assert "Target will get" in out and "Dry run: nothing was written." in out
    assert not list(tmp_path.glob("*.parity.*"))
    outputs.append(("dry run", out + err))

    code, out, err = cli("graduate", "--profile", str(profile), "--to-demo", "--scenario", "voice-connector-production", "--yes",
                         stdin=SECRETS_TYPED)
    assert code == 2
    assert "production org" in err and "type its name" in err and "Nothing was written" in err
    assert "API token" not in err  # refused before any secret was asked for
    outputs.append(("refused", out + err))

    code, out, err = cli("graduate", "--profile", str(profile), "--to-demo", "--scenario", "voice-connector-production", "--yes",
                         "--production-confirm", "Acme Demo", stdin=SECRETS_TYPED)
    assert code == 0, out + err
    assert "At parity" in out and "change(s) made" in out
    assert "The password for the named credential Aircall" in err  # the prompt, on stderr
    outputs.append(("graduate", out + err))
    data = json.loads((tmp_path / "aircall.parity.json").read_text())
    jsonschema.validate(data, json_schema())
    assert data["summary"]["unexplained"] == 0 and data["writes"] > 0
    assert (tmp_path / "aircall.parity.pdf").read_bytes().startswith(b"%PDF")
    assert_no_secret([*outputs, *files_under(tmp_path)], {*DEMO_SECRETS, *keyring_secrets.redaction_values()})


def test_choices_are_checked_and_secrets_never_empty(cli, tmp_path: Path) -> None:
    profile = tmp_path / "ringcentral.yaml"
    assert cli("capture", "--demo", "--scenario", "ringcentral-sandbox-configured", "--guide", "ringcentral", "-o", str(profile))[0] == 0
    code, _out, err = cli("graduate", "--profile", str(profile), "--to-demo", "--set", "aws_region=eu-west-1", "--dry-run")
    assert code == 2 and "it asks for: ringcentral_environment" in err
    code, _out, err = cli("graduate", "--profile", str(profile), "--to-demo", "--set", "ringcentral_environment=staging", "--dry-run")
    assert code == 2 and "'staging' is not one of sandbox, production" in err
    code, _out, err = cli("graduate", "--profile", str(profile), "--to-demo", "--scenario", "voice-connector-production",
                         "--set", "ringcentral_environment=production", "--yes", "--production-confirm", "Acme Demo", stdin="\n")
    assert code == 2 and "No value was entered for: Client ID of the RingCentral app in production" in err


def test_a_broken_profile_is_refused_with_line_and_field(cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "schema_version: 1\nkind: eci-setup-profile\nwizard_version: 0.1.0\nguide: aircall\ncaptured_at: '2026-11-01T10:00:00Z'\n"
        "source: {org_id: 00D000000000001AAA, name: Acme, environment: Sandbox}\n"
        "settings:\n  - id: org.edition\n    page: before-you-start\n    label: Edition\n    kind: check\n    status: passed\n",
        encoding="utf-8",
    )
    code, _out, err = cli("graduate", "--profile", str(broken), "--to-demo", "--dry-run")
    assert code == 2
    assert f"{broken}, line 12, field 'settings[0].status': found 'passed'" in err
