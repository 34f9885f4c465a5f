"""``eci-wizard capture`` and ``eci-wizard graduate`` as an admin runs them.

The commands run in this process (each starts its own demo org, as ``--demo`` and ``--to-demo``
do), with standard input a pipe: the secrets travel through the prompt, one line each, never
through arguments.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.integration.profiles.support import DEMO_SECRETS, assert_no_secret, files_under
from wizard import secrets as keyring_secrets
from wizard.apply.preview import plural
from wizard.demo import start_demo_org
from wizard.demo.headless import sign_in_grant
from wizard.profiles.model import PROFILE_SCHEMA_VERSION
from wizard.report.parity import json_schema

pytestmark = pytest.mark.timeout(240)
SECRETS_TYPED = "demo-aircall-api-id\ndemo-only-aircall-api-token\n"



def test_capture_then_graduate_from_the_command_line(cli, tmp_path: Path) -> None:
    profile = tmp_path / "aircall.yaml"
    code, out, err = cli("capture", "--demo", "--scenario", "aircall-sandbox-configured", "--guide", "aircall", "-o", str(profile))
    assert code == 0, err
    assert "Profile written to" in out and profile.is_file()
    outputs = [("capture", out + err)]

    code, out, err = cli("graduate", "--profile", str(profile), "--to-demo", "--scenario", "voice-connector-production", "--dry-run")
    assert code == 0, err
    assert "Target will get" in out and "Dry run: nothing was written. Run the same command without --dry-run" in out
    assert "creates it in the target now" not in out  # a dry run creates nothing
    # The demo org's values live for the run only (as apply --demo says), never in the keyring.
    assert "Values to enter (kept for this run only, never in the keyring; never in files or arguments):" in out
    assert not list(tmp_path.glob("*.parity.*"))
    outputs.append(("dry run", out + err))

    code, out, err = cli("graduate", "--profile", str(profile), "--to-demo", "--scenario", "voice-connector-production", "--yes",
                         stdin=SECRETS_TYPED)
    assert code == 2
    assert "production org" in err and "type its name" in err and "Nothing was written" in err
    assert "API token" not in err  # refused before any secret was asked for
    outputs.append(("refused", out + err))

    # without --yes the secrets are asked for (one line each from the pipe); with --yes nothing is asked
    code, out, err = cli("graduate", "--profile", str(profile), "--to-demo", "--scenario", "voice-connector-production",
                         "--production-confirm", "Acme Demo", stdin=SECRETS_TYPED)
    # The Aircall side was never connected, so two settings were compared in neither org: exit 1.
    assert code == 1, out + err
    assert "Parity not confirmed" in out and "Parity report: " in out and " made in " in out
    assert "The Aircall API token (the password of the named credential Aircall)" in err  # the prompt, on stderr
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
                         "--set", "ringcentral_environment=production", "--production-confirm", "Acme Demo", stdin="\n")
    assert code == 2 and "No value was entered for: Client ID of the RingCentral app in production" in err


def test_a_broken_profile_is_refused_with_line_and_field(cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        f"schema_version: {PROFILE_SCHEMA_VERSION}\nkind: eci-setup-profile\nwizard_version: 0.1.0\nguide: aircall\ncaptured_at: '2026-11-01T10:00:00Z'\n"
        "source: {org_id: 00D000000000001AAA, name: Acme, environment: Sandbox}\n"
        "settings:\n  - id: org.edition\n    page: before-you-start\n    label: Edition\n    kind: check\n    status: passed\n"
        "environment: []\ninventory: {}\nend_of_profile: true\n",
        encoding="utf-8",
    )
    code, _out, err = cli("graduate", "--profile", str(broken), "--to-demo", "--dry-run")
    assert code == 2
    assert f"{broken}, line 12, field 'settings[0].status': found 'passed'" in err


#: The production demo org under a fixed id (so a second run reaches "the same org" and its backup).
PRODUCTION = "extends: voice-connector-production\norganization: {name: Acme Demo, id: 00D5g000004AcmeEAA}\n"
#: The same org with an API limit that runs out partway through the graduation's writes.
LIMITED = PRODUCTION + "faults: {request_limit: 40}\n"


@pytest.fixture
def captured(cli, tmp_path: Path) -> Path:
    """An Aircall profile captured from the configured sandbox demo org."""
    profile = tmp_path / "aircall.yaml"
    code, _out, err = cli("capture", "--demo", "--scenario", "aircall-sandbox-configured", "--guide", "aircall", "-o", str(profile))
    assert code == 0, err
    return profile


def _backups(data_dir: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((data_dir / "backups").glob("*/*.json"))]


def test_a_graduation_stopped_partway_says_what_was_written_and_how_to_finish(cli, captured: Path, tmp_path: Path, data_dir: Path) -> None:
    limited, production = tmp_path / "limited.yaml", tmp_path / "production.yaml"
    limited.write_text(LIMITED, encoding="utf-8")
    production.write_text(PRODUCTION, encoding="utf-8")
    graduate = ("graduate", "--profile", str(captured), "--to-demo", "--production-confirm", "Acme Demo")
    code, out, err = cli(*graduate, "--scenario", str(limited), stdin=SECRETS_TYPED)
    assert code == 1, out + err
    [backup] = _backups(data_dir)
    written = len(backup["changes"])
    assert backup["status"] == "interrupted" and written > 0
    assert f"{plural(written, 'change')} made" in out and f"Backup: {backup['id']}" in out
    assert f"Graduation stopped partway: {written} change(s) were written to Acme Demo" in err
    assert "API requests" in err and "No parity report was written." in err
    assert f"run the same 'eci-wizard graduate' command again. It continues backup {backup['id']}" in err
    assert f"To put Acme Demo back as it was instead: eci-wizard undo --demo --scenario {limited} --guide aircall" in err
    assert "othing was changed" not in out + err and "Could not read" not in err
    assert not list(tmp_path.glob("*.parity.*"))
    outputs = [("stopped", out + err)]

    code, out, err = cli(*graduate, "--scenario", str(production), stdin=SECRETS_TYPED)  # run again: it resumes
    assert code == 1 and "Parity not confirmed" in out, out + err  # finished; the Aircall side was never compared
    [resumed] = _backups(data_dir)
    assert (resumed["id"], resumed["status"]) == (backup["id"], "complete")
    assert (tmp_path / "aircall.parity.json").is_file()
    assert_no_secret([*outputs, ("resumed", out + err), *files_under(tmp_path)], {*DEMO_SECRETS, *keyring_secrets.redaction_values()})


def test_report_files_are_checked_before_anything_is_written(cli, captured: Path, tmp_path: Path, data_dir: Path) -> None:
    graduate = ("graduate", "--profile", str(captured), "--to-demo", "--scenario", "voice-connector-production",
                "--production-confirm", "Acme Demo")
    code, _out, err = cli(*graduate, "--report-json", str(tmp_path), stdin=SECRETS_TYPED)
    assert code == 2
    assert f"--report-json {tmp_path} is a folder; give a file name inside it" in err and "Nothing was written." in err
    code, _out, err = cli(*graduate, "--report-pdf", str(captured), stdin=SECRETS_TYPED)
    assert code == 2 and f"--report-pdf {captured} is the profile itself" in err
    assert not (data_dir / "backups").exists()  # refused before the apply door was even reached
    assert "The Aircall API token (the password of the named credential Aircall)" not in err  # nor any secret asked for


def test_graduate_names_its_own_target_options(cli, captured: Path) -> None:
    code, _out, err = cli("graduate", "--profile", str(captured), "--dry-run")
    assert code == 2
    assert "--to ALIAS" in err and "--to-demo" in err and "--to-instance-url URL" in err
    assert "--demo," not in err and "--org" not in err
    code, _out, err = cli("graduate", "--profile", str(captured), "--to-demo", "--to", "prod", "--dry-run")
    assert code == 2 and "(found --to and --to-demo)" in err


def test_files_that_are_folders_or_cut_off_are_refused_in_words(cli, captured: Path, tmp_path: Path) -> None:
    code, _out, err = cli("graduate", "--profile", str(tmp_path), "--to-demo", "--dry-run")
    assert code == 2 and f"{tmp_path}: this is a folder, not a file" in err
    cut = tmp_path / "cut.yaml"
    cut.write_bytes(captured.read_bytes()[:3000])
    code, out, err = cli("graduate", "--profile", str(cut), "--to-demo", "--dry-run")
    assert code == 2 and "field 'end_of_profile': missing" in err and "cut off" in err
    assert "Target will get" not in out
    code, _out, err = cli("capture", "--demo", "--scenario", "aircall-sandbox-configured", "--guide", "aircall", "-o", str(tmp_path))
    assert code == 2
    assert f"--output {tmp_path} is a folder; give a file name inside it, e.g. {tmp_path / 'aircall.profile.yaml'}" in err


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc: a folder whose permission bits say 'writable' to root but takes no new file")
def test_a_report_place_that_takes_no_file_is_refused_before_any_write(cli, captured: Path, data_dir: Path) -> None:
    """Before: /proc passed the permission check, so production was changed first and the report failed after."""
    code, out, err = cli("graduate", "--profile", str(captured), "--to-demo", "--scenario", "voice-connector-production",
                         "--production-confirm", "Acme Demo", "--report-pdf", "/proc/x.pdf", stdin=SECRETS_TYPED)
    assert code == 2, out + err
    assert "--report-pdf /proc/x.pdf could not be written (No such file or directory)" in err and "Nothing was written." in err
    assert "Free space" not in err and "changes above were made" not in err
    assert not (data_dir / "backups").exists()  # the apply door was never reached
    assert "The Aircall API token (the password of the named credential Aircall)" not in err  # nor any secret asked for


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc: a folder that takes no new file")
def test_capture_refuses_an_output_place_that_takes_no_file_before_reading_the_org(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: the path was refused only after the whole verification had read the org."""
    server = start_demo_org("aircall-sandbox-configured")
    try:
        monkeypatch.setenv("SF_ACCESS_TOKEN", sign_in_grant(server).access_token)
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.ca_bundle))
        server.log.clear()
        code, out, err = cli("capture", "--instance-url", server.instance_url, "--guide", "aircall", "-o", "/proc/nope.yaml")
        assert code == 2, out + err
        assert "--output /proc/nope.yaml could not be written (No such file or directory)" in err
        assert "Nothing was read from the org." in err and not out
        assert server.log.entries() == []  # not one API call spent
    finally:
        server.stop()


