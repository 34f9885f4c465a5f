"""The five guides as data: they load, mirror their source documents, and fail loudly when broken."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from wizard.commands import guides as guides_command
from wizard.guides.loader import (
    DATA_DIR,
    GuideError,
    clear_cache,
    guide_ids,
    list_guides,
    load_guide,
    validate_references,
)
from wizard.guides.schema import Guide

REPO = Path(__file__).resolve().parents[2]

#: The agreed page ids, in source order (GUIDE_PAGES.md); "*" marks a shared page; side follows.
GUIDE_PAGES: dict[str, list[tuple[str, str]]] = {
    "natterbox": [
        ("before-you-start", "salesforce"), ("media-provider", "salesforce"),
        ("eci-connected-app*", "salesforce"), ("eci-auth-provider*", "salesforce"),
        ("eci-named-credential*", "salesforce"), ("natterbox-s3-named-credential", "salesforce"),
        ("eci-users", "salesforce"), ("recording-player", "salesforce"), ("troubleshooting", "provider"),
    ],
    "aircall": [
        ("before-you-start", "salesforce"), ("integration-user*", "salesforce"),
        ("aircall-api-key", "provider"), ("aircall-named-credential", "salesforce"),
        ("eci-connected-app*", "salesforce"), ("eci-auth-provider*", "salesforce"),
        ("salesforce-site*", "salesforce"), ("eci-named-credential*", "salesforce"),
        ("guest-user-permission-sets*", "salesforce"),
    ],
    "ringcentral": [
        ("before-you-start", "salesforce"), ("ringcentral-app", "provider"),
        ("integration-user*", "salesforce"), ("ringcentral-auth-provider", "salesforce"),
        ("ringcentral-named-credential", "salesforce"), ("eci-connected-app*", "salesforce"),
        ("eci-auth-provider*", "salesforce"), ("salesforce-site*", "salesforce"),
        ("eci-named-credential*", "salesforce"), ("guest-user-permission-sets*", "salesforce"),
        ("graduate-ringcentral-app", "provider"),
    ],
    "execvision": [
        ("choose-delivery", "sftp"), ("sftp-push", "sftp"), ("sftp-pull", "sftp"),
        ("salesforce-link", "salesforce"), ("upload-folder", "sftp"), ("recording-names", "sftp"),
        ("metadata-files", "sftp"), ("metadata-updates", "sftp"),
    ],
    "amazon-connect": [
        ("before-you-start", "salesforce"), ("cloudformation", "aws"), ("cloudfront-keys", "aws"),
        ("recordings-bucket-cors", "aws"), ("streaming-iam-user", "aws"), ("edge-lambda", "aws"),
        ("salesforce-named-credential", "salesforce"), ("call-recording-permission-set", "salesforce"),
        ("contact-flow-recording", "aws"), ("service-console", "salesforce"), ("troubleshooting", "aws"),
        ("recording-transcripts", "aws"), ("contact-analysis", "aws"),
    ],
}
SEED_OF = {
    "natterbox": "000_0905a9a90d8bac68.txt",
    "aircall": "001_69714dbe37553720.txt",
    "execvision": "002_820b6c1a0515f843.txt",
    "ringcentral": "003_254321e37e87bcde.txt",
    "amazon-connect": "004_10f1e4c8fbc38ba6.txt",
}

#: The check catalogue (CHECK_CATALOGUE.md): check name -> the params it accepts.
CATALOGUE: dict[str, set[str]] = {
    "aircall.api_key": set(),
    "aircall.user_identifiers": set(),
    "ringcentral.client_credentials": set(),
    "ringcentral.redirect_uri": set(),
    "ringcentral.graduated": set(),
    "ringcentral.user_identifiers": set(),
    "org.edition": {"editions", "addon_editions", "current_eci_editions", "needed_for"},
    "org.my_domain": set(),
    "org.eci_enabled": set(),
    "user.profile": {"profile"},
    "user.permission": {"permission", "label"},
    "user.object_access": {"sobject"},
    "user.permission_set": {"label", "eci"},
    "named_credential.aws_access_key": {"name", "source"},
    "package.installed": {"name"},
    "media_provider.record": {"provider_name", "active"},
    **{
        f"eci_app.{name}": {"api_name", "label", *extra}
        for name, extra in {
            "exists": (), "callback_url": ("auth_provider",), "scopes": ("scopes",),
            "require_secret": ("web_server_flow", "refresh_token_flow"), "permitted_users": ("value",),
            "ip_relaxation": ("value",), "refresh_token_policy": ("value", "amount", "unit"),
            "profiles": ("recommended",),
        }.items()
    },
    "auth_provider.exists": {"developer_name", "friendly_name", "provider_type"},
    "auth_provider.consumer_key": {"developer_name", "app_api_name"},
    "auth_provider.scopes": {"developer_name", "scopes"},
    "auth_provider.endpoints": {"developer_name", "environments", "other_environments"},
    "auth_provider.options": {"developer_name", "send_access_token_in_header", "send_client_credentials_in_header", "send_secret_in_apis"},
    "named_credential.exists": {"name", "label"},
    "named_credential.url": {"name", "url", "my_domain", "environments", "other_environments", "lambda_invocations", "function"},
    "named_credential.auth": {"name", "principal_type", "protocol", "auth_provider", "scope", "password_meaning"},
    "named_credential.options": {"name", "generate_authorization_header", "allow_merge_fields_in_header", "allow_merge_fields_in_body"},
    "named_credential.aws": {"name", "region", "service", "region_in_url"},
    "named_credential.same_environment": {"name", "auth_provider", "provider", "environments"},
    "named_credential.username": {"name", "meaning"},
    "site.exists": {"name", "label"},
    "site.active": {"name"},
    "site.home_page": {"name", "page"},
    "site.clickjack": {"name", "level"},
    "site.guest_user_active": {"name"},
    "site.guest_permission_sets": {"name", "permission_sets"},
    "permission_set.exists": {"name"},
    "permission_set.assigned": {"name", "eci"},
    "eci_app.authorized": {"api_name", "label", "permission_set", "credential"},
    "apex_page.exists": {"name"},
    "flexipage.record_page": {"sobject"},
    "scheduled_job.running": {"name", "app", "purpose"},
}
CATALOGUE_FIXES = {"eci_settings", "assign_permission_set", "media_provider", "eci_app", "auth_provider", "named_credential", "site", "guest_permission_sets"}


def _seeds_dir() -> Path | None:
    candidates = [os.environ.get("ECI_WIZARD_SEEDS"), REPO.parent / "shared" / "seeds", REPO / "tests" / "data" / "seeds"]
    for candidate in candidates:
        if candidate and (Path(candidate) / SEED_OF["natterbox"]).is_file():
            return Path(candidate)
    return None


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    """Source text per guide id; the vendor documents live beside the repository, not in it."""
    folder = _seeds_dir()
    if folder is None:
        pytest.skip("source guides not found (set ECI_WIZARD_SEEDS to the seeds folder)")
    return {gid: (folder / name).read_text(encoding="utf-8") for gid, name in SEED_OF.items()}


def _all_text(guide: Guide) -> str:
    return json.dumps(guide.model_dump(), ensure_ascii=False)


def _setting(guide: Guide, setting_id: str) -> Any:
    return next(s for _, s in guide.settings() if s.id == setting_id)


# --- loading and structure -------------------------------------------------------------------


def test_every_fix_the_guides_name_can_be_applied_in_a_known_order() -> None:
    from wizard.apply.executors import EXECUTORS
    from wizard.apply.targets import FIX_ORDER

    assert set(EXECUTORS) >= CATALOGUE_FIXES  # voice-provider fixes register themselves when first planned
    assert sorted(FIX_ORDER) == sorted(CATALOGUE_FIXES)  # every guide fix has its place in the run order


@pytest.mark.parametrize("guide_id", list(GUIDE_PAGES))
def test_guide_loads_and_references_only_catalogue_names(guide_id: str) -> None:
    guide = load_guide(guide_id)
    assert validate_references(guide, set(CATALOGUE), CATALOGUE_FIXES) == []
    for page, setting in guide.settings():
        if setting.check:
            unknown = set(setting.params) - CATALOGUE[setting.check]
            assert not unknown, f"{page.id}/{setting.id}: params {unknown} not in the catalogue for {setting.check}"
    assert "${" not in _all_text(guide)


@pytest.mark.parametrize("guide_id", list(GUIDE_PAGES))
def test_page_ids_order_sides_and_shared_pages_match_the_agreement(guide_id: str) -> None:
    guide = load_guide(guide_id)
    agreed = GUIDE_PAGES[guide_id]
    assert [p.id for p in guide.pages] == [pid.rstrip("*") for pid, _ in agreed]
    assert [p.side for p in guide.pages] == [side for _, side in agreed]
    raw = yaml.safe_load((DATA_DIR / f"{guide_id}.yaml").read_text(encoding="utf-8"))
    for (pid, _), entry in zip(agreed, raw["pages"], strict=True):
        assert ("use" in entry) == pid.endswith("*"), f"{pid}: shared pages must come from data/shared"
        if pid.endswith("*"):
            assert (DATA_DIR / "shared" / f"{pid.rstrip('*')}.yaml").is_file()


def test_list_guides_in_display_order_with_counts() -> None:
    summaries = list_guides()
    assert [s.id for s in summaries] == list(GUIDE_PAGES)
    for s in summaries:
        assert s.pages == len(GUIDE_PAGES[s.id])
        assert s.minutes > 0 and s.checks + s.manual > 0


#: Where the detailed sections begin, for sources that first list every heading (contents, overview).
BODY_STARTS = {
    "aircall": "Log In as the Integration User\nLog In as the Integration User",
    "ringcentral": "## Create the RingCentral App\n",
}


def test_pages_follow_the_source_document_order(seeds: dict[str, str]) -> None:
    """Each page's source_section is a heading (a line start) of its source, in page order."""

    def norm(text: str) -> str:
        return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))) + " "

    for guide_id in GUIDE_PAGES:
        first, *rest = load_guide(guide_id).pages
        source = seeds[guide_id]
        whole = norm(source)
        assert norm(first.source_section) in whole, f"{guide_id}: {first.source_section!r} not in the source"
        for page in rest:  # the opening section comes before every other (contents lists included)
            assert whole.find(norm(first.source_section)) < whole.find(norm(page.source_section)), page.id
        marker = BODY_STARTS.get(guide_id)
        lines = [norm(line) for line in (source[source.index(marker) :] if marker else source).splitlines()]
        at = 0 if marker else next(i for i, line in enumerate(lines) if norm(first.source_section) in line)
        for page in rest:
            heading = norm(page.source_section)
            found = next((i for i in range(at, len(lines)) if lines[i].startswith(heading)), -1)
            assert found >= 0, f"{guide_id}/{page.id}: heading {page.source_section!r} not found after the previous page's"
            at = found


