"""A pasted address that carries a session id, token or password is refused without repeating it.

Admins paste what their browser shows: a front-door link (``frontdoor.jsp?sid=…``), a page after
an OAuth redirect (``#access_token=…``), a proxy with ``user:password@``. The refusal names the
address so it can be recognised, but the secret never reaches the terminal (nor a CI log).
"""

from __future__ import annotations

import pytest

from wizard.cli import main

CANARY = "SECRETCANARY123456"


@pytest.fixture(autouse=True)
def _isolated(wizard_dirs: object, memory_keyring: object) -> None:
    """Each test in its own config and data folders, with an in-memory keyring."""


@pytest.mark.parametrize("argv", [
    ["verify", "--guide", "aircall", "--instance-url", f"https://acme.my.salesforce.com/secur/frontdoor.jsp?sid=00DAAAAAAAAAAAA!{CANARY}"],
    ["verify", "--guide", "aircall", "--instance-url", f"https://acme.lightning.force.com/one/one.app#access_token={CANARY}"],
    ["verify", "--guide", "aircall", "--instance-url", f"http://acme.my.salesforce.com/?sid={CANARY}"],
    ["login", "--alias", "acme", "--my-domain", f"ftp://acme.my.salesforce.com/?sid={CANARY}"],
    ["aws", "check", "--region", "us-east-1", "--endpoint-url", f"https://s3.example.com/?X-Amz-Security-Token={CANARY}"],
    ["aws", "fix", "cors", "--region", "us-east-1", "--org-origin", f"http://acme.my.salesforce.com/x?sid={CANARY}", "--dry-run"],
    ["aircall", "check", "--api-id", "id1", "--aircall-url", f"https://api.aircall.io/v1?token={CANARY}"],
])
def test_the_refusal_names_the_address_without_its_secret(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(argv)
    except SystemExit as stopped:  # argparse's usage error
        code = stopped.code
    assert code == 2
    out = capsys.readouterr()
    said = out.out + out.err
    assert CANARY not in said, said
    assert "…" in said, said  # the address is still named, with the secret part left out
