"""An AWS endpoint that takes the connection and never answers: the wait is bounded and said while it lasts.

The endpoint is a local server that accepts every request and sends nothing (a dead proxy, a VPC
endpoint whose security group drops replies). It used to take 84 s (four 20-second waits) with nothing
on the screen; the wizard now says what it is waiting for once a call has been silent for a few
seconds, and how long it waits at most.
"""

from __future__ import annotations

import time

import pytest

from tests.support.aws_error_endpoint import AwsErrorEndpoint
from wizard.cli import main

from .conftest import REGION

pytestmark = pytest.mark.slow


def test_a_silent_endpoint_is_given_up_within_the_bound_and_said_while_waiting(
        env_keys: None, capsys: pytest.CaptureFixture[str]) -> None:
    with AwsErrorEndpoint(shape="silent") as silent:
        started = time.monotonic()
        code = main(["aws", "check", "--endpoint-url", silent.url, "--region", REGION])
        took = time.monotonic() - started
    err = " ".join(capsys.readouterr().err.split())
    assert code == 2 and took < 45, (code, took)
    assert f"Still waiting for AWS to answer sts:GetCallerIdentity at {silent.url}" in err, err
    assert "the wizard gives up after about 35 s" in err
    assert "Could not check AWS: AWS did not answer sts:GetCallerIdentity" in err and "no answer came within 10 s" in err
    assert silent.hits == 3