# --- shared pages and overrides ----------------------------------------------------------------


def test_shared_named_credential_scope_differs_per_guide() -> None:
    def scope(gid: str) -> str:
        return _setting(load_guide(gid), "eci-named-credential.auth").params["scope"]

    assert scope("natterbox") == "content api web refresh_token offline_access"
    assert scope("aircall") == scope("ringcentral") == "refresh_token web api content"
    copy = {c.label: c.value for c in load_guide("aircall").page("eci-named-credential").copy_values}
    assert copy["Scope"] == "refresh_token web api content" and copy["URL (your My Domain)"] == "{my_domain}"


def test_shared_pages_take_the_guides_own_section_headings_and_without() -> None:
    natterbox, aircall = load_guide("natterbox"), load_guide("aircall")
    assert natterbox.page("eci-connected-app").source_section == "Add ECI connected App"
    assert aircall.page("eci-connected-app").source_section == "Set Up the Connected App"
    assert _setting(natterbox, "eci-auth-provider.default-scopes").params == {
        "developer_name": "ECI_Auth_Provider",
        "scopes": "content api web refresh_token offline_access",
    }
    aircall_ids = [s.id for s in aircall.page("eci-auth-provider").settings]
    assert "eci-auth-provider.default-scopes" not in aircall_ids
    assert "eci-auth-provider.exists" in aircall_ids
    assert not any("content api web" in step for step in aircall.page("eci-auth-provider").instructions)


