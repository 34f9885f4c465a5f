"""A profile read against another guide than the one it was captured for: one problem, not one per setting.

A profile holds the settings of one guide. When its guide line names another guide (a hand edit,
settings pasted from another profile) or no guide at all (an older file), the admin reads one
message naming the guide the profile was captured for, the guide it was used with and what to do,
never a problem for every setting the other guide lacks.
"""

from __future__ import annotations

import pytest

from tests.unit.profiles.samples import profile, setting
from wizard.guides.loader import load_guide
from wizard.profiles.files import ProfileError, dump_profile, parse_profile


def _profile_text(guide_id: str) -> str:
    """A profile holding every setting of `guide_id`, as capture writes one."""
    guide = load_guide(guide_id)
    return dump_profile(profile([setting(s.id, "check", page=page.id) for page, s in guide.settings()], guide=guide_id))


def _problems(text: str) -> list:
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "aircall.profile.yaml")
    return caught.value.problems


@pytest.mark.parametrize("other", ["ringcentral", "natterbox", "execvision", "amazon-connect"])
def test_an_aircall_profile_whose_guide_line_names_another_guide_is_one_problem(other: str) -> None:
    edited = _profile_text("aircall").replace("\nguide: aircall\n", f"\nguide: {other}\n")
    [problem] = _problems(edited)
    assert problem.field == "guide" and problem.line == edited.splitlines().index(f"guide: {other}") + 1
    title = load_guide(other).title
    assert f"found '{other}', but this profile was captured for the ECI with Aircall guide (aircall)" in problem.message
    assert f"the {title} guide ({other})" in problem.message
    assert "put back 'guide: aircall'" in problem.message
    assert f"eci-wizard capture --guide {other}" in problem.message


def test_a_ringcentral_profile_labelled_aircall_names_ringcentral() -> None:
    edited = _profile_text("ringcentral").replace("\nguide: ringcentral\n", "\nguide: aircall\n")
    [problem] = _problems(edited)
    assert "captured for the ECI with RingCentral guide (ringcentral)" in problem.message
    assert "put back 'guide: ringcentral'" in problem.message


def test_a_profile_without_a_guide_line_says_so_and_which_guide_its_settings_are() -> None:
    text = _profile_text("aircall")
    [problem] = _problems(text.replace("\nguide: aircall\n", "\n"))
    assert problem.field == "guide"
    assert problem.message.startswith("missing: this profile does not say which guide it was captured for")
    assert "add the line 'guide: aircall'" in problem.message
    [empty] = _problems(text.replace("\nguide: aircall\n", "\nguide:\n"))
    assert empty.message.startswith("empty: this profile does not say which guide") and "'guide: aircall'" in empty.message
    [listed] = _problems(text.replace("\nguide: aircall\n", "\nguide: [aircall]\n"))
    assert "found a list where the id of one guide was expected" in listed.message
    assert "[" not in listed.message.split("expected")[0]  # no Python list shown
    [unknown] = _problems(text.replace("\nguide: aircall\n", "\nguide: Aircall\n"))
    assert "found 'Aircall', which is not one of this wizard's guides" in unknown.message
    assert "write 'guide: aircall'" in unknown.message


def test_a_profile_from_an_older_wizard_keeps_naming_the_settings_its_guide_lacks() -> None:
    """A setting renamed since the profile was captured is that setting's problem, not another guide's profile."""
    text = _profile_text("aircall").replace("id: aircall.api-key\n", "id: aircall.api-token\n")
    [problem] = _problems(text)
    assert problem.field.startswith("settings[") and "has no such setting" in problem.message


def test_a_run_for_another_guide_refuses_the_profile_before_any_org_is_opened() -> None:
    from wizard.profiles.guide_match import ProfileGuideMismatch, check_profile_guide

    aircall = parse_profile(_profile_text("aircall"))
    check_profile_guide(aircall, None, "p.yaml")  # no --guide: the profile's own
    check_profile_guide(aircall, "aircall", "p.yaml")
    with pytest.raises(ProfileGuideMismatch) as caught:
        check_profile_guide(aircall, "ringcentral", "p.yaml")
    text = str(caught.value)
    assert "The profile p.yaml was captured for the ECI with Aircall guide (aircall)" in text
    assert "this run is for the ECI with RingCentral guide (ringcentral), as --guide ringcentral asked" in text
    assert "run with --guide aircall" in text and "eci-wizard capture --guide ringcentral" in text
    assert "Nothing was read from the target org and nothing was written." in text
