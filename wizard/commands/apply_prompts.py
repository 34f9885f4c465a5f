"""The questions ``apply``, ``undo`` and ``assign-permission-set`` ask in a terminal before writing.

One place decides what counts as confirmed (a production org's name typed or given with
``--production-confirm``, else ``--yes`` or a typed yes), so the three commands and the voice
providers' ``--apply`` (which imports `confirm`) refuse the same way. Without a terminal nothing is
asked: the answer is a refusal that says which option to add.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any


class ValueRefused(ValueError):
    """A typed value does not have the form every such value has (`SecretNeed.refusal`): it was
    neither kept nor written, and the apply did not start."""


def interactive() -> bool:
    """Whether someone can answer: standard input is a terminal (a pipe or a CI job never is)."""
    return sys.stdin.isatty()


def confirm(args: argparse.Namespace, org_name: str, production: bool, what: str) -> str | None:
    """The confirmation for `what`: the org's name for production, 'yes' otherwise; None = refused."""
    if production:
        if not org_name.strip():  # an unknown name must never be matched by an empty answer
            print("This production org's name could not be read, so the change cannot be confirmed. "
                  "Nothing was changed. Check the connection and run again.", file=sys.stderr)
            return None
        if args.production_confirm is not None:
            if args.production_confirm.strip() == org_name:
                return org_name
            print(f"--production-confirm does not match: this org is named {org_name!r}. Nothing was changed.", file=sys.stderr)
            return None
        if args.yes:
            print(
                f"{org_name} is a production org: --yes alone is not enough. Add --production-confirm "
                f"'{org_name}' to {what}, or run without --yes and type the name. Nothing was changed.",
                file=sys.stderr,
            )
            return None
        if not interactive():
            print(f"{org_name} is a production org; confirm with --production-confirm '{org_name}'. Nothing was changed.", file=sys.stderr)
            return None
        typed = input(f"{org_name} is a PRODUCTION org. Type its name to {what}: ").strip()
        if typed == org_name:
            return typed
        print(f"{typed!r} is not this org's name ({org_name!r}). Nothing was changed.", file=sys.stderr)
        return None
    if args.yes:
        return "yes"
    if not interactive():
        print("Add --yes to write without a prompt. Nothing was changed.", file=sys.stderr)
        return None
    if input(f"{what[0].upper() + what[1:]}? [y/N] ").strip().lower() in ("y", "yes"):
        return "yes"
    print("Not confirmed. Nothing was changed.", file=sys.stderr)
    return None


def decided_by_options(args: argparse.Namespace) -> bool:
    """Whether `confirm` will answer from the options alone, without a prompt: so it can be asked
    before the values a plan needs, and a refusal is said together with what else is missing."""
    return args.production_confirm is not None or bool(args.yes) or not interactive()


def missing_values_text(plan: Any, secrets: Any) -> str:
    """The refusal when values the plan needs were not entered: which ones, and how to give them."""
    names = [f"{need.label} (or give --{need.name.replace('_', '-')})" for need in plan.inputs_needed]
    names += [need.label for need in plan.secrets_needed if not secrets.has(need.name)]
    how = ("run the command in a terminal: the wizard asks for each (secrets with a hidden prompt), "
           "since secrets are never taken as arguments")
    return f"The plan needs values that were not entered: {'; '.join(names)}. Expected each to be entered; {how}. Nothing was changed."


def ask_missing(plan: Any, secrets: Any, inputs: Any) -> tuple[Any, bool]:
    """Prompt for missing choices and secrets (hidden input); returns (inputs, all present).

    Raises `ValueRefused` for a value without its need's form (a mistyped AWS access key ID)."""
    import dataclasses

    changes = {}
    for need in plan.inputs_needed:
        if not interactive():
            return inputs, False
        value = input(f"{need.label}: ").strip()
        if not value:
            return inputs, False
        changes[need.name] = value
    for need in plan.secrets_needed:
        if secrets.has(need.name):
            continue
        if not interactive():
            return inputs, False
        print(f"{need.label}. {need.where}")
        value = need.cleaned(getpass.getpass(f"{need.label} (hidden): ") if need.hidden else input(f"{need.label}: ").strip())
        if not value:
            return inputs, False
        if refusal := need.refusal(value):  # said now, before it is kept or written (the org's check would only warn after)
            raise ValueRefused(f"{refusal} Nothing was changed. Run the command again and enter it when asked.")
        if not secrets.put(need.name, value):
            print(secrets.kept_where())
    return (dataclasses.replace(inputs, **changes) if changes else inputs), True