def test_connected_app_page_states_todays_rules() -> None:
    page = load_guide("aircall").page("eci-connected-app")
    text = " ".join([page.summary, *page.instructions])
    for needed in ("Spring '26", "External Client App", "checked and kept", "September 2025", "Approve Uninstalled Connected Apps"):
        assert needed in text
    assert any(s.manual and "Manage Consumer Details" in s.manual.do for s in page.settings)


# --- exact values ---------------------------------------------------------------------------


def test_spot_checks_of_exact_values() -> None:
    rc = load_guide("ringcentral")
    endpoints = _setting(rc, "rc-auth-provider.endpoints").params["environments"]
    assert endpoints["sandbox"]["token_url"] == "https://platform.devtest.ringcentral.com/restapi/oauth/token"
    assert endpoints["production"]["authorize_url"] == "https://platform.ringcentral.com/restapi/oauth/authorize"
    assert _setting(rc, "rc-nc.url").params["environments"] == {
        "sandbox": "https://platform.devtest.ringcentral.com/",
        "production": "https://platform.ringcentral.com",
    }
    natterbox = load_guide("natterbox")
    assert _setting(natterbox, "natterbox-s3.url").params == {"name": "NatterboxS3AWS", "url": "https://eci-prod.s3.eu-west-1.amazonaws.com/"}
    assert _setting(natterbox, "natterbox-s3.aws").params == {"name": "NatterboxS3AWS", "region": "eu-west-1", "service": "s3"}
    aircall = load_guide("aircall")
    assert _setting(aircall, "aircall-nc.url").params == {"name": "Aircall", "url": "https://api.aircall.io"}
    policy = _setting(aircall, "eci-app.refresh-token-policy").params
    assert (policy["api_name"], policy["amount"], policy["unit"]) == ("ECI_Connected_App", 365, "days")
    callback = {c.label: c.value for c in aircall.page("eci-auth-provider").copy_values}
    assert callback["Callback URL (paste into the ECI app)"] == "{my_domain}/services/authcallback/ECI_Auth_Provider"
    ac = load_guide("amazon-connect")
    assert _setting(ac, "aws-nc.url").params == {"name": "AwsGenerateAudioRecordingURL", "lambda_invocations": True,
                                                  "function": "sfGenerateAudioRecordingStreaming"}
    assert _setting(ac, "aws-nc.aws").params == {"name": "AwsGenerateAudioRecordingURL", "service": "lambda", "region_in_url": True}
    template = ac.page("salesforce-named-credential").copy_values[0].value
    assert template.endswith("/2015-03-31/functions/<lambdaFunctionName>/invocations")
    assert _setting(ac, "aws.connect.comprehend-attribute").params["codes"] == ["snt", "kw", "dl", "ne", "syn"]


