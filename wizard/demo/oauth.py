"""OAuth 2.0 of the demo org, as Salesforce does it: the entry point.

Routes ``/services/oauth2/*``, the identity URL ``/id/<orgId>/<userId>`` and ``/secur/*`` to the
modules that serve them: `oauth_authorize` (login and consent pages, authorization codes),
`oauth_tokens` (token, refresh, revoke) and `oauth_identity` (userinfo, identity URL, the Single
Access UI bridge and frontdoor.jsp). `oauth_clients` knows the registered clients.
"""

from __future__ import annotations

from wizard.demo import oauth_authorize, oauth_identity, oauth_tokens
from wizard.demo.protocol import DemoRequest, DemoResponse, rest_error
from wizard.demo.state import OrgState

ROUTES = {
    "/services/oauth2/authorize": oauth_authorize.start,
    "/services/oauth2/authorize/login": oauth_authorize.login,
    "/services/oauth2/authorize/consent": oauth_authorize.consent,
    "/services/oauth2/token": oauth_tokens.token,
    "/services/oauth2/revoke": oauth_tokens.revoke,
    "/services/oauth2/userinfo": oauth_identity.userinfo,
    "/services/oauth2/singleaccess": oauth_identity.single_access,
    "/secur/frontdoor.jsp": oauth_identity.frontdoor,
    "/secur/logout.jsp": oauth_identity.logout,
}


def handle(org: OrgState, request: DemoRequest) -> DemoResponse:
    """Serve one OAuth, identity or frontdoor request."""
    path = request.path.rstrip("/") or "/"
    serve = ROUTES.get(path)
    if serve is not None:
        return serve(org, request)
    if path.startswith("/id/"):
        return oauth_identity.identity(org, request)
    return rest_error(404, "NOT_FOUND", f"The requested resource does not exist: {request.path}")
