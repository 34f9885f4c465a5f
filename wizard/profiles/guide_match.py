"""Which guide a profile belongs to, and one message when it is not the guide of the run.

A profile is the settings of ONE guide. Read against another guide, every setting that guide lacks
used to be named on its own (a RingCentral guide line on an Aircall profile gave one problem per
Aircall setting, an Amazon Connect one gave dozens), and the one fact that mattered, "this is
another guide's profile", was never said. So the guide is settled first, in one message that names
the guide the profile was captured for (told by its settings, which a hand edit of the guide line
does not change), the guide the run asked for, and what to do.

What to do often means capturing a profile again, and how is the place's own: the command line
runs ``eci-wizard capture``, the window has its menu entry. So the messages take `CaptureWords`,
the command line's by default; the window passes its own and never names a command.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wizard.guides.loader import GuideError, guide_ids, load_guide
from wizard.profiles.model import SetupProfile


@dataclass(frozen=True)
class CaptureWords:
    """How the place that shows a profile's problem names the ways to a good profile.

    The facts (what is wrong with the file, which guide its settings belong to) are the same
    wherever they are read; the way to capture a profile again is not, so each place fills these
    with its own words (`COMMAND_LINE` here, the window's beside its menu entries).
    """

    way: str  # "... capture the profile again (eci-wizard capture)."
    way_for: str  # the same for one guide: {guide} is its id, {title} its title
    way_any: str  # the same when the profile's guide is not known
    every_profile: str  # "Expected 'kind: ...', as in every file 'eci-wizard capture' writes"
    give: str  # "...; give the path of such a profile."
    give_profile: str  # "no such file; give the path of a profile written by 'eci-wizard capture'."
    written: str  # "content that is not a setup profile (... bytes, not written by 'eci-wizard capture')"
    give_file: str  # "Give the file 'eci-wizard capture' wrote, or capture the profile again."
    report_by: str  # "(a parity report, written by 'eci-wizard graduate')"
    guides: str  # "Reinstall the wizard, or run 'eci-wizard guides' to see the guides it can read."
    writer: str = "capture"  # "Put back the value that capture wrote"

    def capture_for(self, guide_id: str) -> str:
        """The way to capture a profile of `guide_id` (a command, or the window's menu entry)."""
        return self.way_for.format(guide=guide_id, title=_title(guide_id))


#: The command line's words: the commands that capture a profile and list the guides.
COMMAND_LINE = CaptureWords(
    way="eci-wizard capture",
    way_for="eci-wizard capture --guide {guide} --org SOURCE -o {guide}.profile.yaml",
    way_any="eci-wizard capture --guide GUIDE ...",
    every_profile="every file 'eci-wizard capture' writes",
    give="give the path of",
    give_profile="give the path of a profile written by 'eci-wizard capture'",
    written="written by 'eci-wizard capture'",
    give_file="Give the file 'eci-wizard capture' wrote",
    report_by="written by 'eci-wizard graduate'",
    guides="run 'eci-wizard guides' to see the guides it can read",
)


class ProfileGuideMismatch(Exception):
    """The profile was captured for another guide than the one this run is for (nothing was read
    from any org yet); the message says which is which and what to do."""

    def __init__(self, file: str, profile_guide: str, run_guide: str) -> None:
        self.file, self.profile_guide, self.run_guide = file, profile_guide, run_guide
        super().__init__(mismatch_text(file, profile_guide, run_guide))


def _title(guide_id: str) -> str:
    """'ECI with Aircall', or the id of a guide that cannot be read."""
    try:
        return load_guide(guide_id).title
    except (GuideError, OSError):
        return guide_id


def the_guide(guide_id: str) -> str:
    """'the ECI with Aircall guide (aircall)': the name the admin knows, and the id --guide takes."""
    try:
        return f"the {load_guide(guide_id).title} guide ({guide_id})"
    except (GuideError, OSError):
        return f"the guide {guide_id!r}"


def _shown(found: object) -> str:
    """A guide line's value in words (a list or a block is no guide id; Python's repr is no help)."""
    if isinstance(found, list):
        return "a list"
    if isinstance(found, dict):
        return "a block of fields"
    return repr(found) if isinstance(found, str) else str(found)


def _setting_ids(guide_id: str) -> set[str]:
    try:
        return {setting.id for _page, setting in load_guide(guide_id).settings()}
    except (GuideError, OSError):  # a damaged guide file is said where that guide is used
        return set()


def guides_of(setting_ids: Iterable[str]) -> list[str]:
    """The guide(s) holding the most of these settings: the guide a profile was captured for,
    whatever its guide line says. Empty when no guide holds any of them."""
    wanted = set(setting_ids)
    if not wanted:
        return []
    held = {gid: len(wanted & _setting_ids(gid)) for gid in guide_ids()}
    best = max(held.values(), default=0)
    return [gid for gid, count in held.items() if count == best] if best else []


def captured_for(profile_guide: str | None, setting_ids: Iterable[str]) -> str | None:
    """The guide the settings say the profile was captured for, when that is not `profile_guide`
    (its guide line was edited, or lost); None when the settings agree with it or tell nothing
    (a few settings an older wizard named otherwise leave the guide holding the most of them)."""
    candidates = guides_of(setting_ids)
    if len(candidates) != 1 or profile_guide in candidates:
        return None
    return candidates[0]


def mismatch_text(file: str, profile_guide: str, run_guide: str) -> str:
    """The one message for a profile of one guide used in a run of another (`--guide` is the
    command line's, so are its words: the window settles the guide with a question of its own)."""
    return (
        f"The profile {file} was captured for {the_guide(profile_guide)}, but this run is for "
        f"{the_guide(run_guide)}, as --guide {run_guide} asked. A profile carries the settings of the one guide it was "
        f"captured for. To graduate this profile, run with --guide {profile_guide} (or without --guide). To graduate "
        f"{run_guide}, capture a profile for it in the source org first: {COMMAND_LINE.capture_for(run_guide)}. "
        "Nothing was read from the target org and nothing was written."
    )


def edited_guide_text(found: str, captured: str, setting_ids: Iterable[str], words: CaptureWords = COMMAND_LINE) -> str:
    """The guide line names another guide than the one the profile's settings belong to."""
    wanted = set(setting_ids)
    lacking, held = len(wanted - _setting_ids(found)), len(wanted & _setting_ids(captured))
    whose = "all of them are" if held == len(wanted) else f"{held} of them are"
    lacked = "none of its" if lacking == len(wanted) else f"{lacking} of its"
    return (
        f"found {found!r}, but this profile was captured for {the_guide(captured)}: {lacked} {len(wanted)} settings "
        f"{'are in' if lacking == len(wanted) else 'are not in'} {the_guide(found)}, and {whose} {captured} settings. Its guide line was "
        f"changed by hand, or the settings come from another profile. To graduate it as captured, put back 'guide: {captured}'. "
        f"To graduate {found}, capture a profile for it in the source org: {words.capture_for(found)}."
    )


def unknown_guide_text(found: object, captured: str | None, words: CaptureWords = COMMAND_LINE) -> str:
    """The guide line names no guide this wizard has (a typo, another wizard's guide)."""
    known = ", ".join(guide_ids())
    what = f"found {_shown(found)}, which is not one of this wizard's guides ({known})"
    if captured:
        return (f"{what}. Its settings are those of {the_guide(captured)}: if it was captured for that guide, "
                f"write 'guide: {captured}'; otherwise capture the profile again with this wizard ({words.capture_for(captured)}).")
    return f"{what}. Write the guide it was captured for, or capture the profile again with this wizard ({words.way})."


def missing_guide_text(found: object, captured: str | None, *, present: bool = True,
                       words: CaptureWords = COMMAND_LINE) -> str:
    """No guide line (`present` False), an empty one, or one that holds no id: an older profile,
    or a hand edit that lost it."""
    if not present:
        what = ("missing: this profile does not say which guide it was captured for (there is no 'guide:' line; profiles "
                "from older wizards and hand edits can lack it)")
    elif found is None or (isinstance(found, str) and not found.strip()):
        what = "empty: this profile does not say which guide it was captured for (its 'guide:' line has no value)"
    else:
        what = f"found {_shown(found)} where the id of one guide was expected, so this profile does not say which guide it was captured for"
    if captured:
        return (f"{what}. Its settings are those of {the_guide(captured)}: {'write' if present else 'add'} the line "
                f"'guide: {captured}' near the top if it was captured for that guide, or capture it again ({words.capture_for(captured)}).")
    return f"{what}. Capture the profile again with this wizard ({words.way_any})."


def check_profile_guide(profile: SetupProfile, run_guide: str | None, file: str = "profile") -> None:
    """Refuse a profile of another guide than the run's (`ProfileGuideMismatch`); no run guide
    (graduate without --guide) means the profile's own. Call it before opening any org."""
    if run_guide and run_guide != profile.guide:
        raise ProfileGuideMismatch(file, profile.guide, run_guide)
