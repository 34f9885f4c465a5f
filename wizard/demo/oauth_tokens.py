"""``/services/oauth2/token`` and ``/services/oauth2/revoke``.

Grants: ``authorization_code`` (the code redeems once; its PKCE ``code_verifier`` is checked;
``redirect_uri`` must be the one the code was issued for) and ``refresh_token``. Errors are
``{"error", "error_description"}`` with status 400, as Salesforce answers. A verifier that is
missing is ``invalid_grant``; one that does not match is ``invalid_request`` (Salesforce's Help on
the web server flow). Redeeming a used code fails and revokes what the code issued (RFC 6749
section 4.1.2), so a stolen code is worth nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from typing import Any

from wizard.demo.oauth_authorize import CODE_SECONDS, AuthorizationCode
from wizard.demo.oauth_clients import find_client
from wizard.demo.protocol import DemoRequest, DemoResponse, oauth_error
from wizard.demo.state import OrgState, Session


def token(org: OrgState, request: DemoRequest) -> DemoResponse:
    """POST /services/oauth2/token."""
    if request.method != "POST":
        return oauth_error(400, "invalid_request", "must use HTTP POST")
    form = request.form()
    grant_type = form.get("grant_type", "")
    if grant_type not in ("authorization_code", "refresh_token"):
        return oauth_error(400, "unsupported_grant_type", "grant type not supported")
    client = find_client(org, form.get("client_id"))
    if client is None:
        return oauth_error(400, "invalid_client_id", "client identifier invalid")
    if client["secret"] and not hmac.compare_digest(
        str(client["secret"]).encode(), form.get("client_secret", "").encode()
    ):
        return oauth_error(400, "invalid_client", "invalid client credentials")
    if grant_type == "authorization_code":
        return _redeem_code(org, request, client, form)
    return _refresh(org, request, client, form)


def _redeem_code(org: OrgState, request: DemoRequest, client: dict[str, Any], form: dict[str, str]) -> DemoResponse:
    code_text = form.get("code", "")
    with org.lock:
        grant: AuthorizationCode | None = org.auth_codes.get(code_text)
        if grant is None or grant.client_id != client["client_id"]:
            return oauth_error(400, "invalid_grant", "invalid authorization code")
        if grant.used:
            for access in grant.issued_tokens:
                org.revoke_token(access)
            return oauth_error(400, "invalid_grant", "invalid authorization code")
        grant.used = True  # any attempt spends the code, as a failed PKCE check must
    if time.time() - grant.created > CODE_SECONDS:
        return oauth_error(400, "invalid_grant", "expired authorization code")
    if form.get("redirect_uri") != grant.redirect_uri:
        return oauth_error(400, "redirect_uri_mismatch", "redirect_uri must match configuration")
    if grant.code_challenge is not None:
        verifier = form.get("code_verifier")
        if not verifier:
            return oauth_error(400, "invalid_grant", "code verifier is required")
        if not pkce_matches(verifier, grant.code_challenge, grant.challenge_method):
            return oauth_error(400, "invalid_request", "invalid code verifier")
    with_refresh = bool({"refresh_token", "offline_access"} & set(grant.scopes))
    session = org.new_session(grant.user_id, client["client_id"], grant.scopes, with_refresh=with_refresh)
    with org.lock:
        grant.issued_tokens.append(session.access_token)
        if session.refresh_token:
            grant.issued_tokens.append(session.refresh_token)
    return DemoResponse.json(_token_body(org, request, client, session, include_refresh=True))


def _refresh(org: OrgState, request: DemoRequest, client: dict[str, Any], form: dict[str, str]) -> DemoResponse:
    refresh = form.get("refresh_token", "")
    with org.lock:
        previous = org.refresh_tokens.get(refresh)
    if previous is None or previous.client_id != client["client_id"]:
        return oauth_error(400, "invalid_grant", "expired access/refresh token")
    user = org.get("User", previous.user_id)
    if user is None or not user.get("IsActive", True):
        return oauth_error(400, "invalid_grant", "inactive user")
    if client["rotate_refresh_tokens"]:
        org.revoke_token(refresh)
        session = org.new_session(previous.user_id, client["client_id"], previous.scopes, with_refresh=True)
        return DemoResponse.json(_token_body(org, request, client, session, include_refresh=True))
    session = org.new_session(previous.user_id, client["client_id"], previous.scopes)
    with org.lock:
        session.refresh_token = refresh
        org.refresh_tokens[refresh] = session
    return DemoResponse.json(_token_body(org, request, client, session, include_refresh=False))


def revoke(org: OrgState, request: DemoRequest) -> DemoResponse:
    """POST (form ``token``) or GET (``?token=``) /services/oauth2/revoke."""
    value = request.param("token")
    if not value:
        return oauth_error(400, "unsupported_token_type", "this token type is not supported")
    if not org.revoke_token(value):
        return oauth_error(400, "invalid_token", "invalid token")
    return DemoResponse(200, b"", {})


def pkce_matches(verifier: str, challenge: str, method: str) -> bool:
    """RFC 7636: S256 compares base64url(SHA-256(verifier)) without padding; plain compares as is."""
    if method == "plain":
        return hmac.compare_digest(verifier.encode(), challenge.encode())
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    expected = base64.urlsafe_b64encode(digest).rstrip(b"=")
    return hmac.compare_digest(expected, challenge.encode())


def identity_url(org: OrgState, request: DemoRequest, user_id: str) -> str:
    """The identity URL of a user (the token response's ``id``)."""
    return f"{_base(org, request)}/id/{org.org_id}/{user_id}"


def _token_body(
    org: OrgState, request: DemoRequest, client: dict[str, Any], session: Session, include_refresh: bool
) -> dict[str, Any]:
    issued_at = str(int(session.issued_at * 1000))
    ident = identity_url(org, request, session.user_id)
    key = str(client["secret"] or "").encode()
    signature = base64.b64encode(hmac.new(key, (ident + issued_at).encode(), hashlib.sha256).digest()).decode()
    body: dict[str, Any] = {
        "access_token": session.access_token,
        "signature": signature,
        "scope": " ".join(session.scopes),
        "instance_url": _base(org, request),
        "id": ident,
        "token_type": "Bearer",
        "issued_at": issued_at,
    }
    if include_refresh and session.refresh_token:
        body["refresh_token"] = session.refresh_token
    return body


def _base(org: OrgState, request: DemoRequest) -> str:
    return request.base_url or org.instance_url
