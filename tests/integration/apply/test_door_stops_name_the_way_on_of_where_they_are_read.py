"""The door's own stops (a cancel between steps, a backup folder that breaks after the first write)
say how to finish in the words of where the admin reads them: the command line's "apply again", as
it always said, and the fix dialog's Continue button in the window, never a command to run.

The real door against the demo org; the backup folder breaks as a disk would, by something else
taking its place between two steps.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.integration.apply.support import scenario, seed_secrets
from tests.integration.verify.support import connected
from wizard.apply.backup import BackupStore
from wizard.apply.door import apply_plan, plan_guide
from wizard.guides.loader import load_guide
from wizard.retry_words import COMMAND_LINE, RetryWords, shown_in
from wizard.ui.fix_dialog import FIX_WORDS

COMMAND_WORDS = ("apply again", "run the same", "command", "eci-wizard", " --")


@pytest.mark.parametrize(("words", "finish"), [
    (COMMAND_LINE, "Cancelled: the rest of the plan was not applied. Apply again to finish it."),
    (FIX_WORDS, "Cancelled: the rest of the plan was not applied. Press Continue to finish it."),
], ids=["command line", "fix dialog"])
def test_a_cancel_between_steps_says_how_to_finish_in_the_words_of_where_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, words: RetryWords, finish: str) -> None:
    guide = load_guide("aircall")
    with connected(scenario(tmp_path), monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        plan = plan_guide(org.connection, guide, org.facts)
        with shown_in(words):
            result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name, cancel=lambda: True)
    assert result.cancelled and finish in result.notes


@pytest.mark.parametrize(("words", "todo"), [
    (COMMAND_LINE, "Make that path a folder you can write to, then apply again."),
    (FIX_WORDS, "Make that path a folder you can write to, then press Continue."),
], ids=["command line", "fix dialog"])
def test_a_backup_folder_that_breaks_after_a_write_says_how_to_go_on_in_the_words_of_where_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, words: RetryWords, todo: str) -> None:
    guide = load_guide("aircall")
    with connected(scenario(tmp_path), monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        plan = plan_guide(org.connection, guide, org.facts)
        assert len([step for step in plan.plans if not step.empty]) >= 2
        folder = BackupStore().folder(org.facts.org_id)

        def break_the_folder(_title: str, index: int, _total: int) -> None:
            if index == 1:  # the first step has written: a file takes the backup folder's place
                shutil.rmtree(folder)
                folder.write_text("not a folder", encoding="utf-8")

        with shown_in(words):
            result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name, progress=break_the_folder)
    assert result.error is not None
    assert result.error.startswith(f"The wizard could not write its backup in {folder} ")
    assert result.error.endswith(todo), result.error
    if words is FIX_WORDS:
        assert not any(said in result.error.casefold() for said in COMMAND_WORDS), result.error
