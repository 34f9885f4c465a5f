"""Facts about the connected org that every check, page and report needs."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class OrgFacts(BaseModel):
    """Who and where we are connected: read once per verification (Organization, identity)."""

    model_config = ConfigDict(frozen=True)

    org_id: str
    name: str
    edition: str  # Organization.OrganizationType, e.g. "Enterprise Edition"
    is_sandbox: bool
    instance_name: str = ""
    instance_url: str  # where API calls go
    my_domain_url: str  # the org's My Domain URL (https://acme.my.salesforce.com)
    #: False when the org's identity names no My Domain (``urls.custom_domain``); `my_domain_url`
    #: then holds the instance URL, which callback URLs and named credentials must not be built on.
    has_my_domain: bool = True
    api_version: str  # the version the wizard uses with this org, e.g. "66.0"
    username: str = ""
    user_id: str = ""
    user_display_name: str = ""

    @property
    def environment(self) -> str:
        """'Sandbox' or 'Production', as shown to the admin."""
        return "Sandbox" if self.is_sandbox else "Production"
