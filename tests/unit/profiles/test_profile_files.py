"""Profile files: a round trip, and every kind of broken file named by line and field."""

from __future__ import annotations

import pytest

from tests.unit.profiles.samples import profile, setting
from wizard.engine.results import Status
from wizard.profiles.files import (
    ProfileError,
    dump_profile,
    parse_profile,
    read_profile,
    write_profile,
)
from wizard.profiles.model import PROFILE_SCHEMA_VERSION

VERSION = f"schema_version: {PROFILE_SCHEMA_VERSION}"


@pytest.fixture
def text() -> str:
    return dump_profile(profile([
        setting("eci-named-credential.url", "named_credential.url", "https://acme--uat.sandbox.my.salesforce.com",
                portable="{my_domain_url}", depends_on=["my_domain_url"]),
        setting("rc-nc.url", "named_credential.url", "https://platform.devtest.ringcentral.com/", page="ringcentral-named-credential"),
    ]))


def _problem(text: str) -> ProfileError:
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "p.yaml")
    return caught.value


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_round_trip_keeps_every_value(tmp_path, text) -> None:
    original = parse_profile(text)
    path = write_profile(original, tmp_path / "sub" / "p.yaml")
    assert read_profile(path) == original
    assert path.read_text().startswith("# ECI Setup Wizard setup profile.")
    assert f"{VERSION}\nkind: eci-setup-profile\n" in path.read_text()
    assert path.read_text().endswith("\nend_of_profile: true\n")


def test_wrong_value_names_line_and_field(text) -> None:
    broken = text.replace("status: pass", "status: passed", 1)
    error = _problem(broken)
    [problem] = error.problems
    assert problem.field == "settings[0].status" and problem.line == _line_of(broken, "status: passed")
    assert "found 'passed'" in problem.message and "'pass'" in problem.message
    assert str(error).startswith(f"p.yaml, line {problem.line}, field 'settings[0].status'")


def test_unknown_and_missing_fields(text) -> None:
    broken = text.replace("  label: rc-nc.url\n", "  lable: rc-nc.url\n")
    problems = {p.field: p for p in _problem(broken).problems}
    assert problems["settings[1].lable"].line == _line_of(broken, "lable:")
    assert "not part of a setup profile" in problems["settings[1].lable"].message
    assert "required but missing" in problems["settings[1].label"].message


def test_broken_yaml_and_duplicate_keys(text) -> None:
    broken = text.replace("guide: ringcentral", "guide: [ringcentral", 1)
    [problem] = _problem(broken).problems
    assert problem.line is not None and "YAML is broken" in problem.message
    duplicated = text.replace("guide: ringcentral\n", "guide: ringcentral\nguide: aircall\n", 1)
    [problem] = _problem(duplicated).problems
    assert problem.line == _line_of(duplicated, "guide: aircall") and "appears twice" in problem.message


def test_profile_from_another_format_says_what_to_do(text) -> None:
    older = text.replace(VERSION, "schema_version: 1").replace("wizard_version: 0.1.0", "wizard_version: 0.0.3")
    [problem] = _problem(older).problems
    assert problem.field == "schema_version" and problem.line == _line_of(older, "schema_version: 1")
    assert "format 1 (written by wizard 0.0.3), an older format" in problem.message and "Capture it again" in problem.message
    newer = text.replace(VERSION, "schema_version: 7")
    assert "a newer format" in _problem(newer).problems[0].message
    assert "not an ECI setup profile" in _problem(text.replace("kind: eci-setup-profile", "kind: report")).problems[0].message


def test_settings_the_guide_no_longer_has(text) -> None:
    renamed = text.replace("id: rc-nc.url", "id: rc-nc.endpoint")
    [problem] = _problem(renamed).problems
    assert problem.field == "settings[1].id" and problem.line == _line_of(renamed, "id: rc-nc.endpoint")
    assert "has no such setting" in problem.message and "older" in problem.message
    moved = text.replace("page: ringcentral-named-credential", "page: ringcentral-app")
    assert "is on the page 'ringcentral-named-credential'" in _problem(moved).problems[0].message
    unknown_guide = _problem(text.replace("guide: ringcentral", "guide: zoom"))
    assert unknown_guide.problems[0].field == "guide"
    bad_choice = _problem(text.replace("value: sandbox", "value: staging"))
    assert bad_choice.problems[0].field == "environment[1].value" and "sandbox, production" in bad_choice.problems[0].message


def test_files_that_are_not_profiles(tmp_path) -> None:
    with pytest.raises(ProfileError, match="no such file"):
        read_profile(tmp_path / "missing.yaml")
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ProfileError, match="not UTF-8"):
        read_profile(binary)
    with pytest.raises(ProfileError, match=r"the file holds a list of 2 .* it is not a setup profile"):
        parse_profile("- a\n- b\n")


def test_a_cut_off_profile_is_refused_wherever_it_was_cut(text) -> None:
    """A profile cut at any line break is still valid YAML, only shorter: without its end marker
    it must be refused, never read with fewer settings, no inventory or a value cut short."""
    lines = text.splitlines(keepends=True)
    for keep in range(lines.index("settings:\n"), len(lines)):
        cut = "".join(lines[:keep])
        problems = _problem(cut).problems
        assert problems[0].field == "end_of_profile", f"cut after line {keep}"
        assert "cut off" in problems[0].message and "capture the profile again" in problems[0].message
    cut_in_value = text[: text.rindex("true")] + "tr"
    assert "end marker is cut short" in _problem(cut_in_value).problems[0].message


def test_sections_are_required_not_empty_by_default(text) -> None:
    without_inventory = text[: text.index("inventory:")] + "end_of_profile: true\n"
    problems = {p.field: p for p in _problem(without_inventory).problems}
    assert set(problems) == {"inventory"} and "required but missing" in problems["inventory"].message
    assert parse_profile(dump_profile(parse_profile(text).model_copy(update={"notes": []}))).notes == []  # notes stay optional


def test_a_folder_is_not_a_profile(tmp_path) -> None:
    with pytest.raises(ProfileError, match="this is a folder, not a file") as caught:
        read_profile(tmp_path)
    assert str(caught.value).startswith(str(tmp_path))


def test_statuses_are_kept(text) -> None:
    assert {s.status for s in parse_profile(text).settings} == {Status.PASS}
