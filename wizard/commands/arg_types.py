"""Argument types shared by the subcommands: numbers checked where argparse can still say which.

A port of 99999 or a timeout of -1 otherwise travels into a socket call or a message and comes
back as a traceback or as nonsense ("waiting up to -1 seconds"); argparse reports these with the
option's name and the command's usage, exit code 2, before anything starts. Options given together
where the command would use one and silently drop the other are refused the same way
(`refuse_both`, `refuse_unused`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable


def port(*, any_free: bool = False) -> Callable[[str], int]:
    """A TCP port, 1–65535; with ``any_free`` also 0, meaning "let the system choose"."""
    low = 0 if any_free else 1

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
        if not low <= value <= 65535:
            hint = "0 (any free port) or 1–65535" if any_free else "1–65535"
            raise argparse.ArgumentTypeError(f"{value} is not a port number; expected {hint}")
        return value

    return parse


def positive_seconds(text: str) -> float:
    """A duration in seconds, more than zero."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not a duration; expected a number of seconds above 0")
    return value


def positive_count(text: str) -> int:
    """A whole number above zero (a count such as concurrent calls: -5 or 0 would judge nothing)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a count; expected a whole number of 1 or more")
    return value


def lambda_function_name(text: str) -> str:
    """A Lambda function's full name, checked as the named credential's URL will need it.

    An ARN or a name with spaces would otherwise reach the plan, which only says so among its
    notes, and a ``--dry-run`` would end with 0 as if the plan were complete.
    """
    from wizard.providers.aws.named_credential import expected_named_credential_url

    name = text.strip()
    try:
        expected_named_credential_url("us-east-1", name)  # the region is --aws-region's own check
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return name


#: The ``--guide`` help line, from the guides the wizard carries.
GUIDE_HELP = "the setup guide: natterbox, aircall, ringcentral, execvision or amazon-connect ('eci-wizard guides' lists them)"


def guide_id(text: str) -> str:
    """The id of a guide the wizard carries, so a misspelt ``--guide`` stops before any org is opened."""
    from wizard.guides.loader import guide_ids

    known = guide_ids()
    if text not in known:
        raise argparse.ArgumentTypeError(f"no guide is called {text!r}; the guides are {', '.join(known)}")
    return text


def given(args: argparse.Namespace, option: str) -> bool:
    """Whether the admin gave `option` (``--key-id`` is read as ``args.key_id``): a value, a flag, a list."""
    value = getattr(args, option.lstrip("-").replace("-", "_"), None)
    return value not in (None, False, [], ())


def refuse_both(parser: argparse.ArgumentParser, args: argparse.Namespace, pairs: Iterable[tuple[str, str, str]]) -> None:
    """A usage error (exit 2, before anything is read) for the first pair ``(kept, ignored, why)`` given together.

    For pairs a mutually exclusive group cannot hold (the options live in different groups, or one
    is refused only in some modes). The wizard would use `kept` and do nothing with `ignored`; saying
    so here is the only way the admin learns which of their two choices counted.
    """
    for kept, ignored, why in pairs:
        if given(args, kept) and given(args, ignored):
            parser.error(f"{kept} and {ignored} were both given, but {why}. Give only one of them.")


def refuse_unused(parser: argparse.ArgumentParser, args: argparse.Namespace, options: Iterable[str], where: str, why: str) -> None:
    """A usage error (exit 2) naming every one of `options` given where it does nothing (`where`, because `why`)."""
    found = [option for option in options if given(args, option)]
    if found:
        what = found[0] if len(found) == 1 else ", ".join(found[:-1]) + " and " + found[-1]
        parser.error(f"{what} {'does' if len(found) == 1 else 'do'} nothing with {where}: {why}. "
                     f"Leave {'it' if len(found) == 1 else 'them'} out.")
