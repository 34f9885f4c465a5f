"""Who the admin named: user ids or usernames, a profile, and the refusal when they name nobody.

``apply --users/--profile`` (planned from the verification's snapshot) and
``assign-permission-set`` (queried on the spot) read the named users differently but must agree
on what a reference is and on what to say when it matches nobody. Only a 15- or 18-character id
with the User key prefix ``005`` is an id: anything else is looked up as a username, because
sending ``WHERE Id IN ('nobody')`` makes Salesforce refuse the whole query. A reference or a
profile that matches nobody stops the run before anything is planned or written: falling back to
the signed-in user, or assigning to nobody and reporting success, would hide the typo.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from wizard.apply.model import ApplyInputs
from wizard.apply.targets import targets_for
from wizard.engine.reads import SoqlRead
from wizard.guides.schema import Guide

#: A User record id: key prefix 005, then 12 (15-character id) or 15 (18-character id) letters/digits.
USER_ID = re.compile(r"005[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?")
#: Every profile's name: read only to say which profiles exist when the one named does not.
PROFILE_NAMES = SoqlRead("SELECT Name FROM Profile ORDER BY Name")
SHOWN_PROFILES = 15


class UserChoiceError(ValueError):
    """The users or profile the admin named do not exist; the message says what was seen,
    what was expected and what to do. Raised before anything is written."""


def names_users(inputs: ApplyInputs) -> bool:
    """Whether the admin named who gets the permission sets a guide gives to "your users"."""
    return bool(inputs.profile and inputs.profile.strip()) or any(u and u.strip() for u in inputs.users)


def is_user_id(reference: str) -> bool:
    """Whether `reference` has the shape of a User id (not only "has no @")."""
    return USER_ID.fullmatch(reference.strip()) is not None


def split_references(references: Iterable[str]) -> tuple[list[str], list[str]]:
    """(user ids, usernames) of the non-empty references, each once, in the order given."""
    refs = list(dict.fromkeys(r.strip() for r in references if r and r.strip()))
    return [r for r in refs if is_user_id(r)], [r for r in refs if not is_user_id(r)]


def unmatched(references: Iterable[str], found: Iterable[dict]) -> list[str]:
    """The references no found User row answers (ids compared on 15 characters, usernames
    without case, as Salesforce compares them)."""
    rows = list(found)
    ids = {str(u.get("Id", ""))[:15] for u in rows}
    names = {str(u.get("Username", "")).lower() for u in rows}
    ids_named, usernames = split_references(references)
    return [r for r in ids_named if r[:15] not in ids] + [r for r in usernames if r.lower() not in names]


def unknown_users(missing: Sequence[str], org: str) -> UserChoiceError:
    """The refusal for references that match no user of `org`."""
    shown = ", ".join(repr(m) for m in missing)
    return UserChoiceError(
        f"No user in {org} matches {shown}. Expected each user as a username (it looks like an e-mail "
        "address, e.g. name@company.com) or a 15- or 18-character user id starting with 005. Check the "
        "spelling against Setup > Users, then run again with the corrected names."
    )


def check_profile(profile: str, known: Iterable[str], org: str) -> str:
    """The org's spelling of `profile` (names compare without case, as in SOQL); raises
    `UserChoiceError` naming the closest profiles and those that exist when there is none."""
    names = sorted({str(n) for n in known if n})
    by_lower = {n.lower(): n for n in names}
    if profile.strip().lower() in by_lower:
        return by_lower[profile.strip().lower()]
    close = difflib.get_close_matches(profile.strip().lower(), list(by_lower), n=3, cutoff=0.6)
    guess = f" Did you mean {' or '.join(repr(by_lower[c]) for c in close)}?" if close else ""
    listed = ", ".join(names[:SHOWN_PROFILES]) + (f" and {len(names) - SHOWN_PROFILES} more" if len(names) > SHOWN_PROFILES else "")
    raise UserChoiceError(
        f"No profile in {org} is named {profile!r}.{guess} Expected the name of one of its profiles: "
        f"{listed or '(none could be read)'}. Run again with the profile's name as Setup > Profiles shows it."
    )


def unknown_permission_set(name: str, known: Iterable[tuple[str, str]], org: str) -> UserChoiceError:
    """The refusal for a permission set that is neither an API name nor a label of `org`'s sets
    (`known`: (API name, label) pairs), with the closest names and the sets it has, as for a profile."""
    known = list(known)
    spelled: dict[str, str] = {}
    for api_name, label in known:
        for text in (label, api_name):
            if text:
                spelled.setdefault(str(text).lower(), f"{label} ({api_name})" if label and label != api_name else str(api_name))
    close = difflib.get_close_matches(name.strip().lower(), list(spelled), n=3, cutoff=0.6)
    guess = f" Did you mean {' or '.join(dict.fromkeys(repr(spelled[c]) for c in close))}?" if close else ""
    names = sorted({f"{label} ({api_name})" if label and label != api_name else str(api_name) for api_name, label in known})
    listed = ", ".join(names[:SHOWN_PROFILES]) + (f" and {len(names) - SHOWN_PROFILES} more" if len(names) > SHOWN_PROFILES else "")
    return UserChoiceError(
        f"No permission set in {org} has the API name or label {name!r}.{guess} Expected the label or API name of "
        f"one of its permission sets: {listed or '(none could be read)'}. Run again with the name as Setup > "
        "Permission Sets shows it."
    )


def unused_user_choice(guide: Guide, inputs: ApplyInputs, only_fixes: Sequence[str] | None = None) -> str | None:
    """Why ``--users``/``--profile`` would do nothing here, or None when a fix takes them.

    They choose who gets the permission set a guide gives to "your users"; a guide (or an
    ``--only`` fix) that gives none would ignore them, and the admin would believe them applied.
    """
    if not names_users(inputs):
        return None
    if any("permission_set.assigned" in t.checks for t in targets_for(guide, only_fixes=only_fixes)):
        return None
    scope = f"the fix {', '.join(only_fixes)} of the {guide.id} guide" if only_fixes else f"the {guide.id} guide"
    return (
        f"--users and --profile choose who gets the permission set a guide gives to your users, and {scope} "
        "gives none, so they would change nothing. Leave them out, or use 'eci-wizard assign-permission-set' "
        "to give a permission set to the users you name."
    )
