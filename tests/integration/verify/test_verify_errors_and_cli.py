"""What the admin sees when the org can't be read, and the headless ``verify`` command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.integration.verify.support import connected
from wizard.cli import main
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.salesforce.errors import SystemicError
from wizard.salesforce.verify import verify_guide


def verify(org, guide_id: str = "natterbox"):  # type: ignore[no-untyped-def]
    return verify_guide(org.connection, load_guide(guide_id), org.facts)


def test_an_expired_session_is_refreshed_once_and_the_verification_completes(monkeypatch: pytest.MonkeyPatch) -> None:
    with connected("natterbox-configured", monkeypatch) as org:
        org.server.org.revoke_token(org.connection.access_token)  # the session expires in the org
        org.server.log.clear()
        run = verify(org)
        refreshes = [e for e in org.server.log.entries() if e.path == "/services/oauth2/token"]
    assert len(refreshes) == 1  # one refresh, shared by every concurrent read
    assert not [r for r in run.results if r.status in (Status.FAIL, Status.ERROR)]


@pytest.mark.parametrize(
    ("faults", "code", "words"),
    [
        ({"request_limit": 0}, "REQUEST_LIMIT_EXCEEDED", "API request limit"),
        ({"maintenance": True}, "MAINTENANCE", "maintenance"),
        ({"drop_path": "/services/"}, "NETWORK", "could not be reached"),
    ],
)
def test_org_wide_problems_stop_with_one_clear_message(
    faults: dict, code: str, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with connected("fresh", monkeypatch) as org:
        org.server.faults.set(**faults)
        with pytest.raises(SystemicError) as caught:
            verify(org)
    assert caught.value.explained.code == code
    assert words in caught.value.explained.message
    assert "nothing was changed" in caught.value.explained.message.lower() or code == "MAINTENANCE"


def test_a_session_below_the_orgs_security_level_is_not_called_expired(monkeypatch: pytest.MonkeyPatch) -> None:
    with connected("fresh", monkeypatch) as org:
        org.server.faults.set(high_assurance="all")
        with pytest.raises(SystemicError) as caught:
            verify(org)
    assert caught.value.explained.code == "HIGH_ASSURANCE_REQUIRED"
    message = caught.value.explained.message
    assert "high-assurance session" in message and "Session Security Levels" in message and "expired" not in message


@pytest.mark.parametrize(
    ("faults", "code", "words"),
    [
        ({"maintenance": True}, "MAINTENANCE", "down for maintenance"),
        ({"error_rate": 1.0, "error_status": 500}, "UNKNOWN_EXCEPTION", "internal error answering the Metadata API"),
    ],
)
def test_the_metadata_apis_own_failures_are_salesforces_side(faults: dict, code: str, words: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The SOAP endpoint answers maintenance with an HTML page and an internal error with a fault."""
    from wizard.apply.errors import from_exception
    from wizard.salesforce.errors import explain

    with connected("fresh", monkeypatch) as org:
        org.server.faults.set(**faults)
        with pytest.raises(Exception) as caught:
            org.connection.metadata_call(lambda sf: sf.mdapi.CustomSite.read(["VoiceConnector"]))
    explained = explain(caught.value)
    assert explained.code == code and words in explained.message and "Unexpected" not in explained.message
    applying = from_exception(caught.value, "CustomSite VoiceConnector")
    assert applying.code == code and "refused the change" not in applying.text and "apply again" in applying.text.lower()


def test_a_renewal_during_maintenance_says_maintenance(monkeypatch: pytest.MonkeyPatch) -> None:
    from wizard.salesforce.auth.errors import TokenRequestFailed

    with connected("fresh", monkeypatch) as org:
        org.server.faults.set(maintenance=True)
        with pytest.raises(TokenRequestFailed) as caught:
            org.connection.refresher()
    assert "down for maintenance" in caught.value.message and "saved sign-in is kept" in caught.value.message


def test_an_expired_session_without_a_refresh_token_asks_to_sign_in_again(monkeypatch: pytest.MonkeyPatch) -> None:
    with connected("fresh", monkeypatch) as org:
        org.connection.refresher = None
        org.server.org.revoke_token(org.connection.access_token)
        with pytest.raises(SystemicError) as caught:
            verify(org)
    assert caught.value.explained.code == "SESSION_EXPIRED"
    assert "Sign in" in caught.value.explained.message


