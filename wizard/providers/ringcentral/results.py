"""The RingCentral guide's provider results, from the probe, the optional sign-in and the org.

- ``ringcentral.client-credentials``: the token endpoint of the chosen environment knows the
  client and accepts its secret (a made-up code refused with ``invalid_grant``).
- ``ringcentral.auth-flow`` / ``refresh-tokens`` / ``permissions`` (checklist items) are proven
  by a sign-in (or disproved by the probe's ``unauthorized_client``); without one they stay manual.
- ``ringcentral.redirect-uri``: proven by a sign-in whose redirect URI is the org's callback URL
  (RingCentral redirected there), or confirmed by the admin; a refused redirect URI fails. A sign-in
  with another address (``--redirect-uri``) proves only that address, so the row stays open and
  names both addresses.
- The Ring Central auth provider's consumer key, its endpoints and the named credential's URL are
  compared with the client ID and the environment the admin chose (not just "set" or "either").
- ``ringcentral.graduated``: the production token endpoint knows the client.
- ``ringcentral.user-identifiers``: every ECI user has a RingCentral User Identifier (compared
  with the account's extensions after a sign-in).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wizard.checks.auth_provider import AUTH_PROVIDERS, ENDPOINT_FIELDS
from wizard.checks.common import url_equal
from wizard.checks.named_credential import NAMED_CREDENTIALS
from wizard.engine.results import CheckResult, Evidence, Status, confirmation_evidence
from wizard.engine.run_record import ManualConfirmation
from wizard.engine.snapshot import OrgSnapshot, ReadFailed
from wizard.guides.schema import Guide, PageSpec, SettingSpec
from wizard.providers.ringcentral.answers import CONSOLE
from wizard.providers.ringcentral.environments import (
    AUTH_PROVIDER,
    DUMMY_REDIRECT_URI,
    NAMED_CREDENTIAL,
    PERMISSIONS,
    callback_url,
    environment_of_url,
    urls_for,
)
from wizard.providers.ringcentral.probe import ProbeResult
from wizard.providers.ringcentral.signin import CALLBACK_SOURCE, RingCentralGrant
from wizard.providers.voice.mapping import MappingFacts, judge_mapping
from wizard.providers.voice.problems import ProviderProblem, mask
from wizard.providers.voice.results import make_result, problem_result, waiting_result

CREDENTIALS_CHECK = "ringcentral.client_credentials"
REDIRECT_CHECK = "ringcentral.redirect_uri"
GRADUATED_CHECK = "ringcentral.graduated"
USERS_CHECK = "ringcentral.user_identifiers"
CHECKS = (CREDENTIALS_CHECK, REDIRECT_CHECK, GRADUATED_CHECK, USERS_CHECK)
#: Checklist items (manual settings) a sign-in can prove.
SIGN_IN_PROVES = ("ringcentral.auth-flow", "ringcentral.refresh-tokens", "ringcentral.permissions")

Where = tuple[PageSpec, SettingSpec]


@dataclass(frozen=True)
class RingCentralFacts:
    """What the RingCentral checks found."""

    environment: str | None = None
    client_id: str | None = None
    probe: ProbeResult | None = None
    probe_problem: ProviderProblem | None = None
    production_probe: ProbeResult | None = None
    production_problem: ProviderProblem | None = None
    grant: RingCentralGrant | None = None
    signin_problem: ProviderProblem | None = None
    mapping: MappingFacts | None = None

    def probe_evidence(self, probe: ProbeResult | None = None) -> tuple[Evidence, ...]:
        found = probe or self.probe
        if found is None:
            return ()
        return (Evidence(source="RingCentral OAuth", detail=f"POST {found.token_url} grant_type=authorization_code with a made-up "
                         f"code, client {mask(self.client_id)}: HTTP {found.status} {', '.join(found.codes)}".strip()),)


def judge(guide: Guide, facts: RingCentralFacts, snapshot: OrgSnapshot | None = None,
          confirmations: Iterable[ManualConfirmation] = ()) -> list[CheckResult]:
    """Results for the RingCentral settings of `guide` that the facts say something about."""
    confirmed = {(c.page_id, c.setting_id): c for c in confirmations}
    callback = callback_url(snapshot.facts.my_domain_url) if snapshot is not None else None  # None: no org to compare with
    results: list[CheckResult] = []
    for page, setting in guide.settings():
        where: Where = (page, setting)
        found: CheckResult | None = None
        if setting.check == CREDENTIALS_CHECK:
            found = _credentials(guide, where, facts)
        elif setting.check == REDIRECT_CHECK:
            found = _redirect(guide, where, facts, confirmed.get((page.id, setting.id)), callback)
        elif setting.check == GRADUATED_CHECK:
            found = _graduated(guide, where, facts)
        elif setting.check == USERS_CHECK and facts.mapping is not None:
            found = judge_mapping(guide, where, facts.mapping)
        elif setting.id in SIGN_IN_PROVES:
            found = _checklist(guide, where, facts)
        elif snapshot is not None and facts.environment and facts.client_id:
            found = _salesforce_side(guide, where, facts, snapshot)
        if found is not None:
            results.append(found)
    return results


def _credentials(guide: Guide, where: Where, facts: RingCentralFacts) -> CheckResult:
    expected = "The token endpoint of the chosen environment knows the client ID and accepts the client secret"
    if facts.client_id is None or facts.environment is None:
        return waiting_result(guide, where, "Enter the app's client ID and client secret and choose sandbox or production, so "
                              "the wizard can check them with RingCentral.", expected)
    if facts.probe_problem is not None:
        return problem_result(guide, where, facts.probe_problem, expected=expected)
    probe = facts.probe
    assert probe is not None
    if probe.accepted or probe.verdict == "wrong_flow":  # the flow is judged on its own checklist item
        return make_result(guide, where, Status.PASS, expected=expected, observed=f"client {mask(facts.client_id)} known in {probe.environment}, "
                           "secret accepted", message=probe.seen, evidence=facts.probe_evidence())
    return make_result(guide, where, Status.FAIL, expected=expected, observed=probe.seen, message=probe.seen,
                       evidence=facts.probe_evidence(), hint=probe.todo)


def _checklist(guide: Guide, where: Where, facts: RingCentralFacts) -> CheckResult | None:
    setting_id = where[1].id
    evidence = (Evidence(source="RingCentral OAuth", detail=f"authorization code sign-in in {facts.environment}, token response"),)
    if setting_id == "ringcentral.auth-flow":
        if facts.probe is not None and facts.probe.verdict == "wrong_flow":
            return make_result(guide, where, Status.FAIL, expected=where[1].label, observed="the app refuses the authorization code grant",
                               message=facts.probe.seen, evidence=facts.probe_evidence(), hint=facts.probe.todo)
        if facts.grant is not None:
            return make_result(guide, where, Status.PASS, expected=where[1].label, observed="an authorization code was issued and exchanged",
                               message="The sign-in used the 3-legged authorization code flow with the client secret.", evidence=evidence)
        return None
    if facts.grant is None:
        return None
    if setting_id == "ringcentral.refresh-tokens":
        if facts.grant.issued_refresh_token:
            return make_result(guide, where, Status.PASS, expected="Issue refresh tokens?: Yes", observed="a refresh token was issued",
                               message="RingCentral issues refresh tokens to the app.", evidence=evidence)
        return make_result(guide, where, Status.FAIL, expected="Issue refresh tokens?: Yes", observed="no refresh token was issued",
                           message="Without refresh tokens Salesforce loses access to recordings an hour after authenticating.",
                           evidence=evidence, hint="In the app's Auth settings answer Yes to 'Issue refresh tokens?', click Update, and sign in again.")
    wanted = dict(PERMISSIONS)
    granted = set(facts.grant.scope)
    missing = [label for label, name in wanted.items() if name not in granted]
    expected = ", ".join(wanted)
    if not missing:
        return make_result(guide, where, Status.PASS, expected=expected, observed="all six granted", message="The token carries every permission the guide lists.", evidence=evidence)
    return make_result(guide, where, Status.FAIL, expected=expected, observed=f"missing: {', '.join(missing)}",
                       message=f"The app lacks {', '.join(missing)}.", evidence=evidence,
                       hint="Add the missing permissions under Security in the app's settings, click Update, and sign in again.")


def _redirect(guide: Guide, where: Where, facts: RingCentralFacts, confirmation: ManualConfirmation | None,
              callback: str | None) -> CheckResult:
    """A sign-in proves the redirect URI it used, so it proves this row only when that is the org's `callback` URL."""
    expected = "OAuth Redirect URI: the Ring Central auth provider's callback URL"
    grant = facts.grant
    if grant is not None and callback is not None and url_equal(grant.redirect_uri, callback):
        return make_result(guide, where, Status.PASS, expected=expected, observed=f"RingCentral redirected the sign-in to the callback URL {callback}",
                           message="The app's OAuth Redirect URI is the Salesforce callback URL.",
                           evidence=(Evidence(source="RingCentral OAuth", detail=f"authorize in {facts.environment} with redirect_uri = "
                                              f"{grant.redirect_uri} (the callback URL)"),))
    if facts.signin_problem is not None and facts.signin_problem.kind in ("credentials", "access"):
        return problem_result(guide, where, facts.signin_problem, expected=expected)
    if confirmation is not None:
        when = confirmation.at.strftime("%Y-%m-%d %H:%M UTC")
        return make_result(guide, where, Status.PASS, expected=expected, observed=f"confirmed by {confirmation.by} on {when}",
                           message="Confirmed by the admin (the optional sign-in to RingCentral would prove it).",
                           evidence=(confirmation_evidence(confirmation.by, when),))
    if grant is not None:
        return _other_redirect(guide, where, facts, grant, callback, expected)
    return waiting_result(guide, where, "Sign in to RingCentral from this page to prove the redirect URI is registered, or "
                          "confirm it by hand once the app's settings show the callback URL.", expected)


