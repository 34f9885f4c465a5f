"""Each difference between the two orgs lands in one category, with its reason."""

from __future__ import annotations

import pytest

from tests.unit.profiles.samples import PRODUCTION_URL, SANDBOX_URL, facts, profile, result, setting
from wizard.engine.results import Status
from wizard.profiles.capture import env_context
from wizard.profiles.compare import changed_choices, compare_setting, counts
from wizard.profiles.environment import (
    EnvContext,
    lambda_parts,
    portable,
    ringcentral_environment_of,
)

TARGET = env_context(facts())
ENV = {e.key: e for e in profile().environment}
CHOSE_PRODUCTION = {"ringcentral_environment": ("sandbox", "production")}


def classify(captured, observed: str, status: Status = Status.PASS, changed=None, message: str = ""):
    return compare_setting(captured, result(captured.id, observed, status, message=message), TARGET, ENV, changed or {})


def test_same_values_ignore_case_slash_order_and_scope_spelling() -> None:
    assert classify(setting("a", "named_credential.url", "https://api.aircall.io/"), "https://API.aircall.io").category == "same"
    profiles = setting("p", "eci_app.profiles", "Standard User, System Administrator")
    assert classify(profiles, "System Administrator, Standard User").category == "same"
    auth = setting("n", "named_credential.auth", "Identity Type: Named Principal; Scope: content api web refresh_token offline_access")
    assert classify(auth, "Identity Type: Named Principal; Scope: refresh_token web api content").category == "same"


def test_my_domain_differences_are_environment_dependent() -> None:
    url = setting("eci-named-credential.url", "named_credential.url", SANDBOX_URL, portable="{my_domain_url}", depends_on=["my_domain_url"])
    row = classify(url, PRODUCTION_URL)
    assert row.category == "environment" and "My Domain URL" in row.explanation
    assert classify(url, "https://someone-else.my.salesforce.com").category == "unexplained"


def test_chosen_ringcentral_environment_is_intentional() -> None:
    captured_value = "https://platform.devtest.ringcentral.com/"
    ctx = EnvContext(my_domain_url=SANDBOX_URL)
    rc = setting("rc-nc.url", "named_credential.url", captured_value, portable=portable(captured_value, "named_credential.url", ctx),
                 depends_on=["ringcentral_environment"])
    row = classify(rc, "https://platform.ringcentral.com", changed=CHOSE_PRODUCTION)
    assert row.category == "intentional" and "production (the source used sandbox)" in row.explanation
    # Without that choice the same difference explains nothing.
    assert classify(rc, "https://platform.ringcentral.com").category == "environment"
    assert classify(rc, "https://evil.example.com").category == "unexplained"


def test_a_failing_target_is_never_explained_away() -> None:
    url = setting("eci-named-credential.url", "named_credential.url", SANDBOX_URL, portable="{my_domain_url}", depends_on=["my_domain_url"])
    row = classify(url, "(missing)", Status.FAIL, message="The named credential does not exist.")
    assert row.category == "unexplained" and "does not exist" in row.explanation


def test_manual_steps_and_outcome_only_lists() -> None:
    assert classify(setting("x.authenticated", None, status=Status.MANUAL), "not confirmed yet", Status.MANUAL).category == "manual"
    sets = setting("integration-user.eci-permission-set", "user.permission_set", "CI for Sales, Voice Connector Permission")
    row = classify(sets, "CI for Sales")
    assert row.category == "same" and "does not ask for" in row.explanation
    assert classify(sets, "(none)", Status.FAIL).category == "unexplained"


def test_checked_only_in_the_target() -> None:
    provider = setting("ringcentral.graduated", "ringcentral.graduated", "", Status.SKIPPED, depends_on=["ringcentral_environment"])
    assert classify(provider, "known", changed=CHOSE_PRODUCTION).category == "intentional"
    assert classify(setting("aircall.api-key", "aircall.api_key", "", Status.SKIPPED), "accepted").category == "same"


def test_changed_choices_and_counts() -> None:
    p = profile()
    assert changed_choices(p, {"ringcentral_environment": "production"}) == CHOSE_PRODUCTION
    assert changed_choices(p, {"ringcentral_environment": "sandbox"}) == {}
    rows = [classify(setting("a", "org.edition", "x"), "x"), classify(setting("b", "org.edition", "x"), "y")]
    assert counts(rows) == {"same": 1, "environment": 0, "intentional": 0, "manual": 0, "unexplained": 1, "not_checked": 0}


@pytest.mark.parametrize(("text", "expected"), [
    ("Authorize Endpoint URL: https://platform.devtest.ringcentral.com/restapi/oauth/authorize", "sandbox"),
    ("https://platform.ringcentral.com", "production"),
    ("https://api.aircall.io", None),
])
def test_ringcentral_environment_of(text: str, expected: str | None) -> None:
    assert ringcentral_environment_of(text) == expected


def test_portable_forms() -> None:
    ctx = EnvContext(my_domain_url=SANDBOX_URL, instance_url="https://cs201.salesforce.com", aws_region="eu-west-1",
                     lambda_function="sfGenerateAudioRecordingStreaming-1A")
    url = "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/sfGenerateAudioRecordingStreaming-1A/invocations"
    assert lambda_parts(url) == ("eu-west-1", "sfGenerateAudioRecordingStreaming-1A")
    assert portable(url, "named_credential.url", ctx) == "https://lambda.{aws_region}.amazonaws.com/2015-03-31/functions/{lambda_function}/invocations"
    assert portable(f"{SANDBOX_URL}/services/authcallback/ECI_Auth_Provider", "eci_app.callback_url", ctx) == "{my_domain_url}/services/authcallback/ECI_Auth_Provider"
    assert portable("ECI_Connected_App — Connected App", "eci_app.exists", ctx) == "ECI_Connected_App — {eci_app_kind}"
    assert portable("ECI Connected App", "eci_app.callback_url", ctx) == "ECI Connected App"


def test_a_setting_never_checked_is_not_the_same() -> None:
    """Before: skipped in both orgs (provider side never connected) was counted as 'same'."""
    key = setting("aircall.api-key", "aircall.api_key", value="", status=Status.SKIPPED)
    why = "Checked from the provider's side, which was not connected in this run."
    row = classify(key, "", Status.SKIPPED, message=why)
    assert row.category == "not_checked" and "Checked in neither org" in row.explanation and "not connected" in row.explanation
    checked_before = setting("aircall.api-key", "aircall.api_key", value="valid", status=Status.PASS)
    row = classify(checked_before, "", Status.SKIPPED, message=why)
    assert row.category == "not_checked" and "Not checked in the target" in row.explanation and "valid" in row.explanation


def test_the_one_environment_row_is_built_on_the_ringcentral_environment_as_its_two_halves_are() -> None:
    """Choosing production when graduating changes the endpoints and the URL, and so this row: intentional."""
    from wizard.guides.loader import load_guide
    from wizard.profiles.environment import depends_on

    guide = load_guide("ringcentral")
    by_id = {s.id: s for _page, s in guide.settings()}
    for setting_id in ("rc-auth-provider.endpoints", "rc-nc.url", "rc-nc.same-environment"):
        assert "ringcentral_environment" in depends_on(by_id[setting_id], None, facts()), setting_id
