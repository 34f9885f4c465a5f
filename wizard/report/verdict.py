"""The one-line verdict at the top of a report: can the admin call this setup done?

The verdict counts a manual step the admin confirmed as done (the report lists who confirmed it
and when), a warning as done-with-a-caveat, and anything failed or unreadable as not done. A
failed connection preflight makes the whole run doubtful, so it is named too.
"""

from __future__ import annotations

from collections.abc import Sequence

from wizard.engine.results import Status, worst
from wizard.report.model import PreflightRow, Row, Verdict


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def verdict(rows: Sequence[Row], preflight: Sequence[PreflightRow] = ()) -> Verdict:
    """The verdict for a run's rows and its preflight."""
    def count(status: Status) -> int:
        return sum(1 for r in rows if r.status is status)

    fails, errors, warns = count(Status.FAIL), count(Status.ERROR), count(Status.WARN)
    manual_open = sum(1 for r in rows if r.status is Status.MANUAL and r.confirmation is None)
    manual_done = sum(1 for r in rows if r.status is Status.MANUAL and r.confirmation is not None)
    passed = count(Status.PASS)
    preflight_bad = sum(1 for p in preflight if p.status in (Status.FAIL, Status.ERROR))
    preflight_warn = sum(1 for p in preflight if p.status is Status.WARN)

    effective = [
        Status.PASS if r.status is Status.MANUAL and r.confirmation else r.status for r in rows if r.status
    ] + [p.status for p in preflight]
    status = worst(effective)

    if not rows:
        return Verdict(status=Status.SKIPPED, headline="Nothing checked", text="This guide has no settings to verify.")
    open_parts = []
    if fails:
        open_parts.append(_n(fails, "setting fails", "settings fail"))
    if errors:
        open_parts.append(_n(errors, "setting could not be checked", "settings could not be checked"))
    if preflight_bad:
        open_parts.append(_n(preflight_bad, "preflight check failed", "preflight checks failed"))
    if manual_open:
        open_parts.append(_n(manual_open, "manual step is not confirmed", "manual steps are not confirmed"))
    if warns:
        open_parts.append(_n(warns, "warning to review", "warnings to review"))
    if preflight_warn:
        open_parts.append(_n(preflight_warn, "preflight warning to review", "preflight warnings to review"))

    if fails or errors or preflight_bad:
        return Verdict(status=status, headline="Not ready", text=f"{_cap(_join(open_parts))}.")
    if manual_open:
        lead = "Every checked setting passes or only warns" if warns else "Every checked setting passes"
        return Verdict(status=status, headline="Almost ready", text=f"{lead}; {_join(open_parts)}.")
    if warns or preflight_warn:
        return Verdict(status=status, headline="Ready with caveats", text=f"{_cap(_join(open_parts))}; everything else passes.")
    if status is Status.SKIPPED:
        return Verdict(status=status, headline="Nothing checked", text="Every setting was skipped.")
    done = f"{_n(passed, 'setting passes', 'settings pass')}"
    if manual_done:
        done += f" and {_n(manual_done, 'manual step was', 'manual steps were')} confirmed"
    skipped = count(Status.SKIPPED)
    if skipped:
        done += f" ({_n(skipped, 'setting', 'settings')} skipped)"
    return Verdict(status=Status.PASS, headline="Ready", text=f"{_cap(done)}; nothing is left to do.")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