#: (guide, value): every value must appear verbatim in the guide's own source text and in the guide.
EXACT = {
    "natterbox": ["ECI_Connected_App", "ECI Connected App", "ECI_Auth_Provider", "ECI_Named_Credential", "NatterboxS3AWS",
                  "https://eci-prod.s3.eu-west-1.amazonaws.com/", "eu-west-1", "content api web refresh_token offline_access",
                  "https://dummy_url/services/authcallback/ECI_Auth_Provider", "Natterbox's solution for ECI.", "Call Recording Player", "48 hours"],
    "aircall": ["VoiceConnector", "SiteLogin", "Voice Connector Permission", "Conversation Insights Integration User", "ECI Auth Provider"],
    "ringcentral": ["Ring_Central", "Ring Central", "ReadCallRecording", "https://dummyurl.com", "https://platform.devtest.ringcentral.com/",
                    "https://platform.devtest.ringcentral.com/restapi/oauth/userinfo", "https://platform.ringcentral.com/restapi/oauth/token",
                    "Voice Connector Guest User", "refresh_token web api content", "Webhook Subscriptions", "ECI_Connected_App"],
    "execvision": ["yyyyMMdd-hhmmss_uid.ext", "20201012-140253_joe_baducci.xml", "BXyT30eVTWIZjUA", "2GB", "48 hours", "seven days", "webex arf"],
    "amazon-connect": ["AwsGenerateAudioRecordingURL", "AC_CallRecording", "AC_RecordingViewer", "sfSig4RequestToS3Role",
                       "invokeSfGenerateAudioRecordingStreamingURLPolicy", "SalesforceCredentials", "CloudFrontPrivateKey",
                       "CloudFrontAccessKeyID", "ConnectRecordingS3BucketName", "PostcallRecordingImportEnabled", "sfCTRTrigger",
                       "postcallRecordingImportEnabled", "postcallTranscribeEnabled", "postcallTranscribeLanguage",
                       "postcallTranscribeComprehendAnalysis", "snt,dl,kw,syn", "AC Contact Channel Analytics",
                       "https://github.com/amazon-connect/amazon-connect-salesforce-cti/blob/main/docs/lightning/04-salesforce-lambdas/sfSig4RequestToS3.js",
                       "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-trusted-signers.html",
                       "Creating key pairs for your signers", "Adding a signer to a distribution", "New Named Credential",
                       "https://docs.aws.amazon.com/transcribe/latest/dg/API_StartTranscriptionJob.html#transcribe-StartTranscriptionJob-request-LanguageCode",
                       "Positive, Negative, Neutral, or Mixed"],
}


