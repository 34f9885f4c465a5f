"""File-name rules from ExecVision's guide: recordings, their metadata files, and the agreed pattern.

The guide's default recording name is ``yyyyMMdd-hhmmss_uid.ext``; an implementations manager can
agree another pattern with the customer, so a pattern is data here, written with placeholders:
``{call_time:yyyyMMdd-hhmmss}_{user_id}`` is the default, and a Five9 export might agree on
``{call_time:yyyyMMdd-hhmmss}_{user_id}_{direction}_{session_id}_{ani}``. Patterns compile to one
anchored regular expression so a folder of 100,000 names is matched quickly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

#: Media types the guide lists ("webex arf" is the ``arf`` extension).
MEDIA_TYPES: frozenset[str] = frozenset(
    {"wav", "mp3", "mp4", "m4a", "mpg", "wma", "webm", "aiff", "flac", "ogg", "gsm", "arf", "au"}
)
#: Metadata file types the guide lists.
METADATA_TYPES: frozenset[str] = frozenset({"xml", "json", "csv", "yml"})
#: Common media types ExecVision does not list: a recording in one of these is skipped.
UNSUPPORTED_MEDIA: frozenset[str] = frozenset(
    {"aac", "aif", "amr", "opus", "3gp", "mkv", "mov", "avi", "wmv", "m4v", "mpeg", "caf", "oga", "spx", "vox"}
)

DEFAULT_PATTERN = "{call_time:yyyyMMdd-hhmmss}_{user_id}"

#: The Five9 facts the guide wants in every recording's name or metadata.
CALL_TIME = "call time"
USER_ID = "user id"
DIRECTION = "direction"
SESSION_ID = "session id"
FILE_TYPE = "file type"
ANI_DNIS = "ANI/DNIS phone number"
FIVE9_INFO: tuple[str, ...] = (CALL_TIME, USER_ID, DIRECTION, SESSION_ID, FILE_TYPE, ANI_DNIS)

#: Placeholder names an admin can use in a pattern, and the Five9 fact each one carries.
PLACEHOLDER_INFO: dict[str, str] = {
    "call_time": CALL_TIME,
    "user_id": USER_ID,
    "uid": USER_ID,
    "direction": DIRECTION,
    "session_id": SESSION_ID,
    "file_type": FILE_TYPE,
    "ani": ANI_DNIS,
    "dnis": ANI_DNIS,
    "ani_dnis": ANI_DNIS,
}

_TIME_TOKENS: dict[str, tuple[str, int]] = {
    # token: (group name, digits); the guide's "hh" is the 00-23 hour
    "yyyy": ("year", 4),
    "MM": ("month", 2),
    "dd": ("day", 2),
    "HH": ("hour", 2),
    "hh": ("hour", 2),
    "mm": ("minute", 2),
    "ss": ("second", 2),
}
_TIME_TOKEN_RE = re.compile("|".join(sorted(_TIME_TOKENS, key=len, reverse=True)))
_PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?\}")
_SAMPLE_VALUES = {
    "user_id": "joe_baducci",
    "uid": "joe_baducci",
    "direction": "inbound",
    "session_id": "5F9C1A2B3D4E",
    "file_type": "wav",
    "ani": "5551234567",
    "dnis": "5557654321",
    "ani_dnis": "5551234567",
}
_SAMPLE_TIME = datetime(2020, 10, 12, 14, 2, 53)


#: Characters a file name may hold that must never reach a terminal, a report or a spreadsheet as they are:
#: control characters (an escape sequence recolours or rewrites the admin's terminal, a newline or tab breaks
#: a table or a CSV row), the Unicode line and paragraph separators, the bidirectional controls that make a
#: name read differently from what it is, and surrogates: a byte that is not UTF-8, which the operating
#: system hands over as a lone surrogate and no UTF-8 file can hold.
_UNSAFE = r"\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE_RE = re.compile(f"[{_UNSAFE}]")
_NAMED_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(char: str) -> str:
    code = ord(char)
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    if 0xDC80 <= code <= 0xDCFF:  # the byte the surrogate stands for, as the admin would see it in a hex dump
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def shown(text: str) -> str:
    """Text that may hold a file name, safe to print, to write to JSON or CSV and to show in the window.

    Every character of `_UNSAFE` is written as an escape (``\\x1b``, ``\\n``, ``\\t``; a byte that is
    not UTF-8 as ``\\xe9``), so the name is visible and nothing it holds can act on the terminal. Text
    without such characters comes back unchanged, and escaping twice changes nothing.
    """
    return _UNSAFE_RE.sub(lambda found: _escape(found.group()), text) if _UNSAFE_RE.search(text) else text


def unsafe_name_problem(name: str) -> NameProblem | None:
    """Why a name holding bytes that are not UTF-8, or control characters, must be renamed (None if it holds neither).

    ExecVision and every report show such a name differently from what the export wrote, and a
    control character can hide or rewrite the name where it is shown.
    """
    if _UNSAFE_RE.search(name) is None:
        return None
    found = dict.fromkeys(_UNSAFE_RE.findall(name))
    raw = [c for c in found if 0xD800 <= ord(c) <= 0xDFFF]
    others = [c for c in found if c not in raw]
    said = []
    if raw:
        said.append(f"bytes that are not UTF-8 text ({', '.join(_escape(c) for c in raw[:5])})")
    if others:
        said.append(f"control characters ({', '.join(_escape(c) for c in others[:5])})")
    return NameProblem(
        f"the name holds {' and '.join(said)}, shown here escaped",
        "Rename the file (and its metadata file) using UTF-8 letters, digits and punctuation only, with no control "
        "characters such as escape, newline or tab, so ExecVision and its reports show the name the export wrote",
    )


class PatternError(ValueError):
    """The admin's naming pattern cannot be used; the message says why and how to write it."""


