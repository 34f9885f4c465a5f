"""Group a guide's fixable settings by what they change: one `FixTarget` per component.

Several settings of a guide describe one thing in Salesforce (the ``Aircall`` named credential
has a name, a URL, an authentication and options). A fix writes that thing once, so the settings
that name the same fix and the same component are gathered into one target whose params are the
union of theirs (keyed by check name, because two checks may both call a param ``value``).
Targets come out in the order the fixes must run: the ECI app before the auth provider that
copies its consumer key, the auth provider before the named credentials that use it, the site
before its guest user's permission sets.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from wizard.guides.schema import Guide, PageSpec, SettingSpec

#: The order fixes run in (each may rely on what an earlier one made).
FIX_ORDER: tuple[str, ...] = (
    "eci_settings",
    "media_provider",
    "eci_app",
    "auth_provider",
    "named_credential",
    "site",
    "guest_permission_sets",
    "assign_permission_set",
)


@dataclass(frozen=True)
class SettingRef:
    """A guide setting a target covers."""

    page_id: str
    setting_id: str
    label: str
    check: str


@dataclass
class FixTarget:
    """One component a fix writes, with the merged params of the settings that describe it."""

    fix: str
    key: str
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)
    settings: list[SettingRef] = field(default_factory=list)
    setup_page: str | None = None
    pages: dict[str, PageSpec] = field(default_factory=dict, repr=False)

    def param(self, check: str, name: str, default: Any = None) -> Any:
        """A param of one check of this target."""
        return self.checks.get(check, {}).get(name, default)

    def any_param(self, name: str, default: Any = None) -> Any:
        """A param from whichever check of this target gives it (first in guide order)."""
        for params in self.checks.values():
            if name in params and params[name] is not None:
                return params[name]
        return default

    def labels(self, check: str) -> list[str]:
        """The guide's labels of the settings judged by `check`."""
        return [s.label for s in self.settings if s.check == check]

    def label(self, check: str, default: str) -> str:
        found = self.labels(check)
        return found[0] if found else default

    def refs(self) -> list[list[str]]:
        return [[s.page_id, s.setting_id] for s in self.settings]


def target_key(fix: str, params: dict[str, Any]) -> str:
    """Which component a setting's fix writes (the name the fix creates or updates)."""
    if fix == "eci_settings":
        return "ConversationalIntelligence"
    if fix == "media_provider":
        return str(params.get("provider_name"))
    if fix == "eci_app":
        return str(params.get("api_name"))
    if fix == "auth_provider":
        return str(params.get("developer_name"))
    if fix in ("named_credential", "site", "guest_permission_sets"):
        return str(params.get("name"))
    if fix == "assign_permission_set":
        if params.get("eci"):
            return "eci"
        return f"label:{params['label']}" if params.get("label") else f"name:{params.get('name')}"
    raise KeyError(f"no fix named {fix!r}")


def targets_for(
    guide: Guide,
    include: Iterable[tuple[str, str]] | None = None,
    only_fixes: Iterable[str] | None = None,
) -> list[FixTarget]:
    """The targets of a guide's fixable settings, in run order.

    Optional settings are left out unless named in `include` (then their params win, e.g.
    RingCentral's graduation asks for the production endpoints). `include` also limits the
    result to the targets those settings belong to; `only_fixes` limits it to some fixes.
    """
    wanted = set(include) if include is not None else None
    fixes = set(only_fixes) if only_fixes else None
    found: dict[tuple[str, str], FixTarget] = {}
    chosen_keys: set[tuple[str, str]] = set()
    pairs: list[tuple[PageSpec, SettingSpec]] = [(p, s) for p, s in guide.settings() if s.fix and s.check]
    for page, setting in pairs:
        explicitly = wanted is not None and (page.id, setting.id) in wanted
        if setting.optional and not explicitly:
            continue
        assert setting.fix is not None and setting.check is not None
        key = (setting.fix, target_key(setting.fix, setting.params))
        if explicitly:
            chosen_keys.add(key)
        target = found.setdefault(key, FixTarget(setting.fix, key[1], setup_page=page.setup_page))
        merged = target.checks.setdefault(setting.check, {})
        merged.update(setting.params)
        target.settings.append(SettingRef(page.id, setting.id, setting.label, setting.check))
        target.pages[setting.id] = page
    targets = list(found.values())
    if wanted is not None:
        targets = [t for t in targets if (t.fix, t.key) in chosen_keys]
    if fixes is not None:
        targets = [t for t in targets if t.fix in fixes]
    return sorted(targets, key=lambda t: FIX_ORDER.index(t.fix) if t.fix in FIX_ORDER else len(FIX_ORDER))