@pytest.mark.parametrize("guide_id", list(EXACT))
def test_exact_values_come_from_the_source(guide_id: str, seeds: dict[str, str]) -> None:
    text = _all_text(load_guide(guide_id))
    source = seeds[guide_id].replace("\\_", "_")  # the Markdown seeds escape underscores
    for value in EXACT[guide_id]:
        assert value in source, f"{value!r} is not in the {guide_id} source"
        assert value in text, f"{value!r} is missing from the {guide_id} guide"


def test_aircall_values_are_the_true_forms_of_its_garbled_source(seeds: dict[str, str]) -> None:
    """The Aircall text lost its punctuation; our values, stripped the same way, must match it."""
    text = _all_text(load_guide("aircall"))
    for value in ["ECI_Connected_App", "ECI_Auth_Provider", "ECI_Named_Credential", "https://api.aircall.io",
                  "https://dummy_url/services/authcallback/ECI_Auth_Provider", "refresh_token web api content"]:
        assert re.sub(r"[^A-Za-z0-9 ]", "", value) in seeds["aircall"]
        assert value in text


# --- own words ---------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("'", "").replace("\u2019", "").replace("_", ""))


def _runs(words: list[str], n: int = 12) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _copied(text: str, seed_runs: set[tuple[str, ...]]) -> list[str]:
    return [" ".join(run) for run in _runs(_words(text)) if run in seed_runs]


def _our_prose(guide: Guide) -> list[str]:
    texts = [guide.summary, guide.fits_when, *guide.you_need]
    for page in guide.pages:
        texts += [page.title, page.summary, *page.instructions]
        texts += [t for s in page.settings if s.manual for t in (s.manual.do, s.manual.confirm)]
    return texts


def test_no_twelve_word_run_is_copied_from_a_source(seeds: dict[str, str]) -> None:
    seed_runs = set().union(*(_runs(_words(text)) for text in seeds.values()))
    copied = {(gid, run) for gid in GUIDE_PAGES for text in _our_prose(load_guide(gid)) for run in _copied(text, seed_runs)}
    assert copied == set(), "write these in our own words: " + "; ".join(f"{g}: {r}" for g, r in sorted(copied))


def test_the_own_words_detector_catches_a_copy(seeds: dict[str, str]) -> None:
    seed_runs = _runs(_words(seeds["ringcentral"]))
    verbatim = "Before you can set up the integration between the voice connector and Einstein Conversation Insights (ECI), a user"
    assert _copied(verbatim, seed_runs)
    assert not _copied("Set up a dedicated integration user with admin rights before connecting the voice connector.", seed_runs)


#: Steps once written close to their source sentence by sentence: (guide, page, words the step holds,
#: the shortest run of words it may share with its source).
REWORDED_STEPS = [("aircall", "guest-user-permission-sets", "Guest User", 8), ("ringcentral", "guest-user-permission-sets", "Guest User", 8),
                  ("amazon-connect", "contact-flow-recording", "Contact flows", 8),
                  ("amazon-connect", "recording-transcripts", "after-call work", 6)]


@pytest.mark.parametrize(("guide_id", "page_id", "marker", "run"), REWORDED_STEPS)
def test_reworded_steps_share_no_short_run_with_the_source(guide_id: str, page_id: str, marker: str, run: int,
                                                            seeds: dict[str, str]) -> None:
    """The Setup search, the contact flow menu and the transcript wait are said in the wizard's own words."""
    step = next(s for s in load_guide(guide_id).page(page_id).instructions if marker in s)
    seed_runs = _runs(_words(seeds[guide_id]), run)
    assert [" ".join(r) for r in _runs(_words(step), run) if r in seed_runs] == []


