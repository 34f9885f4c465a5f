"""The access key ID an AWS Signature Version 4 named credential signs with.

Setup shows the key ID once it is saved (the secret access key never comes back), so the wizard can
check what the guides' "keys" step leaves behind: a key ID is there, and it has the form AWS gives
key IDs. The value itself is never shown, logged or reported: the wizard keeps such values in the
keyring only, and the admin can compare it in Setup.
"""

from __future__ import annotations

import re

from wizard.checks.common import failed, missing, passed, row_named, warned
from wizard.checks.registry import CheckContext, Params, Verdict, check
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import SoqlRead

#: Its own Tooling query, merged with the guide's others into one Tooling request, so that no other
#: reader of named credentials (the fixes' backups among them) ever holds the key ID.
ACCESS_KEYS = SoqlRead("SELECT DeveloperName, AwsAccessKey FROM NamedCredential", api="tooling")
#: An AWS access key ID: AKIA (a user's long-term key) or ASIA (temporary), then 16 capitals or digits.
KEY_ID = re.compile(r"(AKIA|ASIA)[A-Z0-9]{16}")
EXPECTED = "an AWS access key ID (AKIA followed by 16 letters or digits)"


def _reads(params: Params, facts: OrgFacts | None) -> list[SoqlRead]:
    return [ACCESS_KEYS]


@check("named_credential.aws_access_key", reads=_reads, expected=lambda params, facts: EXPECTED)
def aws_access_key(ctx: CheckContext) -> Verdict:
    """The credential holds an access key ID of AWS's form (its value is never shown)."""
    name = str(ctx.param("name"))
    row = row_named(ctx.snapshot.records(ACCESS_KEYS), name)
    if row is None:
        return missing(f"The named credential {name}", EXPECTED)
    key = str(row.get("AwsAccessKey") or "").strip()
    source = str(ctx.param("source", "the key's owner"))
    if not key:
        return failed(EXPECTED, "(not set)", f"{name} has no AWS access key ID. Type the key ID and secret access key "
                      f"from {source} into it in Setup, Named Credentials, and save.")
    if not KEY_ID.fullmatch(key):
        return warned(EXPECTED, f"set, but not in that form ({len(key)} characters)",
                      f"The access key ID of {name} does not look like one AWS issues. Compare it in Setup, Named "
                      f"Credentials, with the one from {source}; a mistyped ID makes every signed request fail.")
    return passed(EXPECTED, "set (not shown)", f"{name} holds an access key ID of the form AWS issues; compare it "
                  f"with the one from {source} in Setup if in doubt.")
