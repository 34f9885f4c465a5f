"""The Amazon Connect guide checked on both sides at once: the demo org and a seeded local AWS.

With AWS connected, the org's AwsGenerateAudioRecordingURL URL is judged against the Lambda AWS
really runs (its full name and region), not only by its shape; once it matches, the whole guide
verifies with no failure on either side.
"""

from __future__ import annotations

import pytest

from tests.integration.verify.support import connected
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.providers.aws.checks import salesforce_handoff
from wizard.providers.aws.crosscheck import SETTING_ID
from wizard.providers.aws.session import AwsSession
from wizard.providers.demo_sides import DemoSides, demo_my_domain, moto_available
from wizard.salesforce.verify import verify_guide

pytestmark = pytest.mark.skipif(not moto_available(), reason="moto[server] is not installed")


def test_the_named_credential_must_name_the_lambda_aws_runs_then_both_sides_verify(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    guide = load_guide("amazon-connect")
    with connected("amazon-connect-configured", monkeypatch) as org:
        sides = DemoSides("amazon-connect-configured", org.server.instance_url, demo_my_domain(org.server.org))
        try:
            demo = sides.start_aws()
            session = AwsSession()
            session.use_access(demo.access, demo.account.stack_name, demo.origins)
            check = session.provider_checks()

            # Out of the box the demo's two sides agree: the whole guide verifies.
            extra = check(org.connection, guide, org.facts)
            assert {r.check_id: r.status for r in extra}[SETTING_ID] is Status.PASS
            run = verify_guide(org.connection, guide, org.facts, extra=extra)

            # A URL naming another function (right shape, so the Salesforce check alone passes it)
            # fails once AWS is read, saying which part differs and what the URL must be.
            named = org.server.org.get_component("NamedCredential", "AwsGenerateAudioRecordingURL")
            assert named is not None
            handoff = salesforce_handoff(session.snapshot)
            wrong = named["endpoint"].replace(handoff["function_name"], "sfGenerateAudioRecordingStreaming-OLD")
            org.server.org.put_component("NamedCredential", "AwsGenerateAudioRecordingURL", {**named, "endpoint": wrong})
            url = {r.check_id: r for r in check(org.connection, guide, org.facts)}[SETTING_ID]
            assert url.status is Status.FAIL
            assert url.observed == wrong and url.expected == named["endpoint"]
            assert "sfGenerateAudioRecordingStreaming-OLD" in url.message
            assert any(e.source.startswith("AWS") for e in url.evidence)
        finally:
            sides.stop()
    bad = [(r.check_id, r.observed) for r in run.results if r.status in (Status.FAIL, Status.ERROR)]
    assert bad == []
    aws_rows = [r for r in run.results if r.check_id.startswith("aws.")]
    assert aws_rows and all(r.status is not Status.SKIPPED for r in aws_rows)