def split_name(name: str) -> tuple[str, str]:
    """(stem, lower-case extension) of a file name; the extension is "" when there is none.

    A leading dot does not start an extension (``.DS_Store`` has none), matching how people read it.
    """
    dot = name.rfind(".")
    if dot <= 0:
        return name, ""
    return name[:dot], name[dot + 1 :].lower()


@dataclass(frozen=True, slots=True)
class NameMatch:
    """What a recording's name says: the call time (if the pattern has one) and the other fields."""

    call_time: datetime | None
    fields: dict[str, str]
    leap_second: bool = False


@dataclass(frozen=True, slots=True)
class NameProblem:
    """Why a name does not follow the pattern, in the admin's words."""

    observed: str
    fix: str


@dataclass(frozen=True)
class NamePattern:
    """A compiled recording-name pattern (the default or the admin's agreed one)."""

    text: str
    regex: re.Pattern[str] = field(repr=False)
    placeholders: tuple[str, ...]
    time_format: str | None

    @property
    def five9_info(self) -> frozenset[str]:
        """The Five9 facts this pattern carries in every name (the extension gives the file type)."""
        info = {PLACEHOLDER_INFO[p] for p in self.placeholders if p in PLACEHOLDER_INFO}
        return frozenset(info | {FILE_TYPE})

    @property
    def is_default(self) -> bool:
        return self.text == DEFAULT_PATTERN

    def example(self, ext: str = "wav") -> str:
        """A name that follows the pattern, shown next to every naming finding."""

        def fill(match: re.Match[str]) -> str:
            name, fmt = match.group(1), match.group(2)
            if name == "call_time":
                return format_time(_SAMPLE_TIME, fmt or "yyyyMMdd-hhmmss")
            return _SAMPLE_VALUES.get(name, name.replace("_", "-"))

        return f"{_PLACEHOLDER_RE.sub(fill, self.text)}.{ext}"

    def match(self, stem: str) -> NameMatch | NameProblem:
        """Match a recording's stem (its name without the extension) against the pattern.

        A stem holding control characters or bytes that are not UTF-8 never matches, whatever the pattern.
        """
        if _UNSAFE_RE.search(stem) is not None:
            return unsafe_name_problem(stem)  # type: ignore[return-value]  # never None here
        found = self.regex.fullmatch(stem)
        if found is None:
            return self._explain_mismatch(stem)
        groups = found.groupdict()
        fields = {k: groups[k] for k in self.placeholders if k != "call_time"}
        if self.time_format is None:
            return NameMatch(None, fields)
        when = _real_time(groups)
        if isinstance(when, NameProblem):
            return when
        return NameMatch(when[0], fields, leap_second=when[1])

    def _explain_mismatch(self, stem: str) -> NameProblem:
        expected = f"names like {self.example()}"
        if self.is_default:
            if not re.match(r"\d{8}-\d{6}", stem):
                return NameProblem(
                    f"the name does not start with a yyyyMMdd-hhmmss timestamp ({stem!r})",
                    f"Rename it to yyyyMMdd-hhmmss_uid.ext, e.g. {self.example()}",
                )
            if stem[15:16] != "_" or len(stem) < 17:
                return NameProblem(
                    "the timestamp is not followed by '_' and the user's unique id",
                    f"Add '_' and the user's id (extension, email address, ...) after the timestamp, e.g. {self.example()}",
                )
        return NameProblem(
            f"the name does not follow the agreed pattern {self.text}",
            f"Rename it to follow {self.text} ({expected}), or agree another pattern with your ExecVision implementations manager",
        )


