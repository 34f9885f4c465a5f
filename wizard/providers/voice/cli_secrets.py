"""The provider secrets of the commands: tried with the provider first, kept only once accepted.

The Aircall API token and the RingCentral client secret come from the keyring or a hidden prompt,
never from arguments. Whatever its origin, the value is first tried with the provider, with the
same calls the window's panels make (`VoiceSession.try_aircall` / `try_ringcentral`). A typed value
goes to the keyring, and to "Fix it for me" in the org, only when the provider accepted it,
``--save`` was given and this is not the demo: a refused value would otherwise be reused by every
later run without a question, and demo values live in this run's memory only (as in the window).

A saved value the provider now refuses (a deleted key, a rotated secret) is never reused in
silence: the command says so and, in a terminal, asks for it again; with ``--save`` the new value
replaces the saved one once the provider accepts it. Without a terminal the saved value is checked
as it is (the results show why it fails) and the command says how to replace it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from wizard import secrets
from wizard.providers.aircall.credentials import (
    AircallCredentials,
    MissingToken,
    load_credentials,
    store_token,
)
from wizard.providers.ringcentral.credentials import (
    MissingSecret,
    RingCentralClient,
    load_client,
    store_secret,
)
from wizard.providers.ringcentral.probe import UNKNOWN_CLIENT_CODES
from wizard.providers.voice.cli_context import CliError, Context
from wizard.providers.voice.problems import ProviderProblem, mask
from wizard.providers.voice.session import VoiceSession

#: Problem kinds that mean the provider answered and refused the value (others: it could not be asked).
REFUSED_KINDS = ("credentials", "access")

C = TypeVar("C", AircallCredentials, RingCentralClient)


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask_secret(label: str) -> str:
    if not _interactive():
        raise CliError(f"No {label} is stored in the keyring for these values. Run the command in a terminal to type it "
                       "(hidden), with --save to keep it. Secrets are never taken as arguments.")
    try:
        value = getpass.getpass(f"{label} (hidden): ").strip()
    except EOFError:  # Ctrl-D: nothing entered, said as such rather than as a gap in the wizard
        print()
        raise CliError(f"No {label} was typed (input ended). Expected: the {label}, typed at the hidden prompt. Run the "
                       "command again and type it. Nothing was checked.") from None
    if not value:
        raise CliError(f"No {label} was typed. Nothing was checked.")
    return value


def _refused(problem: ProviderProblem | None) -> ProviderProblem | None:
    """The problem when the provider answered and refused the value; None when accepted or not asked."""
    return problem if problem is not None and problem.kind in REFUSED_KINDS else None


def _saved_refused(ctx: Context, label: str, provider: str, owner: str, problem: ProviderProblem) -> bool:
    """Say that the saved value is refused now; True when the admin can type it again (a terminal)."""
    print(f"{provider} refuses the {label} saved in the keyring for {owner}: {problem.seen}")
    if ctx.demo:
        replace = "demo mode keeps nothing typed, so the saved one stays; run without --demo and with --save to replace it"
    else:
        replace = f"with --save it replaces the saved one once {provider} accepts it"
    if _interactive():
        print(f"Type the {label} again ({replace}).")
        return True
    print(f"It is checked as it is. To replace it, run the command again in a terminal with --save: it asks for the {label} "
          f"(hidden) and keeps the new one once {provider} accepts it.")
    return False


def _keep(args: argparse.Namespace, ctx: Context, label: str, provider: str, owner: str, problem: ProviderProblem | None,
          store: Callable[[], None], replacing: bool) -> None:
    """Keep a typed value the provider accepted (``--save``, not the demo); say what happened to it."""
    if problem is None:
        if args.save and ctx.demo:
            print(f"Demo mode: the {label} is used for this run only; nothing typed in demo mode is kept in the keyring.")
        elif args.save:
            _save(store, label)
        elif replacing:
            print(f"{provider} accepted the {label} you typed; it is used for this run only. The saved one is unchanged: "
                  "add --save to replace it.")
        return
    if args.save or replacing:
        unchanged = " The saved one is unchanged." if replacing else ""
        if _refused(problem):
            print(f"Nothing was saved: {provider} did not accept {owner} with the {label} you typed (the results below say "
                  f"why).{unchanged} "
                  f"The wizard keeps it only once {provider} accepts it: check it and run the command again.")
        else:
            print(f"Nothing was saved: {provider} could not be asked whether it accepts {owner} with the {label} you typed. "
                  f"{problem.seen}{unchanged} The wizard keeps it only once {provider} accepts it: run the command again when "
                  f"{provider} answers.")


def _save(store: Callable[[], None], what: str) -> None:
    try:
        store()
        print(f"The {what} is saved in the system keyring ({secrets.backend_name()}).")
    except secrets.KeyringUnavailable as exc:
        print(f"{exc} It is used for this run only.")


def _link(args: argparse.Namespace, ctx: Context, **credentials: Any) -> None:
    """With --save and a real org: hand accepted credentials to "Fix it for me" (the apply door)."""
    if not (args.save and ctx.target is not None and not ctx.demo):
        return
    from wizard.apply.secret_source import SecretSource
    from wizard.providers.voice.apply_link import link_to_apply

    stored = link_to_apply(SecretSource.for_org(ctx.target.facts), **credentials)
    if stored:
        print(f"Also kept for the wizard's fixes in {ctx.target.facts.name}: {', '.join(stored)}.")


@dataclass(frozen=True)
class _SecretFlow(Generic[C]):
    """What differs between the providers in `_tried`; the flow itself is the same for both.

    Aircall's API token and RingCentral's client secret are both saved → tried → asked again if
    refused → kept only with --save once accepted, never in demo. One flow keeps those rules in one
    place, so a fix to one provider's path cannot miss the other's.
    """

    provider: str  # the provider's name in sentences ("Aircall")
    label: str  # what is asked for and named as refused ("RingCentral client secret (sandbox)")
    kept_as: str  # what is named when it is kept or not
    owner: str  # whose secret, identifier masked ("the API ID …0001")
    link_as: str  # the keyword `_link` hands the credentials to "Fix it for me" under
    load: Callable[[], C | None]  # the saved credentials, None when nothing is saved
    build: Callable[[str], C]  # credentials holding a typed (or demo) secret
    secret_of: Callable[[C], str]
    try_secret: Callable[[str], ProviderProblem | None]  # None: the provider accepted it
    store: Callable[[str], None]
    demo_secret: str | None = None  # the demo scenario's own secret, when its identifier was given
    demo_note: str = ""
    #: A refusal that says nothing about the saved secret (RingCentral's unknown client ID, often the
    #: other environment): the saved one is used and the results explain it.
    not_about_secret: Callable[[ProviderProblem], bool] = lambda problem: False


def _tried(args: argparse.Namespace, ctx: Context, flow: _SecretFlow[C]) -> C:
    """The saved secret if the provider does not refuse it, else the demo's, else a typed one; each tried first."""
    saved = flow.load()
    if saved is not None:
        problem = flow.try_secret(flow.secret_of(saved))
        refused = _refused(problem)
        if refused is None or flow.not_about_secret(refused):
            if problem is None:
                _link(args, ctx, **{flow.link_as: saved})
            return saved
        if not _saved_refused(ctx, flow.label, flow.provider, flow.owner, refused):
            return saved
    elif flow.demo_secret:
        print(flow.demo_note)
        return flow.build(flow.demo_secret)
    typed = flow.build(_ask_secret(flow.label))
    problem = flow.try_secret(flow.secret_of(typed))
    _keep(args, ctx, flow.kept_as, flow.provider, flow.owner, problem, lambda: flow.store(flow.secret_of(typed)),
          replacing=saved is not None)
    if problem is None:
        _link(args, ctx, **{flow.link_as: typed})
    return typed


