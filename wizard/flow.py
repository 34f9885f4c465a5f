"""The wizard's navigation as a plain state machine, Qt-free and tested headless.

Steps: Welcome → choose the guide → sign in → one step per guide page → Summary. The window
(`wizard.ui`) renders whichever step is current; this module decides what comes next, what can be
jumped to, and what is remembered between runs (the guide, the page, the saved connection: never
a secret).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from wizard.atomic_file import write_atomic
from wizard.engine.results import CheckResult, Status, worst
from wizard.engine.run_record import ManualConfirmation
from wizard.paths import config_dir

WELCOME = "welcome"
CHOOSE_GUIDE = "choose-guide"
SIGN_IN = "sign-in"
SUMMARY = "summary"
PAGE_PREFIX = "page:"
STATE_FILE = "wizard-state.json"


def _set_aside(path: Path, exc: Exception) -> str:
    """Move a damaged state file aside (kept, not lost) and say so."""
    kept = path.with_name(f"wizard-state.damaged-{datetime.now():%Y%m%d-%H%M%S}.json")
    try:
        os.replace(path, kept)
    except OSError:
        kept = path
    reason = type(exc).__name__ if not str(exc) else str(exc).splitlines()[0][:120]
    return (f"The wizard's saved place could not be read ({reason}), so it starts from Welcome. The file is kept "
            f"as {kept}, with the manual steps you confirmed (who and when), should a report need them.")


@dataclass
class ResumeState:
    """What reopening the wizard returns to (stored in the config folder; no secrets).

    ``confirmations`` keeps the admin's "I've done this" answers (who and when, per org) so a
    manual step confirmed yesterday is still confirmed today and still reaches the report.
    """

    guide_id: str | None = None
    step: str = WELCOME
    org_alias: str | None = None
    demo: bool = False
    confirmations: list[dict[str, str]] = field(default_factory=list)
    #: Set by `load` (never saved) when the file could not be read: what happened, for the window.
    damaged: str = field(default="", compare=False)

    @classmethod
    def load(cls, folder: Path | None = None) -> ResumeState:
        """The saved state; a fresh one when there is none or it is damaged (then `damaged` says so).

        A damaged file is moved aside, not overwritten: it holds the admin's confirmations (who
        confirmed each manual step, and when), which a report may still need.
        """
        path = (folder or config_dir()) / STATE_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except OSError as exc:
            return cls(damaged=f"The wizard's saved place ({path}) could not be read ({exc.strerror}), so it starts from Welcome.")
        try:
            data = json.loads(text)
            state = cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "damaged"})
        except (ValueError, TypeError, AttributeError) as exc:
            return cls(damaged=_set_aside(path, exc))
        if not isinstance(state.confirmations, list):
            state.confirmations = []
        return state

    def save(self, folder: Path | None = None) -> None:
        """Write atomically: a crash while saving must not leave a half-written file."""
        target = folder or config_dir()
        target.mkdir(parents=True, exist_ok=True)
        data = asdict(self)
        data.pop("damaged")
        write_atomic(target / STATE_FILE, json.dumps(data, indent=2).encode("utf-8"), private=True)

    def confirmations_for(self, org_id: str) -> list[ManualConfirmation]:
        """The confirmations recorded in one org (damaged entries are skipped, not fatal)."""
        found = []
        for entry in self.confirmations:
            if not isinstance(entry, dict) or entry.get("org_id") != org_id:
                continue
            try:
                found.append(ManualConfirmation(page_id=entry["page_id"], setting_id=entry["setting_id"],
                                                by=entry["by"], at=datetime.fromisoformat(entry["at"]),
                                                note=entry.get("note", "")))
            except (KeyError, TypeError, ValueError):
                continue
        return found

    def remember_confirmations(self, org_id: str, confirmations: list[ManualConfirmation]) -> None:
        """Replace this org's confirmations with ``confirmations`` (other orgs' are kept)."""
        kept = [e for e in self.confirmations if isinstance(e, dict) and e.get("org_id") != org_id]
        kept += [{"org_id": org_id, "page_id": c.page_id, "setting_id": c.setting_id, "by": c.by,
                  "at": c.at.isoformat(), "note": c.note} for c in confirmations]
        self.confirmations = kept


@dataclass
class WizardFlow:
    """Where the admin is, and what each guide page's status is."""

    page_ids: list[str] = field(default_factory=list)
    current: str = WELCOME
    guide_id: str | None = None
    signed_in: bool = False
    results: dict[str, list[CheckResult]] = field(default_factory=dict)

    @property
    def steps(self) -> list[str]:
        return [WELCOME, CHOOSE_GUIDE, SIGN_IN, *(PAGE_PREFIX + p for p in self.page_ids), SUMMARY]

    def choose_guide(self, guide_id: str, page_ids: list[str]) -> None:
        """Pick a guide; its pages become steps (results of another guide are dropped)."""
        if guide_id != self.guide_id:
            self.results.clear()
        self.guide_id = guide_id
        self.page_ids = list(page_ids)

    def can_go_next(self) -> bool:
        if self.current == CHOOSE_GUIDE:
            return self.guide_id is not None
        if self.current == SIGN_IN:
            return self.signed_in
        return self.current != SUMMARY

    def next(self) -> str:
        if not self.can_go_next():
            return self.current
        steps = self.steps
        self.current = steps[min(steps.index(self.current) + 1, len(steps) - 1)]
        return self.current

    def back(self) -> str:
        steps = self.steps
        self.current = steps[max(steps.index(self.current) - 1, 0)]
        return self.current

    def can_jump(self, step: str) -> bool:
        """Guide pages and the summary need a guide and a signed-in org; earlier steps are always open."""
        if step not in self.steps:
            return False
        if step.startswith(PAGE_PREFIX) or step == SUMMARY:
            return self.guide_id is not None and self.signed_in
        return True

    def jump(self, step: str) -> str:
        if self.can_jump(step):
            self.current = step
        return self.current

    def record(self, results: list[CheckResult]) -> None:
        """Keep the newest results, grouped by page."""
        grouped: dict[str, list[CheckResult]] = {}
        for result in results:
            grouped.setdefault(result.page_id, []).append(result)
        self.results.update(grouped)

    def page_status(self, page_id: str) -> Status | None:
        """The worst status of a page, or None before it was checked."""
        results = self.results.get(page_id)
        return worst([r.status for r in results]) if results else None

    def sign_out(self) -> None:
        """Forget the connection: results belong to the org they came from."""
        self.signed_in = False
        self.results.clear()
        if self.current.startswith(PAGE_PREFIX) or self.current == SUMMARY:
            self.current = SIGN_IN

    def resume_state(self, org_alias: str | None, demo: bool) -> ResumeState:
        return ResumeState(guide_id=self.guide_id, step=self.current, org_alias=org_alias, demo=demo)


def page_step(page_id: str) -> str:
    """The step id of a guide page."""
    return PAGE_PREFIX + page_id


def page_of(step: str) -> str | None:
    """The guide page id of a step, or None for the fixed steps."""
    return step[len(PAGE_PREFIX):] if step.startswith(PAGE_PREFIX) else None
