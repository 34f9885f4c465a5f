"""The 48-hour rule: every metadata file written no later than 48 hours after its call.

The guide: "updates can be made up to 48 hours after the call date/time. Metadata updates made
after 48 hours will not be processed." The limit is counted from the call time, so a file is judged
only with a call time (from the name it shares with its recording, or a call time field inside it)
and a write time. The upload time alone cannot stand in for the call time: a recording may arrive
hours after its call. Every metadata file is therefore either judged (and counted in "All n …") or
named as "could not be judged" with the reason (a ``Status.ERROR`` finding, as for the Five9 rule),
so a pass never covers files nobody compared. When no file at all carries a call time, the rule is
skipped instead (`findings.NOTHING_TO_CHECK` says why and what to do) rather than listing every file.

Metadata updates count too: a metadata file without its recording beside it (the recording was
processed and moved, or never re-uploaded) carries the call time in its name all the same.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from wizard.engine.results import Status

from . import five9
from .clocks import (
    CLOCK_FIX,
    Ahead,
    age,
    ahead_of,
    call_text,
    earliest_words,
    zone_fix,
    zone_name,
    zone_words,
)
from .findings import Finding
from .metadata import Metadata
from .naming import NameMatch
from .scan import FileEntry

if TYPE_CHECKING:
    from .rules import FolderReport, RuleConfig

UPDATE_WINDOW = timedelta(hours=48)
_UPDATE_WINDOW_S = UPDATE_WINDOW.total_seconds()
_WRITERS = "the system that names the recordings or writes their call time (the dialer or the export job)"
#: Who wrote a call time, by where it was read.
_WRITER_OF = {"in its name": "the system that names the recordings (the dialer or the export job)",
              "in the metadata": "the system that writes the call time into the metadata (the dialer or the export job)"}


def check_updates(meta: dict[tuple[str, str], list[FileEntry]], media_keys: set[tuple[str, str]], parsed: dict[str, Metadata],
                  name_times: dict[tuple[str, str], datetime], told: set[tuple[str, str]], config: RuleConfig, now: datetime,
                  report: FolderReport) -> None:
    """Judge every metadata file against the 48-hour limit, or name it as not judged.

    ``name_times``: the call time each recording's name gave (aware, in the zone the names are said
    to use); ``told``: recordings whose call time was already said to be in the future, so their
    metadata does not say it again.
    """
    add = report.findings.append
    now_ts = now.timestamp()
    judged = 0
    not_judged: list[Finding] = []
    for key, group in meta.items():
        paired = key in media_keys
        from_name = name_times.get(key) if paired else None
        if not paired and not config.metadata_only:  # a metadata update: its name is the recording's
            named = config.pattern.match(key[1])
            if isinstance(named, NameMatch) and named.call_time is not None:
                from_name = named.call_time.replace(tzinfo=config.name_tz)
        id_only = config.metadata_only and not paired
        for e in group:
            md = parsed.get(e.path)
            call, exact, source = from_name, False, "in its name"
            if call is None and md is not None and (stated := five9.stated_call_time(md.fields, config.name_tz)) is not None:
                (call, exact), source = stated, "in the metadata"
            if call is None:
                not_judged.append(_no_call_time(e.path, md is not None, id_only, config))
            elif e.mtime is None:
                not_judged.append(Finding("metadata-updates", e.path, Status.ERROR,
                                          "could not be judged: the listing gave no write time for it, so when it was written is unknown",
                                          "Confirm by hand that it was uploaded within 48 hours of its call; ask the server's owner "
                                          "why the listing shows no modification times"))
            else:
                judged += 1
                check_update_window(e, call, exact, source, now_ts, add, told=key in told)
    report.checked["metadata-updates"] = judged
    if judged:  # with none judged the rule is skipped, saying why once rather than per file
        report.findings.extend(not_judged)


def _no_call_time(path: str, readable: bool, id_only: bool, config: RuleConfig) -> Finding:
    contents = "its contents hold no call time field" if readable else "its contents could not be read or parsed"
    if id_only:
        why = f"{contents}, and an id.ext name carries none"
        fix = ("Add a call time field to the metadata, such as call_time with its offset (2024-06-01T14:02:53+02:00) "
               "or in Unix seconds, then check again; until then, confirm by hand that updates arrive within 48 hours of the call")
    else:
        name = ("the naming pattern has no call time" if config.pattern.time_format is None
                else "its name does not follow the naming pattern")
        why = f"{name} and {contents}"
        fix = ("Name the recordings with the call time (yyyyMMdd-hhmmss_uid, or the pattern agreed with ExecVision) or add a "
               "call time field such as call_time to the metadata, then check again; until then, confirm by hand that updates "
               "arrive within 48 hours of the call")
    return Finding("metadata-updates", path, Status.ERROR,
                   f"could not be judged: {why}, so there is no call time to count the 48 hours from", fix)


def check_update_window(md_entry: FileEntry, call_time: datetime, exact: bool, source: str, now_ts: float,
                        add: Callable[[Finding], None], told: bool = False) -> None:
    """The 48-hour rule for one metadata file, and what its times say about the clocks and the time zone.

    Metadata is written during or after the call it describes, never before, and a call is never in
    the future: either is said (`clocks`), as a time zone written differently from the one given when
    one explains it, else as a clock or date set wrong. ``told``: the recording's name already said
    its call time is in the future. ``source``: where the call time was read ("in its name").
    """
    written = float(md_entry.mtime)  # type: ignore[arg-type]  # callers pass only files with a write time
    late = written - call_time.timestamp()
    if late > _UPDATE_WINDOW_S:
        add(Finding("metadata-updates", md_entry.path, Status.FAIL,
                    f"written {late / 3600:,.0f} hours after the call time; metadata updates made after 48 hours are not processed",
                    "Upload metadata (and its updates) within 48 hours of the call; check the time zone in the names if the call is recent"))
        return
    future = ahead_of(call_time, exact, now_ts)
    if future is not None:
        if not told:
            add(_in_future(md_entry.path, call_time, exact, source, future))
        return
    before = ahead_of(call_time, exact, written)
    if before is not None:
        add(_before_call(md_entry.path, written, call_time, exact, source, before))


def _in_future(path: str, call_time: datetime, exact: bool, source: str, ahead: Ahead) -> Finding:
    when = f"the call time {source}, {call_text(call_time, exact)}"
    if ahead.zone is None:
        zone = "" if exact else f" ({earliest_words(call_time, ahead)})"
        return Finding("metadata-updates", path, Status.WARN,
                       f"{when}, is in the future: {age(ahead.seconds)} after this computer's clock{zone}",
                       f"Check the clock and date of {_WRITER_OF[source]}, then this computer's clock; {CLOCK_FIX}")
    return Finding("metadata-updates", path, Status.WARN,
                   f"{when}, read as {zone_name(call_time)}, is {age(ahead.seconds)} after this computer's clock, and a call "
                   f"cannot be in the future: {zone_words(call_time, ahead)}",
                   zone_fix(call_time, ahead, _WRITER_OF[source]))


def _before_call(path: str, written: float, call_time: datetime, exact: bool, source: str, ahead: Ahead) -> Finding:
    stamp = f"written {datetime.fromtimestamp(written, UTC):%Y-%m-%d %H:%M} UTC, {age(ahead.seconds)} before the call it describes"
    if ahead.zone is None:
        zone = "" if exact else f" {earliest_words(call_time, ahead)}"
        return Finding("metadata-updates", path, Status.WARN,
                       f"{stamp} (call time {call_text(call_time, exact)}{zone}): a clock or date is wrong, so the 48-hour limit "
                       "cannot be judged",
                       f"Check the clock and date of {_WRITERS} and of the system that writes the files (the export job, or "
                       f"the SFTP server); {CLOCK_FIX}")
    return Finding("metadata-updates", path, Status.WARN,
                   f"{stamp} (call time {call_text(call_time, exact)}, read as {zone_name(call_time)}): "
                   f"{zone_words(call_time, ahead)}, so the 48-hour limit cannot be judged",
                   zone_fix(call_time, ahead, _WRITER_OF[source]))

