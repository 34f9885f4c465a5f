"""Who the token belongs to, and the bridge from a token to a browser session.

- ``/services/oauth2/userinfo`` (OpenID Connect shape) and the identity URL ``/id/<org>/<user>``
  (Salesforce's identity shape), both with ``urls.custom_domain``. Like Salesforce's identity
  service they answer a missing or unknown token with 403 and one word of plain text
  (``Missing_OAuth_Token`` / ``Bad_OAuth_Token``), where the data API answers 401.
- ``/services/oauth2/singleaccess`` (the Single Access UI Bridge; GET as the Salesforce CLI
  calls it, POST as the Mobile SDK does) returns ``{"frontdoor_uri": …}``: a one-time link,
  valid for `ONE_TIME_SECONDS`, that signs a browser in and opens ``redirect_uri`` (a path).
- ``/secur/frontdoor.jsp`` redeems that link (``otp``), or the legacy ``sid=<access token>``.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlencode

from wizard.demo import browser
from wizard.demo.oauth_tokens import identity_url
from wizard.demo.protocol import DemoRequest, DemoResponse, oauth_error
from wizard.demo.state import OrgState, Record, Session

ONE_TIME_SECONDS = 60


@dataclass
class OneTimeLink:
    """A frontdoor link handed out by the Single Access bridge."""

    user_id: str
    return_path: str
    created: float = field(default_factory=time.time)
    used: bool = False


def userinfo(org: OrgState, request: DemoRequest) -> DemoResponse:
    """GET or POST /services/oauth2/userinfo (Bearer)."""
    session, refusal = _bearer(org, request)
    if refusal is not None:
        return refusal
    assert session is not None
    user = org.get("User", session.user_id) or {}
    ident = identity_url(org, request, session.user_id)
    return DemoResponse.json(
        {
            "sub": ident,
            "user_id": user.get("Id"),
            "organization_id": org.org_id,
            "preferred_username": user.get("Username"),
            "nickname": _nickname(user),
            "name": user.get("Name"),
            "email": user.get("Email"),
            "email_verified": True,
            "given_name": user.get("FirstName"),
            "family_name": user.get("LastName"),
            "zoneinfo": user.get("TimeZoneSidKey", "America/Los_Angeles"),
            "photos": {},
            "profile": f"{_base(org, request)}/{user.get('Id')}",
            "picture": "",
            "address": {},
            "is_salesforce_integration_user": False,
            "urls": _urls(org, request, user),
            "active": bool(user.get("IsActive", True)),
            "user_type": _user_type(user),
            "language": user.get("LanguageLocaleKey", "en_US"),
            "locale": user.get("LocaleSidKey", "en_US"),
            "utcOffset": -28800000,
            "updated_at": _now_iso(),
            "is_app_installed": True,
        }
    )


def identity(org: OrgState, request: DemoRequest) -> DemoResponse:
    """GET /id/<orgId>/<userId> (Bearer, or ``?oauth_token=``)."""
    session, refusal = _bearer(org, request, allow_query=True)
    if refusal is not None:
        return refusal
    assert session is not None
    parts = request.path.strip("/").split("/")
    if len(parts) != 3 or not _same_id(parts[1], org.org_id) or not _same_id(parts[2], session.user_id):
        return DemoResponse.text("Bad_Id", 403)
    user = org.get("User", session.user_id) or {}
    return DemoResponse.json(
        {
            "id": identity_url(org, request, session.user_id),
            "asserted_user": True,
            "user_id": user.get("Id"),
            "organization_id": org.org_id,
            "username": user.get("Username"),
            "nick_name": _nickname(user),
            "display_name": user.get("Name"),
            "email": user.get("Email"),
            "email_verified": True,
            "first_name": user.get("FirstName"),
            "last_name": user.get("LastName"),
            "timezone": user.get("TimeZoneSidKey", "America/Los_Angeles"),
            "photos": {},
            "addr_street": None,
            "addr_city": None,
            "addr_state": None,
            "addr_country": None,
            "addr_zip": None,
            "mobile_phone": None,
            "mobile_phone_verified": False,
            "is_lightning_login_user": False,
            "status": {"created_date": None, "body": None},
            "urls": _urls(org, request, user),
            "active": bool(user.get("IsActive", True)),
            "user_type": _user_type(user),
            "language": user.get("LanguageLocaleKey", "en_US"),
            "locale": user.get("LocaleSidKey", "en_US"),
            "utcOffset": -28800000,
            "last_modified_date": _now_iso(),
            "is_app_installed": True,
        }
    )


def single_access(org: OrgState, request: DemoRequest) -> DemoResponse:
    """GET or POST /services/oauth2/singleaccess: a one-time frontdoor link for the token's user."""
    session, refusal = _bearer(org, request)
    if refusal is not None:
        return refusal
    assert session is not None
    wanted = request.param("redirect_uri")
    path = browser.safe_return_path(wanted, default="")
    if wanted and not path:
        return oauth_error(400, "invalid_request", "redirect_uri must be a relative path on this org")
    otp = secrets.token_urlsafe(32)
    with org.lock:
        now = time.time()
        for key, link in list(org.one_time_links.items()):
            if now - link.created > ONE_TIME_SECONDS:
                del org.one_time_links[key]
        org.one_time_links[otp] = OneTimeLink(session.user_id, path or "/")
    query = urlencode({"otp": otp, "retURL": path or "/"})
    return DemoResponse.json({"frontdoor_uri": f"{_base(org, request)}/secur/frontdoor.jsp?{query}"})


