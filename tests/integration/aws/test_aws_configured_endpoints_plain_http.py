"""Plain-http endpoints are refused whatever gives them, not only ``--endpoint-url``.

boto3 also takes an endpoint from ``AWS_ENDPOINT_URL``, ``AWS_ENDPOINT_URL_<SERVICE>`` and a profile's
``endpoint_url``. Over plain http to another computer the session token, and with ``aws fix secret``
the CloudFront private key, would travel in clear. The wizard refuses such an endpoint before the
first request, names where it came from, and sends nothing.

The stand-in for "another computer" is ``0.0.0.0``: on Linux a connection to it reaches this machine,
so the local endpoint behind it would see any request sent, yet by its address it is not loopback.
The loopback emulator (``moto_server`` on 127.0.0.1) given the same ways keeps working.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.support.aws_error_endpoint import AwsErrorEndpoint
from wizard.cli import main
from wizard.providers.aws.demo import DemoAccount, LocalAws
from wizard.providers.aws.errors import AwsAccessError
from wizard.providers.aws.session import AwsSession

from .conftest import REGION, VF

TOKEN = "FwoGZXIvYXdzEXAMPLEsessionTOKENforTHEplainHTTPtest"


@pytest.fixture
def elsewhere(monkeypatch: pytest.MonkeyPatch) -> Iterator[AwsErrorEndpoint]:
    """A local endpoint reached as http://0.0.0.0:PORT, with keys and a session token in the environment."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLECLITEST01")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "cli-test-secret-access-key-value-0001")
    monkeypatch.setenv("AWS_SESSION_TOKEN", TOKEN)
    with AwsErrorEndpoint("ExpiredToken", 400, "The security token included in the request is expired") as endpoint:
        endpoint.url = f"http://0.0.0.0:{endpoint.port}"
        yield endpoint


def refused(err: str) -> str:
    text = " ".join(err.split())
    assert "Could not check AWS" in text and "plain http to 0.0.0.0, which is not this computer" in text, text
    assert "nothing was sent to it" in text and "https://" in text
    return text


def test_aws_endpoint_url_in_the_environment_is_refused_before_anything_is_sent(
        elsewhere: AwsErrorEndpoint, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", elsewhere.url)
    assert main(["aws", "check", "--region", REGION]) == 2
    text = refused(capsys.readouterr().err)
    assert "set by the environment variable AWS_ENDPOINT_URL" in text and "unset it" in text
    assert elsewhere.hits == 0 and elsewhere.tokens_seen == []


def test_a_profiles_endpoint_url_is_refused_naming_the_config_file(
        elsewhere: AwsErrorEndpoint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "aws-config"
    config.write_text(f"[profile lab]\nregion = {REGION}\nendpoint_url = {elsewhere.url}\n"
                      "aws_access_key_id = AKIAEXAMPLECLITEST02\naws_secret_access_key = lab-secret-access-key-0002\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    assert main(["aws", "check", "--profile", "lab"]) == 2
    text = refused(capsys.readouterr().err)
    assert "endpoint_url in the [profile lab] section" in text and str(config) in text
    assert elsewhere.hits == 0


def test_a_service_endpoint_in_the_environment_never_receives_the_private_key(
        aws: LocalAws, account: DemoAccount, elsewhere: AwsErrorEndpoint, demo_key: rsa.RSAPrivateKey, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Everything on the loopback emulator (allowed), Secrets Manager alone elsewhere over http: refused."""
    key_file = tmp_path / "cloudfront.pem"
    key_file.write_bytes(demo_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                                serialization.NoEncryption()))
    monkeypatch.setenv("AWS_ENDPOINT_URL", aws.url)
    monkeypatch.setenv("AWS_ENDPOINT_URL_SECRETS_MANAGER", elsewhere.url)
    code = main(["aws", "fix", "secret", "--region", REGION, "--private-key", str(key_file), "--key-id", account.public_key_id,
                 "--yes"])
    assert code == 2
    text = refused(capsys.readouterr().err)
    assert "secretsmanager endpoint" in text and "AWS_ENDPOINT_URL_SECRETS_MANAGER" in text
    assert elsewhere.hits == 0


def test_the_windows_sign_in_refuses_it_too(elsewhere: AwsErrorEndpoint, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window signs in through `AwsSession`, with the same boto3 chain and no --endpoint-url."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", elsewhere.url)
    session = AwsSession()
    with pytest.raises(AwsAccessError) as caught:
        session.use_profile("", REGION, keep=False)
    assert caught.value.problem.kind == "insecure_endpoint" and "AWS_ENDPOINT_URL" in str(caught.value)
    assert session.access is None and elsewhere.hits == 0


def test_the_loopback_emulator_given_by_the_environment_still_answers(
        aws: LocalAws, account: DemoAccount, env_keys: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", aws.url)
    code = main(["aws", "check", "--region", REGION, "--org-origin", VF])
    out = capsys.readouterr()
    assert code in (0, 1) and "Could not check AWS" not in out.err, out.err
    assert "PostcallRecordingImportEnabled" in out.out