def test_amazon_connect_named_credential_page_names_the_new_legacy_item() -> None:
    """An admin who clicks New makes the newer kind of credential, which the page's checks do not describe."""
    steps = " ".join(load_guide("amazon-connect").page("salesforce-named-credential").instructions)
    assert "choose New Legacy" in steps and "New Named Credential" in steps


def test_amazon_connect_cors_template_gives_origins_a_browser_sends() -> None:
    """S3 compares origins as whole strings, and a browser's Origin header never ends with a slash."""
    page = load_guide("amazon-connect").page("recordings-bucket-cors")
    rule = json.loads(page.copy_values[0].value)[0]
    assert rule["AllowedOrigins"] == ["{visualforce_origin}", "{lightning_origin}"]  # filled from the org once signed in
    assert (rule["AllowedHeaders"], rule["AllowedMethods"], rule["ExposeHeaders"]) == (["Access-Control-Allow-Origin"], ["GET"], [])
    assert any("end with a slash" in step for step in page.instructions)


def test_ringcentral_environment_row_uses_the_urls_of_the_rows_it_pairs() -> None:
    """The pair row judges by the very URLs the auth provider and named credential rows accept."""
    rc = load_guide("ringcentral")
    pair = _setting(rc, "rc-nc.same-environment").params["environments"]
    endpoints = _setting(rc, "rc-auth-provider.endpoints").params["environments"]
    urls = _setting(rc, "rc-nc.url").params["environments"]
    assert {env: {k: v for k, v in values.items() if k != "url"} for env, values in pair.items()} == endpoints
    assert {env: values["url"] for env, values in pair.items()} == urls


# --- errors, cache, CLI ------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "guides"
    shutil.copytree(DATA_DIR, folder)
    return folder


def _edit(folder: Path, name: str, change: Any) -> None:
    path = folder / name
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")


def _error(folder: Path, guide_id: str = "natterbox") -> str:
    with pytest.raises(GuideError) as info:
        load_guide(guide_id, folder)
    text = str(info.value)
    assert "Input should" not in text and "pydantic" not in text
    return text


BROKEN = [
    ("natterbox.yaml", lambda r: r["pages"][1].update(colour="blue"), ["natterbox.yaml", "pages[1] (media-provider).colour", "unknown key", "allowed keys here"]),
    ("natterbox.yaml", lambda r: r["pages"][1]["settings"][0].update(id="Provider Name"), ["natterbox.yaml", "settings[0].id", "expected an id of lowercase letters, digits, dots, underscores and dashes", "'Provider Name'"]),
    ("natterbox.yaml", lambda r: r["pages"][1]["settings"][0].update(check=["a"]), ["natterbox.yaml", "pages[1] (media-provider).settings[0].check", "expected text"]),
    ("natterbox.yaml", lambda r: r.pop("title"), ["natterbox.yaml", "at title", "required"]),
    ("natterbox.yaml", lambda r: r.update(minutes="soon"), ["natterbox.yaml", "at minutes", "expected a whole number", "'soon'"]),
    ("natterbox.yaml", lambda r: r["pages"][4].pop("with"), ["shared/eci-named-credential.yaml", "natterbox.yaml", "scope", "needs a value"]),
    ("natterbox.yaml", lambda r: r["pages"][4]["with"].update(scopes="x"), ["natterbox.yaml", "pages[4] (use: eci-named-credential).with.scopes", "has no var"]),
    ("natterbox.yaml", lambda r: r["pages"][3].update(without=["nope"]), ["natterbox.yaml", "without[0]", "expected a setting id"]),
    ("natterbox.yaml", lambda r: r["pages"][2].update(use="no-such-page"), ["natterbox.yaml", "pages[2] (use: no-such-page).use", "shared page"]),
    ("natterbox.yaml", lambda r: r["pages"][1].update(summary="Hello ${nobody}"), ["natterbox.yaml", "pages[1].summary", "${nobody}"]),
    ("natterbox.yaml", lambda r: r["pages"][1]["copy_values"][1].update(value="{my_domian}/x"), ["natterbox.yaml", "pages[1] (media-provider).copy_values[1].value", "unknown placeholder(s) {my_domian}"]),
    ("natterbox.yaml", lambda r: r["pages"][1]["settings"].append(dict(r["pages"][0]["settings"][0])), ["pages[1].settings[1].id", "unique"]),
    ("shared/eci-auth-provider.yaml", lambda r: r["settings"][0].update(manual={"do": "a", "confirm": "b"}), ["shared/eci-auth-provider.yaml", "settings[0]", "exactly one of"]),
]


