"""The window's AWS handle against ``moto_server``: choices are remembered only once AWS accepts the sign-in.

Two emulators: the usual one accepts any key; the strict one (see the ``strict_aws`` fixture) refuses
every key, as AWS refuses deleted or mistyped ones. A refused profile, a profile without credentials
and refused keys from the keyring must leave the remembered choices (region, profile, stack: no
secrets) and the access in use exactly as they were; an accepted sign-in replaces them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.aws.conftest import ORIGINS, REGION
from wizard import secrets
from wizard.providers.aws.access import KEYRING_KIND, save_keys
from wizard.providers.aws.demo import LocalAws
from wizard.providers.aws.errors import AwsAccessError
from wizard.providers.aws.session import LAST_KIND, AwsSession

KEY_ID, SECRET = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def remembered() -> dict | None:
    stored = secrets.get_secret(LAST_KIND, "choices")
    return json.loads(stored) if stored else None


def profiles(tmp_path: Path) -> None:
    """``connect-admin`` with keys (the strict emulator never issued them); ``no-keys`` with a region only."""
    (tmp_path / "aws-credentials").write_text(f"[connect-admin]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
    (tmp_path / "aws-config").write_text(f"[profile connect-admin]\nregion = {REGION}\n\n[profile no-keys]\nregion = {REGION}\n")


def test_a_profile_is_remembered_only_once_aws_accepts_it(aws: LocalAws, strict_aws: LocalAws, tmp_path: Path) -> None:
    profiles(tmp_path)
    session = AwsSession({"*": aws.url})
    session.use_profile("connect-admin", REGION, "first-stack", ORIGINS)
    assert remembered() == {"source": "profile", "profile": "connect-admin", "keys_label": "amazon-connect", "region": REGION,
                            "stack": "first-stack", "origins": list(ORIGINS), "concurrent_calls": None}
    before = secrets.get_secret(LAST_KIND, "choices")

    refusing = AwsSession({"*": strict_aws.url})
    with pytest.raises(AwsAccessError) as refused:
        refusing.use_profile("connect-admin", REGION, "second-stack")  # the same profile; this AWS refuses its keys
    assert refused.value.problem.kind == "bad_credentials"
    assert secrets.get_secret(LAST_KIND, "choices") == before
    assert refusing.access is None and refusing.caller is None and refusing.choices.stack == ""

    with pytest.raises(AwsAccessError) as no_keys:
        session.use_profile("no-keys", REGION, "third-stack")  # the profile exists, but holds no credentials
    assert no_keys.value.problem.kind == "no_credentials"
    assert secrets.get_secret(LAST_KIND, "choices") == before
    assert session.access is not None and session.access.source == "profile connect-admin"  # nothing replaced
    assert session.choices.stack == "first-stack"

    restored = AwsSession().restore()
    assert (restored.profile, restored.stack) == ("connect-admin", "first-stack")
    assert session.caller is not None and session.caller.account  # who AWS said the wizard is, for the panel


def test_keys_from_the_keyring_are_proven_before_the_choices_are_remembered(aws: LocalAws, strict_aws: LocalAws) -> None:
    save_keys("setup", KEY_ID, SECRET)
    session = AwsSession({"*": aws.url})
    session.use_keys("setup", "", "", REGION, "first-stack")
    assert (remembered() or {})["keys_label"] == "setup"
    before = secrets.get_secret(LAST_KIND, "choices")

    with pytest.raises(AwsAccessError) as refused:
        AwsSession({"*": strict_aws.url}).use_keys("setup", "", "", "eu-west-1", "second-stack")
    assert refused.value.problem.kind == "bad_credentials"
    assert secrets.get_secret(LAST_KIND, "choices") == before

    with pytest.raises(AwsAccessError) as typed:  # typed keys were already proven first; still nothing replaced
        session.endpoints = {"*": strict_aws.url}
        session.use_keys("other", KEY_ID, SECRET, REGION, "third-stack")
    assert typed.value.problem.kind == "bad_credentials"
    assert secrets.get_secret(LAST_KIND, "choices") == before and secrets.get_secret(KEYRING_KIND, "other") is None
    assert session.choices.stack == "first-stack" and session.saved_keys == {"setup": True}


def test_forgetting_the_keys_in_use_stops_using_them(aws: LocalAws) -> None:
    save_keys("setup", KEY_ID, SECRET)
    session = AwsSession({"*": aws.url})
    assert session.restore().keys_label == "amazon-connect" and session.saved_keys == {"amazon-connect": False}
    assert session.look_up_keys("setup") is True
    session.use_keys("setup", "", "", REGION)
    assert session.forget_keys("setup") is True
    assert secrets.get_secret(KEYRING_KIND, "setup") is None and session.saved_keys["setup"] is False
    assert session.access is None and session.caller is None
    assert session.forget_keys("setup") is False  # as 'eci-wizard aws keys forget' says: none were saved