def test_a_user_without_metadata_access_gets_errors_naming_the_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = tmp_path / "limited.yaml"
    scenario.write_text(
        "extends: natterbox-configured\n"
        "profiles:\n"
        "  - name: Setup Viewer\n"
        "    permissions: {ApiEnabled: true, ViewSetup: true}\n"
        "users:\n"
        "  - {username: admin@acme-demo.example, profile: Setup Viewer}\n",
        encoding="utf-8",
    )
    with connected(scenario, monkeypatch) as org:
        run = verify(org)
    errors = [r for r in run.results if r.status == Status.ERROR]
    assert errors, "metadata reads should have been refused"
    assert all("ModifyAllData" in r.message or "Modify" in r.message for r in errors), [r.message for r in errors]
    # What REST could still read is judged normally.
    assert {r.check_id for r in run.results if r.status == Status.PASS} >= {"media-provider.natterbox"}


def test_a_user_without_api_access_is_told_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = tmp_path / "no-api.yaml"
    scenario.write_text(
        "extends: fresh\nprofiles:\n  - name: No API Admin\n    permissions: {ViewSetup: true, ModifyAllData: true}\n"
        "users:\n  - {username: admin@acme-demo.example, profile: No API Admin}\n",
        encoding="utf-8",
    )
    with connected(scenario, monkeypatch) as org, pytest.raises(SystemicError) as caught:
        verify(org)
    assert caught.value.explained.code == "API_CURRENTLY_DISABLED"
    assert "API Enabled" in caught.value.explained.message