def test_with_yes_nothing_is_asked_and_each_missing_value_is_named(cli, captured: Path, data_dir: Path) -> None:
    """Before: --yes prompted for a secret and named one of two; a missing
    --production-confirm was reported as a mistyped name."""
    graduate = ("graduate", "--profile", str(captured), "--to-demo", "--scenario", "voice-connector-production", "--yes")
    code, out, err = cli(*graduate, stdin=SECRETS_TYPED)
    assert code == 2, out + err
    assert "Acme Demo is a production org" in err and "--production-confirm was not given" in err
    assert "Add --production-confirm 'Acme Demo'" in err and "what was typed" not in err

    code, out, err = cli(*graduate, "--production-confirm", "Acme Demo", stdin=SECRETS_TYPED)
    assert code == 2, out + err
    assert "The Aircall API ID (the user name of the named credential Aircall); The Aircall API token (the password of the named credential Aircall)." in err
    assert "Run the same command without --yes to be asked for them" in err and "Nothing was written." in err
    assert sys.stdin.read() == SECRETS_TYPED  # no prompt read a line
    assert not (data_dir / "backups").exists()


def test_the_dry_run_counts_the_rows_it_marks_as_changing(cli, captured: Path) -> None:
    """Before: "36 setting change(s) planned." under 28 rows marked →; the 36 were metadata writes."""
    code, out, err = cli("graduate", "--profile", str(captured), "--to-demo", "--scenario", "voice-connector-production", "--dry-run")
    assert code == 0, err
    marked = sum(1 for line in out.splitlines() if line.startswith("  →"))
    assert marked > 0
    assert f"{marked} settings marked → will change" in out
    assert "setting change(s) planned" not in out


def test_a_format_that_is_not_a_number_is_refused_in_one_clear_sentence(cli, tmp_path: Path) -> None:
    """Before: schema_version "two" gave "...an unknown format than this wizard reads (2)."."""
    edited = tmp_path / "edited.yaml"
    edited.write_text("kind: eci-setup-profile\nschema_version: two\nwizard_version: 0.1.0\nguide: aircall\nend_of_profile: true\n",
                      encoding="utf-8")
    code, _out, err = cli("graduate", "--profile", str(edited), "--to-demo", "--dry-run")
    assert code == 2
    assert (f"{edited}, line 2, field 'schema_version': found 'two', which is not a format number; expected the whole number "
            f"{PROFILE_SCHEMA_VERSION}") in err
    assert f"Put back 'schema_version: {PROFILE_SCHEMA_VERSION}'" in err and "than this wizard reads" not in err
