"""The CallCoachingMediaProvider record that lets a recording provider upload to ECI."""

from __future__ import annotations

from wizard.checks.common import failed, missing, passed
from wizard.checks.registry import CheckContext, Verdict, check
from wizard.engine.reads import SoqlRead

MEDIA_PROVIDERS = SoqlRead("SELECT Id, ProviderName, ProviderDescription, IsActive FROM CallCoachingMediaProvider")


def _record_expected(params: dict, facts: object) -> str:
    name = str(params["provider_name"])
    return f"{name}, active" if bool(params.get("active", True)) else name


@check("media_provider.record", reads=lambda params, facts: [MEDIA_PROVIDERS], expected=_record_expected)
def media_provider_record(ctx: CheckContext) -> Verdict:
    """A media provider record with the exact provider name exists (and is active)."""
    name = str(ctx.param("provider_name"))
    want_active = bool(ctx.param("active", True))
    rows = ctx.snapshot.records(MEDIA_PROVIDERS)
    exact = [r for r in rows if r.get("ProviderName") == name]
    expected = _record_expected(ctx.params, ctx.facts)
    if not exact:
        near = [r["ProviderName"] for r in rows if str(r.get("ProviderName", "")).lower() == name.lower()]
        if near:
            return failed(expected, near[0], f"A provider named {near[0]!r} exists, but the name must be exactly {name!r}.")
        return missing(f"The media provider record {name}", expected)
    record = exact[0]
    if want_active and not record.get("IsActive"):
        return failed(expected, f"{name}, inactive", f"The {name} media provider exists but is not active.")
    return passed(expected, f"{name}, {'active' if record.get('IsActive') else 'inactive'}", f"The {name} media provider record is in place.")