def aircall_credentials(args: argparse.Namespace, ctx: Context) -> AircallCredentials:
    """The API key: API ID from the arguments (or the demo's), token from the keyring or a prompt, tried first."""
    demo = ctx.emulators.demo_credentials() if ctx.demo else None
    api_id = args.api_id or (demo.aircall_api_id if demo else None)
    if not api_id:
        raise CliError("Give the Aircall API ID with --api-id (Integrations & API > API Keys in the Aircall dashboard).")
    session = VoiceSession(ctx.endpoints)

    def load() -> AircallCredentials | None:
        try:
            return load_credentials(api_id)
        except MissingToken:
            return None

    label = "Aircall API token"
    return _tried(args, ctx, _SecretFlow(
        provider="Aircall", label=label, kept_as=label, owner=f"the API ID {mask(api_id)}", link_as="aircall",
        load=load, build=lambda token: AircallCredentials(api_id, token), secret_of=lambda c: c.api_token,
        try_secret=lambda token: session.try_aircall(api_id, token, keep=False),
        store=lambda token: store_token(api_id, token),
        demo_secret=demo.aircall_api_token if demo and demo.aircall_api_id == api_id else None,
        demo_note="Using the demo scenario's Aircall API key (demo data).",
    ))


def ringcentral_client(args: argparse.Namespace, ctx: Context) -> RingCentralClient:
    """The app's credentials in the chosen environment: client ID argument, secret keyring or prompt, tried first."""
    demo = ctx.emulators.demo_credentials() if ctx.demo else None
    client_id = args.client_id or (demo.ringcentral_client_id if demo else None)
    if not client_id:
        raise CliError("Give the RingCentral app's client ID with --client-id (the app's dashboard in the developer console).")
    session = VoiceSession(ctx.endpoints)

    def load() -> RingCentralClient | None:
        try:
            return load_client(args.env, client_id)
        except MissingSecret:
            return None

    return _tried(args, ctx, _SecretFlow(
        provider="RingCentral", label=f"RingCentral client secret ({args.env})", kept_as="RingCentral client secret",
        owner=f"the client ID {mask(client_id)}", link_as="ringcentral",
        load=load, build=lambda secret: RingCentralClient(args.env, client_id, secret), secret_of=lambda c: c.client_secret,
        try_secret=lambda secret: session.try_ringcentral(args.env, client_id, secret, keep=False),
        store=lambda secret: store_secret(args.env, client_id, secret),
        demo_secret=demo.ringcentral_client_secret if demo and demo.ringcentral_client_id == client_id else None,
        demo_note="Using the demo scenario's RingCentral app (demo data).",
        not_about_secret=lambda refused: refused.code in UNKNOWN_CLIENT_CODES,
    ))
