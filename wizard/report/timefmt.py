"""Times in reports: recorded in UTC, shown beside the reader's local time.

A report travels (consultant in one zone, client in another, auditor months later), so the UTC
value is the record; the local value with its offset says what the clock on the wall read.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from wizard.report.model import Moment


def local_zone() -> tzinfo:
    """The time zone of the machine building the report."""
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


def _aware(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC: every part of the wizard records UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def moment(value: datetime, zone: tzinfo | None = None) -> Moment:
    """A `Moment` from any datetime."""
    aware = _aware(value)
    utc = aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    local = aware.astimezone(zone or local_zone()).isoformat(timespec="seconds")
    return Moment(utc=utc, local=local)


def zone_label(value: datetime, zone: tzinfo | None = None) -> str:
    """E.g. 'CET (UTC+01:00)', for the header line that explains the local column."""
    local = _aware(value).astimezone(zone or local_zone())
    offset = local.strftime("%z") or "+0000"
    pretty = f"UTC{offset[:3]}:{offset[3:]}"
    name = local.tzname() or ""
    return pretty if not name or name.startswith(("UTC", "+", "-")) else f"{name} ({pretty})"


def show(value: Moment | None, *, with_utc: bool = True) -> str:
    """How renderers print a moment: '2026-11-21 08:40:00 UTC (09:40 local, UTC+01:00)'."""
    if value is None:
        return "—"
    utc = value.utc.replace("T", " ").removesuffix("Z") + " UTC"
    local = datetime.fromisoformat(value.local)
    offset = local.strftime("%z")
    local_text = f"{local:%Y-%m-%d %H:%M} local, UTC{offset[:3]}:{offset[3:]}"
    if not with_utc:
        return local_text
    if local.utcoffset() == datetime.fromisoformat(value.utc.replace("Z", "+00:00")).utcoffset():
        return utc
    return f"{utc} ({local_text})"
