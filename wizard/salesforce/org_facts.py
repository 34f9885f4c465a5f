"""Who and where: the org facts a verification needs, read once per connection.

The sign-in preflight reads these (and more) right after sign-in; this module serves headless
runs that start from an instance URL and an access token.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from wizard.engine.org_facts import OrgFacts
from wizard.salesforce.connection import CLIENT_MAX_API_VERSION, OrgConnection
from wizard.salesforce.errors import SystemicError, explain


def newest_common_version(org_versions: list[str], client_max: str = CLIENT_MAX_API_VERSION) -> str:
    """The org's newest API version that the client also supports."""
    cap = float(client_max)
    usable = [v for v in org_versions if float(v) <= cap]
    return max(usable, key=float) if usable else client_max


def read_org_facts(conn: OrgConnection) -> OrgFacts:
    """Identity (userinfo), the Organization row and the API versions; raises SystemicError."""
    try:
        userinfo = conn.call(lambda sf: sf.oauth2("userinfo"))
        versions = conn.call(lambda sf: sf.session.get(f"{conn.instance_url}/services/data/", timeout=30).json())
        org_rows = conn.call(
            lambda sf: sf.query("SELECT Id, Name, OrganizationType, IsSandbox, InstanceName FROM Organization")
        )["records"]
    except SystemicError:
        raise
    except Exception as exc:
        raise SystemicError(explain(exc)) from exc
    org = org_rows[0] if org_rows else {}
    urls = userinfo.get("urls") or {}
    custom_domain = str(urls.get("custom_domain") or "").rstrip("/")
    api_version = newest_common_version([str(v.get("version")) for v in versions if isinstance(v, dict)])
    return OrgFacts(
        org_id=str(org.get("Id") or userinfo.get("organization_id") or ""),
        name=str(org.get("Name") or ""),
        edition=str(org.get("OrganizationType") or ""),
        is_sandbox=bool(org.get("IsSandbox")),
        instance_name=str(org.get("InstanceName") or urlsplit(conn.instance_url).hostname or ""),
        instance_url=conn.instance_url,
        my_domain_url=custom_domain or conn.instance_url,
        has_my_domain=bool(custom_domain),
        api_version=api_version,
        username=str(userinfo.get("preferred_username") or ""),
        user_id=str(userinfo.get("user_id") or ""),
        user_display_name=str(userinfo.get("name") or ""),
    )
