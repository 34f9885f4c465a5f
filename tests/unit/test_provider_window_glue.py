"""The Qt-free glue between the provider checks and the guide's rows (no network, no Qt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.engine.results import CheckResult, Evidence, Fix, Status
from wizard.guides.loader import load_guide
from wizard.providers import demo_sides
from wizard.providers.aws.checks import GUIDE_SETTINGS
from wizard.providers.execvision.check import check_local
from wizard.providers.execvision.demo_folder import write_demo_folder
from wizard.providers.execvision.findings import RULES
from wizard.providers.execvision.guide_results import setting_map
from wizard.providers.execvision.session import DeliveryEntries, ExecVisionSession
from wizard.providers.guide_fold import fold, mapped_pages, unreadable


def _result(check_id: str, status: Status, observed: str = "", fix: str | None = None, source: str = "S3") -> CheckResult:
    return CheckResult(guide_id="amazon-connect", page_id="x", check_id=check_id, setting=check_id, status=status,
                       expected=f"{check_id} ok", observed=observed or status.value, message=f"{check_id} says {status.value}",
                       evidence=(Evidence(source=source, detail=check_id),), fix=Fix(hint="do it", fix_name=fix) if fix else None)


def test_fold_puts_the_worst_check_on_the_guide_setting_with_its_fix() -> None:
    guide = load_guide("amazon-connect")
    results = [_result("aws.iam.streaming_user", Status.PASS), _result("aws.iam.setup_keys", Status.WARN, "2 keys"),
               _result("aws.bucket.cors", Status.FAIL, "(no rule)", fix="aws.cors"), _result("aws.not.mapped", Status.FAIL)]
    folded = {r.check_id: r for r in fold(guide, GUIDE_SETTINGS, results)}
    assert set(folded) == {"aws.iam.streaming-user", "aws.s3.cors"}  # unmapped checks and unjudged settings: nothing
    iam = folded["aws.iam.streaming-user"]
    assert (iam.status, iam.page_id, iam.setting) == (Status.WARN, "streaming-iam-user", guide.page("streaming-iam-user").settings[0].label)
    assert iam.observed.startswith("aws.iam.setup_keys: 2 keys") and len(iam.evidence) == 2
    assert iam.message == "aws.iam.setup_keys says warn." and iam.fix is None
    cors = folded["aws.s3.cors"]
    assert cors.status is Status.FAIL and cors.fix is not None and cors.fix.fix_name == "aws.cors"
    errors = unreadable(guide, GUIDE_SETTINGS, "(AWS could not be read)", "expired", "sign in again", ["cloudformation"])
    assert [r.check_id for r in errors] == ["aws.cloudformation.recording-import", "aws.lambda.ctr-trigger-timeout"]
    assert all(r.status is Status.ERROR and r.fix and r.fix.hint == "sign in again" for r in errors)
    assert mapped_pages(guide, GUIDE_SETTINGS) == ["cloudformation", "cloudfront-keys", "recordings-bucket-cors",
                                                   "streaming-iam-user", "edge-lambda"]


def test_every_execvision_rule_lands_on_a_real_setting_of_the_guide() -> None:
    guide = load_guide("execvision")
    settings = {s.id for _p, s in guide.settings()}
    for mode in ("push", "pull"):
        assert set(setting_map(mode)) <= settings
    mapped = {c for mode in ("push", "pull") for ids in setting_map(mode).values() for c in ids}
    assert mapped == {f"execvision.{rule}" for rule in RULES}
    push_pages = mapped_pages(guide, setting_map("push"))
    assert "sftp-push" in push_pages and "sftp-pull" not in push_pages


def test_the_demo_folder_breaks_exactly_the_rules_it_says(tmp_path: Path) -> None:
    expected = write_demo_folder(tmp_path)
    outcome = check_local(tmp_path / "data", DeliveryEntries(source="local").config())
    found: dict[str, set[str]] = {}
    for finding in outcome.findings:
        found.setdefault(finding.file, set()).add(finding.rule)
    assert found == expected
    folded = {r.check_id: r.status for r in ExecVisionSession().guide_results(load_guide("execvision"))}
    assert folded == {}  # nothing checked yet: the rows stay manual


def test_delivery_entries_and_password_are_kept_in_the_keyring(memory_keyring: type, wizard_dirs: tuple[Path, Path]) -> None:
    from wizard import secrets
    from wizard.providers.execvision.sftp import PASSWORD_KIND, SftpProblem

    session = ExecVisionSession()
    entries = DeliveryEntries(host="sftp.example.com", username="acme", port=2222, fields=("caller_id",))
    with pytest.raises(SftpProblem) as missing:
        session.secrets_for(entries)
    assert missing.value.kind == "no-secret"
    assert session.secrets_for(entries, password="s3cret-pass").password == "s3cret-pass"
    assert secrets.get_secret(PASSWORD_KIND, "acme@sftp.example.com:2222") is None  # kept only once the server accepts it
    secrets.set_secret(PASSWORD_KIND, "acme@sftp.example.com:2222", "s3cret-pass")  # as `run` does after signing in
    assert session.secrets_for(entries).password == "s3cret-pass"  # empty field: the kept one
    session.remember(entries)
    again = ExecVisionSession()
    assert again.restore() == entries
    with pytest.raises(SftpProblem) as no_host:
        DeliveryEntries(username="acme").target()
    assert "host name" in no_host.value.observed


def test_the_demo_says_what_to_install_without_moto(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_sides, "moto_available", lambda: False)
    sides = demo_sides.DemoSides("fresh", "https://127.0.0.1:1")
    with pytest.raises(demo_sides.DemoSideUnavailable) as unavailable:
        sides.start_aws()
    assert "pip install 'eci-setup-wizard[demo]'" in str(unavailable.value)
    sides.stop()
