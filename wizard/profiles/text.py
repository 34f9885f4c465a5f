"""Graduation as plain text: what the CLI prints (and what a window may show as it is).

Secret values never appear: previews name the secrets they need, and every value printed here
comes from models that never held one.
"""

from __future__ import annotations

import textwrap

from wizard.apply.preview import plural
from wizard.apply.preview import result_text as apply_result_text
from wizard.profiles.compare import counts
from wizard.profiles.graduate import GraduationPreview, GraduationResult
from wizard.profiles.model import SetupProfile
from wizard.profiles.side_by_side import SideBySideRow
from wizard.report.parity import CATEGORY_LABELS

ACTIONS = {"keep": "=", "change": "→", "manual": "✋", "cannot": "✖", "skip": "–"}


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _wrap(text: str, indent: int = 2) -> str:
    return textwrap.fill(" ".join(text.split()), 100, initial_indent=" " * indent, subsequent_indent=" " * (indent + 2))


def profile_text(profile: SetupProfile) -> str:
    """What a captured profile holds, in a few lines."""
    src = profile.source
    lines = [f"Profile of the {profile.guide} guide from {src.name} ({src.environment}, {src.org_id}), captured {profile.captured_at:%Y-%m-%d %H:%M} UTC",
             f"  {len(profile.settings)} settings; values that differ per org:"]
    for env in profile.environment:
        lines.append(_wrap(f"- {env.label}: {env.value or '(read on the provider side)'} ({env.derive}: {env.how})", 4))
    lines += [_wrap(f"! {note}", 2) for note in profile.notes]
    return "\n".join(lines)


def preview_text(preview: GraduationPreview, source_label: str = "Sandbox", session_only: bool = False) -> str:
    """The side-by-side table, the findings, the secrets and steps still needed.

    `session_only` (the target keeps no secret in the keyring: the built-in demo org, or no keyring)
    changes where the preview says entered values go, as the apply preview says it."""
    facts = preview.facts
    lines = [f"Graduation of {preview.guide.title} onto {facts.name} ({facts.environment}, {facts.my_domain_url})"]
    if preview.answers:
        lines.append("Chosen for the target: " + "; ".join(f"{k} = {v}" for k, v in preview.answers.items()))
    lines.append(f"  {'':2}{'Setting':34} {source_label[:22]:22} {'Target now':22} Target will get")
    page = ""
    for row in preview.rows:
        if row.page_title != page:
            page = row.page_title
            lines.append(f"  [{page}]")
        mark = ACTIONS.get(row.action, " ") + ("*" if row.environment_dependent else " ")
        lines.append(f"  {mark}{_cut(row.label, 34):34} {_cut(row.source, 22):22} {_cut(row.target_now, 22):22} {_cut(row.target_will_get, 60)}")
    lines.append("  (* built on a value that differs per org; → changes, = stays, ✋ by hand, ✖ the wizard cannot set it)")
    if preview.findings:
        lines.append("Ahead of trouble:")
        lines += [_wrap(f"[{f.severity}] {f.text()}", 2) for f in preview.findings]
    if preview.secrets_needed:
        kept = "kept for this run only, never in the keyring" if session_only else "kept in the system keyring"
        lines.append(f"Values to enter ({kept}; never in files or arguments):")
        lines += [_wrap(f"- {n.label}: {n.where}", 2) for n in preview.secrets_needed]
    if preview.manual:
        lines.append("Afterwards, by hand (no API can do these):")
        lines += [_wrap(f"- {m.title}: {m.do}", 2) for m in preview.manual]
    n = preview.writes_planned
    lines.append("Nothing to change: the target already matches." if n == 0 else _planned(preview.rows, n))
    if not facts.is_sandbox and n:
        lines.append(f"{facts.name} is a production org: applying needs its name typed as confirmation.")
    return "\n".join(lines)


def _planned(rows: list[SideBySideRow], writes: int) -> str:
    """The plan's size in the unit the table shows (rows marked →), and the writes it takes.

    The door counts metadata writes (a setting can take several, a secret one more), so that
    number alone under a table of fewer → rows read as a miscount.
    """
    settings = sum(1 for row in rows if row.action == "change")
    if settings == writes:
        return f"{plural(settings, 'setting')} marked → will change."
    return f"{plural(settings, 'setting')} marked → will change, in {plural(writes, 'write')} to the org."


def result_text(result: GraduationResult) -> str:
    """What was written, how the target verifies, and the parity in one line per category."""
    lines = [apply_result_text(result.applied)]
    shown = {m.title for m in result.applied.manual}
    extra = [m for m in result.manual if m.title not in shown]
    if extra:
        lines.append("Also by hand:")
        lines += [_wrap(f"- {m.title}: {m.do}", 2) for m in extra]
    found = counts(result.comparisons)
    lines.append("Parity: " + ", ".join(f"{n} {CATEGORY_LABELS[k].lower()}" for k, n in found.items() if n))
    for row in result.unexplained:
        lines.append(_wrap(f"✖ {row.label}: {row.explanation}", 2))
    for check in result.provider_results:
        lines.append(_wrap(f"{check.status.icon} {check.setting}: {check.message}", 2))
    return "\n".join(lines)