def test_verify_command_exit_codes_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results.json"
    assert main(["verify", "--guide", "aircall", "--demo", "--json", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "Aircall named credential" in printed and "✖ Fail" in printed
    data = json.loads(out.read_text())
    assert data["guide"]["id"] == "aircall" and data["org"]["name"] == "Acme Demo"
    first = data["results"][0]
    assert {"page_id", "check_id", "setting", "status", "expected", "observed", "evidence"} <= set(first)
    assert main(["verify", "--guide", "aircall", "--demo", "--scenario", "aircall-configured"]) == 0


def test_verify_command_says_why_it_could_not_verify(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as usage:  # a misspelt guide is a usage error, before any org is opened
        main(["verify", "--guide", "no-such-guide", "--demo"])
    assert usage.value.code == 2
    assert "no guide is called 'no-such-guide'" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("organization: {name: 12, edition: [x]}\n", encoding="utf-8")
    assert main(["verify", "--guide", "aircall", "--demo", "--scenario", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "organization" in err
    assert main(["verify", "--guide", "aircall"]) == 2
    assert "--demo" in capsys.readouterr().err


@pytest.fixture
def running_org(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A configured demo org reached the way a CI job would: its URL, a token in the environment."""
    with connected("aircall-configured", monkeypatch) as org:
        yield org


def verify_by_url(url: str, token: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("SF_ACCESS_TOKEN", token)
    return main(["verify", "--guide", "aircall", "--instance-url", url])


def test_a_token_copied_with_a_line_ending_still_works(running_org, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    token = running_org.connection.access_token
    assert verify_by_url(running_org.server.instance_url, f"{token}\r\n", monkeypatch) == 0
    assert token not in capsys.readouterr().out


def test_a_token_with_a_break_inside_is_refused_without_being_shown(running_org, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    token = running_org.connection.access_token
    broken = f"{token[:20]}\r\n{token[20:]}"
    assert verify_by_url(running_org.server.instance_url, broken, monkeypatch) == 2
    printed = capsys.readouterr()
    assert "one unbroken word" in printed.err
    assert token[:20] not in printed.err + printed.out and token[20:] not in printed.err + printed.out


def test_an_unknown_token_is_called_that_not_a_missing_permission(running_org, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    assert verify_by_url(running_org.server.instance_url, "00Dnot-a-token-the-org-issued", monkeypatch) == 2
    err = capsys.readouterr().err
    assert "does not recognise the access token" in err and "permission" not in err


@pytest.mark.parametrize(
    ("suffix", "words"),
    [("/lightning/setup/SetupOneHome/home", "points at a page"), ("/?x=1", "points at a page")],
)
def test_an_instance_url_with_a_page_gets_the_address_to_pass(running_org, monkeypatch, capsys, suffix: str, words: str) -> None:  # type: ignore[no-untyped-def]
    base = running_org.server.instance_url
    assert verify_by_url(base + suffix, running_org.connection.access_token, monkeypatch) == 2
    err = capsys.readouterr().err
    assert words in err and f"pass only the org's address, {base} " in err
    assert "Traceback" not in err and "JSONDecodeError" not in err


@pytest.mark.parametrize(
    ("url", "words"),
    [("https://[::1", "not a valid web address"), ("https://", "no host name"), ("https://u:p@example.com", "user name or password")],
)
def test_a_malformed_instance_url_is_explained(monkeypatch, capsys, url: str, words: str) -> None:  # type: ignore[no-untyped-def]
    assert verify_by_url(url, "00Dx!token-value", monkeypatch) == 2
    assert words in capsys.readouterr().err


@pytest.mark.parametrize(
    ("url", "api"),
    [("https://acme.lightning.force.com/lightning/setup/SetupOneHome/home", "https://acme.my.salesforce.com"),
     ("https://acme--uat.sandbox.lightning.force.com", "https://acme--uat.sandbox.my.salesforce.com"),
     ("https://acme.my.salesforce-setup.com/lightning/setup", "https://acme.my.salesforce.com")],
)
def test_a_lightning_or_setup_address_gets_the_my_domain_to_pass(monkeypatch, capsys, url: str, api: str) -> None:  # type: ignore[no-untyped-def]
    """Its REST calls would land on a user-interface host: the My Domain is what to pass (as sign-in maps it)."""
    assert verify_by_url(url, "00Dx!token-value", monkeypatch) == 2
    err = capsys.readouterr().err
    assert f"pass its My Domain address, {api}." in err and "lightning.force.com." not in err


def test_apply_checks_the_aws_region_code_before_anything(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as stopped:
        main(["apply", "--guide", "amazon-connect", "--demo", "--aws-region", "Mars", "--lambda-function", "fn", "--dry-run"])
    assert stopped.value.code == 2
    assert "argument --aws-region: 'Mars' is not an AWS region code" in capsys.readouterr().err


def test_an_explained_error_masks_every_secret_in_play() -> None:
    from wizard.salesforce.errors import explain
    from wizard.secrets import remember

    remember("00DQ!a-secret-token-value")
    explained = explain(ValueError("Invalid header value b'Bearer 00DQ!a-secret-token-value\\r'"))
    assert "a-secret-token-value" not in explained.message
    assert "Invalid header value" in explained.message


def test_the_table_and_a_json_alone_are_masked_as_the_report_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A credential pasted into a setting (here a session id in the auth provider's scopes) must not
    reach a CI log or the JSON, with or without a report beside it."""
    token = "00D000000000001!AQ0AQGvZ3kq8yJx7y1234567890abcdefghijklmnop"
    scenario = tmp_path / "pasted-token.yaml"
    scenario.write_text("extends: natterbox-configured\nmetadata:\n  AuthProvider:\n    ECI_Auth_Provider:\n"
                        f'      defaultScopes: "refresh_token api Bearer {token}"\n', encoding="utf-8")
    alone, with_report = tmp_path / "alone.json", tmp_path / "report.json"
    assert main(["verify", "--guide", "natterbox", "--demo", "--scenario", str(scenario), "--json", str(alone)]) == 1
    printed = capsys.readouterr().out
    assert main(["verify", "--guide", "natterbox", "--demo", "--scenario", str(scenario), "--json", str(with_report),
                 "--html", str(tmp_path / "report.html")]) == 1
    capsys.readouterr()
    for text in (printed, alone.read_text(encoding="utf-8"), with_report.read_text(encoding="utf-8")):
        assert "[secret hidden]" in text and token not in text and "AQ0AQGvZ3kq8yJx7y" not in text


def test_the_table_counts_read_as_words_and_wrap_to_the_terminal(capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["verify", "--guide", "aircall", "--demo"]) == 1
    printed = capsys.readouterr().out
    count_line = next(line for line in printed.splitlines() if " settings: " in line)
    manual = re.search(r"\b(\d+) manual steps?\b", count_line)
    assert manual and manual.group(0) == (f"{manual.group(1)} manual step" + ("" if manual.group(1) == "1" else "s"))
    value_lines = [line for line in printed.splitlines() if line.startswith(" " * 30) and line.strip()]
    wrappable = [line for line in value_lines if max(map(len, line.split())) < 60]  # a long URL stays whole
    assert wrappable and max(len(line) for line in wrappable) <= 100
    assert max(len(line) for line in value_lines) > 80  # continuation lines use the width, not width - 30
