"""The blocking calls the graduation workers make: plain functions over `wizard.profiles`, no Qt.

Each runs on a `TaskRunner` worker (it reads an org, a file or the keyring). They take what the
window holds (the signed-in connection, its facts, the sign-in app) as arguments, so nothing here
reaches into a widget, and the command line's order of steps is kept: read and check the profile,
then the target; secrets into the keyring just before the apply; the report from the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard.engine.results import CheckResult
from wizard.profiles.capture import BLOCKING, Captured
from wizard.profiles.graduate import Graduation, GraduationPreview, GraduationResult
from wizard.profiles.model import SetupProfile
from wizard.report.parity import ParityFiles, ParityReport
from wizard.retry_words import shown_in
from wizard.ui.graduation.words import CAPTURE_WORDS, RETRY_WORDS


def capture(conn: Any, facts: Any, guide: Any, sign_in_app: str, preflight: Iterable[Any], secrets: Iterable[str]) -> Captured:
    """Verify the guide and turn what was seen into a profile, failing settings included.

    Taken with `allow_incomplete` so a guide that does not fully verify is read once: the window
    asks the admin about the failing settings (`failing`) before anything is written, instead of
    refusing and reading the whole org again after "Save anyway".
    """
    from wizard.profiles.capture import capture_profile

    return capture_profile(conn, facts, guide, sign_in_app=sign_in_app, preflight=preflight, allow_incomplete=True,
                           secrets=secrets)


def failing(captured: Captured) -> list[CheckResult]:
    """The settings that fail in the captured run: what a plain capture would refuse over."""
    return [r for r in captured.run.results if r.status in BLOCKING]


def write(captured: Captured, path: Path) -> Path:
    """Write the profile (atomically: a reader never sees half a file)."""
    from wizard.profiles.files import write_profile

    return write_profile(captured.profile, path)


@dataclass(frozen=True)
class Opened:
    """A profile read and checked, with the graduation of it onto the window's org."""

    path: Path
    profile: SetupProfile
    graduation: Graduation


def open_profile(path: Path, conn: Any, facts: Any, client_id: str, preflight: Iterable[Any]) -> Opened:
    """Read the profile with the command line's checks (`ProfileError` names file, line and field)
    and set up its graduation onto the signed-in org (nothing is read from the org yet)."""
    from wizard.profiles.files import read_profile
    from wizard.providers.voice.endpoints import ProviderEndpoints

    profile = read_profile(path, CAPTURE_WORDS)
    graduation = Graduation(profile, conn, facts, client_id=client_id, preflight=preflight,
                            endpoints=ProviderEndpoints.from_env())
    return Opened(path, profile, graduation)


@dataclass(frozen=True)
class Graduated:
    """What the apply did, and the parity report built from it (written only when the admin saves it).

    `report` is None (and `problem` says why) when the report could not be built: the writes are
    made by then, and must still reach the window's record and be shown, never lost with the report.
    """

    result: GraduationResult
    report: ParityReport | None
    cancelled: bool
    problem: str = ""


def graduate(graduation: Graduation, preview: GraduationPreview, secrets: dict[str, str], confirmation: str | None, *,
             allow_blockers: bool, cancel: Any, report: Callable[[str], None], extra_secrets: Iterable[str]) -> Graduated:
    """Keep the typed secrets (keyring, or this run only), apply, verify, compare, build the report.

    The secrets go in here, on the worker, because the keyring can be slow to answer; from then on
    only their names travel. A stop partway raises `GraduationStopped` with what was written.
    """
    from wizard.profiles.report import parity_report

    for name, value in secrets.items():
        graduation.provide_secret(name, value)

    def progress(title: str, done: int, total: int) -> None:
        if title == "done":
            report(f"Checking every setting in {preview.facts.name} again and comparing both orgs…")
        else:
            report(f"{title} (step {done + 1} of {total})")

    with shown_in(RETRY_WORDS):  # a stop names this window's way on, never a command to run again
        result = graduation.apply(preview, confirmation, progress=progress, cancel=cancel, allow_blockers=allow_blockers,
                                  command=None)
    cancelled = result.applied.cancelled
    try:
        return Graduated(result, parity_report(graduation.profile, result, extra_secrets), cancelled)
    except Exception as exc:  # after the writes: keep the result, say what went wrong with the report
        return Graduated(result, None, cancelled, f"{exc}".strip() or "a problem the wizard could not put into words")


def save_report(profile: SetupProfile, result: GraduationResult, json_path: Path, pdf_path: Path,
                extra_secrets: Iterable[str]) -> ParityFiles:
    """Write the parity report's JSON and PDF, with the command line's renderers (nothing is
    written if a secret would show)."""
    from wizard.profiles.report import export_graduation

    _report, files = export_graduation(profile, result, json_path=json_path, pdf_path=pdf_path, paper="auto",
                                       secrets=extra_secrets)
    return files
