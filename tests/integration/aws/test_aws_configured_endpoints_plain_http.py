"""Plain-http endpoints are refused whatever gives them, not only ``--endpoint-url``.

boto3 also takes an endpoint from ``AWS_ENDPOINT_URL``, ``AWS_ENDPOINT_URL_<SERVICE>`` and a profile's
``endpoint_url``. Over plain http to another computer the session token, and with ``aws fix secret``
the CloudFront private key, would travel in clear. The wizard refuses such an endpoint before the
first request, names where it came from, and sends nothing.

The stand-in for "another computer" is ``192.0.2.1`` (TEST-NET-1, RFC 5737: an address kept for
documentation, not this computer on any system, and never a real host). It is never contacted: plain
http to it goes through a proxy on loopback (``http_proxy``, which boto3 honours on every system), and
that proxy is the local endpoint that counts what arrives, so a request the wizard failed to refuse
would reach it, token and all, instead of waiting on an address that never answers. The loopback
emulator (``moto_server`` on 127.0.0.1, kept off the proxy by ``no_proxy``) given the same ways keeps
working.
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
#: Another computer's address: TEST-NET-1 (RFC 5737), not local on any system and never contacted.
ELSEWHERE = "192.0.2.1"


@pytest.fixture
def elsewhere(monkeypatch: pytest.MonkeyPatch) -> Iterator[AwsErrorEndpoint]:
    """http://192.0.2.1:PORT, whose requests all go to a local endpoint acting as the http proxy; with
    keys and a session token in the environment."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLECLITEST01")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "cli-test-secret-access-key-value-0001")
    monkeypatch.setenv("AWS_SESSION_TOKEN", TOKEN)
    with AwsErrorEndpoint("ExpiredToken", 400, "The security token included in the request is expired") as endpoint:
        # Lower case: where both cases are set, the standard library lets it win (and Windows has one name).
        monkeypatch.setenv("http_proxy", endpoint.url)
        monkeypatch.setenv("no_proxy", "127.0.0.1,localhost,::1")  # the loopback emulator is reached directly
        endpoint.url = f"http://{ELSEWHERE}:{endpoint.port}"
        yield endpoint


def refused(err: str) -> str:
    text = " ".join(err.split())
    assert "Could not check AWS" in text and f"plain http to {ELSEWHERE}, which is not this computer" in text, text
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
