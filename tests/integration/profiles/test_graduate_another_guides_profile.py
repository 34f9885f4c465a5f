"""``eci-wizard graduate`` with a profile captured for another guide than the run's, as an admin meets it.

An Aircall profile captured from the demo org, then used for RingCentral (``--guide``), with its
guide line edited, or with none: each stops with exit 2 and ONE message naming the guide the
profile was captured for, the guide asked for and what to do, before any org is opened.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(240)



def _capture_aircall(cli, tmp_path: Path) -> Path:
    profile = tmp_path / "aircall.profile.yaml"
    code, _out, err = cli("capture", "--demo", "--scenario", "aircall-sandbox-configured", "--guide", "aircall", "-o", str(profile))
    assert code == 0, err
    return profile


def test_an_aircall_profile_used_for_another_guide_is_one_message_before_any_org_is_opened(cli, tmp_path: Path) -> None:
    profile = _capture_aircall(cli, tmp_path)
    text = profile.read_text()

    # --guide names another guide; the saved connection named does not exist, so reaching the org would say that instead
    code, out, err = cli("graduate", "--profile", str(profile), "--guide", "ringcentral", "--to", "no-such-connection", "--dry-run")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert f"The profile {profile} was captured for the ECI with Aircall guide (aircall)" in err
    assert "this run is for the ECI with RingCentral guide (ringcentral), as --guide ringcentral asked" in err
    assert "run with --guide aircall" in err and "eci-wizard capture --guide ringcentral" in err

    # the guide line edited to another guide: one problem, not one per Aircall setting
    for other in ("ringcentral", "execvision", "amazon-connect", "natterbox"):
        edited = tmp_path / f"{other}.profile.yaml"
        edited.write_text(text.replace("\nguide: aircall\n", f"\nguide: {other}\n"))
        code, out, err = cli("graduate", "--profile", str(edited), "--to-demo", "--dry-run")
        assert code == 2 and "Graduation of" not in out
        header, *problems = err.strip().splitlines()
        assert header == "The profile cannot be used:" and len(problems) == 1, err
        assert f"field 'guide': found '{other}', but this profile was captured for the ECI with Aircall guide (aircall)" in problems[0]
        assert "put back 'guide: aircall'" in problems[0]

    # no guide line at all (an older or hand-edited file)
    unnamed = tmp_path / "unnamed.profile.yaml"
    unnamed.write_text(text.replace("\nguide: aircall\n", "\n"))
    code, _out, err = cli("graduate", "--profile", str(unnamed), "--guide", "aircall", "--to-demo", "--dry-run")
    assert code == 2 and len(err.strip().splitlines()) == 2, err
    assert "this profile does not say which guide it was captured for" in err and "add the line 'guide: aircall'" in err

    # the same profile with the guide it was captured for goes on to the preview
    code, out, err = cli("graduate", "--profile", str(profile), "--guide", "aircall", "--to-demo",
                         "--scenario", "voice-connector-production", "--dry-run")
    assert code == 0, err
    assert "Graduation of ECI with Aircall" in out


def test_a_set_value_of_another_guides_profile_is_refused_before_any_org_is_opened(cli, tmp_path: Path) -> None:
    """ringcentral_environment on an Aircall profile: the saved connection named does not exist, so
    reaching for the org would say that instead of naming the guide the profile was captured for."""
    profile = _capture_aircall(cli, tmp_path)
    code, out, err = cli("graduate", "--profile", str(profile), "--set", "ringcentral_environment=production",
                         "--to", "no-such-connection", "--dry-run")
    assert code == 2 and out == ""
    assert "--set ringcentral_environment: this profile, captured for the ECI with Aircall guide (aircall), has no such value" in err
    assert "Nothing was read from the target org." in err


@pytest.mark.parametrize("content, expected", [
    ("[" * 5000 + "]" * 5000, "nests lists or blocks thousands of levels deep"),
    ("? [guide]\n: aircall\n", "a key is a list or a block of fields"),
    ('{"kind": "parity", "schema_version": "1.1"}', "found 'parity': this file is not an ECI setup profile"),
], ids=["nested-thousands-deep", "a-list-as-a-key", "a-parity-report"])
def test_a_file_that_is_no_profile_exits_2_without_a_traceback(cli, tmp_path: Path, content: str, expected: str) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text(content)
    code, out, err = cli("graduate", "--profile", str(bad), "--to", "no-such-connection", "--dry-run")
    assert code == 2 and out == ""
    assert err.startswith("The profile cannot be used:\n") and expected in err
    assert "Traceback" not in err and "does not know how to explain" not in err
