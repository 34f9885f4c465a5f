"""One executor per kind of component the guides set; `EXECUTORS` maps fix names to them."""

from __future__ import annotations

from wizard.apply.executors.auth_provider import AuthProviderExecutor
from wizard.apply.executors.base import Executor
from wizard.apply.executors.eci_app import EciAppExecutor
from wizard.apply.executors.eci_settings import EciSettingsExecutor
from wizard.apply.executors.media_provider import MediaProviderExecutor
from wizard.apply.executors.named_credential import NamedCredentialExecutor
from wizard.apply.executors.permission_sets import (
    AssignPermissionSetExecutor,
    GuestPermissionSetsExecutor,
)
from wizard.apply.executors.site import SiteExecutor

EXECUTORS: dict[str, Executor] = {
    e.fix: e
    for e in (
        EciSettingsExecutor(),
        MediaProviderExecutor(),
        EciAppExecutor(),
        AuthProviderExecutor(),
        NamedCredentialExecutor(),
        SiteExecutor(),
        GuestPermissionSetsExecutor(),
        AssignPermissionSetExecutor(),
    )
}

__all__ = ["EXECUTORS", "Executor"]
