"""The canary over a whole demo run: real sign-in, real verification over HTTPS, real tokens.

The demo org issues a real access and refresh token; the run then carries secrets in every place
a careless step could put them (a provider check echoing an AWS secret and an SFTP password, a
manual confirmation note with the consumer secret, a change that recorded a password, an error
quoting the bearer token). No byte of the JSON, HTML or PDF may contain any of them.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from report_canary import CONSUMER_SECRET, SFTP_PASSWORD, leaks
from report_samples import ZONE, sample_guide

from wizard.demo.headless import sign_in_grant
from wizard.engine.changes import AppliedChange
from wizard.engine.results import CheckResult, Evidence, Fix, Status
from wizard.engine.run_record import ManualConfirmation, PreflightItem
from wizard.report import MASK, build_report
from wizard.report.export import export
from wizard.salesforce.connection import OrgConnection
from wizard.salesforce.org_facts import read_org_facts
from wizard.salesforce.verify import verify_guide

AWS_SECRET = "demoCanary/AwsSecretAccessKey+0123456789ab"


@pytest.fixture
def demo_run(demo_org, monkeypatch):
    server = demo_org("fresh")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.ca_bundle))  # restored after the test
    grant = sign_in_grant(server)
    username, password = server.default_login
    conn = OrgConnection(server.instance_url, grant.access_token, ca_bundle=server.ca_bundle)
    facts = read_org_facts(conn)
    conn.api_version = facts.api_version
    now = datetime.now(UTC)
    extra = [
        CheckResult(guide_id="natterbox", page_id="natterbox-s3-named-credential", check_id="aws", setting="AWS Region and Service",
                    status=Status.ERROR, expected="s3:GetObject allowed", observed=f"aws_secret_access_key={AWS_SECRET}",
                    message=f"botocore SignatureDoesNotMatch: the key {AWS_SECRET} was rejected (Authorization: Bearer {grant.access_token})",
                    evidence=(Evidence(source="SFTP", detail=f"sftp://recordings:{SFTP_PASSWORD}@sftp.example.com/in"),),
                    fix=Fix(hint=f"Re-enter the secret (it was {AWS_SECRET})")),
        CheckResult(guide_id="natterbox", page_id="eci-auth-provider", check_id="consumer-key", setting="Consumer Key",
                    status=Status.PASS, observed=CONSUMER_SECRET, evidence=(Evidence(source="REST", detail=f"refresh_token={grant.refresh_token}"),)),
    ]
    confirmations = [ManualConfirmation(page_id="eci-connected-app", setting_id="consumer-details", by=username, at=now,
                                        note=f"Copied {CONSUMER_SECRET} into the auth provider")]
    preflight = [PreflightItem(name="Signed in", status=Status.PASS, observed=f"{username} with password {password}")]
    run = verify_guide(conn, sample_guide(), facts, confirmations=confirmations, extra=extra, preflight=preflight)
    run = run.model_copy(update={"changes": (AppliedChange(target="NamedCredential NatterboxS3AWS", setting="Password",
                                                           before=password, after=AWS_SECRET, at=now, by=username),)})
    secrets = (grant.access_token, grant.refresh_token, password, CONSUMER_SECRET, AWS_SECRET, SFTP_PASSWORD)
    return run, secrets


def test_no_secret_of_a_demo_run_reaches_the_report(demo_run, tmp_path):
    run, secrets = demo_run
    assert len(run.results) == 28 and run.org.name == "Acme Demo"
    report = build_report(sample_guide(), run, secrets=secrets, zone=ZONE)
    files = {"json": tmp_path / "r.json", "html": tmp_path / "r.html", "pdf": tmp_path / "r.pdf"}
    export(report, paper="A4", secrets=secrets, **files)
    assert leaks(files, secrets) == []
    assert report.redactions >= 10 and MASK in files["json"].read_text(encoding="utf-8")
    # The run itself is intact: the org and its results are in the report.
    rows = {(p.id, r.setting_id): r for p in report.pages for r in p.rows}
    assert rows[("natterbox-s3-named-credential", "aws")].status is Status.ERROR
    assert rows[("eci-auth-provider", "consumer-key")].observed == MASK
    assert rows[("before-you-start", "edition")].observed == "Enterprise Edition with ECI licences"


def test_demo_tokens_are_masked_by_shape_alone(demo_run, tmp_path):
    """Even if nobody hands the builder the token, its shape gives it away."""
    run, secrets = demo_run
    access, refresh = secrets[0], secrets[1]
    report = build_report(sample_guide(), run, zone=ZONE)
    files = {"json": tmp_path / "r.json", "html": tmp_path / "r.html", "pdf": tmp_path / "r.pdf"}
    export(report, paper="A4", **files)
    assert leaks(files, (access, refresh)) == []
