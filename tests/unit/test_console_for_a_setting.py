"""The console a setting is changed in: its own when the guide names one, else its page's.

The window's row link and the report's "What's left to do" ask the same helper, so both send the
admin to CloudFront for a CloudFront key listed on the Secrets Manager page.
"""

from __future__ import annotations

from wizard.guides.loader import load_guide
from wizard.guides.schema import console_for


def test_a_cloudfront_setting_on_the_secrets_manager_page_opens_cloudfront() -> None:
    guide = load_guide("amazon-connect")
    page = guide.page("cloudfront-keys")
    key_pair = next(s for s in page.settings if s.id == "aws.cloudfront.key-pair")
    secret = next(s for s in page.settings if s.id == "aws.secrets.cloudfront-private-key")
    assert console_for(page, key_pair) == "https://console.aws.amazon.com/cloudfront/v4/home"
    assert console_for(page, secret) == page.console_url == "https://console.aws.amazon.com/secretsmanager/home"
    iam = guide.page("streaming-iam-user")
    function = next(s for s in iam.settings if s.id == "aws.lambda.streaming-function-name")
    assert console_for(iam, function) == "https://console.aws.amazon.com/lambda/home"
    assert console_for(None, None) is None and console_for(page, None) == page.console_url


def test_the_reports_to_do_for_a_cloudfront_key_opens_cloudfront() -> None:
    """The report's "What's left to do" asks the same helper as the window's row link."""
    from tests.unit.report.report_samples import sample_run
    from wizard.engine.results import CheckResult, Status
    from wizard.report import build_report

    guide = load_guide("amazon-connect")
    waiting = [CheckResult(guide_id="amazon-connect", page_id="cloudfront-keys", check_id=sid, setting=sid,
                           status=Status.MANUAL) for sid in ("aws.cloudfront.key-pair", "aws.secrets.cloudfront-private-key")]
    run = sample_run(waiting).model_copy(update={"guide_id": "amazon-connect", "changes": (), "confirmations": ()})
    rows = {r.setting_id: r for p in build_report(guide, run).pages for r in p.rows}
    assert rows["aws.cloudfront.key-pair"].fix.console_url == "https://console.aws.amazon.com/cloudfront/v4/home"
    assert rows["aws.secrets.cloudfront-private-key"].fix.console_url == "https://console.aws.amazon.com/secretsmanager/home"
