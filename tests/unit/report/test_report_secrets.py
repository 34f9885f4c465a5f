"""No secret ever appears in a report: a canary run plants known secrets where a careless
pipeline would leak them, and every byte of every rendering is searched for them."""

from __future__ import annotations

import html
import json
from pathlib import Path
from urllib.parse import quote

import pytest
from report_canary import (
    ACCESS_TOKEN,
    AIRCALL_TOKEN,
    AWS_SECRET,
    CONSUMER_SECRET,
    NC_PASSWORD,
    REFRESH_TOKEN,
    SECRETS,
    SFTP_PASSWORD,
    SHAPELESS,
    leaks,
)
from report_samples import ZONE, sample_guide, sample_results, sample_run

from wizard.engine.changes import AppliedChange
from wizard.engine.results import Evidence, Fix, Status
from wizard.engine.run_record import ManualConfirmation, PreflightItem
from wizard.report import MASK, Redactor, build_report
from wizard.report.export import SecretInReportError, export


def _leaky_run():
    """The sample run with secrets echoed in every place a careless step could put them."""
    results = sample_results()
    by_id = {(r.page_id, r.check_id): i for i, r in enumerate(results)}

    def patch(page, check, **update):
        i = by_id[(page, check)]
        results[i] = results[i].model_copy(update=update)

    patch("eci-connected-app", "consumer-details", observed=f"Consumer Secret {CONSUMER_SECRET}")
    patch("eci-auth-provider", "consumer-key", status=Status.ERROR,
          message=f"requests.exceptions.HTTPError: 401 for url https://acme.my.salesforce.com/services/oauth2/token"
                  f"?client_secret={quote(NC_PASSWORD, safe='')}&refresh_token={REFRESH_TOKEN} "
                  f"(Authorization: Bearer {ACCESS_TOKEN})",
          evidence=(Evidence(source="Metadata readMetadata", detail=f"<sessionId>{ACCESS_TOKEN}</sessionId> AuthProvider ECI_Auth_Provider"),))
    patch("natterbox-s3-named-credential", "aws", status=Status.FAIL, observed=f"AwsSv4 key AKIAIOSFODNN7EXAMPLE secret {AWS_SECRET}",
          expected=f"The secret {AWS_SECRET} Natterbox gave you",
          fix=Fix(hint=f"Paste {AWS_SECRET} as the AWS Secret Access Key", setup_page="/lightning/setup/NamedCredential/home"))
    patch("eci-named-credential", "auth", observed=f"Password protocol, password: {NC_PASSWORD}",
          evidence=(Evidence(source="Tooling SOQL", detail=f"SELECT Id FROM NamedCredential WHERE Password = '{html.escape(NC_PASSWORD)}'"),))
    patch("eci-users", "assigned", message=f"Aircall answered for token {AIRCALL_TOKEN}")
    run = sample_run(results)
    return run.model_copy(update={
        "changes": (*run.changes, AppliedChange(target="NamedCredential Aircall", setting="Password", before=AIRCALL_TOKEN,
                                                 after=json.dumps({"token": AIRCALL_TOKEN}), at=run.started, by="admin@acme-corp.com")),
        "confirmations": (ManualConfirmation(page_id="eci-named-credential", setting_id="authenticated", by="Dana", at=run.started,
                                             note=f"Used sftp://upload:{SFTP_PASSWORD}@sftp.example.com and {CONSUMER_SECRET}"),),
        "preflight": (*run.preflight, PreflightItem(name="Refresh token stored", status=Status.PASS, observed=REFRESH_TOKEN)),
    })


def _export(report, tmp_path: Path) -> dict[str, Path]:
    files = {"json": tmp_path / "r.json", "html": tmp_path / "r.html", "pdf": tmp_path / "r.pdf"}
    export(report, paper="A4", **files)
    return files


def test_canary_no_secret_in_any_report_byte(tmp_path):
    report = build_report(sample_guide(), _leaky_run(), secrets=SECRETS, zone=ZONE)
    files = _export(report, tmp_path)
    assert leaks(files) == []
    assert report.redactions >= 12
    text = files["json"].read_text(encoding="utf-8")
    assert MASK in text and "AKIAIOSFODNN7EXAMPLE" in text  # the access key id is an identifier, not a secret
    # The masking keeps the context an auditor needs.
    assert "client_secret=[secret hidden]" in text and "Bearer [secret hidden]" in text