def compile_pattern(text: str = DEFAULT_PATTERN) -> NamePattern:
    """Compile a naming pattern; raise `PatternError` explaining what is wrong with it."""
    if not text or not text.strip():
        raise PatternError("The naming pattern is empty; the guide's default is " + DEFAULT_PATTERN)
    if _UNSAFE_RE.search(text):
        raise PatternError(f"The naming pattern {shown(text)} holds control characters (shown escaped); "
                           "write it with letters, digits, punctuation and fields in braces only")
    if "." in text.rsplit("}", 1)[-1] or text.endswith((".ext", ".wav", ".mp3")):
        raise PatternError(f"Leave the extension out of the pattern ({text!r}); it is checked separately")
    parts: list[str] = []
    names: list[str] = []
    time_format: str | None = None
    pos = 0
    previous_was_placeholder = False
    for match in _PLACEHOLDER_RE.finditer(text):
        literal = text[pos : match.start()]
        if "{" in literal or "}" in literal:
            raise PatternError(f"Unbalanced braces in the naming pattern {text!r}; write fields as {{name}}")
        if not literal and previous_was_placeholder:
            raise PatternError(
                f"Put a separator such as '_' between {{{names[-1]}}} and {{{match.group(1)}}} in {text!r}, "
                "otherwise the two values cannot be told apart"
            )
        parts.append(re.escape(literal))
        name, fmt = match.group(1), match.group(2)
        if name in names:
            raise PatternError(f"The field {{{name}}} appears twice in the naming pattern {text!r}")
        names.append(name)
        if name == "call_time":
            time_format = fmt or "yyyyMMdd-hhmmss"
            parts.append(_time_regex(time_format, text))
        else:
            if fmt:
                raise PatternError(f"Only {{call_time:...}} takes a format; remove ':{fmt}' from {{{name}}}")
            parts.append(f"(?P<{name}>[^{_UNSAFE}]+?)")  # a value never holds a control character
        pos = match.end()
        previous_was_placeholder = True
    tail = text[pos:]
    if "{" in tail or "}" in tail:
        raise PatternError(f"Unbalanced braces in the naming pattern {text!r}; write fields as {{name}}")
    parts.append(re.escape(tail))
    if not names:
        raise PatternError(f"The naming pattern {text!r} has no fields; write them as {{call_time:yyyyMMdd-hhmmss}}, {{user_id}}, ...")
    return NamePattern(text, re.compile("".join(parts)), tuple(names), time_format)


