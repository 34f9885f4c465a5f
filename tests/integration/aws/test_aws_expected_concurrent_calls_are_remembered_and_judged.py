"""The concurrent calls the admin expects, given in the window, are remembered with the other choices
(once AWS accepts the sign-in) and judge the sfCTRTrigger timeout on the next read of a seeded
``moto_server`` account; the read says when it happened, for the panel's status line."""

from __future__ import annotations

from tests.integration.aws.conftest import ORIGINS, REGION
from wizard.providers.aws.demo import LocalAws, seed_configured_account
from wizard.providers.aws.session import AwsSession

KEY_ID, SECRET = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def _timeout_row(session: AwsSession):
    return next(r for r in session.read() if r.check_id == "aws.lambda.ctr_trigger_timeout")


def test_expected_concurrent_calls_are_remembered_and_used_by_the_next_check(aws: LocalAws) -> None:
    seed_configured_account(aws.access(REGION), ORIGINS)
    session = AwsSession({"*": aws.url})
    session.use_keys("setup", KEY_ID, SECRET, REGION, origins=ORIGINS, concurrent_calls=1500)
    assert session.checked_at is None  # signed in, nothing read yet
    row = _timeout_row(session)
    assert "1500 concurrent calls" in row.message and session.checked_at is not None

    restored = AwsSession({"*": aws.url})
    assert restored.restore().concurrent_calls == 1500  # the next start fills the panel's field with it
    restored.use_keys("setup", "", "", REGION, origins=ORIGINS, concurrent_calls=None)  # the admin emptied the field
    assert "1500" not in _timeout_row(restored).message
    assert AwsSession().restore().concurrent_calls is None
