"""RingCentral app graduation, as the guide's last page describes it, during an org's graduation.

"After the app has graduated to production, repeat the configuration process by using production
endpoints": the Ring Central auth provider and the Ring_Central named credential move from
``platform.devtest.ringcentral.com`` to ``platform.ringcentral.com`` (the apply door writes that,
with the guide's exact URLs), they take the production client ID and secret (asked, kept in the
keyring), and the redirect URI step is redone: the production app's OAuth Redirect URI must be the
target org's callback URL. What RingCentral can show is checked on its side: the production token
endpoint must know the client and accept its secret (proof the app graduated), and the authorize
endpoint must accept the callback URL as a registered redirect URI.
"""

from __future__ import annotations

from wizard.apply.model import ManualAction, SecretNeed
from wizard.apply.secret_source import SecretSource
from wizard.engine.results import CheckResult, Evidence, Status
from wizard.guides.schema import Guide
from wizard.profiles.model import SetupProfile
from wizard.providers.ringcentral.credentials import RingCentralClient
from wizard.providers.ringcentral.environments import AUTH_PROVIDER, callback_url
from wizard.providers.ringcentral.gather import gather
from wizard.providers.ringcentral.results import CREDENTIALS_CHECK, GRADUATED_CHECK, REDIRECT_CHECK
from wizard.providers.ringcentral.results import judge as judge_ringcentral
from wizard.providers.ringcentral.signin import RingCentralSignIn
from wizard.providers.voice.endpoints import ProviderEndpoints
from wizard.providers.voice.problems import ProviderProblem
from wizard.providers.voice.results import make_result

ENV_KEY = "ringcentral_environment"
#: The apply door's keyring names for the Ring Central auth provider's consumer key and secret.
CLIENT_ID = f"{AUTH_PROVIDER}/consumer_key"
CLIENT_SECRET = f"{AUTH_PROVIDER}/consumer_secret"
CONSOLE = "https://developers.ringcentral.com/console"
GRADUATION_PAGE = "graduate-ringcentral-app"
REDIRECT_SETTING = "ringcentral.redirect-uri"


def applies(profile: SetupProfile) -> bool:
    """Whether the profile carries a RingCentral app (its environment is one of the choices)."""
    return profile.env(ENV_KEY) is not None


def graduation_settings(guide: Guide) -> list[tuple[str, str]]:
    """The optional, checked settings of the guide's graduation page (production endpoints)."""
    return [(p.id, s.id) for p, s in guide.settings() if p.id == GRADUATION_PAGE and s.optional and s.check]


def secret_needs(environment: str) -> list[SecretNeed]:
    """The app's client ID and secret for the chosen environment, in the admin's words."""
    where = f"The {environment} app's dashboard in the RingCentral developer console ({CONSOLE})."
    return [
        SecretNeed(name=CLIENT_ID, label=f"Client ID of the RingCentral app in {environment}", where=where),
        SecretNeed(name=CLIENT_SECRET, label=f"Client secret of the RingCentral app in {environment}", where=where),
    ]


def relabel(needs: list[SecretNeed], environment: str) -> list[SecretNeed]:
    """The door's generic auth provider needs, named as the RingCentral guide names them."""
    ours = {n.name: n for n in secret_needs(environment)}
    return [ours.get(n.name, n) for n in needs]


def manual_steps(target_my_domain: str, source_my_domain: str, environment: str, provider_existed: bool) -> list[ManualAction]:
    """What only a person can do: the redirect URI (and an existing provider's secret)."""
    url = callback_url(target_my_domain)
    steps = [ManualAction(
        title="Redo the redirect URI step in RingCentral",
        do=(f"In the RingCentral developer console open the {environment} app's settings, set its OAuth Redirect URI to "
            f"{url}" + (f" (the sandbox org used {callback_url(source_my_domain)})" if source_my_domain and source_my_domain != target_my_domain else "")
            + ", and click Update."),
        setup_page=CONSOLE,
        setting_id="ringcentral.redirect-uri",
    )]
    if provider_existed:
        steps.append(ManualAction(
            title="Enter the new client secret in the Ring Central auth provider",
            do=("Salesforce does not let an API change an existing auth provider's consumer secret: in Setup > Auth. Providers "
                f"> Ring Central > Edit, paste the {environment} app's client secret as Consumer Secret and save."),
            setup_page="/lightning/setup/AuthProviders/home",
        ))
    return steps


def _redirect_result(guide: Guide, client: RingCentralClient, target_my_domain: str, endpoints: ProviderEndpoints) -> CheckResult | None:
    """Ask RingCentral's authorize endpoint whether the target's callback URL is a registered redirect
    URI (it answers before anyone signs in); None when the guide has no such setting."""
    where = next(((p, s) for p, s in guide.settings() if s.id == REDIRECT_SETTING), None)
    if where is None:
        return None
    url = callback_url(target_my_domain)
    signin = RingCentralSignIn(client, url, endpoints)
    evidence = (Evidence(source="RingCentral OAuth", detail=f"GET {signin.authorization_url.split('?')[0]} with redirect_uri = {url}"),)
    try:
        signin.check_start()
    except ProviderProblem as exc:
        return make_result(guide, where, Status.FAIL if exc.kind in ("credentials", "access") else Status.ERROR, expected=url,
                           observed="not registered" if exc.kind == "credentials" else exc.seen, message=exc.message,
                           evidence=evidence, hint=exc.todo)
    finally:
        signin.discard()
    return make_result(guide, where, Status.PASS, expected=url, observed=url, evidence=evidence,
                       message="RingCentral accepts this org's callback URL as the app's OAuth Redirect URI.")


def provider_checks(
    guide: Guide, environment: str, secrets: SecretSource, target_my_domain: str, endpoints: ProviderEndpoints | None = None
) -> list[CheckResult]:
    """RingCentral's answers for the guide's app settings (none without the app's credentials).

    The provider's own checks judge the credentials and the graduation; the redirect URI, which
    they can only prove with a person's sign-in, is asked of the authorize endpoint here.
    """
    client_id, client_secret = secrets.get(CLIENT_ID), secrets.get(CLIENT_SECRET)
    if not client_id or not client_secret:
        return []
    endpoints = endpoints or ProviderEndpoints.from_env()
    client = RingCentralClient(environment, client_id, client_secret)  # type: ignore[arg-type]
    facts = gather(client, endpoints, conn=None, with_users=False)
    wanted = (CREDENTIALS_CHECK, GRADUATED_CHECK, REDIRECT_CHECK)
    check_of = {setting.id: setting.check for _page, setting in guide.settings()}
    results = [r for r in judge_ringcentral(guide, facts) if check_of.get(r.check_id) in wanted]
    known = facts.probe is not None and facts.probe.client_known
    if known and not any(r.check_id == REDIRECT_SETTING and r.status in (Status.PASS, Status.FAIL) for r in results):
        redirect = _redirect_result(guide, client, target_my_domain, endpoints)
        if redirect is not None:
            results = [r for r in results if r.check_id != REDIRECT_SETTING] + [redirect]
    return results
