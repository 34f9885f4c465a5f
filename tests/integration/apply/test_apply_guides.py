"""For every guide: apply turns a fresh org into one that verifies, and a second apply writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.apply.support import LAMBDA, required, scenario, seed_secrets, writes
from tests.integration.verify.support import connected
from wizard.apply.door import apply_plan, plan_guide
from wizard.apply.model import ApplyInputs
from wizard.engine.results import Status
from wizard.guides.loader import GUIDE_ORDER, load_guide
from wizard.salesforce.verify import verify_guide

INPUTS = ApplyInputs(aws_region="us-east-1", lambda_function=LAMBDA)


@pytest.mark.parametrize("guide_id", GUIDE_ORDER)
def test_apply_fixes_every_salesforce_setting_then_writes_nothing(guide_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide(guide_id)
    with connected(scenario(tmp_path), monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        before = verify_guide(org.connection, guide, org.facts)
        fixable = [r for r in before.results if r.status == Status.FAIL and r.fix and r.fix.fix_name]
        plan = plan_guide(org.connection, guide, org.facts, INPUTS)
        assert not plan.secrets_needed and not plan.inputs_needed
        assert bool(fixable) == (not plan.empty)

        org.server.log.clear()
        result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name, inputs=INPUTS)
        assert result.error is None, result.error
        assert len(writes(org.server.log)) == result.writes
        assert (result.writes > 0) == bool(fixable)
        assert all(r.status == Status.PASS for r in result.results), [(r.check_id, r.message) for r in result.results if r.status != Status.PASS]

        after = verify_guide(org.connection, guide, org.facts)
        wanted = required(guide)
        left = [(r.check_id, r.status, r.message) for r in after.results if (r.page_id, r.check_id) in wanted and r.status in (Status.FAIL, Status.ERROR)]
        assert left == []
        assert not org.server.errors

        org.server.log.clear()
        again = plan_guide(org.connection, guide, org.facts, INPUTS)
        assert again.empty, [c.model_dump() for p in again.plans for c in p.changes]
        second = apply_plan(org.connection, guide, again, confirmation=org.facts.name, inputs=INPUTS)
        assert second.writes == 0 and second.applied == ()
        assert writes(org.server.log) == []


@pytest.mark.parametrize("guide_id", ["natterbox", "aircall", "ringcentral", "amazon-connect"])
def test_configured_scenarios_need_no_change(guide_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped end states of each guide: the plan is empty and applying writes nothing."""
    guide = load_guide(guide_id)
    with connected(f"{guide_id}-configured", monkeypatch) as org:
        plan = plan_guide(org.connection, guide, org.facts, INPUTS)
        assert plan.empty, [c.model_dump() for p in plan.plans for c in p.changes]
        org.server.log.clear()
        apply_plan(org.connection, guide, plan, confirmation=org.facts.name, inputs=INPUTS)
        assert writes(org.server.log) == []


def test_without_packages_only_unfixable_settings_stay_failed(monkeypatch: pytest.MonkeyPatch) -> None:
    """On the plain fresh org the package checks stay failed: installing packages is the admin's job."""
    guide = load_guide("aircall")
    with connected("fresh", monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        plan = plan_guide(org.connection, guide, org.facts, INPUTS)
        result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name, inputs=INPUTS)
        assert result.error is None
        # The report lists the External Client App's parts in words, not by Salesforce's type names.
        created = {c.setting: c.after for c in result.applied if c.target == "External Client App ECI_Connected_App"}
        assert created["the External Client App itself"] == "created", created
        assert not any(setting.startswith(("Extl", "External")) for setting in created), created
        after = verify_guide(org.connection, guide, org.facts)
        failed = [r for r in after.results if r.status in (Status.FAIL, Status.ERROR)]
        assert [r.check_id for r in failed] == ["voice-connector.installed"]
        assert all(not (r.fix and r.fix.fix_name) for r in failed)


def test_an_aws_region_other_than_the_urls_is_fixed_to_the_region_the_url_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The credential signs for its AWS Region; the Lambda it calls lives in the URL's region. The fix
    takes the region from the URL, without asking, and the row passes afterwards."""
    guide = load_guide("amazon-connect")
    wrong = scenario(tmp_path, "extends: amazon-connect-configured\n"
                               "metadata: {NamedCredential: {AwsGenerateAudioRecordingURL: {awsRegion: eu-west-1}}}\n")
    with connected(wrong, monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        before = {r.check_id: r for r in verify_guide(org.connection, guide, org.facts).results}["aws-nc.aws"]
        assert before.status is Status.FAIL and "eu-west-1" in before.observed
        plan = plan_guide(org.connection, guide, org.facts, ApplyInputs())
        assert not plan.inputs_needed
        region = [c for p in plan.plans for c in p.changes if "aws-nc.aws" in c.check_ids]
        assert [(c.current, c.desired) for c in region] == [("eu-west-1", "us-west-2")], region  # the URL calls us-west-2
        result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name, inputs=ApplyInputs())
        assert result.error is None, result.error
        after = {r.check_id: r for r in verify_guide(org.connection, guide, org.facts).results}["aws-nc.aws"]
        assert after.status is Status.PASS, after
