"""What the window's AWS panel says about the AWS side, kept apart from Qt so it can be tested alone.

The panel's status line must stay true to the moment: while the guide's AWS settings are being
read it says so, and once they have been read it says when and what came of it (or what stopped
it), never "Reading…" after the fact. The account is named in the admin's words: the demo's own
account is "the demo's local AWS account", never the emulator library's user name from its ARN.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from wizard.engine.results import CheckResult
from wizard.providers.aws.credential_sources import DEMO_SOURCE
from wizard.result_table import tally

if TYPE_CHECKING:  # the panel imports these words before boto3 is needed
    from wizard.providers.aws.access import AwsAccess, CallerIdentity

#: The panel's field for the command line's ``--concurrent-calls`` (`checks_stack.CONCURRENT_CALLS`).
CONCURRENT_CALLS_FIELD = "Expected concurrent calls"


def account_words(access: AwsAccess, identity: CallerIdentity | None) -> str:
    """Whose AWS the wizard reads, as the panel names it: the demo's account by what it is, any other
    by its number and the identity AWS answered with, then how it was reached and the region."""
    if access.source == DEMO_SOURCE:
        return f"{DEMO_SOURCE} ({access.region})"
    if identity is None:
        return f"AWS ({access.source}, {access.region})"
    return f"AWS account {identity.account} as {identity.arn} ({access.source}, {access.region})"


def reading_text(access: AwsAccess, identity: CallerIdentity | None) -> str:
    """Signed in, the guide's AWS settings being read now (said only while that read runs)."""
    return f"Signed in to {account_words(access, identity)}. Reading the guide's AWS settings…"


def signed_in_text(access: AwsAccess, identity: CallerIdentity | None) -> str:
    """Signed in, nothing read yet (the org is not signed in, so no page can be checked)."""
    return f"Signed in to {account_words(access, identity)}."


def checked_text(access: AwsAccess, identity: CallerIdentity | None, when: datetime,
                 results: Iterable[CheckResult], problem: str = "") -> str:
    """What the last read of the guide's AWS settings found, and when: how many were read and how they
    stand, or why AWS could not be read (the rows say the same, setting by setting)."""
    at = when.astimezone().strftime("%H:%M")
    who = account_words(access, identity)
    if problem:
        return f"Checked at {at}: {who} could not be read. {problem}"
    listed = list(results)
    if not listed:
        return f"Checked at {at}: no AWS setting of the guide was read from {who}."
    count, _, how = tally(listed).partition(": ")
    return f"Checked at {at}: {count.replace('settings', 'AWS settings')} read from {who}; {how}."


def stopped_text(access: AwsAccess, identity: CallerIdentity | None) -> str:
    """Signed in, but the check of the pages ended before AWS was read (cancelled, or the org's check failed)."""
    return (f"Signed in to {account_words(access, identity)}, but the check stopped before the AWS settings were read. "
            "Press Check AWS again to read them.")


def parse_concurrent_calls(text: str) -> int | None:
    """The panel's "Expected concurrent calls": empty means not said (the timeout is not judged);
    otherwise a whole number above zero, as the command line's ``--concurrent-calls`` takes."""
    typed = text.strip().replace(",", "").replace(" ", "")
    if not typed:
        return None
    if not typed.isdigit() or int(typed) < 1:
        raise ValueError(f"“{CONCURRENT_CALLS_FIELD}” is {text.strip()!r}, and the wizard expects a whole number above "
                         "zero (for example 1500). Correct it, or empty it if you do not know yet, then press Check AWS.")
    return int(typed)
