"""Propose which provider user each Salesforce user is, by e-mail, for the admin to accept.

Matching is deliberately strict: the e-mail addresses must be equal after trimming and ignoring
case. One provider user with that address is a proposal (``exact``); none is ``missing`` (the
admin types the id, or the person has no phone account); several is ``ambiguous`` (the admin
picks one); a user whose field already holds the matching id is ``mapped``; a field holding a
different or unknown id is ``conflict`` and is never overwritten without the admin choosing so.
Whatever the admin chooses must be the id of one of the provider's users (`check_choice`): a
made-up id maps nobody's calls, yet is "filled in" like a good one. And no two people may end up
with the same id (`shared_identifiers`): the provider user's calls would go to one of them only.
Nothing here guesses from names: a wrong mapping sends a person's calls to someone else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

from wizard.providers.voice.user_fields import SalesforceUser

MatchKind = Literal["mapped", "exact", "missing", "ambiguous", "conflict"]
#: Provider users named beside a refused choice (besides those with the person's e-mail).
SHOWN_CHOICES = 8


class ProviderUser(Protocol):
    id: str
    name: str
    email: str


@dataclass(frozen=True)
class Candidate:
    """A provider user shown to the admin: id, name, e-mail."""

    id: str
    name: str
    email: str


@dataclass(frozen=True)
class Match:
    """One Salesforce user and what the wizard proposes for their identifier."""

    user: SalesforceUser
    kind: MatchKind
    candidates: tuple[Candidate, ...] = ()

    @property
    def proposed(self) -> str | None:
        """The identifier the wizard proposes (only for a single exact match)."""
        return self.candidates[0].id if self.kind == "exact" else None

    @property
    def needs_write(self) -> bool:
        return self.kind == "exact"


def normalise_email(value: str | None) -> str:
    return (value or "").strip().lower()


def propose_matches(users: Iterable[SalesforceUser], provider_users: Iterable[ProviderUser]) -> list[Match]:
    """One `Match` per Salesforce user, in the order given."""
    by_email: dict[str, list[Candidate]] = defaultdict(list)
    by_id: dict[str, Candidate] = {}
    for p in provider_users:
        candidate = Candidate(str(p.id), p.name, p.email)
        by_id[candidate.id] = candidate
        if normalise_email(p.email):
            by_email[normalise_email(p.email)].append(candidate)
    matches = []
    for user in users:
        found = tuple(by_email.get(normalise_email(user.email), ()))
        if user.identifier:
            same = by_id.get(user.identifier)
            if same is not None and (not found or same in found):
                matches.append(Match(user, "mapped", (same,)))
            else:
                matches.append(Match(user, "conflict", found or ((same,) if same else ())))
            continue
        if len(found) == 1:
            matches.append(Match(user, "exact", found))
        elif len(found) > 1:
            matches.append(Match(user, "ambiguous", found))
        else:
            matches.append(Match(user, "missing"))
    return matches


class ChoiceRefused(ValueError):
    """An identifier the admin chose names no provider user; the message lists that person's choices."""


def _one(c: Candidate) -> str:
    return f"{c.id} ({c.name}, {c.email})"


def valid_choices(user: SalesforceUser, provider_users: Iterable[ProviderUser], provider_name: str) -> str:
    """The provider users one person may be given, in words: same e-mail first, then up to
    `SHOWN_CHOICES` others (a long account is summed up, not printed whole)."""
    everyone = [Candidate(str(p.id), p.name, p.email) for p in provider_users]
    same = [c for c in everyone if normalise_email(c.email) and normalise_email(c.email) == normalise_email(user.email)]
    others = [c for c in everyone if c not in same]
    more = f" and {len(others) - SHOWN_CHOICES} more" if len(others) > SHOWN_CHOICES else ""
    listed = "; ".join(_one(c) for c in others[:SHOWN_CHOICES]) + more
    if same:
        twins = "; ".join(_one(c) for c in same)
        return f"{twins}, with the same e-mail" + (f", or another: {listed}" if others else "")
    return listed or f"none ({provider_name} lists no users)"


def check_choice(match: Match, value: str, provider_users: Iterable[ProviderUser] | None, provider_name: str) -> None:
    """Refuse an identifier that is not the id of one of `provider_users`: written, it would map
    nobody's calls to this person, and only a check against the provider's list would notice.
    With `provider_users` None (the list could not be read) there is nothing to check against."""
    if provider_users is None:
        return
    users = list(provider_users)
    if value.strip() in {str(p.id) for p in users}:
        return
    who = match.user.name or match.user.username
    raise ChoiceRefused(
        f"{provider_name} has no user with the id {value.strip()!r}, so it would map no calls to {who}. Expected the id of "
        f"one of {provider_name}'s users: {valid_choices(match.user, users, provider_name)}. Choose one of these for {who}, or "
        f"leave {who}'s identifier as it is."
    )


def replaces_mapping(match: Match, value: str) -> bool:
    """Whether writing `value` would replace an identifier that already names the provider user
    with this person's e-mail (the one case a wrong choice undoes a right mapping)."""
    return match.kind == "mapped" and value.strip() != (match.user.identifier or "")


def accepted_writes(matches: Iterable[Match], choices: dict[str, str] | None = None) -> dict[str, str]:
    """User id -> identifier to write: every exact proposal, plus the admin's own choices
    (for ambiguous, missing or conflicting users), which win. Empty choices are ignored."""
    writes = {m.user.id: m.proposed for m in matches if m.proposed}
    for user_id, value in (choices or {}).items():
        if value and value.strip():
            writes[user_id] = value.strip()
    return {k: v for k, v in writes.items() if v}


def shared_identifiers(users: Iterable[SalesforceUser], writes: dict[str, str] | None = None) -> dict[str, list[SalesforceUser]]:
    """Identifier -> the people who would hold it, for every identifier held by more than one,
    with `writes` (user id -> identifier) applied over what the users hold now."""
    holders: dict[str, list[SalesforceUser]] = defaultdict(list)
    for user in users:
        value = ((writes or {}).get(user.id) or user.identifier or "").strip()
        if value:
            holders[value].append(user)
    return {value: people for value, people in holders.items() if len(people) > 1}


def describe_shared(shared: dict[str, list[SalesforceUser]], provider_name: str) -> str:
    """The sentence for identifiers held by several people (observed, and why it matters)."""
    parts = [f"{value} by {', '.join(u.name or u.username for u in people)}" for value, people in shared.items()]
    return (f"More than one person holds the same {provider_name} user: {'; '.join(parts)}. The calls of that "
            f"{provider_name} user can be mapped to one of them only, so the others' calls are lost or misattributed.")


def refuse_shared(users: Iterable[SalesforceUser], writes: dict[str, str], provider_name: str) -> None:
    """Raise `ChoiceRefused` when the writes would leave two people with one identifier."""
    if shared := shared_identifiers(users, writes):
        raise ChoiceRefused(f"{describe_shared(shared, provider_name)} Expected each person to have their own "
                            f"{provider_name} user. Choose a different one for all but one of them.")
