"""The fix preview (the command line's and the window's) says a checkbox as the check rows do,
"selected" / "not selected", never the API's true / false; and a secret the keyring does not hold
yet is "the value you enter when asked", named by its question, never "(from the keyring)"."""

from __future__ import annotations

from datetime import UTC, datetime

from wizard.apply.model import GuidePlan, InputNeed, SecretNeed
from wizard.apply.preview import plan_text, secret_need_of, secret_words
from wizard.checks.common import selected, shown
from wizard.engine.changes import SECRET_PLACEHOLDER, AppliedChange, Change, ChangePlan
from wizard.engine.org_facts import OrgFacts

FACTS = OrgFacts(
    org_id="00D000000000001AAA", name="Acme", edition="Unlimited Edition", is_sandbox=True,
    instance_url="https://acme--uat.sandbox.my.salesforce.com",
    my_domain_url="https://acme--uat.sandbox.my.salesforce.com", api_version="66.0",
)
TARGET = "Named credential Aircall"
USER = SecretNeed(name="Aircall/username", label="The user name for the named credential Aircall", where="x", hidden=False)
PASSWORD = SecretNeed(name="Aircall/password", label="The password for the named credential Aircall", where="x")


def _plan(*needs: SecretNeed) -> GuidePlan:
    changes = (
        Change(target=TARGET, setting="Generate Authorization Header", current=shown(False), desired=shown(True)),
        Change(target=TARGET, setting="Allow Merge Fields in HTTP Body", current="(missing)", desired=shown(False)),
        Change(target=TARGET, setting="Username", current="(missing)", desired=SECRET_PLACEHOLDER, secret=True),
        Change(target=TARGET, setting="Password", current="(missing)", desired=SECRET_PLACEHOLDER, secret=True),
    )
    return GuidePlan(guide_id="aircall", org=FACTS, plans=(ChangePlan(title="Create Aircall", changes=changes),),
                     secrets_needed=needs)


def test_a_checkbox_reads_selected_or_not_selected_as_on_the_check_rows() -> None:
    text = plan_text(_plan())
    assert f"Generate Authorization Header: {selected(False)} → {selected(True)}" in text
    assert "Allow Merge Fields in HTTP Body: (missing) → not selected" in text
    assert "true" not in text and "false" not in text


def test_the_report_says_a_checkbox_the_same_way() -> None:
    made = AppliedChange(target=TARGET, setting="Generate Authorization Header", before="false", after=True,
                         at=datetime.now(UTC))
    assert (made.before, made.after) == ("not selected", "selected")


def test_other_values_are_kept_as_they_are() -> None:
    change = Change(target=TARGET, setting="URL", current="(missing)", desired="https://api.aircall.io")
    assert change.desired == "https://api.aircall.io"
    assert Change(target="Org", setting="Einstein Conversation Insights", current="Off", desired="On").desired == "On"


def _unwrapped(text: str) -> str:
    return " ".join(text.split())


def test_a_secret_still_to_be_entered_is_named_by_its_question_not_the_keyring() -> None:
    text = _unwrapped(plan_text(_plan(USER, PASSWORD)))
    assert "Username: (missing) → (the value you enter when asked: “The user name for the named credential Aircall”)" in text
    assert "Password: (missing) → (the value you enter when asked: “The password for the named credential Aircall”)" in text
    assert SECRET_PLACEHOLDER not in text
    dry = _unwrapped(plan_text(_plan(PASSWORD), dry_run=True))
    assert "Password: (missing) → (the value a real apply asks for: “The password for the named credential Aircall”)" in dry
    assert f"Username: (missing) → {SECRET_PLACEHOLDER}" in dry  # kept already: it does come from the keyring


def test_a_secret_entered_in_the_window_says_where_it_is_kept() -> None:
    plan = _plan(USER, PASSWORD)
    password = plan.plans[0].changes[3]
    assert secret_need_of(password, plan.secrets_needed) == PASSWORD
    assert secret_words(password, plan.secrets_needed, typed=["Aircall/password"]) == "(as entered below; kept in the keyring)"
    assert (secret_words(password, plan.secrets_needed, typed=["Aircall/password"], session_only=True)
            == "(as entered below; kept for this session only)")


def test_an_aws_key_change_finds_its_own_question() -> None:
    needs = (SecretNeed(name="AwsGenerateAudioRecordingURL/aws_access_key", label="key id", where="x"),
             SecretNeed(name="AwsGenerateAudioRecordingURL/aws_access_secret", label="secret key", where="x"))
    target = "Named credential AwsGenerateAudioRecordingURL"
    key = Change(target=target, setting="AWS Access Key ID", desired=SECRET_PLACEHOLDER, secret=True)
    secret = Change(target=target, setting="AWS Secret Access Key", desired=SECRET_PLACEHOLDER, secret=True)
    assert secret_need_of(key, needs) == needs[0] and secret_need_of(secret, needs) == needs[1]


def test_a_choice_is_refused_as_the_plan_would_refuse_it() -> None:
    region = InputNeed(name="aws_region", label="The AWS region")
    function = InputNeed(name="lambda_function", label="The function")
    assert region.refusal("") == "" and region.refusal(" EU-West-2 ") == "" and region.cleaned(" EU-West-2 ") == "eu-west-2"
    assert region.refusal("London").startswith("“london” is not an AWS region code. Expected ")
    assert function.refusal("sfGenerateAudioRecordingStreaming-1") == ""
    assert "not a Lambda function's full name" in function.refusal("arn:aws:lambda:eu-west-2:1:function:f")
    picked = InputNeed(name="environment", label="Where", choices=("sandbox", "production"))
    assert picked.refusal("production") == "" and "not one of the choices" in picked.refusal("staging")