def _other_redirect(guide: Guide, where: Where, facts: RingCentralFacts, grant: RingCentralGrant, callback: str | None,
                    expected: str) -> CheckResult:
    """A sign-in with another redirect URI (``--redirect-uri``, or another org's callback URL) proves only that
    address is registered: the org's callback URL stays unproven, and the row says which address to sign in with."""
    proven = grant.redirect_uri or "an address the wizard did not record"
    temporary = url_equal(proven, DUMMY_REDIRECT_URI)
    named = f"{proven} (the guide's temporary redirect URI)" if temporary else proven
    evidence = (Evidence(source="RingCentral OAuth", detail=f"authorize in {facts.environment} with redirect_uri = {proven}"),)
    if callback is None:
        return make_result(
            guide, where, Status.MANUAL, expected=expected, observed=f"RingCentral redirected the sign-in to {named}; no org to compare it with",
            message=f"The sign-in proved only that RingCentral has {named} registered. Without an org the wizard does not know "
                    "the org's callback URL, so it cannot tell whether that address is the one Salesforce needs.",
            evidence=evidence,
            hint="Check again with the org (--org, or --demo) and sign in without --redirect-uri: the sign-in then uses the "
                 "org's callback URL.")
    replace = (f"In the app's settings in the developer console ({CONSOLE}), replace {proven} with {callback} and click "
               "Update. " if temporary else "")
    if grant.redirect_source == CALLBACK_SOURCE:  # made for another org's callback URL (another org was connected)
        again = f"Sign in to RingCentral again with this org: the sign-in then uses its callback URL {callback}."
    else:
        again = f"Sign in again without --redirect-uri (the wizard then uses the org's callback URL), or with --redirect-uri {callback}."
    return make_result(
        guide, where, Status.MANUAL, expected=f"OAuth Redirect URI: {callback} (the Ring Central auth provider's callback URL)",
        observed=f"RingCentral redirected the sign-in to {named}, not to the callback URL",
        message=f"The sign-in proved only that RingCentral has {named} registered, not the org's callback URL {callback}.",
        evidence=evidence, hint=replace + again)


