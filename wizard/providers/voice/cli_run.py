"""``eci-wizard aircall check``, ``ringcentral check`` and ``map-users``: the provider side, headless.

``aircall check`` pings Aircall with the API key and, with an org, compares the Aircall named
credential and the users' identifiers. ``ringcentral check`` proves the app's credentials at the
chosen environment's token endpoint, compares the Ring Central auth provider and named credential
with that environment and, with ``--sign-in``, proves the redirect URI and the permissions.
``map-users`` proposes identifiers by e-mail and, with ``--apply``, writes them through the apply
door (preview, confirmation, backup; ``--undo`` puts them back).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from wizard.providers.voice.cli_context import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNCHECKED,
    CliError,
    Context,
    open_context,
    print_results,
)
from wizard.providers.voice.cli_secrets import aircall_credentials, ringcentral_client
from wizard.providers.voice.problems import ProviderProblem, mask

USER_CHECKS = {"aircall": "aircall.user_identifiers", "ringcentral": "ringcentral.user_identifiers"}


def _write_json(path: Any, results: list) -> None:
    from wizard.output_files import OutputFileError, write_output_text
    from wizard.secrets import redaction_values

    text = json.dumps([r.model_dump(mode="json") for r in results], indent=2)
    if any(v in text for v in redaction_values()):
        raise CliError("The results would contain a secret value, so the JSON file was not written.")
    try:
        write_output_text(path, text, "--json")
    except OutputFileError as exc:
        raise CliError(f"{exc} The results were checked; only the file is missing.") from None


def _check(args: argparse.Namespace, guide_id: str, ctx: Context, inputs: Any) -> int:
    from wizard.guides.loader import load_guide
    from wizard.providers.voice.verification import provider_results, read_provider_snapshot

    guide = load_guide(guide_id)
    conn = snapshot = None
    if ctx.target is not None:
        conn = ctx.target.connection
        snapshot = read_provider_snapshot(conn, ctx.target.facts)
        print(f"{guide.title} — {ctx.target.facts.name} ({ctx.target.facts.environment})")
    results = provider_results(guide, inputs, conn, snapshot)
    code = print_results(results)
    if args.json:
        _write_json(args.json, results)
    return code


def run_aircall_check(args: argparse.Namespace) -> int:
    from wizard.providers.voice.verification import VoiceInputs

    try:
        with open_context(args) as ctx:
            credentials = aircall_credentials(args, ctx)
            return _check(args, "aircall", ctx, VoiceInputs(ctx.endpoints, aircall=credentials))
    except CliError as exc:
        print(str(exc))
        return EXIT_UNCHECKED


def sign_in(args: argparse.Namespace, ctx: Context, client: Any) -> Any:
    """The RingCentral sign-in: scripted in demo mode, else the admin pastes the final address.

    The redirect URI signed in with is printed first: a refusal tells the admin to register
    exactly that address, so it must be on the screen. A ``--redirect-uri`` other than the org's
    callback URL is named as the admin's, never as the org's setting.
    """
    from wizard.providers.ringcentral.environments import callback_url
    from wizard.providers.ringcentral.signin import RingCentralSignIn

    org_callback = callback_url(ctx.target.facts.my_domain_url) if ctx.target is not None else None
    redirect = args.redirect_uri or org_callback
    if not redirect:
        raise CliError("The sign-in needs the Salesforce callback URL: connect an org (--org/--demo) or give --redirect-uri.")
    given = _own_redirect(args, ctx)
    if given:
        print(f"Signing in with the redirect URI given with --redirect-uri: {redirect}"
              + (f" (the org's callback URL is {org_callback})." if org_callback else "."))
    else:
        print(f"Signing in with the org's callback URL as redirect URI: {redirect}")
    source = "the redirect URI given with --redirect-uri" if given else "the Salesforce callback URL"
    signin = RingCentralSignIn(client, redirect, ctx.endpoints, redirect_source=source)
    signin.check_start()
    if ctx.demo:
        from wizard.providers.emulators.headless import demo_redirect

        login = ctx.emulators.demo_credentials().ringcentral_login
        if login is None:
            raise CliError("The demo scenario has no RingCentral user with a password to sign in with.")
        return signin.complete(demo_redirect(signin, *login))
    import sys

    if not sys.stdin.isatty():
        raise CliError("Signing in to RingCentral needs a person: run the command in a terminal (or use the wizard's window).")
    print("Open this address in your browser, sign in to RingCentral and click Authorize:\n" + signin.authorization_url)
    print("RingCentral then sends the browser to your org's callback URL. Salesforce will show an error page there (the "
          "wizard, not Salesforce, asked for the sign-in); that is expected.")
    try:
        pasted = input("Paste the full address the browser shows now: ").strip()
    except EOFError:  # Ctrl-D: the admin entered nothing, which is not a gap in the wizard
        print()
        raise CliError(f"No address was pasted (input ended). Expected: the full address the browser shows at {redirect} "
                       "after you click Authorize. Run the command again and paste it. Nothing was checked.") from None
    if not signin.is_redirect(pasted):
        raise CliError(f"That is not an address at the callback URL {redirect}. Nothing was checked.")
    return signin.complete(pasted)


def _own_redirect(args: argparse.Namespace, ctx: Context) -> bool:
    """Whether the sign-in used a --redirect-uri other than the org's callback URL."""
    from wizard.checks.common import url_equal
    from wizard.providers.ringcentral.environments import callback_url

    org_callback = callback_url(ctx.target.facts.my_domain_url) if ctx.target is not None else None
    return bool(args.redirect_uri) and not (org_callback and url_equal(args.redirect_uri, org_callback))


