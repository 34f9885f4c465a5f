"""The voice providers' check hook as the window runs it: only where a checked page needs it.

`VoiceSession.provider_checks` reads the named credentials and auth providers and asks the
providers on every check. The window checks single pages often (on entering a page, "Check again",
back from Setup), so this hook first looks at the pages being checked: pages without a provider
setting cost nothing, and the org's named credentials are only read when there is something
entered to compare them with (an API ID, a client ID).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from wizard.engine.results import CheckResult
from wizard.engine.run_record import ManualConfirmation
from wizard.guides.schema import Guide, SettingSpec
from wizard.providers.aircall import results as aircall_results
from wizard.providers.ringcentral import results as rc_results
from wizard.providers.ringcentral.environments import AUTH_PROVIDER, NAMED_CREDENTIAL
from wizard.providers.voice.session import VoiceSession
from wizard.providers.voice.verification import (
    PROVIDER_CHECKS,
    provider_results,
    read_provider_snapshot,
)

VOICE_GUIDES = ("aircall", "ringcentral")


def _compares_entries(setting: SettingSpec) -> bool:
    """A Salesforce setting judged against what the admin entered (API ID, client ID, environment)."""
    params = setting.params
    return ((setting.check == "named_credential.username" and params.get("meaning") == aircall_results.USERNAME_MEANING)
            or (setting.check in ("auth_provider.consumer_key", "auth_provider.endpoints") and params.get("developer_name") == AUTH_PROVIDER)
            or (setting.check == "named_credential.url" and params.get("name") == NAMED_CREDENTIAL))


def needs_voice(guide: Guide) -> bool:
    """Whether the (possibly one-page) guide has a setting the provider side judges."""
    return guide.id in VOICE_GUIDES and any(
        s.check in PROVIDER_CHECKS or s.id in rc_results.SIGN_IN_PROVES or _compares_entries(s) for _p, s in guide.settings())


def window_checks(session: VoiceSession, confirmations: Callable[[], Iterable[ManualConfirmation]]) -> Callable[..., list[CheckResult]]:
    """(connection, guide, facts, page ids) -> the provider results of the pages being checked."""

    def run(conn: Any, guide: Guide, facts: Any, page_ids: Any = None) -> list[CheckResult]:
        if not needs_voice(guide):
            return []
        entered = session.aircall is not None or session.ringcentral is not None
        compares = entered and any(_compares_entries(s) for _p, s in guide.settings())
        snapshot = read_provider_snapshot(conn, facts) if compares else None
        return provider_results(guide, session.inputs(), conn, snapshot, list(confirmations()))

    return run
