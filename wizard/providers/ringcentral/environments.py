"""Every RingCentral URL of the guide, per environment, and the Salesforce callback URL.

The guide gives two sets of addresses (sandbox ``platform.devtest.ringcentral.com`` and production
``platform.ringcentral.com``) for the Ring Central auth provider's authorize, token and user info
endpoints and for the Ring_Central named credential. The admin picks one environment; everything
that writes or checks those settings asks this module, so a sandbox endpoint never sneaks into a
production setup. Values are copied exactly from the source guide (seeds/003), including the
sandbox named credential URL's trailing slash.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.providers.voice.endpoints import ENVIRONMENTS, EndpointError, Environment

AUTH_PROVIDER = "Ring_Central"
AUTH_PROVIDER_LABEL = "Ring Central"
NAMED_CREDENTIAL = "Ring_Central"
SCOPE = "ReadCallRecording"
#: The guide's temporary OAuth Redirect URI, replaced later by the Salesforce callback URL.
DUMMY_REDIRECT_URI = "https://dummyurl.com"

#: The six app permissions of the guide: console label -> the name RingCentral uses in tokens.
PERMISSIONS: dict[str, str] = {
    "Call Control": "CallControl",
    "Read Accounts": "ReadAccounts",
    "Read Call Log": "ReadCallLog",
    "Read Call Recording": "ReadCallRecording",
    "Read Messages": "ReadMessages",
    "Webhook Subscriptions": "SubscriptionWebhook",
}


@dataclass(frozen=True)
class RingCentralUrls:
    """What the auth provider and the named credential use in one environment."""

    environment: Environment
    authorize_url: str
    token_url: str
    user_info_url: str
    named_credential_url: str

    def auth_provider_fields(self) -> dict[str, str]:
        """AuthProvider REST fields -> value."""
        return {"AuthorizeUrl": self.authorize_url, "TokenUrl": self.token_url, "UserInfoUrl": self.user_info_url}


GUIDE_URLS: dict[Environment, RingCentralUrls] = {
    "sandbox": RingCentralUrls(
        "sandbox",
        authorize_url="https://platform.devtest.ringcentral.com/restapi/oauth/authorize",
        token_url="https://platform.devtest.ringcentral.com/restapi/oauth/token",
        user_info_url="https://platform.devtest.ringcentral.com/restapi/oauth/userinfo",
        named_credential_url="https://platform.devtest.ringcentral.com/",
    ),
    "production": RingCentralUrls(
        "production",
        authorize_url="https://platform.ringcentral.com/restapi/oauth/authorize",
        token_url="https://platform.ringcentral.com/restapi/oauth/token",
        user_info_url="https://platform.ringcentral.com/restapi/oauth/userinfo",
        named_credential_url="https://platform.ringcentral.com",
    ),
}


def urls_for(environment: str) -> RingCentralUrls:
    """The guide's URLs for one environment (`EndpointError` for anything else)."""
    if environment not in ENVIRONMENTS:
        raise EndpointError(f"Unknown RingCentral environment {environment!r}; choose sandbox or production.")
    return GUIDE_URLS[environment]  # type: ignore[index]


def other(environment: Environment) -> Environment:
    return "production" if environment == "sandbox" else "sandbox"


def environment_of_url(url: str | None) -> Environment | None:
    """Which environment an address belongs to (by host), or None for neither."""
    text = (url or "").lower()
    if "platform.devtest.ringcentral.com" in text:
        return "sandbox"
    if "platform.ringcentral.com" in text:
        return "production"
    return None


def callback_url(my_domain_url: str, developer_name: str = AUTH_PROVIDER) -> str:
    """The Salesforce auth provider's callback URL: the app's OAuth Redirect URI."""
    return f"{my_domain_url.rstrip('/')}/services/authcallback/{developer_name}"
