"""The org's own addresses in a guide's copy values, and which ones could not be filled in.

A copy value is pasted into another system as it stands, so a placeholder is replaced only by a
value the wizard knows to be right for the connected org; otherwise it stays visible, and the
caller says why, instead of guessing:

- ``{my_domain}``: the org's My Domain URL. An org with no My Domain gets no value: callback URLs
  and named credentials built on the instance URL stop working when My Domain is turned on.
- ``{instance_url}``: where the org's API calls go.
- ``{visualforce_origin}`` and ``{lightning_origin}``: the browser origins of the org's Visualforce
  and Lightning pages, derived from the My Domain URL as the AWS fix derives them (with the
  Amazon Connect CTI package's namespace for the Visualforce host).

A guide's literal braces (JSON in a CORS template) are never mistaken for placeholders: only the
names above are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard.engine.org_facts import OrgFacts
from wizard.providers.aws.cors import OriginError, origins_from_my_domain

PLACEHOLDERS = ("my_domain", "instance_url", "visualforce_origin", "lightning_origin")
_PLACEHOLDER = re.compile(r"(?<!\$)\{(" + "|".join(PLACEHOLDERS) + r")\}")


@dataclass(frozen=True)
class Filled:
    """A copy value with what could be filled in, and why the rest could not."""

    text: str
    #: Placeholders still in `text`, in order of first appearance.
    unfilled: tuple[str, ...] = ()
    #: Why they stay, in words for the admin (empty when nothing is connected or all were filled).
    reason: str = ""


def placeholders_in(value: str) -> tuple[str, ...]:
    """The placeholder names a copy value holds, each once, in order."""
    return tuple(dict.fromkeys(_PLACEHOLDER.findall(value)))


def org_values(facts: OrgFacts) -> tuple[dict[str, str], str]:
    """The placeholder values this org gives, and why the others are missing ("" when none are)."""
    values = {"instance_url": facts.instance_url.rstrip("/")}
    if not facts.has_my_domain:
        return values, ("your org has no My Domain, so its addresses are not final; turn My Domain on "
                        "(the Before you start page checks it), then sign in again")
    values["my_domain"] = facts.my_domain_url.rstrip("/")
    try:
        values["visualforce_origin"], values["lightning_origin"] = origins_from_my_domain(facts.my_domain_url)
    except OriginError:
        return values, (f"the wizard cannot work out your page addresses from the My Domain "
                        f"{facts.my_domain_url.rstrip('/')}; type them in as the steps say")
    return values, ""


def fill_copy_value(value: str, facts: OrgFacts | None) -> Filled:
    """`value` with the org's addresses in place of its placeholders (none replaced without an org)."""
    names = placeholders_in(value)
    if facts is None or not names:
        return Filled(value, names)
    values, reason = org_values(facts)
    text = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), value)
    unfilled = tuple(name for name in names if name not in values)
    return Filled(text, unfilled, reason if unfilled else "")