def _graduated(guide: Guide, where: Where, facts: RingCentralFacts) -> CheckResult:
    expected = "RingCentral's production platform knows the app's client"
    if facts.environment == "production" and facts.probe is not None:
        return _graduated_by(guide, where, facts, facts.probe, expected, chosen=True)
    if facts.production_probe is not None:
        return _graduated_by(guide, where, facts, facts.production_probe, expected, chosen=False)
    if facts.production_problem is not None:
        return problem_result(guide, where, facts.production_problem, expected=expected)
    return waiting_result(guide, where, "Enter the app's credentials first; the wizard then asks RingCentral's production "
                          "platform whether the app has graduated.", expected)


def _graduated_by(guide: Guide, where: Where, facts: RingCentralFacts, probe: ProbeResult, expected: str, chosen: bool) -> CheckResult:
    evidence = facts.probe_evidence(probe)
    if probe.client_known and chosen:
        return make_result(guide, where, Status.PASS, expected=expected, observed="known in production",
                           message="The app works on RingCentral's production platform.", evidence=evidence)
    if probe.client_known:
        return make_result(guide, where, Status.WARN, expected=expected, observed="known in production; Salesforce set up for sandbox",
                           message="The app has graduated, but you chose the sandbox.", evidence=evidence,
                           hint="Choose production: the wizard then checks and writes the production endpoints and URL, and you "
                                "authenticate the named credential again with your production login.")
    return make_result(guide, where, Status.MANUAL, expected=expected, observed="not known in production yet",
                       message="The app has not graduated yet (expected until it passes RingCentral's graduation).",
                       evidence=evidence, hint="Complete RingCentral's graduation in the developer console, then choose production.")


