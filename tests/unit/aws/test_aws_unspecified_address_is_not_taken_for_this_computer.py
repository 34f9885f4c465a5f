"""``0.0.0.0`` and ``::`` (the "unspecified" addresses) are not taken for this computer, so plain http
to them is refused like plain http to any other host.

Where a connection to them goes depends on the system: Linux and macOS deliver it to this machine,
Windows refuses it outright. Judging them by the address alone (never loopback) gives the same
answer everywhere, and the safe one: the admin is asked for https, or for 127.0.0.1, ::1 or
localhost, which mean this computer on every system.
"""

from __future__ import annotations

import pytest

from wizard.providers.aws.access import check_endpoint_url
from wizard.providers.aws.addresses import is_loopback_host


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "[::]"])
def test_the_unspecified_address_is_not_this_computer(host: str) -> None:
    assert not is_loopback_host(host)


@pytest.mark.parametrize("url", ["http://0.0.0.0:5000", "http://[::]:5000"])
def test_plain_http_to_the_unspecified_address_is_refused(url: str) -> None:
    with pytest.raises(ValueError, match=r"uses plain http for .*, which is not this computer; https is required"):
        check_endpoint_url(url)
