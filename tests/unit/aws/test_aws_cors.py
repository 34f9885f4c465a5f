"""Origins from the org, S3's origin matching, and merging a rule without touching the others."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.providers.aws import cors

VF = "https://acme--amazonconnect.vf.force.com"
LIGHTNING = "https://acme.lightning.force.com"


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://acme--amazonconnect.vf.force.com/apex/AC_RecordingViewer?id=1", VF),
        ("https://ACME--amazonconnect.vf.force.com", VF),
        ("https://acme--c.na123.visual.force.com/apex/AC_RecordingViewer", "https://acme--c.na123.visual.force.com"),
        ("https://acme--uat--amazonconnect.sandbox.vf.force.com/apex/x", "https://acme--uat--amazonconnect.sandbox.vf.force.com"),
    ],
)
def test_visualforce_origin_is_the_url_up_to_dot_com(url: str, origin: str) -> None:
    assert cors.visualforce_origin(url) == origin


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://acme--amazonconnect.vf.force.com/apex/x", "https"),
        ("https://acme.my.salesforce-setup.com/lightning/setup/ApexPages/home", "Preview"),
        ("https://acme.lightning.force.com/lightning/page/home", "Preview"),
        ("https://example.org/apex/x", ".com"),
    ],
)
def test_wrong_pages_are_refused_with_what_to_copy(url: str, words: str) -> None:
    with pytest.raises(cors.OriginError, match=words):
        cors.visualforce_origin(url)


def test_lightning_origin_and_the_guides_form() -> None:
    assert cors.lightning_origin("acme") == LIGHTNING
    assert cors.lightning_origin("https://acme.lightning.force.com/lightning/r/Case/500/view") == LIGHTNING
    assert cors.guide_lightning_entry("acme") == "https://acme.lightning.force.com/"
    with pytest.raises(cors.OriginError):
        cors.lightning_origin("https://acme.my.salesforce.com")


@pytest.mark.parametrize(
    ("my_domain", "origins"),
    [
        ("https://acme.my.salesforce.com", (VF, LIGHTNING)),
        ("https://acme--uat.sandbox.my.salesforce.com/", ("https://acme--uat--amazonconnect.sandbox.vf.force.com", "https://acme--uat.sandbox.lightning.force.com")),
        ("acme-dev-ed.develop.my.salesforce.com", ("https://acme-dev-ed--amazonconnect.develop.vf.force.com", "https://acme-dev-ed.develop.lightning.force.com")),
    ],
)
def test_origins_from_my_domain(my_domain: str, origins: tuple[str, str]) -> None:
    assert cors.origins_from_my_domain(my_domain) == origins


def test_s3_compares_whole_origins() -> None:
    assert cors.pattern_matches(LIGHTNING, LIGHTNING)
    assert not cors.pattern_matches(LIGHTNING + "/", LIGHTNING)  # the guide's trailing slash never matches
    assert not cors.pattern_matches("https://acme.lightning.force.co", LIGHTNING)  # no prefix matching
    assert not cors.pattern_matches(LIGHTNING, LIGHTNING + ".evil.example")
    assert cors.pattern_matches("https://*.lightning.force.com", LIGHTNING)
    assert cors.pattern_matches("*", LIGHTNING)
    assert not cors.pattern_matches("https://*.*.force.com", LIGHTNING)  # S3 allows one wildcard only


def test_the_guides_rule_with_a_trailing_slash_is_a_near_miss() -> None:
    rules = [cors.guide_rule([VF, cors.guide_lightning_entry("acme")])]
    assert cors.missing_origins(rules, [VF, LIGHTNING]) == [LIGHTNING]
    assert cors.near_misses(rules, LIGHTNING) == [f"{LIGHTNING}/ ends with '/', but browsers send {LIGHTNING} without it"]
    put_only = [{"AllowedMethods": ["PUT"], "AllowedOrigins": [LIGHTNING]}]
    assert "not GET" in cors.near_misses(put_only, LIGHTNING)[0]


def test_cors_json_is_the_guides_rule_with_real_origins() -> None:
    assert json.loads(cors.cors_json([VF, LIGHTNING])) == [
        {"AllowedHeaders": ["Access-Control-Allow-Origin"], "AllowedMethods": ["GET"], "AllowedOrigins": [VF, LIGHTNING], "ExposeHeaders": []}
    ]


OTHER_RULE = {"ID": "uploads", "AllowedHeaders": ["*"], "AllowedMethods": ["PUT", "POST"], "AllowedOrigins": ["https://uploads.example.com"], "MaxAgeSeconds": 300}


def test_merge_appends_the_guides_rule_after_unrelated_rules() -> None:
    merged, added = cors.merge_rules([OTHER_RULE], [VF, LIGHTNING])
    assert added == [VF, LIGHTNING]
    assert merged[0] == OTHER_RULE
    assert merged[1] == cors.guide_rule([VF, LIGHTNING])


def test_merge_extends_the_existing_salesforce_rule_and_keeps_its_entries() -> None:
    existing = [OTHER_RULE, cors.guide_rule([VF, cors.guide_lightning_entry("acme")])]
    merged, added = cors.merge_rules(existing, [VF, LIGHTNING])
    assert added == [LIGHTNING]
    assert merged[0] == OTHER_RULE
    assert merged[1]["AllowedOrigins"] == [VF, LIGHTNING + "/", LIGHTNING]
    assert cors.merge_rules(merged, [VF, LIGHTNING]) == (merged, [])  # applying again adds nothing


def test_merge_refuses_past_s3s_limit() -> None:
    full = [{"AllowedMethods": ["PUT"], "AllowedOrigins": [f"https://{i}.example.com"]} for i in range(cors.MAX_RULES)]
    with pytest.raises(cors.OriginError, match="100"):
        cors.merge_rules(full, [VF])


origin_st = st.builds(lambda host: f"https://{host}.example.com", st.from_regex(r"[a-z]{1,8}", fullmatch=True))
rule_st = st.fixed_dictionaries(
    {"AllowedMethods": st.lists(st.sampled_from(["GET", "PUT", "POST", "HEAD", "DELETE"]), min_size=1, max_size=3, unique=True),
     "AllowedOrigins": st.lists(st.one_of(origin_st, st.sampled_from([VF, LIGHTNING, LIGHTNING + "/", "*.force.com"])), min_size=1, max_size=3)},
    optional={"AllowedHeaders": st.just(["*"]), "ID": st.text("abc", min_size=1, max_size=4)},
)


@settings(max_examples=150, deadline=None)
@given(rules=st.lists(rule_st, max_size=5), wanted=st.lists(st.sampled_from([VF, LIGHTNING]), min_size=1, max_size=2))
def test_merge_never_loses_a_rule_and_always_allows_the_origins(rules: list[dict], wanted: list[str]) -> None:
    before = json.loads(json.dumps(rules))
    merged, added = cors.merge_rules(rules, wanted)
    assert rules == before  # the input is never modified
    assert all(cors.allowed(merged, o) for o in wanted)
    assert len(merged) in (len(rules), len(rules) + 1)
    for old, new in zip(rules, merged, strict=False):
        assert {k: v for k, v in new.items() if k != "AllowedOrigins"} == {k: v for k, v in old.items() if k != "AllowedOrigins"}
        assert new["AllowedOrigins"][: len(old["AllowedOrigins"])] == old["AllowedOrigins"]
    assert set(added) == {o for o in wanted if not cors.allowed(rules, o)}
