"""The demo org's scheduled jobs: CronTrigger rows named by their CronJobDetail, query-only.

Salesforce lists each scheduled job as a CronTrigger (its State, next and last run) whose
CronJobDetail holds the Job Name that Setup > Scheduled Jobs shows, so the name is read and
filtered through the relationship. Natterbox's configured org holds the ECI Upload Service
Scheduled Job, waiting for its next run; the fresh org has no scheduled job. Over HTTPS with the
unmodified simple-salesforce client, alone and inside a composite batch as the wizard sends it.
"""

from __future__ import annotations

import pytest

from tests.conftest import DemoOAuth
from tests.integration.verify.support import connected

JOB = "ECI Upload Service Scheduled Job"
QUERY = ("SELECT Id, CronJobDetail.Name, State, NextFireTime, PreviousFireTime FROM CronTrigger "
         f"WHERE CronJobDetail.Name = '{JOB}'")


def test_the_objects_are_described_as_salesforce_lists_them_and_cannot_be_written(monkeypatch: pytest.MonkeyPatch) -> None:
    with connected("fresh", monkeypatch) as org:
        trigger = org.connection.call(lambda sf: sf.CronTrigger.describe())
        detail = org.connection.call(lambda sf: sf.CronJobDetail.describe())
    fields = {f["name"]: f for f in trigger["fields"]}
    assert {"CronJobDetailId", "State", "NextFireTime", "PreviousFireTime", "CronExpression", "OwnerId"} <= set(fields)
    assert fields["CronJobDetailId"]["referenceTo"] == ["CronJobDetail"]
    assert fields["CronJobDetailId"]["relationshipName"] == "CronJobDetail"
    assert fields["NextFireTime"]["type"] == "datetime"
    assert {"Name", "JobType"} <= {f["name"] for f in detail["fields"]}
    for described in (trigger, detail):
        assert described["queryable"] and not described["createable"] and not described["updateable"]
        assert not described["deletable"]


def test_the_configured_org_lists_the_job_by_its_name_and_a_fresh_org_none(monkeypatch: pytest.MonkeyPatch) -> None:
    with connected("natterbox-configured", monkeypatch) as org:
        rows = org.connection.call(lambda sf: sf.query(QUERY))["records"]
        other = org.connection.call(lambda sf: sf.query(QUERY.replace(JOB, "Some Other Job")))["records"]
    assert len(rows) == 1 and other == []
    row = rows[0]
    assert row["Id"].startswith("08e")
    assert row["CronJobDetail"]["Name"] == JOB
    assert row["CronJobDetail"]["attributes"]["type"] == "CronJobDetail"
    assert row["State"] == "WAITING"
    assert row["NextFireTime"] == "2026-02-02T08:00:00.000+0000"
    assert row["PreviousFireTime"] == "2026-02-02T07:40:00.000+0000"
    with connected("fresh", monkeypatch) as org:
        assert org.connection.call(lambda sf: sf.query(QUERY))["records"] == []


def test_the_query_is_answered_inside_a_composite_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The wizard sends its REST queries together in one composite/batch; this one among them."""
    from urllib.parse import quote

    with connected("natterbox-configured", monkeypatch) as org:
        version = f"v{org.facts.api_version}"
        body = {"batchRequests": [{"method": "GET", "url": f"{version}/query/?q={quote(QUERY)}"},
                                  {"method": "GET", "url": f"{version}/query/?q={quote('SELECT Id FROM Organization')}"}]}
        answer = org.connection.call(lambda sf: sf.restful("composite/batch", method="POST", json=body))
    assert answer["hasErrors"] is False
    first = answer["results"][0]
    assert first["statusCode"] == 200
    assert [(r["CronJobDetail"]["Name"], r["State"]) for r in first["result"]["records"]] == [(JOB, "WAITING")]


def test_the_scheduled_jobs_setup_page_lists_the_job(monkeypatch: pytest.MonkeyPatch) -> None:
    with connected("natterbox-configured", monkeypatch) as org:
        oauth = DemoOAuth(org.server)
        page = oauth.browser.get(f"{org.server.instance_url}/lightning/setup/ScheduledJobs/home")
        login = org.server.default_login
        page = oauth.submit(page, username=login[0], password=login[1])
    assert page.status_code == 200
    assert "Setup › Scheduled Jobs" in page.text and JOB in page.text
    assert "Scheduled Apex" in page.text and "does not show this Setup page" not in page.text
