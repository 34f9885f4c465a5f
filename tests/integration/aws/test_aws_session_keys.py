"""The window's AWS handle with typed access keys, against ``moto_server``: proven first, saved only when asked."""

from __future__ import annotations

import pytest

from tests.integration.aws.conftest import REGION
from wizard import secrets
from wizard.providers.aws.access import KEYRING_KIND
from wizard.providers.aws.demo import LocalAws
from wizard.providers.aws.errors import AwsAccessError
from wizard.providers.aws.session import LAST_KIND, AwsSession

KEY_ID, SECRET = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def test_typed_keys_are_saved_only_once_aws_accepts_them_and_only_when_asked(aws: LocalAws) -> None:
    session = AwsSession({"*": aws.url})
    with pytest.raises(AwsAccessError) as refused:
        AwsSession().use_keys("setup", KEY_ID, SECRET, "mars-north-9")
    assert refused.value.problem.kind == "wrong_region"
    with pytest.raises(AwsAccessError) as half:
        session.use_keys("setup", KEY_ID, "", REGION)
    assert "secret access key is empty" in half.value.problem.observed
    assert secrets.get_secret(KEYRING_KIND, "setup") is None and secrets.get_secret(LAST_KIND, "choices") is None

    access = session.use_keys("setup", KEY_ID, SECRET, REGION, keep=False)  # accepted, but not to be kept
    assert access.identity().account and secrets.get_secret(KEYRING_KIND, "setup") is None
    assert secrets.get_secret(LAST_KIND, "choices") is None

    access = session.use_keys("setup", KEY_ID, SECRET, REGION)  # accepted and asked for
    assert KEY_ID in (secrets.get_secret(KEYRING_KIND, "setup") or "") and access.source == "keys from the keyring (setup)"
    assert session.use_keys("setup", "", "", REGION).identity().account  # empty fields: the saved keys


def test_problems_speak_of_the_windows_fields(aws: LocalAws) -> None:
    session = AwsSession()
    with pytest.raises(AwsAccessError) as missing:
        session.use_profile("nosuchprofile", REGION)
    assert "--profile" not in str(missing.value) and "Profile field" in missing.value.problem.action
    with pytest.raises(AwsAccessError) as none_kept:
        session.use_keys("nothing-here", "", "", REGION)
    assert "eci-wizard" not in str(none_kept.value) and "“Access keys”" in none_kept.value.problem.action
    with pytest.raises(AwsAccessError, match="leave --profile out"):  # the command line keeps its own words
        from wizard.providers.aws.access import AwsAccess

        AwsAccess.from_profile("nosuchprofile", region=REGION)