def run_ringcentral_check(args: argparse.Namespace) -> int:
    from wizard.providers.voice.verification import VoiceInputs

    try:
        with open_context(args) as ctx:
            client = ringcentral_client(args, ctx)
            grant = problem = None
            if args.sign_in:
                try:
                    grant = sign_in(args, ctx, client)
                    print(f"Signed in to RingCentral ({client.environment}); token scope: {' '.join(grant.scope)}.")
                except ProviderProblem as exc:
                    problem = exc
                    print(f"The sign-in to RingCentral stopped: {exc.message}")
                    if ctx.target is not None and _own_redirect(args, ctx):
                        # A refusal of the admin's own --redirect-uri says nothing about the org's callback URL.
                        print("The org's OAuth Redirect URI is not judged on it: the sign-in did not use the org's callback URL.")
                        problem = None
            inputs = VoiceInputs(ctx.endpoints, ringcentral=client, ringcentral_grant=grant, ringcentral_signin_problem=problem)
            return _check(args, "ringcentral", ctx, inputs)
    except CliError as exc:
        print(str(exc))
        return EXIT_UNCHECKED


def _describe(match: Any, provider_name: str) -> str:
    def one(c: Any) -> str:
        return f"{c.id} ({c.name}, {c.email})"

    if match.kind == "mapped":
        return f"already mapped to {one(match.candidates[0])}"
    if match.kind == "exact":
        return f"proposed: {one(match.candidates[0])}"
    if match.kind == "ambiguous":
        return "several users have this e-mail: " + "; ".join(one(c) for c in match.candidates) + " (choose with --choose)"
    if match.kind == "conflict":
        found = f"; same e-mail: {'; '.join(one(c) for c in match.candidates)}" if match.candidates else ""
        return f"holds {match.user.identifier}, which is not this person's {provider_name} user{found}"
    return f"no {provider_name} user has this e-mail (give one with --choose, or leave it)"


def _choices(args: argparse.Namespace, matches: list, provider_users: Any, provider_name: str) -> dict[str, str]:
    """User id -> identifier from ``--choose``, each checked against the provider's users; a
    choice that would replace a mapping by e-mail needs ``--replace-mapped``. Nothing is written
    when one is refused."""
    from wizard.providers.voice.matching import ChoiceRefused, check_choice, replaces_mapping

    chosen: dict[str, str] = {}
    for item in args.choose or ():
        match, value = _chosen(item, matches)
        try:
            check_choice(match, value, provider_users, provider_name)
        except ChoiceRefused as exc:
            raise CliError(f"--choose {item!r}: {exc} Nothing was changed.") from None
        if replaces_mapping(match, value) and not args.replace_mapped:
            raise CliError(_replacing(item, match, value, provider_name))
        chosen[match.user.id] = value.strip()
    return chosen


def _chosen(item: str, matches: list) -> tuple[Any, str]:
    """(the match of the ECI user named, the identifier) of one ``USERNAME=IDENTIFIER``."""
    who, sep, value = (part.strip() for part in item.partition("="))
    match = next((m for m in matches if who in (m.user.id, m.user.id[:15]) or who.lower() == m.user.username.lower()), None)
    if not sep or not value or match is None:
        raise CliError(f"--choose {item!r}: expected USERNAME=IDENTIFIER for one of the ECI users listed above. Nothing was changed.")
    return match, value


def _replacing(item: str, match: Any, value: str, provider_name: str) -> str:
    """The refusal of a choice that would undo a match by e-mail without --replace-mapped (a slip
    of the username in --choose must not remap someone who was right)."""
    who = match.user.name or match.user.username
    held = match.candidates[0]
    return (f"--choose {item!r}: {who} is already mapped to {held.id} ({held.name}, {held.email}), the {provider_name} user with "
            f"the same e-mail; {value} would replace it. Add --replace-mapped to replace it anyway, or leave {who} out of "
            "--choose. Nothing was changed.")


def run_map_users(args: argparse.Namespace) -> int:
    from wizard.apply.backup import BackupUnreadable

    try:
        with open_context(args) as ctx:
            return _map_users(args, ctx)
    except CliError as exc:
        print(str(exc))
        return EXIT_UNCHECKED
    except BackupUnreadable as exc:
        print(f"{exc} Nothing was changed.")
        return EXIT_UNCHECKED


