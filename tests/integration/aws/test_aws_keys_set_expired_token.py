"""``aws keys set`` with temporary keys whose session token has expired: what to do is about the keys typed.

AWS's answer comes from a local endpoint giving STS's own ExpiredToken error (moto cannot expire a
token). The advice used to be "re-run the check", and ``keys set`` is not a check.
"""

from __future__ import annotations

import pytest

from tests.support.aws_error_endpoint import AwsErrorEndpoint
from wizard import secrets
from wizard.cli import main
from wizard.providers.aws.access import KEYRING_KIND

from .conftest import REGION


def test_expired_temporary_keys_are_not_saved_and_the_advice_is_fresh_keys(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "ASIAEXAMPLEEXPIRED01")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "expired-temporary-secret-0001")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "FwoGZXIvYXdzEXAMPLEexpiredTOKEN")
    with AwsErrorEndpoint("ExpiredToken", 400, "The security token included in the request is expired") as sts:
        code = main(["aws", "keys", "set", "--from-env", "--label", "temp", "--endpoint-url", sts.url, "--region", REGION])
    assert code == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "Nothing was saved: AWS did not accept the access key …ED01" in err and "has expired (ExpiredToken)" in err
    assert "get fresh temporary keys" in err and "run 'eci-wizard aws keys set' again" in err, err
    assert "re-run the check" not in err
    assert secrets.get_secret(KEYRING_KIND, "temp") is None
