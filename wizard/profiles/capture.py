"""Capture a setup profile from an org where a guide verifies.

The profile is taken from a fresh verification (the same reads and checks the window and
``verify`` use), so every value in it is one the wizard has just seen and judged. An org where a
setting still fails is refused by default: graduating a half-done setup would carry its gaps to
production. Values are passed through the report redactor on the way in, so even a check that
echoed something credential-shaped cannot put it in the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from wizard import __version__
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult, Status
from wizard.engine.run_record import PreflightItem, VerificationRun
from wizard.guides.schema import Guide
from wizard.profiles.environment import EnvContext, depends_on, environment_values, portable
from wizard.profiles.inventory import read_inventory
from wizard.profiles.model import CapturedSetting, EnvironmentValue, SetupProfile, SourceOrg
from wizard.report.redact import Redactor
from wizard.salesforce.connection import OrgConnection
from wizard.salesforce.verify import verify_guide

BLOCKING = (Status.FAIL, Status.ERROR)


class CaptureRefused(Exception):
    """The guide does not verify in this org; the message lists what fails and what to do."""

    def __init__(self, message: str, failing: list[CheckResult]) -> None:
        super().__init__(message)
        self.failing = failing


@dataclass(frozen=True)
class Captured:
    """The profile and the verification it was taken from."""

    profile: SetupProfile
    run: VerificationRun


def env_context(facts: OrgFacts, environment: Iterable[EnvironmentValue] = (), choices: dict[str, str] | None = None) -> EnvContext:
    """The literals of one org: its URLs plus its AWS names (from the profile or the admin's answers)."""
    known = {e.key: e.value for e in environment if e.value}
    known.update({k: v for k, v in (choices or {}).items() if v})
    return EnvContext(
        my_domain_url=facts.my_domain_url,
        instance_url=facts.instance_url,
        aws_region=known.get("aws_region"),
        lambda_function=known.get("lambda_function"),
    )


def refusal_text(guide: Guide, failing: list[CheckResult]) -> str:
    lines = [f"The {guide.title} setup does not verify in this org yet, so it cannot be captured as a profile:"]
    lines += [f"  - {r.setting}: {r.message or r.status.label}" for r in failing[:12]]
    if len(failing) > 12:
        lines.append(f"  ... and {len(failing) - 12} more.")
    lines.append("Fix these first (eci-wizard verify shows every detail), or capture anyway with --allow-incomplete.")
    return "\n".join(lines)


def capture_profile(
    conn: OrgConnection,
    facts: OrgFacts,
    guide: Guide,
    *,
    sign_in_app: str = "",
    preflight: Iterable[PreflightItem] = (),
    allow_incomplete: bool = False,
    secrets: Iterable[str] = (),
) -> Captured:
    """Verify `guide` in the org and turn what was seen into a profile (`CaptureRefused` if it fails)."""
    run = verify_guide(conn, guide, facts, preflight=preflight)
    failing = [r for r in run.results if r.status in BLOCKING]
    if failing and not allow_incomplete:
        raise CaptureRefused(refusal_text(guide, failing), failing)
    inventory = read_inventory(conn, facts, guide, run.results)
    results = list(run.results)
    environment = environment_values(guide, results, facts, inventory.eci_app_kind, inventory.site_urls)
    ctx = env_context(facts, environment)
    redactor = Redactor(secrets)
    by_id = {r.check_id: r for r in results}
    settings: list[CapturedSetting] = []
    for page, setting in guide.settings():
        result = by_id.get(setting.id)
        if result is None:
            continue
        value = redactor.text(result.observed) if setting.check else ""
        settings.append(CapturedSetting(
            id=setting.id,
            page=page.id,
            label=setting.label,
            kind="check" if setting.check else "manual",
            check=setting.check,
            optional=setting.optional,
            status=result.status,
            value=value,
            portable=portable(value, setting.check, ctx) if setting.check else "",
            depends_on=depends_on(setting, result, facts) if setting.check else [],
        ))
    notes = []
    if failing:
        notes.append(f"Captured with {len(failing)} setting(s) failing: " + ", ".join(r.check_id for r in failing))
    if redactor.count:
        notes.append(f"{redactor.count} credential-shaped value(s) were hidden while capturing.")
    profile = SetupProfile(
        wizard_version=__version__,
        guide=guide.id,
        captured_at=datetime.now(UTC).replace(microsecond=0),
        source=SourceOrg(
            org_id=facts.org_id, name=facts.name, environment="Sandbox" if facts.is_sandbox else "Production",
            edition=facts.edition, instance_url=facts.instance_url, my_domain_url=facts.my_domain_url,
            api_version=facts.api_version, username=facts.username, sign_in_app=sign_in_app,
        ),
        environment=environment,
        settings=settings,
        inventory=inventory,
        notes=notes,
    )
    return Captured(profile, run)
