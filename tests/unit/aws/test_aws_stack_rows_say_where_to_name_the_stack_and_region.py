"""The stack rows say how to name the stack or its region in the words of the place that shows them:
the command line's --stack and --region, the window's "Stack" and "Region" fields (before, the window
told the admin to "leave --stack out" or "check that region (--region)")."""

from __future__ import annotations

import pytest

from wizard.providers.aws.checks import run_checks
from wizard.providers.aws.snapshot import AwsSnapshot
from wizard.retry_words import shown_in
from wizard.ui.providers.aws_panel import WINDOW_WORDS

SNAPSHOTS = {
    "a stack by a name that is not there": {"stack_requested": "SalesforceLambdas"},
    "several stacks": {"stack_candidates": ("LambdasA", "LambdasB")},
    "no stack in the region": {},
}
COMMAND_LINE = {
    "a stack by a name that is not there": "or leave --stack out: the wizard then finds the stack",
    "several stacks": "choose one with --stack.",
    "no stack in the region": "check that region (--region); otherwise deploy it first.",
}
WINDOW = {
    "a stack by a name that is not there": "or clear “Stack” under “Your AWS account” and press Check AWS again: the wizard",
    "several stacks": "enter the one you mean in “Stack” under “Your AWS account” and press Check AWS again.",
    "no stack in the region": "choose that region in “Region” under “Your AWS account” and press Check AWS again; otherwise",
}


def _message(case: str) -> str:
    snapshot = AwsSnapshot(region="eu-west-2", account="111122223333", caller_arn="arn:aws:iam::111122223333:user/admin",
                           credential_source="profile admin", **SNAPSHOTS[case])
    (result,) = run_checks(snapshot, None, only={"aws.stack.recording_import"})
    return result.message


@pytest.mark.parametrize("case", list(SNAPSHOTS))
def test_each_place_names_its_own_way_to_the_stack(case: str) -> None:
    assert COMMAND_LINE[case] in _message(case)
    with shown_in(WINDOW_WORDS):
        in_the_window = _message(case)
    assert WINDOW[case] in in_the_window and "--" not in in_the_window
