"""The AWS panel's words, without Qt: after a check the status says when and what was read (never
"Reading…"), the demo's account is named as the demo's, and the sfCTRTrigger row asks for the
concurrent calls where they can be given: the command line's option there, the panel's field in
the window."""

from __future__ import annotations

from datetime import UTC, datetime

import boto3
import pytest

from wizard.engine.results import CheckResult, Status
from wizard.providers.aws.access import AwsAccess, CallerIdentity
from wizard.providers.aws.checks import AwsCheckInputs, run_checks
from wizard.providers.aws.credential_sources import DEMO_SOURCE
from wizard.providers.aws.panel_words import (
    checked_text,
    parse_concurrent_calls,
    reading_text,
    stopped_text,
)
from wizard.providers.aws.snapshot import AwsSnapshot, FunctionFacts
from wizard.retry_words import shown_in
from wizard.ui.providers.aws_panel import WINDOW_WORDS

WHEN = datetime(2026, 11, 22, 8, 31, tzinfo=UTC)
DEMO_CALLER = CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/moto")


def access(source: str) -> AwsAccess:
    session = boto3.Session(aws_access_key_id="demo", aws_secret_access_key="demo", region_name="us-west-2")
    return AwsAccess(session, region="us-west-2", source=source)


def row(status: Status) -> CheckResult:
    return CheckResult(guide_id="amazon-connect", page_id="cloudformation", check_id="aws.x", setting="x", status=status)


def test_after_a_check_the_status_says_when_and_how_many_settings_were_read_never_reading() -> None:
    text = checked_text(access("profile admin"), CallerIdentity("111122223333", "arn:aws:iam::111122223333:user/admin"),
                        WHEN, [row(Status.PASS), row(Status.PASS), row(Status.FAIL)])
    assert "Reading" not in text and "…" not in text
    assert WHEN.astimezone().strftime("%H:%M") in text
    assert "3 AWS settings read from AWS account 111122223333" in text and "2 pass, 1 fail" in text


def test_when_aws_could_not_be_read_the_status_says_so_and_what_to_do() -> None:
    text = checked_text(access("profile admin"), None, WHEN, [], problem="AWS refused the keys. What to do: enter them again.")
    assert "could not be read" in text and "What to do: enter them again." in text and "Reading" not in text


def test_the_demo_account_is_named_as_the_demos_never_by_the_emulators_user() -> None:
    demo = access(DEMO_SOURCE)
    for text in (reading_text(demo, DEMO_CALLER), checked_text(demo, DEMO_CALLER, WHEN, [row(Status.PASS)]),
                 stopped_text(demo, DEMO_CALLER)):
        assert "the demo's local AWS account (us-west-2)" in text
        assert "moto" not in text.lower() and "emulator" not in text.lower()


def test_the_demo_access_is_described_in_product_words() -> None:
    from wizard.providers.aws.demo import LocalAws

    assert LocalAws().access().source == "the demo's local AWS account"  # no server needed to build the access


def test_concurrent_calls_typed_in_the_panel_are_a_whole_number_above_zero_or_nothing() -> None:
    assert parse_concurrent_calls("") is None and parse_concurrent_calls("  ") is None
    assert parse_concurrent_calls("1500") == 1500 and parse_concurrent_calls("1,500") == 1500
    for bad in ("0", "-5", "many"):
        with pytest.raises(ValueError, match="Expected concurrent calls"):
            parse_concurrent_calls(bad)


def _timeout_row(inputs: AwsCheckInputs | None = None) -> CheckResult:
    snapshot = AwsSnapshot(region="eu-west-2", account="111122223333", caller_arn="arn:aws:iam::111122223333:user/admin",
                           credential_source="profile admin",
                           ctr_trigger=FunctionFacts("sfCTRTrigger", "arn:aws:lambda:eu-west-2:1:function:sfCTRTrigger",
                                                     "eu-west-2", 20))
    (result,) = run_checks(snapshot, inputs, only={"aws.lambda.ctr_trigger_timeout"})
    return result


def test_the_timeout_row_asks_for_concurrent_calls_where_they_can_be_given() -> None:
    on_the_command_line = _timeout_row().message
    assert "--concurrent-calls" in on_the_command_line
    with shown_in(WINDOW_WORDS):
        in_the_window = _timeout_row().message
    assert "--" not in in_the_window and "“Expected concurrent calls”" in in_the_window and "Check AWS" in in_the_window
    assert "concurrent calls" not in _timeout_row(AwsCheckInputs(concurrent_calls=500)).message.split(";")[-1].replace(
        "fine up to 1000 concurrent calls", "")  # given: nothing asked
