"""``--aircall-url``, ``--ringcentral-sandbox-url``, ``--ringcentral-production-url``: https with a host.

Credentials are only sent over HTTPS, so an address that is not https (or has no host, or no valid
port) is refused by argparse, naming the option with the command's usage, before anything starts;
an https address, such as a company proxy's or the demo emulators' https://127.0.0.1:PORT, is taken.
"""

from __future__ import annotations

import pytest

from wizard.cli import build_parser, main

OPTIONS = ("--aircall-url", "--ringcentral-sandbox-url", "--ringcentral-production-url")
COMMANDS = (
    ["aircall", "check", "--api-id", "acme-key-0001"],
    ["ringcentral", "check", "--client-id", "acmeClientId0001"],
    ["map-users", "--provider", "aircall", "--demo"],
)


@pytest.mark.parametrize("option", OPTIONS)
@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("http://api.aircall.io", "is not an https:// address"),
        ("api.aircall.io", "is not an https:// address"),
        ("https://", "is not an https:// address"),
        ("ftp://platform.ringcentral.com", "is not an https:// address"),
        ("https://api.aircall.io?x=1", "must not carry a query or fragment"),
        ("https://127.0.0.1:99999", "has no valid port"),
        ("https://127.0.0.1:0", "has no valid port"),
        ("https://proxy.acme.example:port", "has no valid port"),
    ],
)
def test_an_address_that_is_not_https_with_a_host_is_a_usage_error(
    option: str, value: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in COMMANDS:
        with pytest.raises(SystemExit) as stopped:
            main([*command, option, value])
        assert stopped.value.code == 2
        err = capsys.readouterr().err
        assert "usage: eci-wizard" in err and f"argument {option}: " in err and words in err, err
        assert "https://host[:port]" in err  # what to give instead


@pytest.mark.parametrize("option", OPTIONS)
def test_an_https_address_is_taken_without_its_trailing_slash(option: str) -> None:
    args = build_parser().parse_args(["aircall", "check", option, "https://proxy.acme.example:8443/aircall/"])
    assert getattr(args, option.lstrip("-").replace("-", "_")) == "https://proxy.acme.example:8443/aircall"


def test_https_loopback_addresses_are_taken() -> None:
    """The emulators' own addresses are https://127.0.0.1:PORT: a local proxy or emulator is given the same way.

    (With ``--demo`` the options are refused instead: demo mode uses the emulators it starts, so an
    address given beside it would do nothing; see test_cli_voice_options_given_together.)"""
    args = build_parser().parse_args(["aircall", "check", "--aircall-url", "https://127.0.0.1:8443",
                                      "--ringcentral-sandbox-url", "https://127.0.0.1:8444/"])
    assert (args.aircall_url, args.ringcentral_sandbox_url) == ("https://127.0.0.1:8443", "https://127.0.0.1:8444")