def frontdoor(org: OrgState, request: DemoRequest) -> DemoResponse:
    """GET /secur/frontdoor.jsp: sign the browser in from a one-time link (or a session id)."""
    user_id: str | None = None
    otp = request.arg("otp")
    target = request.arg("retURL") or request.arg("startURL")
    if otp:
        with org.lock:
            link = org.one_time_links.get(otp)
            if link is not None and not link.used and time.time() - link.created <= ONE_TIME_SECONDS:
                link.used = True
                user_id = link.user_id
                target = target or link.return_path
    elif request.arg("sid"):
        session = org.session(request.arg("sid") or "")
        user_id = session.user_id if session else None
    path = browser.safe_return_path(target, default="/")
    if user_id is None:
        return DemoResponse.redirect("/?" + urlencode({"ec": "302", "startURL": path}))
    return browser.with_cookie(DemoResponse.redirect(path), browser.open_session(org, user_id))


def logout(org: OrgState, request: DemoRequest) -> DemoResponse:
    """GET /secur/logout.jsp: end the browser session."""
    browser.close_session(org, request)
    response = DemoResponse.redirect("/")
    response.headers["Set-Cookie"] = f"{browser.COOKIE}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax"
    return response


def _bearer(
    org: OrgState, request: DemoRequest, allow_query: bool = False
) -> tuple[Session | None, DemoResponse | None]:
    auth = request.headers.get("authorization", "")
    token = auth.split(None, 1)[1].strip() if auth.lower().startswith(("bearer ", "oauth ")) else ""
    if not token and allow_query:
        token = request.arg("oauth_token") or ""
    if not token:
        return None, DemoResponse.text("Missing_OAuth_Token", 403)
    session = org.session(token)
    if session is None:
        return None, DemoResponse.text("Bad_OAuth_Token", 403)
    return session, None


def _urls(org: OrgState, request: DemoRequest, user: Record) -> dict[str, str]:
    """The identity service's URL map; ``{version}`` is literal, as Salesforce sends it."""
    base = _base(org, request)
    org_id = org.org_id
    return {
        "enterprise": f"{base}/services/Soap/c/{{version}}/{org_id}",
        "metadata": f"{base}/services/Soap/m/{{version}}/{org_id}",
        "partner": f"{base}/services/Soap/u/{{version}}/{org_id}",
        "rest": f"{base}/services/data/v{{version}}/",
        "sobjects": f"{base}/services/data/v{{version}}/sobjects/",
        "search": f"{base}/services/data/v{{version}}/search/",
        "query": f"{base}/services/data/v{{version}}/query/",
        "recent": f"{base}/services/data/v{{version}}/recent/",
        "tooling_soap": f"{base}/services/Soap/T/{{version}}/{org_id}",
        "tooling_rest": f"{base}/services/data/v{{version}}/tooling/",
        "profile": f"{base}/{user.get('Id')}",
        "feeds": f"{base}/services/data/v{{version}}/chatter/feeds",
        "groups": f"{base}/services/data/v{{version}}/chatter/groups",
        "users": f"{base}/services/data/v{{version}}/chatter/users",
        "feed_items": f"{base}/services/data/v{{version}}/chatter/feed-items",
        "feed_elements": f"{base}/services/data/v{{version}}/chatter/feed-elements",
        **({"custom_domain": base} if org.my_domain_deployed else {}),
    }


def _user_type(user: Record) -> str:
    return {"Standard": "STANDARD", "Guest": "GUEST"}.get(str(user.get("UserType", "Standard")), "STANDARD")


def _nickname(user: Record) -> str:
    return str(user.get("CommunityNickname") or str(user.get("Username", "")).split("@")[0])


def _same_id(given: str, actual: str) -> bool:
    return bool(actual) and given[:15] == actual[:15] and len(given) in (15, 18)


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000+0000")


def _base(org: OrgState, request: DemoRequest) -> str:
    return request.base_url or org.instance_url

