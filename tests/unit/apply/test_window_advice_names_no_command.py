"""Advice shown in the window names the window's buttons and fields, never a command or an option,
while the command line keeps its own words (`RetryWords` / `shown_in`)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from wizard.apply.errors import from_save_errors, undo_error
from wizard.apply.preview import UNDO_HINT
from wizard.output_files import write_failed
from wizard.retry_words import COMMAND_LINE, shown_in
from wizard.ui.pages.summary import EXPORT_WORDS
from wizard.ui.providers.execvision_panel import WINDOW_WORDS
from wizard.ui.providers.mapping_dialog import RETRY_WORDS as MAPPING_WORDS

COMMANDISH = ("eci-wizard", "run the command", "--", "command line")


def _no_command(text: str) -> None:
    for word in COMMANDISH:
        assert word not in text, f"{word!r} in: {text}"


def test_a_report_the_summary_page_cannot_write_says_to_export_again_not_to_run_a_command() -> None:
    refused = OSError(errno.EACCES, "Permission denied")
    with shown_in(EXPORT_WORDS):
        text = str(write_failed(Path("/tmp/r.pdf"), "The report file", refused))
    _no_command(text)
    assert "press the Export button again" in text
    assert str(write_failed(Path("/tmp/r.pdf"), "--pdf", refused)).endswith(", then run the command again.")


def test_the_command_line_takes_a_backup_back_with_its_undo_command() -> None:
    assert UNDO_HINT == "(undo with 'eci-wizard undo')"


def test_a_mapping_undo_that_salesforce_refuses_says_to_press_undo_again_not_to_map_users_again() -> None:
    errors = [{"statusCode": "INSUFFICIENT_ACCESS_OR_READONLY", "message": "no"}]
    with shown_in(MAPPING_WORDS):
        text = undo_error(from_save_errors(errors, "")).text
    assert "press Undo again" in text
    assert "Map users" not in text


def test_the_leftover_keys_reminder_is_said_in_the_words_of_where_it_is_read() -> None:
    from dataclasses import replace

    from wizard.providers.aws.checks_iam import FORGET_KEYS

    window = replace(COMMAND_LINE, ways={FORGET_KEYS: ""})
    assert window.way(FORGET_KEYS, " or with 'eci-wizard aws keys forget'") == ""
    assert COMMAND_LINE.way(FORGET_KEYS, " or with 'eci-wizard aws keys forget'") == " or with 'eci-wizard aws keys forget'"


def test_damaged_saved_aws_keys_in_the_window_name_the_forget_button_not_a_command() -> None:
    from wizard.providers.aws import access
    from wizard.providers.aws.errors import AwsAccessError

    with pytest.raises(AwsAccessError) as raised:
        access._saved_keys("not json", "setup")
    problem = raised.value.problem
    _no_command(problem.for_window().action)
    assert "eci-wizard aws keys forget --label setup" in problem.action  # the command line keeps its words


def test_execvision_advice_in_the_window_names_its_fields_never_an_option() -> None:
    from datetime import UTC, datetime

    from wizard.providers.execvision.clocks import Ahead, zone_fix
    from wizard.providers.execvision.host_keys import HostKeysUnreadable
    from wizard.providers.execvision.sftp import HostKeyChanged

    with shown_in(WINDOW_WORDS):
        texts = [HostKeysUnreadable(Path("/tmp"), OSError(errno.EACCES, "Permission denied")).action,
                 HostKeyChanged("h", 22, ["SHA256:a"], "SHA256:b").action]
        texts.append(zone_fix(datetime(2024, 1, 1, tzinfo=UTC), Ahead(seconds=7200, zone="UTC+02:00"), "the dialer"))
    for text in texts:
        _no_command(text)
    assert "press Check the delivery again" in texts[0]
    assert "forget-host h --port 22" in HostKeyChanged("h", 22, ["SHA256:a"], "SHA256:b").action


def test_the_window_runs_a_provider_sides_checks_in_its_panels_words() -> None:
    """The AWS checks read AWS inside the window's check job: their advice names the panel, not a command."""
    from types import SimpleNamespace

    from wizard.providers.aws.checks_iam import FORGET_KEYS
    from wizard.retry_words import COMMAND_LINE, retry_words
    from wizard.ui.providers import _side_checks
    from wizard.ui.providers.hub import AWS, EXECVISION

    class Side:  # a provider session whose checks report the words they were run in
        def provider_checks(self):  # type: ignore[no-untyped-def]
            return lambda conn, guide, facts, page_ids=None: [retry_words()]

    hub = SimpleNamespace(made=lambda side: Side())
    aws_words = _side_checks(hub, AWS, "amazon-connect")(None, SimpleNamespace(id="amazon-connect"), None)[0]
    assert aws_words.way(FORGET_KEYS, "the command") == "" and "eci-wizard" not in aws_words.again
    sftp_words = _side_checks(hub, EXECVISION, "execvision")(None, SimpleNamespace(id="execvision"), None)[0]
    assert sftp_words is not COMMAND_LINE and "--" not in sftp_words.way("--source", "--source five9")
    assert retry_words() is COMMAND_LINE  # outside the check, the command line's words again