def test_canary_detector_sees_a_leak(tmp_path):
    """Without the known-secret list, the shapeless secrets do reach the files: the canary search
    above can fail, and patterns alone are not enough."""
    report = build_report(sample_guide(), _leaky_run(), zone=ZONE)
    found = leaks(_export(report, tmp_path), SHAPELESS)
    assert any("json" in leak for leak in found) and any("pdf squashed" in leak for leak in found)
    assert any("html" in leak for leak in found)


def test_patterns_catch_credentials_nobody_declared(tmp_path):
    pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7canaryKEYmaterial\n-----END RSA PRIVATE KEY-----"
    jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.c2lnbmF0dXJlY2FuYXJ5"
    results = sample_results()
    results[0] = results[0].model_copy(update={"observed": pem, "message": f"id_token={jwt}; Authorization: Basic YWRtaW46Y2FuYXJ5cHc="})
    results[1] = results[1].model_copy(update={"message": f"{REFRESH_TOKEN} and {ACCESS_TOKEN} and aws_secret_access_key = {AWS_SECRET}"})
    report = build_report(sample_guide(), sample_run(results), zone=ZONE)
    files = _export(report, tmp_path)
    assert leaks(files, ("MIIEowIBAAKCAQEA7canaryKEYmaterial", jwt, "YWRtaW46Y2FuYXJ5cHc=", REFRESH_TOKEN, ACCESS_TOKEN, AWS_SECRET)) == []


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("client_secret=abcdef123456&grant_type=x", "client_secret=[secret hidden]&grant_type=x"),
        ('{"password": "hunter22"}', '{"password": "[secret hidden]"}'),
        ("<sf:sessionId>00Dxx!abc</sf:sessionId>", "<sf:sessionId>[secret hidden]</sf:sessionId>"),
        ("https://admin:pa55word@sftp.example.com/in", "https://admin:[secret hidden]@sftp.example.com/in"),
        ("Signature=0a1b2c3d4e5f6a7b", "Signature=[secret hidden]"),
    ],
)
def test_patterns_keep_the_context(text, masked):
    assert Redactor().text(text) == masked


@pytest.mark.parametrize(
    "pem",
    [
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7canaryKEYmaterial\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0canaryKEYmaterial\\n-----END PRIVATE KEY-----",  # JSON-escaped
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7canaryKEYmaterial",  # cut off before its END line
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0A1B\n\ncanaryKEYmaterial\n-----END RSA PRIVATE KEY-----",
    ],
)
def test_private_keys_are_masked_whole(pem):
    masked = Redactor().text(f"value: {pem} (read from the secret)")
    assert "canaryKEYmaterial" not in masked and masked.startswith("value: [secret hidden]")


@pytest.mark.parametrize(
    "text",
    [
        "Let the wizard update the app's OAuth policies, or edit them in App Manager.",
        "Scopes: content api web refresh_token offline_access",
        "Refresh Token Policy: expire_after 365 days",
        "Consumer secret: present",
        "Require Secret for Web Server Flow: true",
        "Send access token in header: false",
        "SELECT Id FROM NamedCredential WHERE DeveloperName = 'ECI_Named_Credential'",
        "Basic authentication with the Aircall API ID",
        "Consumer Key 3MVG9I5UQ_0k_hTkFakeConsumerKey",
        "The secret's CloudFrontPrivateKey value starts with -----BEGIN RSA PRIVATE KEY-----.",
        "It starts with -----BEGIN RSA PRIVATE KEY----- and ends with -----END RSA PRIVATE KEY-----.",
    ],
)
def test_ordinary_text_is_left_alone(text):
    redactor = Redactor(["tok", ""])  # too short to mask safely: ignored
    assert redactor.text(text) == text
    assert redactor.count == 0


def test_export_refuses_to_write_a_report_holding_a_secret(tmp_path):
    report = build_report(sample_guide(), _leaky_run(), zone=ZONE)  # built without the secret list
    files = {"json": tmp_path / "r.json", "html": tmp_path / "r.html", "pdf": tmp_path / "r.pdf"}
    with pytest.raises(SecretInReportError, match="no file was written") as caught:
        export(report, secrets=SECRETS, **files)
    assert not any(CONSUMER_SECRET in str(arg) for arg in caught.value.args)
    assert list(tmp_path.iterdir()) == []