def _salesforce_side(guide: Guide, where: Where, facts: RingCentralFacts, snapshot: OrgSnapshot) -> CheckResult | None:
    """The Ring Central auth provider and named credential against the admin's choices."""
    setting = where[1]
    params = setting.params
    env = str(facts.environment)
    urls = urls_for(env)
    both = set((params.get("environments") or {}).keys()) == {"sandbox", "production"}
    try:
        if setting.check == "auth_provider.consumer_key" and params.get("developer_name") == AUTH_PROVIDER:
            return _consumer_key(guide, where, facts, snapshot)
        if setting.check == "auth_provider.endpoints" and params.get("developer_name") == AUTH_PROVIDER and both:
            row = _row(snapshot, AUTH_PROVIDERS, AUTH_PROVIDER)
            if row is None:
                return None
            fields = urls.auth_provider_fields()
            wanted = {label: fields[column] for column, label in ENDPOINT_FIELDS.values()}
            seen = {label: str(row.get(column) or "") for column, label in ENDPOINT_FIELDS.values()}
            return _compare_env(guide, where, env, wanted, seen, AUTH_PROVIDERS.soql, "auth_provider")
        if setting.check == "named_credential.url" and params.get("name") == NAMED_CREDENTIAL and both:
            row = _row(snapshot, NAMED_CREDENTIALS, NAMED_CREDENTIAL)
            if row is None:
                return None
            return _compare_env(guide, where, env, {"URL": urls.named_credential_url}, {"URL": str(row.get("Endpoint") or "")},
                                NAMED_CREDENTIALS.soql, "named_credential")
    except (KeyError, ReadFailed):
        return None
    return None


def _row(snapshot: OrgSnapshot, read, name: str) -> dict | None:  # type: ignore[no-untyped-def]
    return next((r for r in snapshot.records(read) if r.get("DeveloperName") == name), None)


def _compare_env(guide: Guide, where: Where, env: str, wanted: dict[str, str], seen: dict[str, str], soql: str, fix: str) -> CheckResult:
    evidence = (Evidence(source="Tooling SOQL" if fix == "named_credential" else "REST SOQL", detail=soql),)
    expected = "; ".join(f"{k}: {v}" for k, v in wanted.items()) + f" ({env})"
    observed = "; ".join(f"{k}: {v or '(not set)'}" for k, v in seen.items())
    if all(url_equal(wanted[k], seen.get(k)) for k in wanted):
        return make_result(guide, where, Status.PASS, expected=expected, observed=observed, message=f"The {env} addresses, as chosen.", evidence=evidence)
    envs = {environment_of_url(v) for v in seen.values() if v}
    other = next(iter(envs)) if len(envs) == 1 else None
    why = (f"These are the {other} addresses, but you chose {env}." if other and other != env
           else f"These are not the {env} addresses the guide gives.")
    return make_result(guide, where, Status.FAIL, expected=expected, observed=observed, message=why, evidence=evidence, fix_name=fix,
                       hint=f"Let the wizard write the {env} addresses (apply with the {env} environment), or edit them in Setup.")


def _consumer_key(guide: Guide, where: Where, facts: RingCentralFacts, snapshot: OrgSnapshot) -> CheckResult | None:
    row = _row(snapshot, AUTH_PROVIDERS, AUTH_PROVIDER)
    if row is None:
        return None
    client_id = str(facts.client_id)
    key = str(row.get("ConsumerKey") or "")
    evidence = (Evidence(source="REST SOQL", detail=AUTH_PROVIDERS.soql),)
    expected = f"Consumer Key: the client ID you entered ({mask(client_id)})"
    if key == client_id:
        return make_result(guide, where, Status.PASS, expected=expected, observed=f"Consumer Key {mask(key)}",
                           message="The consumer key is the app's client ID.", evidence=evidence)
    return make_result(guide, where, Status.FAIL, expected=expected, observed=f"Consumer Key {mask(key)}" if key else "Consumer Key (not set)",
                       message="The auth provider's consumer key is not the client ID you entered, so Salesforce signs in to "
                               "RingCentral as another app.", evidence=evidence, fix_name="auth_provider",
                       hint="Let the wizard write the client ID from the keyring, or edit the auth provider in Setup.")
