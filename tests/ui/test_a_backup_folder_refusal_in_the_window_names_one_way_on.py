"""A backup folder the wizard cannot write (a file where the data folder's ``backups`` should be)
stops a change before anything is written. In the window the refusal says only what the admin can
do there: make the folder writable or move away the file in its way, never set ECI_WIZARD_DATA_DIR
(an environment setting, which a window started from the desktop cannot set); and it names one way
on, the place's own:

- "Fix it for me": press the Apply button again (the preview stays, with its Apply button).
- The graduation dialog: press Back to preview the org again (the values typed are kept), not the
  menu entry as well.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.test_graduation_dialog_says_why_it_waits_and_what_a_cancel_wrote import (
    ready_to_graduate,
    sandbox_profile_and_production,
)
from tests.ui.test_wizard_graduation import WORK_MS, graduate_with
from tests.ui.wizard_support import drive_dialog, signed_in
from wizard.ui.fix_dialog import FixDialog
from wizard.ui.graduation.dialog import PREVIEW, RESULT, GraduationDialog

pytestmark = pytest.mark.slow
WHAT_TO_DO = "Make that a folder your user account can write to (move away a file in its way), then "


def _block_backups(data: Path) -> Path:
    """A file where the backups folder should be: every change is refused before its first write."""
    backups = data / "backups"
    if backups.is_dir():
        for path in sorted(backups.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        backups.rmdir()
    data.mkdir(parents=True, exist_ok=True)
    backups.write_text("in the way", encoding="utf-8")
    return backups


def test_fix_it_for_me_names_what_to_do_in_the_window_and_its_apply_button(
        qtbot: Any, demo_org: Any, make_window: Any, wizard_dirs: tuple[Path, Path]) -> None:
    server, window = signed_in(qtbot, demo_org, make_window, page_id="eci-connected-app")
    backups = _block_backups(wizard_dirs[1])
    row = window.guide_pages["eci-connected-app"].row("eci-app.exists")
    seen: dict[str, Any] = {}

    def drive(dialog: FixDialog) -> None:
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
        dialog.confirm.setText("Acme Demo")
        writes = len(server.log.writes())
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: not dialog.applying, timeout=60_000)
        seen["refused"] = (dialog.notice.text.text(), len(server.log.writes()) - writes)
        dialog.cancel_button.click()

    drive_dialog(FixDialog, drive, row.fix_button.click)  # a failed check closes the dialog, not hangs it
    text, written = seen["refused"]
    assert written == 0
    assert text.startswith(f"The wizard cannot write its backup in {backups / window.controller.facts.org_id} "
                           f"({backups} is a file, not a folder); nothing was changed."), text
    assert text.endswith(f"{WHAT_TO_DO}press the Apply button again."), text
    assert "ECI_WIZARD_DATA_DIR" not in text and "run the command" not in text


def test_graduation_names_back_once_and_not_the_menu_entry_too(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        wizard_dirs: tuple[Path, Path]) -> None:
    profile, server, window = sandbox_profile_and_production(qtbot, demo_org, make_window, tmp_path, monkeypatch)
    c = window.controller
    seen: dict[str, Any] = {}

    def drive(dialog: GraduationDialog) -> None:
        ready_to_graduate(qtbot, dialog, profile, c.facts.name)
        backups = _block_backups(wizard_dirs[1])
        writes = len(server.log.writes())
        dialog.next_button.click()  # Graduate
        qtbot.waitUntil(lambda: not dialog.applying and not dialog._busy(), timeout=WORK_MS)
        seen["refused"] = (dialog.step, dialog.result_step.headline.text(), dialog.result_step.status.text(),
                           dialog.back_button.isVisible(), len(server.log.writes()) - writes, backups)
        backups.unlink()  # put right; Back previews the org again
        dialog.back_button.click()
        qtbot.waitUntil(lambda: dialog.preview is not None and not dialog._busy(), timeout=WORK_MS)
        seen["back"] = dialog.step
        dialog.cancel_button.click()

    graduate_with(window, drive)
    step, headline, text, back, written, backups = seen["refused"]
    assert step == RESULT and headline == "Nothing was written" and back and written == 0
    assert text.startswith(f"The wizard cannot write its backup in {backups / c.facts.org_id} "
                           f"({backups} is a file, not a folder); nothing was changed."), text
    assert f"{WHAT_TO_DO}press Back to preview this org again." in text, text
    assert text.casefold().count("press back") == 1, text  # one way on
    assert "Graduate from a profile" not in text and "ECI_WIZARD_DATA_DIR" not in text, text
    assert seen["back"] == PREVIEW
