"""``--endpoint-url http://...`` is taken only for this computer: a local emulator, never real AWS.

Over plain http the session token, the secret values the wizard writes (the CloudFront private key
of ``aws fix secret``) and everything AWS answers would travel unencrypted. The local emulator the
tests and demo mode run (moto_server on 127.0.0.1) is the one reason http is accepted at all.
"""

from __future__ import annotations

import pytest

from wizard.cli import build_parser, main
from wizard.providers.aws.demo import LocalAws

from .conftest import REGION


@pytest.mark.parametrize("url", ["http://s3.us-east-1.amazonaws.com", "http://vpce-0abc.sts.us-east-1.vpce.amazonaws.com:8080",
                                 "sts=http://10.0.0.5", "http://localhost.example.com", "http://127.0.0.1.example.com"])
@pytest.mark.parametrize("command", [["check"], ["fix", "cors", "--org-origin", "https://acme--c.vf.force.com"],
                                     ["undo", "B1"], ["keys", "set", "--from-env"]])
def test_plain_http_to_a_host_that_is_not_this_computer_is_a_usage_error(
        url: str, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["aws", *command, "--region", REGION, "--endpoint-url", url])
    assert refused.value.code == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "argument --endpoint-url" in err and "https is required for an endpoint that is not local" in err, err
    assert "unencrypted" in err and "127.0.0.1, ::1 or localhost" in err


@pytest.mark.parametrize("url", ["http://127.0.0.1:5000", "http://127.8.9.10:5000", "http://localhost:5000",
                                 "http://LOCALHOST", "http://[::1]:5000", "s3=http://[::1]:5000",
                                 "https://s3.us-east-1.amazonaws.com", "https://vpce-0abc.s3.us-east-1.vpce.amazonaws.com"])
def test_loopback_http_and_any_https_endpoint_are_taken(url: str) -> None:
    args = build_parser().parse_args(["aws", "check", "--endpoint-url", url])
    assert args.endpoint_url == [url]


def test_the_local_emulator_over_http_still_answers(local_aws: LocalAws, env_keys: None, capsys: pytest.CaptureFixture[str]) -> None:
    """moto_server on loopback, given as localhost: the check runs (and finds no stack in the empty account)."""
    local_aws.reset()
    url = local_aws.url.replace("127.0.0.1", "localhost")
    code = main(["aws", "check", "--endpoint-url", url, "--region", REGION, "--org-origin", "https://acme--c.vf.force.com"])
    out = capsys.readouterr()
    assert code in (0, 1), out
    assert "Could not check AWS" not in out.err
