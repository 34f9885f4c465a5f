"""The Five9 naming rule: six items in each recording's file name, as the guide's Five9 sections list them.

The guide's push and pull sections list what a Five9 recording's name carries: the date/time of the
call (in a consistent time zone), the user's unique id, the call's direction, the Five9 session id,
the file type and the ANI/DNIS phone number. They give no order, separators or formats, and the
``yyyyMMdd-hhmmss_uid.ext`` pattern belongs to the guide's homegrown part, not to Five9. So a name is
judged only against the layout the admin agreed with ExecVision (``--name-pattern``, or the window's
layout field): the name must follow it, and the layout must hold each item. A call time in the
layout is read with the guide's ranges (month 01-12, day 01-31, hour 00-23, minute 00-59, second
00-60). Without a layout the wizard sees only the file type (the extension); the rule then says so
and asks for the layout or a confirmation by hand (`Status.MANUAL`), never a pass or a fail on a
guessed format.

The push section says the recording *files* must include the items, the pull section that the
*file name* must. An item that only the metadata file holds is therefore a warning for push (ask
ExecVision whether that is enough) and a failure for pull, where the guide says "filename".
"""

from __future__ import annotations

from datetime import tzinfo

from wizard.engine.results import Status

from . import five9
from .clocks import ahead_of, name_in_future
from .findings import Finding
from .naming import FILE_TYPE, FIVE9_INFO, NameMatch, NamePattern

RULE = "five9-info"
EXAMPLE_LAYOUT = "{call_time:yyyyMMdd-hhmmss}_{user_id}_{direction}_{session_id}_{ani}"


def layout_given(pattern: NamePattern) -> bool:
    """Whether the admin gave a Five9 layout (the homegrown default pattern is not one)."""
    return not pattern.is_default


def no_layout(recordings: int) -> Finding:
    """The folder-wide "to confirm" finding when no layout was given: what was seen, and what to do."""
    seen = (f"each of the {recordings:,} recordings has a file type (its extension), but " if recordings else "")
    return Finding(
        RULE, "", Status.MANUAL,
        f"{seen}the guide gives no order, separators or formats for the other five items (date/time, user id, "
        "direction, Five9 session id, ANI/DNIS), so they were not looked for without the layout your Five9 export uses",
        "Give the file-name layout agreed with ExecVision (e.g. --name-pattern '" + EXAMPLE_LAYOUT + "', an example, "
        "not a layout the guide gives) and check again, or confirm by hand that sample names hold all six items",
    )


def judge(path: str, stem: str, pattern: NamePattern, metadata_fields: dict[str, str] | None, pull: bool,
          name_tz: tzinfo, now_ts: float) -> list[Finding]:
    """The findings for one recording's name under the agreed layout (none when it carries all six items)."""
    named = pattern.match(stem)
    if not isinstance(named, NameMatch):
        return [Finding(RULE, path, Status.FAIL, f"{named.observed}, so its six Five9 items cannot be found in it",
                        f"{named.fix}; the layout must match how your Five9 export names recordings")]
    found: list[Finding] = []
    if named.call_time is not None:
        call_time = named.call_time.replace(tzinfo=name_tz)
        ahead = ahead_of(call_time, False, now_ts)
        if ahead is not None:
            found.append(name_in_future(path, call_time, ahead, RULE))
    missing = [item for item in FIVE9_INFO if item not in pattern.five9_info and item != FILE_TYPE]
    if not missing:
        return found
    held = five9.facts_in_fields(metadata_fields) if metadata_fields else set()
    in_metadata = [m for m in missing if m in held]
    absent = [m for m in missing if m not in held]
    layout = f"the layout {pattern.text} has no place for it"
    if absent:
        found.append(Finding(RULE, path, Status.FAIL, f"the name carries no {five9.describe(absent)} ({layout})",
                             "Agree with ExecVision a file-name layout that holds all six items, then name the recordings by it"))
    if in_metadata:
        said = five9.describe(in_metadata)
        if pull:
            found.append(Finding(RULE, path, Status.FAIL,
                                 f"the name carries no {said}; its metadata file does, but for pull the guide asks for it in the file name",
                                 "Add it to the file name (agree the layout with ExecVision)"))
        else:
            found.append(Finding(RULE, path, Status.WARN,
                                 f"the name carries no {said}; only its metadata file does, and the guide asks for the six items "
                                 "in the recording files (its pull section says: in the file name)",
                                 "Add it to the file name, or ask ExecVision whether the metadata file is enough for push"))
    return found
