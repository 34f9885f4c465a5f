"""``eci-wizard aws keys set``: keys are proven with AWS (sts:GetCallerIdentity) before the keyring sees them.

Two local AWS emulators: the usual one accepts any key (AWS accepting the admin's keys); the strict
one refuses every key it never issued with InvalidClientTokenId, as AWS refuses a deleted or mistyped
key. What an admin notices: the exit code, the sentence printed, and what the keyring holds after.
"""

from __future__ import annotations

import json

import pytest

from wizard import secrets
from wizard.cli import main
from wizard.providers.aws.access import KEYRING_KIND, keys_saved
from wizard.providers.aws.demo import LocalAws

from .conftest import REGION

KEY_ID, SECRET = "AKIAEXAMPLEKEYSCLI01", "keys-cli-secret-access-key-0001"


@pytest.fixture
def typed_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)


def keys_set(label: str, endpoint: str) -> int:
    return main(["aws", "keys", "set", "--label", label, "--from-env", "--endpoint-url", endpoint, "--region", REGION])


def test_keys_aws_refuses_are_not_saved(strict_aws: LocalAws, typed_keys: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert keys_set("t2", strict_aws.url) == 2
    out, err = capsys.readouterr()
    assert "Saved in the keyring" not in out + err
    assert "Nothing was saved: AWS did not accept the access key …LI01 (asked with sts:GetCallerIdentity in us-west-2)." in err
    assert "InvalidClientTokenId" in err and "what to do: check the keys" in err
    assert SECRET not in out + err
    assert not keys_saved("t2")


def test_keys_aws_accepts_are_saved_and_whose_they_are_is_shown(aws: LocalAws, typed_keys: None,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert keys_set("t2", aws.url) == 0
    out = capsys.readouterr().out
    assert "AWS accepted the access key …LI01: account 123456789012, arn:aws:" in out
    assert "Saved in the keyring as 't2'; use them with --keyring-label t2 --region REGION." in out
    assert SECRET not in out
    assert keys_saved("t2")


def test_keys_are_not_saved_when_aws_cannot_be_asked(typed_keys: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert keys_set("t2", "http://127.0.0.1:9") == 2
    err = capsys.readouterr().err
    assert "Nothing was saved: AWS could not be asked whether it accepts the access key …LI01." in err
    assert "could not be reached" in err
    assert not keys_saved("t2")


def test_saved_keys_are_not_replaced_by_keys_aws_refuses(aws: LocalAws, strict_aws: LocalAws, typed_keys: None,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A refused second try under the same label leaves the keys AWS accepted earlier in place."""
    assert keys_set("t2", aws.url) == 0
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "keys-cli-secret-mistyped-0002")
    assert keys_set("t2", strict_aws.url) == 2
    kept = json.loads(secrets.get_secret(KEYRING_KIND, "t2") or "{}").get("secret_access_key") == SECRET
    assert kept, "the keys saved under 't2' are no longer the ones AWS accepted (values not shown)"