def _map_users(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.apply.preview import UNDO_HINT, plan_text, result_text, undo_text
    from wizard.commands.apply import confirm
    from wizard.commands.apply_prompts import decided_by_options
    from wizard.engine.results import Status
    from wizard.guides.loader import load_guide
    from wizard.providers.voice import identifiers
    from wizard.providers.voice.mapping import gather_mapping, judge_mapping
    from wizard.providers.voice.matching import ChoiceRefused, accepted_writes, refuse_shared
    from wizard.providers.voice.result_words import MAP_USERS_WORDS
    from wizard.providers.voice.user_fields import PROVIDER_NAMES

    conn, facts, provider = ctx.target.connection, ctx.target.facts, args.provider
    if args.undo:
        # Only this provider's backup: the other provider's identifiers are not the admin's to undo here.
        name = PROVIDER_NAMES[provider]
        if identifiers.latest_backup(facts, provider=provider) is None:
            print(f"There is no {name} identifier change to undo for {facts.name} (the wizard has no backup of "
                  f"identifiers written from {name} there that is not undone yet); nothing was changed. Another "
                  "provider's write is undone with --provider naming that provider.")
            if not ctx.target.outlives_command:
                print("Each --demo run starts a new demo org, so a change made by an earlier run is not there to undo.")
            return EXIT_OK
        if confirm(args, facts.name, not facts.is_sandbox, f"put the {name} identifiers back") is None:
            return EXIT_UNCHECKED
        print(undo_text(identifiers.undo_identifiers(conn, facts, provider=provider)))
        return EXIT_OK
    fetch = _provider_users(args, ctx, provider)
    gathered = gather_mapping(conn, provider, fetch)
    if gathered.field is None or gathered.users is None:
        print(gathered.field_problem or gathered.users_problem)
        return EXIT_UNCHECKED
    if gathered.provider_problem is not None:
        print(gathered.provider_problem.message)
        return EXIT_UNCHECKED
    name = PROVIDER_NAMES[provider]
    matches = gathered.matches()
    print(f"{len(matches)} active user(s) hold an ECI permission set in {facts.name}; {gathered.field.label} is {gathered.field.name}.")
    for match in matches:
        print(f"  {match.user.name} <{match.user.email}>: {_describe(match, name)}")
    guide = load_guide(provider)
    where = next(((p, s) for p, s in guide.settings() if s.check == USER_CHECKS[provider]), None)
    if where is None:
        raise CliError(f"The {provider} guide has no user identifier setting.")
    writes = accepted_writes(matches, _choices(args, matches, gathered.provider_users, name))
    try:
        refuse_shared([m.user for m in matches], writes, name)
    except ChoiceRefused as exc:
        raise CliError(f"{exc} Nothing was changed.") from None
    plan = identifiers.plan_identifiers(guide, facts, provider, gathered.field, matches, writes, (where[0].id, where[1].id))
    print(plan_text(plan, guide.title, asks_name=bool(args.apply) and not decided_by_options(args)))
    if not args.apply or plan.empty:
        return EXIT_OK
    confirmation = confirm(args, facts.name, plan.production, "write these identifiers")
    if confirmation is None:
        return EXIT_UNCHECKED
    result = identifiers.apply_identifiers(conn, guide, plan, confirmation if plan.production else None,
                                           command="eci-wizard map-users")
    text = ctx.target.undo_hint(result_text(result, MAP_USERS_WORDS))  # a demo org that ends with the command: nothing to undo later
    print(text.replace(UNDO_HINT, f"(undo with 'eci-wizard map-users --provider {provider} --undo')"))
    after = judge_mapping(guide, where, gather_mapping(conn, provider, fetch))  # compared with the provider's users again
    if after.status == Status.ERROR and not result.wrote_nothing:
        # The re-check's own words say "nothing was changed", true of a check alone, false after these writes.
        backup = f" (backup {result.backup_id})" if result.backup_id else ""
        print(f"The {name} identifiers were written{backup}, but {facts.name} could not be read again to check them. "
              f"Check them with 'eci-wizard map-users --provider {provider}' without --apply once the org answers.")
        return EXIT_FAILED
    checked = print_results([after])
    if result.error:  # README: 2 when nothing was written (the org is as it was), 1 when something was
        return EXIT_UNCHECKED if result.wrote_nothing else EXIT_FAILED
    # The write may have gone through while the re-check still fails (an identifier naming nobody at
    # the provider): the README's code for "a setting failed" is 1, whatever the write did.
    return checked


def _provider_users(args: argparse.Namespace, ctx: Context, provider: str) -> Any:
    if provider == "aircall":
        from wizard.providers.aircall.client import AircallClient

        credentials = aircall_credentials(args, ctx)
        print(f"Reading Aircall's users with the API ID {mask(credentials.api_id)}.")
        return AircallClient(credentials, ctx.endpoints).users
    from wizard.providers.ringcentral.extensions import list_users

    client = ringcentral_client(args, ctx)
    try:
        grant = sign_in(args, ctx, client)
    except ProviderProblem as exc:
        raise CliError(f"The sign-in to RingCentral stopped: {exc.message}") from None
    return lambda: list_users(grant, ctx.endpoints)
