"""How an access names where its credentials came from, and the keyring label read back from that name.

The name travels with the snapshot (`AwsSnapshot.credential_source`) into rows, the report and the
command line's header; the IAM check reads the keyring label back from it to say exactly which
saved keys to forget. Kept apart from `access` so the pure checks never import boto3.
"""

from __future__ import annotations

#: The keyring label the window saves access keys under when the admin gives none.
DEFAULT_KEYS_LABEL = "amazon-connect"
_KEYRING_PREFIX = "keys from the keyring ("
#: The credential source of the demo's own account (`demo.LocalAws.access`), named by what it is to
#: the admin: the demo's account, never the emulator that plays it.
DEMO_SOURCE = "the demo's local AWS account"


def keyring_source(label: str) -> str:
    """The credential source of an access made from the keys saved under `label`."""
    return f"{_KEYRING_PREFIX}{label})"


def keyring_label(source: str) -> str | None:
    """The keyring label in a source made by `keyring_source`; None for any other source."""
    if source.startswith(_KEYRING_PREFIX) and source.endswith(")"):
        return source[len(_KEYRING_PREFIX):-1]
    return None
