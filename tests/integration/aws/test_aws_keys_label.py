"""The window and ``eci-wizard aws keys`` keep access keys under one default label, ``amazon-connect``.

Keys the window's AWS panel saved (no label typed) must be the keys ``aws keys forget`` removes
without ``--label``, and keys ``aws keys set`` saved without one must be the keys the panel finds.
Keys an earlier version of the command saved under ``default`` are not removed behind the admin's
back: ``forget`` names them and prints the exact command. Real parts throughout: the window's
`AwsSession` proving keys against ``moto_server``, the command's own `main`, and the in-memory
keyring backend the AWS tests install (`tests.support.memory_keyring`).
"""

from __future__ import annotations

import pytest

from wizard.cli import main
from wizard.providers.aws.access import keys_saved, save_keys
from wizard.providers.aws.credential_sources import DEFAULT_KEYS_LABEL, keyring_source
from wizard.providers.aws.demo import LocalAws
from wizard.providers.aws.session import AwsSession

from .conftest import REGION

KEY_ID, SECRET = "AKIAEXAMPLEKEYLABEL1", "keys-label-secret-access-key-0001"
HINT = "To remove them: eci-wizard aws keys forget --label default"


def save_in_the_window(aws: LocalAws) -> None:
    """What the AWS panel does with typed keys and an empty label field: prove them, then save them."""
    AwsSession({"*": aws.url}).use_keys("", KEY_ID, SECRET, REGION)


def test_keys_the_window_saved_are_forgotten_without_a_label(aws: LocalAws, capsys: pytest.CaptureFixture[str]) -> None:
    save_in_the_window(aws)
    assert keys_saved(DEFAULT_KEYS_LABEL), "the window did not save the keys under its default label"
    capsys.readouterr()

    assert main(["aws", "keys", "forget"]) == 0
    out = capsys.readouterr().out
    assert "Removed the keys saved as 'amazon-connect'." in out
    assert HINT not in out
    assert not keys_saved(DEFAULT_KEYS_LABEL)


def test_keys_set_without_a_label_are_found_by_the_window(aws: LocalAws, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    assert main(["aws", "keys", "set", "--from-env", "--endpoint-url", aws.url, "--region", REGION]) == 0
    out = capsys.readouterr().out
    assert "Saved in the keyring as 'amazon-connect'; use them with --keyring-label amazon-connect --region REGION." in out
    access = AwsSession({"*": aws.url}).use_keys("", "", "", REGION)  # the panel with its label field left empty
    assert access.source == keyring_source(DEFAULT_KEYS_LABEL)


def test_keys_an_earlier_version_saved_as_default_are_named_not_removed(capsys: pytest.CaptureFixture[str]) -> None:
    save_keys("default", KEY_ID, SECRET)  # what 'aws keys set' without --label wrote before the labels were aligned

    assert main(["aws", "keys", "forget"]) == 0
    out = capsys.readouterr().out
    assert "No keys were saved as 'amazon-connect'." in out
    assert "Keys an earlier version of the wizard saved as 'default' are still in the keyring; they were not removed." in out
    assert HINT in out
    assert keys_saved("default"), "forget without --label removed the keys saved as 'default'"

    assert main(["aws", "keys", "forget", "--label", "default"]) == 0  # the command the hint names
    out = capsys.readouterr().out
    assert "Removed the keys saved as 'default'." in out and HINT not in out
    assert not keys_saved("default")


def test_both_labels_saved_forget_removes_the_windows_and_names_the_earlier(aws: LocalAws,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    save_in_the_window(aws)
    save_keys("default", KEY_ID, SECRET)
    capsys.readouterr()

    assert main(["aws", "keys", "forget"]) == 0
    out = capsys.readouterr().out
    assert "Removed the keys saved as 'amazon-connect'." in out and HINT in out
    assert not keys_saved(DEFAULT_KEYS_LABEL) and keys_saved("default")


def test_a_label_given_is_the_only_one_touched(capsys: pytest.CaptureFixture[str]) -> None:
    save_keys("default", KEY_ID, SECRET)
    assert main(["aws", "keys", "forget", "--label", "ci"]) == 0
    out = capsys.readouterr().out
    assert "No keys were saved as 'ci'." in out and HINT not in out
    assert keys_saved("default")


def test_help_names_the_default_label_and_keyring_label_still_needs_a_value(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["aws", "keys", "--help"], ["aws", "check", "--help"]):
        with pytest.raises(SystemExit) as shown:
            main(command)
        assert shown.value.code == 0
        assert "amazon-connect" in " ".join(capsys.readouterr().out.split()), f"{' '.join(command)} does not name the default label"
    with pytest.raises(SystemExit) as refused:
        main(["aws", "check", "--keyring-label"])
    assert refused.value.code == 2
    assert "--keyring-label: expected one argument" in capsys.readouterr().err
