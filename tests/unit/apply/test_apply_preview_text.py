"""The plan preview keeps long values whole: an admin copies URLs and ARNs from it."""

from __future__ import annotations

from wizard.apply.model import GuidePlan, ManualAction
from wizard.apply.preview import plan_text
from wizard.engine.changes import Change, ChangePlan
from wizard.engine.org_facts import OrgFacts

FACTS = OrgFacts(
    org_id="00D000000000001AAA", name="Acme", edition="Unlimited Edition", is_sandbox=True,
    instance_url="https://acme--uat.sandbox.my.salesforce.com",
    my_domain_url="https://acme--uat.sandbox.my.salesforce.com", api_version="66.0",
)
LAMBDA_URL = "https://k3v7q2x9w4mzt8yb5nrc6dhsej1fu0ga.lambda-url.eu-west-2.on.aws"
ROLE_ARN = "arn:aws:iam::123456789012:role/service-role/AwsGenerateAudioRecordingURL-role-a1b2c3d4"


def test_long_urls_and_arns_are_never_cut_at_a_hyphen() -> None:
    plan = GuidePlan(
        guide_id="amazon-connect",
        org=FACTS,
        plans=(ChangePlan(title="Named credential AC_CallRecording", changes=(
            Change(target="NamedCredential AC_CallRecording", setting="URL of the Lambda function that signs recordings",
                   current=LAMBDA_URL + "/", desired=LAMBDA_URL),
        )),),
        manual=(ManualAction(title="Trust the Lambda role", do=f"In the AWS console, give {ROLE_ARN} read access to the bucket."),),
    )
    text = plan_text(plan)
    lines = text.splitlines()
    assert any(LAMBDA_URL + "/" in line for line in lines), text
    assert sum(LAMBDA_URL in line for line in lines) == 2, text  # current and desired, each whole
    assert any(ROLE_ARN in line for line in lines), text
    assert all(not line.rstrip().endswith("-") for line in lines), text
