"""``apply``'s values for Amazon Connect are checked before any work, and refused where nothing takes them.

A region that is no region code, or a Lambda ARN where the full name belongs, used to reach the
plan (``AWS Region: (missing) → Mars``) and a ``--dry-run`` ended with 0. Now argparse refuses them
with the option's name (exit 2), as ``aws check --region`` does; and a guide (or ``--only`` fix)
that takes no AWS value says so instead of ignoring it.
"""

from __future__ import annotations

import pytest

from wizard.cli import main


@pytest.fixture(autouse=True)
def _isolated(wizard_dirs: object, memory_keyring: object) -> None:
    """Each test in its own config and data folders, with an in-memory keyring."""


AMAZON = ["apply", "--guide", "amazon-connect", "--demo", "--dry-run"]


@pytest.mark.parametrize(
    ("values", "words"),
    [
        (["--aws-region", "Mars", "--lambda-function", "fn"], "argument --aws-region: 'Mars' is not an AWS region code"),
        (["--aws-region", "US East (N. Virginia)", "--lambda-function", "fn"], "is not an AWS region code"),
        (["--aws-region", "us-east-1", "--lambda-function", "arn:aws:lambda:us-east-1:123456789012:function:fn"],
         "argument --lambda-function: 'arn:aws:lambda:us-east-1:123456789012:function:fn' is not a Lambda function name "
         "(use the full name, not the ARN)"),
        (["--aws-region", "us-east-1", "--lambda-function", "my function"], "argument --lambda-function: 'my function' is not a Lambda"),
    ],
)
def test_a_value_that_cannot_be_right_stops_apply_with_its_usage(
    values: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([*AMAZON, *values])
    assert stopped.value.code == 2
    printed = capsys.readouterr()
    assert words in printed.err and "usage: eci-wizard apply" in printed.err
    assert "Plan for" not in printed.out  # no org was opened


def test_good_values_reach_the_plan_as_the_named_credential_needs_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*AMAZON, "--aws-region", "US-WEST-2", "--lambda-function", " sfGenerateAudioRecordingStreaming-Ab12 "]) == 0
    out = capsys.readouterr().out
    assert "AWS Region: (missing) → us-west-2" in out
    url = "https://lambda.us-west-2.amazonaws.com/2015-03-31/functions/sfGenerateAudioRecordingStreaming-Ab12/invocations"
    assert url in "".join(out.split())  # the plan wraps long values


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--guide", "aircall", "--aws-region", "us-east-1"], "--aws-region would change nothing: the aircall guide"),
        (["--guide", "natterbox", "--aws-region", "us-east-1", "--lambda-function", "fn"],
         "--aws-region and --lambda-function would change nothing: the natterbox guide"),
        (["--guide", "amazon-connect", "--only", "eci_settings", "--lambda-function", "fn"],
         "--lambda-function would change nothing: the fix eci_settings of the amazon-connect guide"),
    ],
)
def test_aws_values_a_guide_does_not_take_are_refused_not_ignored(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["apply", *argv, "--demo", "--dry-run"]) == 2
    printed = capsys.readouterr()
    assert words in printed.err and "Leave" in printed.err and "Nothing was changed." in printed.err
    assert "Plan for" not in printed.out
