"""``aws fix secret --private-key FILE`` with a file that cannot be read: said in words, before AWS is asked.

The only endpoint given counts what reaches it: nothing may, since the key file is read first. The
message used to be Python's ``[Errno 2] No such file or directory: '…'``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.aws_error_endpoint import AwsErrorEndpoint
from wizard.cli import main

from .conftest import REGION


@pytest.mark.parametrize(("name", "said"), [
    ("missing.pem", "the private key file {path} does not exist"),
    ("", "{path} is a folder, not a file"),
])
def test_an_unreadable_key_file_is_refused_in_words_before_aws_is_asked(
        env_keys: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, said: str) -> None:
    path = tmp_path / name if name else tmp_path
    with AwsErrorEndpoint("AccessDenied", 403, "must not be asked") as aws:
        code = main(["aws", "fix", "secret", "--endpoint-url", aws.url, "--region", REGION, "--private-key", str(path),
                     "--key-id", "K2JCJMDEHXQW5F", "--dry-run"])
    err = " ".join(capsys.readouterr().err.split())
    assert code == 2
    assert said.format(path=path) in err and "CloudFront private key file (.pem)" in err, err
    assert "Nothing was read from AWS" in err and "Errno" not in err
    assert aws.hits == 0
