"""The window's Summary counts the same org in the same numbers and words as its verdict and `verify`.

Signed in to the demo org (fresh) in the window, the Aircall panel's check has run: the API key
waits for "Check the key" and the users' identifiers fail. The Summary's badges must add up to
what its verdict says beside them ("5 manual steps … 1 setting is to check"), never a "Manual
step · 6" that counts the waiting key as a step to confirm; and the command line's table, printed
from the very same results, must give the same counts in the same words.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.wizard_support import signed_in
from wizard.commands.output import print_results

pytestmark = pytest.mark.slow


def test_summary_badges_agree_with_its_verdict_and_with_verify(qtbot: Any, demo_org: Any, make_window: Any,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    _server, window = signed_in(qtbot, demo_org, make_window, "aircall")
    window.controller.go("summary")
    summary = window.summary
    visible = [badge.text() for badge in summary.count_badges.values() if not badge.isHidden()]
    assert "✋ Manual step · 5" in visible and "○ To check · 1" in visible, visible
    from wizard.report.standing import WORDS, Standing

    shown = {standing: badge.text() for standing, badge in summary.count_badges.items() if not badge.isHidden()}
    assert shown[Standing.MANUAL] == "✋ Manual step · 5", shown
    assert shown[Standing.TO_CHECK] == "○ To check · 1", shown
    assert Standing.NOT_CHECKED not in shown and Standing.OPTIONAL not in shown  # nothing "skipped"
    text = summary.verdict_text.text()
    assert "5 manual steps are not confirmed" in text and "1 setting is to check on the provider's side" in text
    assert "eci-wizard" not in text  # the window's way to check, never a command
    total = sum(int(label.rsplit("· ", 1)[1]) for label in shown.values())
    assert f"{total} settings" in summary.summary.text()

    print_results(window.controller.guide, window.controller.run_record())  # the command line's table, same results
    printed = capsys.readouterr().out.splitlines()
    headline = printed[1]
    for standing, label in shown.items():
        count = int(label.rsplit("· ", 1)[1])
        assert WORDS[standing].count(count) in headline, (standing, headline)
    key = next(line for line in printed if "Aircall API key (API ID and API Token)" in line)
    assert key.lstrip().startswith("○ To check"), key
