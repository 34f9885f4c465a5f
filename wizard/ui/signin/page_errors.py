"""What the wizard says when the sign-in page does not load, in its own words (no Qt here).

Left alone, the embedded view shows Chromium's "This site can't be reached" page or Salesforce's
bare ``error=invalid_client_id`` page, and the sign-in waits for its whole time limit for an answer
that can't come. The view hands the failure to these functions and ends the sign-in at once with
a message that says what was seen, what was expected and what to do.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote_plus, urlsplit

from wizard.salesforce.auth.errors import SignInError
from wizard.salesforce.auth.flow import AUTHORIZE_PATH, describe_authorization_error

#: Chromium's network error numbers (net/base/net_error_list.h) the wizard explains in words.
NAME_NOT_RESOLVED = (-105, -137)
CONNECTION_REFUSED = (-102,)
NO_NETWORK = (-106, -109)
TIMED_OUT = (-7, -118)
CONNECTION_DROPPED = (-100, -101, -103, -104, -324)
PROXY_FAILED = (-130, -336)
#: Not failures of the page: the wizard stopped it, or blocked the redirect that carries the answer.
NOT_A_FAILURE = (-3, -20)

_ERROR_IN_TEXT = re.compile(r"\berror=([A-Za-z0-9_]+)(?:(?:&error_description=|:[ \t]*)([^\n&]*))?")


def salesforce_error_page(url: str, text: str, client_id: str) -> SignInError | None:
    """Salesforce's own error page for the sign-in request (an unknown app, a callback address it
    refuses), as the wizard explains it; None when the page is not one.

    Salesforce shows these instead of sending the browser back, either in the address
    (``RemoteAccessErrorPage.apexp?error=...``) or as the text ``error=...&error_description=...``
    on the sign-in address itself.
    """
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    if query.get("error"):
        return describe_authorization_error(query["error"], query.get("error_description", ""), client_id)
    if not parts.path.rstrip("/").endswith(AUTHORIZE_PATH):
        return None
    found = _ERROR_IN_TEXT.search(text or "")
    if found is None:
        return None
    return describe_authorization_error(found.group(1), unquote_plus((found.group(2) or "").strip()), client_id)


def http_error_page(host: str, status: int) -> SignInError:
    """The sign-in address answered with an HTTP error page the wizard does not recognise."""
    busy = status in (502, 503, 504)
    return SignInError(
        f"{host} answered the sign-in request with an error page (HTTP {status}) instead of the login page.",
        f"Salesforce's login page at {host}.",
        "Salesforce may be down for maintenance: wait a few minutes and sign in again (status.salesforce.com "
        "shows maintenance)." if busy else
        "Check the login address and the Sign-in app, then sign in again. If it keeps happening, show this "
        "message to your Salesforce administrator.",
    )


def page_not_loaded(host: str, url: str, code: int, what: str, *, demo: bool = False, my_domain: bool = False,
                    browser: bool = True) -> SignInError:
    """The sign-in page (or a page on the way, such as a single sign-on page) did not load.

    ``code`` is Chromium's network error number and ``what`` its name for it (ERR_NAME_NOT_RESOLVED),
    kept in brackets at the end for whoever helps the admin. ``browser``: the sign-in page offers
    "Sign in with my browser", worth trying when the admin's browser has its own proxy or VPN set-up.
    """
    said = f" ({what.removeprefix('net::')})" if what else ""
    expected = f"The sign-in page at {url}, loading in this window."
    if demo and code in CONNECTION_REFUSED:
        return SignInError(
            f"The demo org on this computer ({host}) did not answer{said}: it is no longer running.",
            "The demo org the wizard started, still running.",
            "Close the wizard and open it again the same way: a new demo org starts as it opens.",
        )
    or_browser = " If your browser reaches the page, press 'Sign in with my browser' instead." if browser and not demo else ""
    check_name = ("Check the My Domain URL for a typo (Setup → My Domain shows the Current My Domain URL)"
                  if my_domain else "Check the address for a typo")
    if code in NAME_NOT_RESOLVED:
        return SignInError(f"{host} could not be found: no server on the network has that name{said}.", expected,
                           f"{check_name}, and check that this computer is online; then sign in again.")
    if code in CONNECTION_REFUSED:
        return SignInError(f"{host} refused the connection{said}.", expected,
                           f"Check your network, proxy or VPN settings, then sign in again.{or_browser}")
    if code in NO_NETWORK:
        return SignInError(f"This computer is not connected to a network, so {host} could not be reached{said}.",
                           expected, "Connect to the network (or your VPN), then sign in again.")
    if code in TIMED_OUT:
        return SignInError(f"{host} did not answer in time{said}.", expected,
                           f"Check your network, proxy or VPN, then sign in again.{or_browser}")
    if code in PROXY_FAILED:
        return SignInError(f"The proxy server did not let the sign-in page of {host} through{said}.", expected,
                           f"Check this computer's proxy settings, then sign in again.{or_browser}")
    if code in CONNECTION_DROPPED:
        return SignInError(f"The connection to {host} was broken off before the page arrived{said}.", expected,
                           "Sign in again. If it keeps happening, something on your network (a proxy or firewall) "
                           f"is cutting the connection.{or_browser}")
    return SignInError(f"The page at {host} could not be loaded{said}.", expected,
                       f"{check_name} and check your network, then sign in again.{or_browser}")
