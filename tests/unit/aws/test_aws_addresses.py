"""The port and loopback judgements `--endpoint-url` and the org's origins share (`wizard.providers.aws.addresses`)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from wizard.providers.aws.addresses import has_bad_port, is_loopback_host


@pytest.mark.parametrize("url", ["https://h:0", "https://h:99999", "https://h:abc", "https://h:", "http://[::1]:", "http://[::1]:70000"])
def test_a_port_that_is_not_1_to_65535_is_bad(url: str) -> None:
    assert has_bad_port(urlsplit(url))


@pytest.mark.parametrize("url", ["https://h", "https://h:1", "https://h:65535", "http://[::1]", "http://[::1]:5000", "https://u@h"])
def test_no_port_or_a_real_one_is_fine(url: str) -> None:
    assert not has_bad_port(urlsplit(url))


@pytest.mark.parametrize("host", ["localhost", "LocalHost", "localhost.", "127.0.0.1", "127.255.0.9", "::1", "[::1]"])
def test_this_computer(host: str) -> None:
    assert is_loopback_host(host)


@pytest.mark.parametrize("host", ["localhost.example.com", "127.0.0.1.example.com", "10.0.0.1", "128.0.0.1", "::2",
                                  "s3.amazonaws.com", ""])
def test_not_this_computer(host: str) -> None:
    assert not is_loopback_host(host)
