"""Closing the window stops its own demo org, and that org's backups go with it.

The window's demo org lives as long as the window and, unless its scenario names an organization
id, the next window's demo org has a new id: backups kept under the old one (the window's Fix and
Undo write them) could never be reached again and would pile up in the data folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_closing_the_window_forgets_the_backups_of_its_demo_org(qtbot: Any, make_window: Any,
                                                                 wizard_dirs: tuple[Path, Path]) -> None:
    window = make_window(None)  # no server given: the window starts (and owns) its demo org
    controller = window.controller
    qtbot.waitUntil(lambda: controller.demo_server is not None, timeout=60_000)
    org_id = controller.demo_server.org.org_id
    backups = wizard_dirs[1] / "backups"
    for folder in (backups / org_id, backups / "user-identifiers" / org_id):
        folder.mkdir(parents=True)
        (folder / "20261122T000000000000Z-0000.json").write_text("{}", encoding="utf-8")
    kept = backups / "00D5g000004AcmeEAA"  # another org's backups are not touched
    kept.mkdir()

    controller.shutdown()

    assert not (backups / org_id).exists() and not (backups / "user-identifiers" / org_id).exists()
    assert kept.is_dir()
