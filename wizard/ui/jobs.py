"""The blocking work the window hands to `TaskRunner`: plain functions, no Qt.

Each function here runs on a worker thread and touches the network or the disk: starting the
demo org, reconnecting a saved sign-in, checking pages of a guide, asking Salesforce for a
single-access link into Setup, exporting the report. Keeping them Qt-free keeps them testable
and keeps the window code about presentation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult
from wizard.engine.run_record import ManualConfirmation, VerificationRun
from wizard.guides.schema import Guide

if TYPE_CHECKING:  # simple-salesforce and requests load with the first network call, not at start-up
    from wizard.salesforce.connection import OrgConnection

SINGLE_ACCESS_PATH = "/services/oauth2/singleaccess"


@dataclass(frozen=True)
class PageCheck:
    """The results of checking some pages of a guide (or all of them), with when and how many requests."""

    page_ids: tuple[str, ...]
    results: tuple[CheckResult, ...]
    started: datetime
    finished: datetime
    requests: int


def guide_subset(guide: Guide, page_ids: list[str] | None) -> Guide:
    """The guide restricted to some pages: a re-check reads only what those pages need."""
    if page_ids is None:
        return guide
    wanted = set(page_ids)
    return guide.model_copy(update={"pages": [p for p in guide.pages if p.id in wanted]})


#: A provider's checks for the window: (connection, guide, facts, page ids or None) -> results for
#: the provider-side settings it can judge (the Aircall API key, an SFTP folder...).
ProviderChecks = Callable[[Any, Guide, OrgFacts, "list[str] | None"], Iterable[CheckResult]]


def check_pages(conn: OrgConnection, guide: Guide, facts: OrgFacts, page_ids: list[str] | None,
                confirmations: list[ManualConfirmation], providers: Iterable[ProviderChecks] = ()) -> PageCheck:
    """Read the org once for these pages and judge every setting on them.

    Provider-side settings are judged by the registered provider checks; one without a result
    stays skipped ("checked from the provider's side, which was not connected in this run").
    """
    from wizard.engine.runner import judge
    from wizard.salesforce.verify import read_guide_snapshot

    subset = guide_subset(guide, page_ids)
    started = datetime.now(UTC)
    snapshot = read_guide_snapshot(conn, subset, facts)
    extra = [result for provider in providers for result in provider(conn, subset, facts, page_ids)]
    results = judge(subset, snapshot, confirmations, extra)
    return PageCheck(tuple(p.id for p in subset.pages), tuple(results), started, datetime.now(UTC), snapshot.requests)


def start_demo(scenario: str | None) -> Any:
    """Start the demo org in this process and trust its CA for every HTTP client here."""
    from wizard.demo import start_demo_org
    from wizard.salesforce.connection import trust_ca_bundle_for_process

    warm_demo_schema()
    server = start_demo_org(scenario or "fresh")
    trust_ca_bundle_for_process(server.ca_bundle)
    return server


def warm_demo_schema() -> None:
    """Parse the demo org's Metadata schema once, before concurrent requests can race to parse it.

    Two first Metadata requests arriving together each parsed the WSDL with lxml at the same
    time and crashed the process now and then (heap corruption); parsing it up front avoids it.
    """
    from wizard.demo.metadata_schema import schema

    schema()


def reconnect(saved: Any, vault: Any) -> Any:
    """Open a saved connection (fresh access token from the kept refresh token) and preflight it.

    Returns a `SignedIn`. Raises `SignInRequired` when the saved sign-in no longer works, and
    `SavedSignInNeedsKeyring` when the keyring that holds it can't be reached, both worded for the
    window (`SignInError.for_window`): the command line's ways out are commands, the window's are not.
    """
    from wizard.salesforce.auth.connections import open_connection
    from wizard.salesforce.auth.errors import SignInError
    from wizard.salesforce.auth.preflight import run_preflight
    from wizard.salesforce.auth.signin import SignedIn
    from wizard.salesforce.connection import trust_ca_bundle_for_process
    from wizard.salesforce.http import make_session

    if saved.ca_bundle:
        trust_ca_bundle_for_process(saved.ca_bundle)
    try:
        connection = open_connection(saved, vault)
    except SignInError as exc:
        raise exc.for_window() from None
    preflight = run_preflight(connection, org_id=saved.org_id, user_id=saved.user_id, client_id=saved.client_id,
                              session=make_session(saved.ca_bundle), sandbox_hint=saved.sandbox_hint)
    return SignedIn(saved=saved, connection=preflight.connection, preflight=preflight, persistent=vault.persistent)


def reconnect_alias(alias: str, demo_instance_url: str | None) -> Any:
    """Reconnect a saved alias for the resume; None when it can't apply (e.g. an older demo org).

    A demo org lives as long as its process, so a saved demo sign-in is only reused against the
    same running demo org; otherwise the admin simply signs in to the new one.
    """
    from wizard.salesforce.auth.connections import ConnectionStore
    from wizard.salesforce.auth.errors import SignInError
    from wizard.salesforce.auth.vault import KeyringVault

    try:
        saved = ConnectionStore().get(alias)
    except SignInError:
        return None
    if saved.demo and saved.instance_url != demo_instance_url:
        return None
    return reconnect(saved, KeyringVault())


def frontdoor_url(conn: OrgConnection, setup_path: str) -> str:
    """A one-time link that opens ``setup_path`` already signed in (Single Access UI Bridge).

    As the Salesforce CLI does: ``GET /services/oauth2/singleaccess?redirect_uri=<relative path>``
    with the access token; the endpoint answers 403 (not 401) for an expired token, so a refusal
    gets one token refresh and one retry.
    """
    import requests

    from wizard.salesforce.errors import explain
    from wizard.salesforce.http import make_session

    session = make_session(conn.ca_bundle)
    for attempt in (1, 2):
        token = conn.access_token
        try:
            response = session.get(conn.instance_url + SINGLE_ACCESS_PATH, params={"redirect_uri": setup_path},
                                   headers={"Authorization": f"Bearer {token}", "Accept": "application/json"}, timeout=30)
            if response.status_code in (401, 403) and attempt == 1 and conn.refresh(token):
                continue
        except requests.RequestException as exc:
            raise SetupLinkError(f"{NO_LINK} {explain(exc).window_message} Or open Setup in your browser and go to "
                                 f"{setup_path}.") from exc
        if response.status_code != 200:
            raise SetupLinkError(link_refusal(response, setup_path))
        link = str(response.json().get("frontdoor_uri") or "")
        if not link.startswith("https://"):
            raise SetupLinkError("Salesforce's answer had no usable sign-in link (frontdoor_uri); open Setup in your browser.")
        return link
    raise RuntimeError("unreachable")  # pragma: no cover


NO_LINK = "Salesforce did not hand out a sign-in link for Setup."


class SetupLinkError(RuntimeError):
    """No sign-in link for Setup; ``message`` says why (in Salesforce's words where it gave some) and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def link_refusal(response: Any, setup_path: str) -> str:
    """Why the Single Access bridge refused, as the rest of the wizard explains Salesforce's answers.

    The 'web' scope is named only when Salesforce's answer names a scope; an unknown token, a
    maintenance page or a 5xx get the same sentences as anywhere else (`explain`).
    """
    from simple_salesforce.util import exception_handler

    from wizard.salesforce.errors import explain

    said = response.text.strip()
    where = f" Or open Setup in your browser and go to {setup_path}."
    if "scope" in said.lower():
        return (f"{NO_LINK[:-1]} (HTTP {response.status_code}: {said[:200]}): the sign-in lacks the 'web' scope the "
                "link needs. Sign in again with a connected app that grants it." + where)
    try:
        exception_handler(response, "singleaccess")  # simple-salesforce's exception for this status and body
    except Exception as exc:
        return f"{NO_LINK[:-1]} (HTTP {response.status_code}). {explain(exc).window_message}{where}"
    return f"{NO_LINK[:-1]} (HTTP {response.status_code}).{where}"  # pragma: no cover (raises for every status)


def setup_link_failure(exc: BaseException) -> str:
    """The window's words when "Open in Salesforce" fails (a sign-in that ended says how to sign in
    again in the window, not with a command)."""
    if isinstance(exc, SetupLinkError):
        return exc.message
    from wizard.salesforce.errors import explain

    return f"{NO_LINK} {explain(exc).window_message}"


def export_paths(target: Path, kind: str) -> dict[str, Path]:
    """The files one export writes: the chosen file, and beside a PDF its JSON record (same name).

    A PDF's footer carries the SHA-256 of the JSON it was rendered from; without that JSON next
    to it the fingerprint matches nothing, so the window never writes a PDF alone.
    """
    paths = {kind: target}
    if kind == "pdf":
        paths["json"] = target.with_suffix(".json")
    return paths


def export_report(guide: Guide, run: VerificationRun, target: Path, kind: str, secrets: Iterable[str]) -> Any:
    """Write the report as ``kind`` (pdf, html or json) to ``target``, as ``verify`` does.

    One build of the report, its JSON first, then the HTML or PDF rendered from those bytes
    (`wizard.report.export.export_run`); a PDF gets its JSON record beside it and that record's
    hash in its footer. Returns the `ExportResult` (the paths written and the JSON's SHA-256).
    """
    from wizard.report.export import export_run

    paths = export_paths(target, kind)
    return export_run(guide, run, json_path=paths.get("json"), html_path=paths.get("html"), pdf_path=paths.get("pdf"),
                      secrets=tuple(secrets))
