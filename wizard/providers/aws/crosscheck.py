"""Both sides at once: the org's AwsGenerateAudioRecordingURL against the Lambda AWS really runs.

The Salesforce check alone can only judge the URL's shape (a Lambda invocation URL without the
trailing slash that breaks signing); whether it names the right function in the right region is
only known once AWS has been read. When both sides are connected, this result replaces the
shape-only one on the guide's setting: it says which part differs (region, function name, letter
case, trailing slash) and what the URL must be.
"""

from __future__ import annotations

from typing import Any

from wizard.engine.reads import soql_literal
from wizard.engine.results import CheckResult, Evidence, Fix, Status
from wizard.guides.schema import Guide
from wizard.providers.aws import names
from wizard.providers.aws.named_credential import named_credential_url_verdict

#: The guide's setting for the named credential's URL (a Salesforce check when AWS is not read).
SETTING_ID = "aws-nc.url"
ENDPOINT_QUERY = (
    f"SELECT DeveloperName, Endpoint FROM NamedCredential WHERE DeveloperName = {soql_literal(names.NAMED_CREDENTIAL)}"
)


def read_org_endpoint(conn: Any) -> str | None:
    """The org's AwsGenerateAudioRecordingURL URL (one Tooling query); None when it has none."""
    answer = conn.call(lambda sf: sf.toolingexecute("query/", params={"q": ENDPOINT_QUERY}))
    records = answer.get("records") or []
    return str(records[0].get("Endpoint") or "") if records else None


def named_credential_matches_lambda(guide: Guide, handoff: dict[str, str], org_endpoint: str | None) -> CheckResult | None:
    """The cross-side verdict on the guide's URL setting; None when AWS gave no Lambda to compare with."""
    if "function_name" not in handoff or "region" not in handoff:
        return None
    found = next(((p, s) for p, s in guide.settings() if s.id == SETTING_ID), None)
    if found is None:
        return None
    page, setting = found
    evidence = (
        Evidence(source="Tooling API query", detail=ENDPOINT_QUERY),
        Evidence(source="AWS lambda:ListFunctions", detail=f"{handoff['function_name']} in {handoff['region']}"),
    )
    base = {"guide_id": guide.id, "page_id": page.id, "check_id": setting.id, "setting": setting.label}
    verdict = named_credential_url_verdict(org_endpoint, handoff["region"], handoff["function_name"])
    if org_endpoint is None:
        return CheckResult(**base, status=Status.FAIL, expected=verdict.expected, observed="(missing)",
                           message=f"The org has no {names.NAMED_CREDENTIAL} named credential yet.", evidence=evidence,
                           fix=Fix(hint="Let the wizard create it, or follow this page's steps.", setup_page=page.setup_page,
                                   fix_name=setting.fix))
    if verdict.ok:
        return CheckResult(**base, status=Status.PASS, expected=verdict.expected, observed=org_endpoint,
                           message="The URL names the sfGenerateAudioRecordingStreaming Lambda AWS runs, in its region.",
                           evidence=evidence)
    return CheckResult(**base, status=Status.FAIL, expected=verdict.expected, observed=org_endpoint,
                       message=f"The named credential's URL does not reach the Lambda: {verdict.problem}.", evidence=evidence,
                       fix=Fix(hint=f"Set the URL to {verdict.expected}.", setup_page=page.setup_page, fix_name=setting.fix))