@pytest.mark.parametrize(("name", "change", "expected"), BROKEN)
def test_broken_file_names_the_file_and_the_key(data_copy: Path, name: str, change: Any, expected: list[str]) -> None:
    _edit(data_copy, name, change)
    text = _error(data_copy)
    for part in expected:
        assert part in text, f"{part!r} not in: {text}"


def test_every_problem_is_reported_at_once(data_copy: Path) -> None:
    _edit(data_copy, "natterbox.yaml", lambda r: (r.pop("title"), r["pages"][1].update(colour="x")))
    assert "2 problems" in _error(data_copy)


def test_yaml_mistakes_name_the_line(data_copy: Path) -> None:
    path = data_copy / "aircall.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "title: twice\n", encoding="utf-8")
    assert "appears twice" in _error(data_copy, "aircall") and "aircall.yaml, at line" in _error(data_copy, "aircall")
    path.write_text("id: aircall\npages: [\n", encoding="utf-8")
    assert "expected valid YAML" in _error(data_copy, "aircall")


def test_unknown_guide_lists_the_known_ones(data_copy: Path) -> None:
    with pytest.raises(GuideError, match="known guides: natterbox, aircall"):
        load_guide("nope", data_copy)
    assert guide_ids(data_copy) == list(GUIDE_PAGES)


def test_validate_references_reports_unknown_names() -> None:
    problems = validate_references(load_guide("natterbox"), {"org.edition"}, set())
    assert any("'eci_app.scopes' is not a registered check" in p for p in problems)
    assert any("fix 'eci_app' is not a registered fix" in p for p in problems)


def test_loaded_guides_are_cached_until_a_file_changes(data_copy: Path) -> None:
    first = load_guide("execvision", data_copy)
    assert load_guide("execvision", data_copy) is first
    _edit(data_copy, "execvision.yaml", lambda r: r.update(minutes=61))
    stat = (data_copy / "execvision.yaml").stat()
    os.utime(data_copy / "execvision.yaml", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert load_guide("execvision", data_copy).minutes == 61
    clear_cache()


def _cli(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="eci-wizard")
    guides_command.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_cli_lists_and_shows_guides(capsys: pytest.CaptureFixture[str]) -> None:
    args = _cli(["guides"])
    assert args.func(args) == 0
    listing = capsys.readouterr().out
    assert all(gid in listing for gid in GUIDE_PAGES) and "MINUTES" in listing
    args = _cli(["guides", "show", "ringcentral"])
    assert args.func(args) == 0
    shown = capsys.readouterr().out
    assert "Page 11 of 11" in shown and "https://platform.devtest.ringcentral.com/restapi/oauth/token" in shown
    assert "[ ] Default Scopes: ReadCallRecording" in shown and "Confirm:" in shown
    with pytest.raises(SystemExit) as stopped:
        _cli(["guides", "show", "nope"])
    assert stopped.value.code == 2
    assert "no guide is called 'nope'; the guides are natterbox" in capsys.readouterr().err


def test_cli_writes_the_blank_checklist_to_print(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfReader

    pdf, html = tmp_path / "out" / "aircall-checklist.pdf", tmp_path / "aircall-checklist.html"
    args = _cli(["guides", "show", "aircall", "--brief", "--pdf", str(pdf), "--html", str(html), "--paper", "A4"])
    assert args.func(args) == 0
    assert "Blank checklist written" in capsys.readouterr().out
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "ECI_Connected_App" in text and "Aircall" in text
    assert "ECI_Connected_App" in html.read_text(encoding="utf-8")
    args = _cli(["guides", "show", "aircall", "--pdf", str(tmp_path)])  # a folder: refused before anything
    assert args.func(args) == 2
    assert "is a folder" in capsys.readouterr().err
