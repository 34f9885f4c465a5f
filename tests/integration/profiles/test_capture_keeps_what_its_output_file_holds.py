"""``eci-wizard capture -o FILE`` never silently overwrites a file whose loss would cost the admin work.

- Another guide's profile, or a file that is no profile (notes, a parity report, anything binary):
  refused with exit 2 before the org is read, naming what the file holds, and the file unchanged.
- Another org's profile of the same guide: refused with exit 2 once the org is open, before any
  setting is read, naming both orgs.
- The same org's profile of the same guide: re-capturing refreshes it, and says what it replaced.
- ``--replace`` overwrites any of them, and says what it replaced.

Real parts only: demo orgs over HTTPS, the command as the admin runs it, files in tmp_path.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.profiles.support import Cli
from wizard.demo import start_demo_org
from wizard.demo.headless import sign_in_grant
from wizard.demo.server import DemoOrgServer
from wizard.profiles.files import read_profile

pytestmark = pytest.mark.timeout(240)

UAT_ID, DEV_ID = "00D5g000004UatEAAA", "00D5g000004DevEAAA"


def flat(text: str) -> str:
    return " ".join(text.split())



def sandbox(tmp_path: Path, name: str, org_id: str | None, org_name: str = "Acme Demo") -> Path:
    """The configured Aircall sandbox under another name and, when given, a fixed org id (the same
    org from run to run, as a real org is)."""
    fixed = f"  id: {org_id}\n" if org_id else ""
    path = tmp_path / f"{name}.scenario.yaml"
    path.write_text(f"extends: aircall-sandbox-configured\ndescription: {name}\norganization:\n  name: {org_name}\n{fixed}",
                    encoding="utf-8")
    return path


def capture(cli: Cli, scenario: str | Path, guide: str, output: Path, *extra: str) -> tuple[int, str, str]:
    return cli("capture", "--demo", "--scenario", str(scenario), "--guide", guide, "-o", str(output), *extra)


@pytest.fixture
def aircall_org(monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoOrgServer]:
    """A configured Aircall sandbox reached with --instance-url, so every request it serves is seen."""
    server = start_demo_org("aircall-sandbox-configured")
    try:
        monkeypatch.setenv("SF_ACCESS_TOKEN", sign_in_grant(server).access_token)
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.ca_bundle))
        server.log.clear()
        yield server
    finally:
        server.stop()


# -- another guide's profile, or no profile at all: refused before the org is read -------------------
def test_another_guides_profile_is_kept_and_named_before_the_org_is_read(
        cli: Cli, tmp_path: Path, aircall_org: DemoOrgServer) -> None:
    """Before: the RingCentral profile captured earlier was overwritten by the Aircall capture, without a word."""
    profile = tmp_path / "profile.yaml"
    code, _out, err = capture(cli, "ringcentral-sandbox-configured", "ringcentral", profile)
    assert code == 0, err
    earlier = profile.read_bytes()
    source = read_profile(profile).source

    code, out, err = cli("capture", "--instance-url", aircall_org.instance_url, "--guide", "aircall", "-o", str(profile))
    assert code == 2, out + err
    said = flat(err)
    assert (f"--output {profile} already holds a setup profile of the ECI with RingCentral guide (ringcentral), captured "
            f"from {source.name} (Sandbox, {source.org_id}) on ") in said
    assert "this capture is of the ECI with Aircall guide (aircall) and would overwrite it." in said
    assert f"Give another file name (e.g. {tmp_path / 'aircall.profile.yaml'}), or add --replace" in said
    assert "Nothing was read from the org and the file is unchanged." in said and not out
    assert aircall_org.log.entries() == []  # not one API call spent
    assert profile.read_bytes() == earlier


@pytest.mark.parametrize(("name", "content", "named"), [
    ("notes.yaml", b"# our org notes\nowner: Dana\napi_token: Hunter2SecretValue\n", "content that is not a setup profile (58 bytes"),
    ("parity.json", json.dumps({"kind": "parity", "format": "1.1", "rows": []}).encode(), "a parity report (written by 'eci-wizard graduate')"),
    ("photo.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "content that is not a setup profile (16 bytes"),
])
def test_a_file_that_is_no_profile_is_kept(cli: Cli, tmp_path: Path, name: str, content: bytes, named: str) -> None:
    """Before: any file given as -o was replaced by the profile, whatever it held."""
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = capture(cli, "aircall-sandbox-configured", "aircall", path)
    assert code == 2, out + err
    said = flat(err)
    assert f"--output {path} already holds {named}" in said
    assert "a capture would overwrite it. Give another file name" in said and "add --replace" in said
    assert "Nothing was read from the org and the file is unchanged." in said and not out
    assert "Hunter2SecretValue" not in out + err  # what a mistaken file holds is never quoted
    assert path.read_bytes() == content


def test_replace_overwrites_what_the_file_held_and_says_what_that_was(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "notes.yaml"
    path.write_text("owner: Dana\n", encoding="utf-8")
    code, out, err = capture(cli, "aircall-sandbox-configured", "aircall", path, "--replace")
    assert code == 0, err
    assert read_profile(path).guide == "aircall"
    assert ("It replaced what the file held before: content that is not a setup profile (12 bytes, not written by "
            "'eci-wizard capture').") in flat(out)


def test_an_empty_file_is_simply_written(cli: Cli, tmp_path: Path) -> None:
    """A file made empty beforehand (touch, mktemp) holds nothing to lose: no refusal, no 'replaced' line."""
    path = tmp_path / "new.yaml"
    path.touch()
    code, out, err = capture(cli, "aircall-sandbox-configured", "aircall", path)
    assert code == 0, err
    assert read_profile(path).guide == "aircall" and "replaced" not in out


# -- a profile of the same guide: the same org refreshes it, another org keeps it --------------------
def test_capturing_the_same_org_again_refreshes_its_profile_and_says_what_it_replaced(cli: Cli, tmp_path: Path) -> None:
    """Before: the earlier profile was replaced without a word about it."""
    uat, profile = sandbox(tmp_path, "uat", UAT_ID), tmp_path / "aircall.profile.yaml"
    assert capture(cli, uat, "aircall", profile)[0] == 0
    first = read_profile(profile).captured_at
    code, out, err = capture(cli, uat, "aircall", profile)
    assert code == 0, err
    assert (f"It replaced what the file held before: a setup profile of the aircall guide, captured from Acme Demo "
            f"(Sandbox, {UAT_ID}) on {first:%Y-%m-%d %H:%M} UTC.") in flat(out)
    assert read_profile(profile).source.org_id == UAT_ID


@pytest.mark.parametrize(("org_id", "org_name", "hint"), [
    (DEV_ID, "Acme Dev", ""),
    (DEV_ID, "Acme Demo", "A refreshed sandbox gets a new org id: if this is Acme Demo after a refresh, --replace overwrites "
                          "the profile of the org as it was before."),
    (None, "Acme Demo", "Each --demo run starts a new demo org with a new id."),
])
def test_another_orgs_profile_of_the_same_guide_is_kept_and_both_orgs_are_named(
        cli: Cli, tmp_path: Path, org_id: str | None, org_name: str, hint: str) -> None:
    """Before: capturing another sandbox into the same file lost the first sandbox's profile."""
    profile = tmp_path / "aircall.profile.yaml"
    assert capture(cli, sandbox(tmp_path, "uat", UAT_ID), "aircall", profile)[0] == 0
    earlier = profile.read_bytes()
    captured_at = read_profile(profile).captured_at

    code, out, err = capture(cli, sandbox(tmp_path, "other", org_id, org_name), "aircall", profile)
    assert code == 2, out + err
    said = flat(err)
    assert (f"--output {profile} holds a setup profile of the aircall guide, captured from Acme Demo (Sandbox, {UAT_ID}) on "
            f"{captured_at:%Y-%m-%d %H:%M} UTC, and this org is {org_name} (Sandbox, ") in said
    assert "another org: capturing would replace that org's profile." in said
    assert hint in said
    assert "Give another file name, or add --replace to overwrite it. Nothing was captured and the file is unchanged." in said
    assert not out and profile.read_bytes() == earlier

    code, out, err = capture(cli, sandbox(tmp_path, "other", org_id, org_name), "aircall", profile, "--replace")
    assert code == 0, err
    assert f"It replaced what the file held before: a setup profile of the aircall guide, captured from Acme Demo (Sandbox, {UAT_ID})" in flat(out)
    assert read_profile(profile).source.name == org_name


def test_another_orgs_profile_is_refused_before_any_setting_is_read(
        cli: Cli, tmp_path: Path, aircall_org: DemoOrgServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The org is opened (its id is what tells the orgs apart), but the capture's reads are not spent."""
    profile = tmp_path / "aircall.profile.yaml"
    assert capture(cli, sandbox(tmp_path, "uat", UAT_ID), "aircall", profile)[0] == 0
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(aircall_org.ca_bundle))  # the --demo run trusted its own org's CA
    aircall_org.log.clear()
    code, out, err = cli("capture", "--instance-url", aircall_org.instance_url, "--guide", "aircall", "-o", str(profile))
    assert code == 2, out + err
    assert "another org: capturing would replace that org's profile." in flat(err)
    assert aircall_org.log.count("metadata-read") == 0 and aircall_org.log.count("tooling") == 0
