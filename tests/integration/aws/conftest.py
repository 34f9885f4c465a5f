"""A real AWS API emulator (``moto_server``) on loopback for the AWS-side tests.

One emulator per test session (it starts in under a second), reset with ``POST /moto-api/reset``
before every test; boto3 talks to it over plain http on 127.0.0.1, unmodified. The emulator is
the moto[server] test dependency; nothing about boto3 or botocore is patched. Where moto lacks an
API (CloudFront keeps no Lambda@Edge associations), `seed_configured_account` answers exactly that
call through botocore's own Stubber and the test says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.support.memory_keyring import MemoryKeyring
from wizard.providers.aws.access import AwsAccess
from wizard.providers.aws.demo import DemoAccount, LocalAws, seed_configured_account

REGION = "us-west-2"
VF = "https://acme--amazonconnect.vf.force.com"
LIGHTNING = "https://acme.lightning.force.com"
ORIGINS = (VF, LIGHTNING)


def assert_same_values(actual: dict, expected: dict) -> None:
    """Compare two secret documents without pytest printing their values when they differ."""
    differing = sorted(k for k in set(actual) | set(expected) if actual.get(k) != expected.get(k))
    same = not differing
    assert same, f"the secret differs in keys {differing} (values not shown)"


@pytest.fixture(scope="session")
def local_aws() -> Iterator[LocalAws]:
    with LocalAws() as aws:
        yield aws


@pytest.fixture(autouse=True)
def isolated_aws_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, no_machine_aws: Path) -> Iterator[None]:
    """No user AWS config, no instance metadata, backups in a temporary folder, an in-memory keyring."""
    monkeypatch.setenv("ECI_WIZARD_DATA_DIR", str(tmp_path / "data"))
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    MemoryKeyring.clear()
    yield
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def strict_aws() -> Iterator[LocalAws]:
    """A second emulator that checks every request's access key against its own IAM users (moto's
    ``INITIAL_NO_AUTH_ACTION_COUNT=0``), so it refuses keys it never issued (InvalidClientTokenId)
    the way AWS refuses deleted or mistyped keys. Nothing is created in it: every key is unknown."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("INITIAL_NO_AUTH_ACTION_COUNT", "0")  # read by the moto_server child when it starts
        aws = LocalAws().start()
    try:
        yield aws
    finally:
        aws.stop()


@pytest.fixture
def aws(local_aws: LocalAws) -> LocalAws:
    local_aws.reset()
    return local_aws


@pytest.fixture
def access(aws: LocalAws) -> AwsAccess:
    return aws.access(REGION)


@pytest.fixture(scope="session")
def demo_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def account(access: AwsAccess, demo_key: rsa.RSAPrivateKey) -> DemoAccount:
    """A fully configured AWS side of the guide, written through the AWS APIs."""
    return seed_configured_account(access, ORIGINS, private_key=demo_key)


@pytest.fixture
def env_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """The standard chain's environment variables (the emulator accepts any keys)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLECLITEST01")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "cli-test-secret-access-key-value-0001")


def where(aws: LocalAws) -> list[str]:
    """The command-line options that point a command at the local AWS."""
    return ["--endpoint-url", aws.url, "--region", REGION]
