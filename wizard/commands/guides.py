"""``eci-wizard guides``: which guides the wizard carries, and any one of them as a checklist.

Useful without an org: an admin can read what a guide will ask before connecting, and a
maintainer can see a guide file exactly as the wizard resolved it (shared pages, ``with:``
overrides and ``${vars}`` applied).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from wizard.guides.schema import Guide, PageSpec

#: wrap(text, first_indent, later_indent=None) -> lines
Wrap = Callable[..., list[str]]
_SIDES = {"salesforce": "Salesforce", "provider": "Provider", "aws": "AWS", "sftp": "SFTP"}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``guides`` (list) and ``guides show ID`` (checklist) to the CLI."""
    from wizard.commands.arg_types import guide_id

    parser = subparsers.add_parser(
        "guides",
        help="list the setup guides, or show one as a checklist",
        description="List the setup guides the wizard carries, or print one as a checklist.",
    )
    parser.set_defaults(func=run_list)
    actions = parser.add_subparsers(dest="guides_action", metavar="ACTION")
    show = actions.add_parser("show", help="print one guide's pages and settings as a checklist")
    show.add_argument("guide_id", metavar="ID", type=guide_id, help="guide id, as listed by 'eci-wizard guides'")
    show.add_argument("--brief", action="store_true", help="leave out the step-by-step instructions")
    show.add_argument("--pdf", type=Path, metavar="FILE",
                      help="also write a printable blank checklist: every setting, its expected value and a box to tick")
    show.add_argument("--html", type=Path, metavar="FILE", help="the same blank checklist as one HTML file")
    show.add_argument("--paper", choices=["auto", "A4", "Letter"], default="auto", help="PDF paper size (default: by locale)")
    show.set_defaults(func=run_show)


def _width() -> int:
    return max(60, min(110, shutil.get_terminal_size((100, 24)).columns))


def run_list(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Print one line per guide: id, title, pages, checks, manual steps, minutes."""
    from wizard.guides.loader import GuideError, list_guides

    out = out or sys.stdout
    try:
        guides = list_guides()
    except GuideError as exc:
        print(f"The guide files could not be read.\n{exc}", file=sys.stderr)
        return 2
    header = f"{'ID':<16} {'TITLE':<44} {'PAGES':>5} {'CHECKS':>6} {'MANUAL':>6} {'MINUTES':>7}"
    print(header, file=out)
    for g in guides:
        print(f"{g.id:<16} {g.title:<44} {g.pages:>5} {g.checks:>6} {g.manual:>6} {g.minutes:>7}", file=out)
    print("\nShow one as a checklist: eci-wizard guides show ID", file=out)
    return 0


def run_show(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Print a guide page by page: summary, steps, values to copy, and every setting."""
    from wizard.commands.chosen_guide import GuideUnreadable, load_chosen_guide
    from wizard.output_files import OutputFileError, check_output_files, write_failed

    out = out or sys.stdout
    pdf, html = getattr(args, "pdf", None), getattr(args, "html", None)
    try:
        check_output_files((("--pdf", pdf), ("--html", html)))
        guide = load_chosen_guide(args.guide_id)
    except (GuideUnreadable, OutputFileError) as exc:
        print(f"Could not show guide {args.guide_id!r}.\n{exc}", file=sys.stderr)
        return 2
    out.write(render_checklist(guide, brief=args.brief, width=_width()))
    if pdf or html:
        from wizard.report.build import blank_checklist
        from wizard.report.export import export

        try:
            export(blank_checklist(guide), pdf=pdf, html=html, paper=args.paper)
        except OSError as exc:
            print(write_failed(pdf or html, "--pdf" if pdf else "--html", exc), file=sys.stderr)
            return 2
        print(f"\nBlank checklist written: {', '.join(str(p) for p in (pdf, html) if p)}", file=out)
    return 0


def render_checklist(guide: Guide, brief: bool = False, width: int = 100) -> str:
    """The guide as plain text: what the admin will be asked, in order."""
    lines: list[str] = []
    wrap = _wrapper(width)
    src = guide.source
    lines += [f"{guide.title}  ({guide.id})", "=" * min(width, len(guide.title) + len(guide.id) + 4)]
    lines.append(f"Source: {src.title}, {src.publisher}" + (f", {src.date}" if src.date else ""))
    if src.url:
        lines.append(f"        {src.url}")
    lines.append(f"About {guide.minutes} minutes, {len(guide.pages)} pages.")
    lines += ["", *wrap(guide.summary, ""), "", "You need:"]
    lines += [line for item in guide.you_need for line in wrap(item, "  - ", "    ")]
    for number, page in enumerate(guide.pages, start=1):
        lines += ["", *_page(page, number, len(guide.pages), brief, wrap)]
    lines.append("")
    return "\n".join(lines)


def _wrapper(width: int) -> Wrap:
    """Text wrapping at the terminal's width, with the indents a checklist needs."""

    def wrap(text: str, first: str, rest: str | None = None) -> list[str]:
        return textwrap.wrap(
            " ".join(text.split()), width=width, initial_indent=first,
            subsequent_indent=rest if rest is not None else first,
        ) or [first.rstrip()]

    return wrap


def _page(page: PageSpec, number: int, total: int, brief: bool, wrap: Wrap) -> list[str]:
    optional = ", optional" if page.optional else ""
    lines = [
        f"Page {number} of {total}: {page.title}  [{_SIDES.get(page.side, page.side)}{optional}]",
        f"  Source section: {page.source_section}",
    ]
    lines += wrap(page.summary, "  ")
    if page.setup_page:
        lines.append(f"  Open in Salesforce: {page.setup_page}")
    if page.console_url:
        lines.append(f"  Open the provider's console: {page.console_url}")
    if not brief:
        lines.append("  Steps:")
        for i, step in enumerate(page.instructions, start=1):
            lines += wrap(step, f"    {i}. ", " " * (len(str(i)) + 6))
    if page.copy_values:
        lines.append("  Values to copy:")
        for cv in page.copy_values:
            value_lines = cv.value.splitlines() or [""]
            if len(value_lines) == 1:
                lines.append(f"    {cv.label}: {value_lines[0]}")
            else:
                lines.append(f"    {cv.label}:")
                lines += [f"      {line}" for line in value_lines]
    if page.settings:
        lines.append("  Settings:")
    for setting in page.settings:
        tag = "optional, " if setting.optional else ""
        if setting.check:
            # In the admin's words: the check's and the fix's internal names are for the JSON, not for a reader.
            fix = ", which can also fix it" if setting.fix else ""
            lines += wrap(f"[ ] {setting.label}  ({tag}checked by the wizard{fix})", "    ", "        ")
        elif setting.manual:
            lines += wrap(f"[ ] {setting.label}  ({tag}manual)", "    ", "        ")
            lines += wrap(f"Do: {setting.manual.do}", "        ")
            lines += wrap(f"Confirm: {setting.manual.confirm}", "        ")
    return lines