def _time_regex(fmt: str, pattern: str) -> str:
    """Regex for a call-time format; every part needed for a full date and time must be there."""
    out: list[str] = []
    seen: set[str] = set()
    pos = 0
    for token in _TIME_TOKEN_RE.finditer(fmt):
        literal = fmt[pos : token.start()]
        if any(c.isalpha() for c in literal):
            raise PatternError(
                f"Unknown letters {literal!r} in the call-time format {fmt!r}; use yyyy MM dd hh mm ss"
            )
        out.append(re.escape(literal))
        group, digits = _TIME_TOKENS[token.group(0)]
        if group in seen:
            raise PatternError(f"The call-time format {fmt!r} has the {group} twice")
        seen.add(group)
        out.append(f"(?P<t_{group}>\\d{{{digits}}})")
        pos = token.end()
    tail = fmt[pos:]
    if any(c.isalpha() for c in tail):
        raise PatternError(f"Unknown letters {tail!r} in the call-time format {fmt!r}; use yyyy MM dd hh mm ss")
    out.append(re.escape(tail))
    missing = {"year", "month", "day", "hour", "minute", "second"} - seen
    if missing:
        raise PatternError(
            f"The call-time format {fmt!r} in {pattern!r} lacks the {', '.join(sorted(missing))}; "
            "a call time needs yyyy MM dd hh mm ss"
        )
    return "".join(out)


def _real_time(groups: dict[str, str]) -> tuple[datetime, bool] | NameProblem:
    """The call time of a matched name, or why it is not a real date and time.

    Each part is held to the range the guide's naming table gives (month 01-12, day 01-31, hour
    00-23, minute 00-59, second 00-60, 60 being a leap second), then the date to the calendar.
    """
    year, month, day = int(groups["t_year"]), int(groups["t_month"]), int(groups["t_day"])
    hour, minute, second = int(groups["t_hour"]), int(groups["t_minute"]), int(groups["t_second"])
    fix = ("Write the call's real date and time in the name (month 01-12, day 01-31 and real in that month, hour 00-23, "
           "minute 00-59, second 00-60)")
    if not 1 <= month <= 12:
        return NameProblem(f"month {month:02d} is not a month (01-12)", fix)
    if not 1 <= day <= 31:
        return NameProblem(f"day {day:02d} is not a day of the month (01-31)", fix)
    if not 0 <= hour <= 23:
        return NameProblem(f"hour {hour:02d} is not an hour of the day (00-23)", fix)
    if not 0 <= minute <= 59:
        return NameProblem(f"minute {minute:02d} is not a minute (00-59)", fix)
    if not 0 <= second <= 60:
        return NameProblem(f"second {second:02d} is not a second (00-60)", fix)
    try:
        when = datetime(year, month, day, hour, minute, min(second, 59))
    except ValueError:
        return NameProblem(f"{year:04d}-{month:02d}-{day:02d} is not a real date", fix)
    return when, second == 60


def format_time(when: datetime, fmt: str) -> str:
    """Render a time in a call-time format (used for examples and test data)."""
    values = {
        "yyyy": f"{when.year:04d}",
        "MM": f"{when.month:02d}",
        "dd": f"{when.day:02d}",
        "HH": f"{when.hour:02d}",
        "hh": f"{when.hour:02d}",
        "mm": f"{when.minute:02d}",
        "ss": f"{when.second:02d}",
    }
    return _TIME_TOKEN_RE.sub(lambda m: values[m.group(0)], fmt)


_METADATA_ONLY_ID = re.compile(r"[A-Za-z0-9._-]+")


def metadata_only_id_problem(stem: str) -> NameProblem | None:
    """For the metadata-only ``id.ext`` form: None when the id looks like a dialer's id."""
    if not stem.strip():
        return NameProblem("the id before the extension is empty", "Name the file <id>.<xml|json|csv|yml> with the recording's id from the dialer")
    unsafe = unsafe_name_problem(stem)
    if unsafe is not None:
        return unsafe
    if _METADATA_ONLY_ID.fullmatch(stem) is None:
        return NameProblem(
            f"the id {stem!r} has spaces or unusual characters",
            "Use the recording's id exactly as the dialer's API gives it (e.g. BXyT30eVTWIZjUA.xml); confirm the form with your implementations manager",
        )
    return None
