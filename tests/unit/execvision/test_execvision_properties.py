"""Property tests: arbitrary names and metadata never crash the validators, and every rejection
is explained (a known rule, what was seen, and a fix)."""

from __future__ import annotations

import csv
import io
import json
import string
from datetime import UTC, datetime

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from wizard.engine.results import Evidence, Status
from wizard.providers.execvision.findings import RULES, to_check_results
from wizard.providers.execvision.flat_yaml import NULLS, read_flat_yaml
from wizard.providers.execvision.metadata import Metadata, MetadataProblem, parse_metadata
from wizard.providers.execvision.naming import (
    MEDIA_TYPES,
    METADATA_TYPES,
    NameMatch,
    NameProblem,
    PatternError,
    compile_pattern,
)
from wizard.providers.execvision.rules import RuleConfig, validate_folder
from wizard.providers.execvision.scan import FileEntry

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
SETTINGS = settings(max_examples=int(__import__("os").environ.get("EV_EXAMPLES", "150")), deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# File names: any characters a file system allows (no "/" or NUL), biased towards near-misses.
name_chars = st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",))
exts = st.sampled_from(sorted(MEDIA_TYPES | METADATA_TYPES | {"aac", "txt", "", "WAV", "Json"}))
near_miss = st.builds(
    lambda d, t, sep, uid: f"{d}-{t}{sep}{uid}",
    st.from_regex(r"\d{8}", fullmatch=True), st.from_regex(r"\d{6}", fullmatch=True),
    st.sampled_from(["_", "", "-", "__"]), st.text(name_chars, max_size=12),
)
stems = st.one_of(st.text(name_chars, min_size=1, max_size=40), near_miss)
file_names = st.builds(lambda stem, ext: f"{stem}.{ext}" if ext else stem, stems, exts).filter(lambda n: n not in (".", ".."))


def assert_explained(problem_rule: str, observed: str, fix: str) -> None:
    assert problem_rule in RULES, problem_rule
    assert observed.strip(), "a rejection must say what was seen"
    assert fix.strip(), "a rejection must say what to do"


@SETTINGS
@given(
    entries=st.lists(
        st.tuples(file_names, st.one_of(st.none(), st.integers(0, 3 * 1024**3)),
                  st.one_of(st.none(), st.floats(0, 2e9, allow_nan=False)), st.sampled_from(["", "sub", "a/b"])),
        max_size=25,
    ),
    contents=st.binary(max_size=300),
    metadata_only=st.booleans(),
    source=st.sampled_from(["five9", "homegrown"]),
    layout=st.sampled_from(["", "{call_time:yyyyMMdd-hhmmss}_{user_id}_{direction}_{session_id}_{ani}", "{user_id}_{session_id}"]),
    mode=st.sampled_from(["push", "pull", "local"]),
    fields=st.lists(st.text(min_size=1, max_size=8), max_size=12),
)
def test_any_listing_is_judged_without_crashing(entries, contents, metadata_only, source, layout, mode, fields) -> None:
    listing = [FileEntry(f"{parent}/{name}" if parent else name, name, parent, False, size, mtime)
               for name, size, mtime, parent in entries]
    listing += [FileEntry("sub", "sub", "", True), FileEntry("a", "a", "", True), FileEntry("a/b", "b", "a", True)]
    config = RuleConfig(metadata_only=metadata_only, source=source, required_fields=tuple(fields), mode=mode,
                        pattern=compile_pattern(layout) if layout else compile_pattern())
    report = validate_folder(listing, config, lambda entry: contents, NOW)
    for finding in report.findings:
        assert (finding.status in (Status.FAIL, Status.WARN)
                or (finding.status is Status.ERROR and finding.rule == "metadata-updates")  # could not be judged: said
                or (finding.status is Status.MANUAL and finding.rule == "five9-info" and source == "five9" and not layout))
        assert RULES[finding.rule].case in ("", source), "a rule of the other case is never judged"
        assert_explained(finding.rule, finding.observed, finding.fix)
    results = to_check_results(report.findings, report.checked, mode="push", evidence=Evidence(source="t", detail="t"), case=source)
    for result in results:
        assert result.ok or (result.fix is not None and result.fix.hint and result.observed)


@SETTINGS
@given(data=st.binary(max_size=2000), ext=st.sampled_from(sorted(METADATA_TYPES | {"txt"})))
def test_any_bytes_as_metadata(data: bytes, ext: str) -> None:
    result = parse_metadata(data, ext)
    if isinstance(result, MetadataProblem):
        assert_explained(result.rule, result.observed, result.fix)
    else:
        assert result.fields and all(isinstance(k, str) and isinstance(v, str) for k, v in result.fields.items())


texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)


@SETTINGS
@given(doc=st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), texts),
                        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)),
                        max_leaves=12),
       fmt=st.sampled_from(["json", "yml"]))
def test_any_structure_is_accepted_only_when_flat(doc, fmt: str) -> None:
    data = json.dumps(doc).encode() if fmt == "json" else yaml.safe_dump(doc, allow_unicode=True).encode()
    result = parse_metadata(data, fmt)
    nested = isinstance(doc, dict) and any(isinstance(v, (dict, list)) for v in doc.values())
    if nested:
        assert isinstance(result, MetadataProblem) and result.rule == "metadata-nested"
    if isinstance(result, MetadataProblem):
        assert_explained(result.rule, result.observed, result.fix)
    else:
        assert isinstance(doc, dict) and not nested and len(result.fields) == len(doc)


flat_values = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"), max_size=20)
xml_names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,10}", fullmatch=True).filter(lambda n: not n.lower().startswith("xml"))
csv_names = st.text(string.ascii_letters + string.digits + " _-.,\"'", min_size=1, max_size=12).map(str.strip).filter(bool)


@SETTINGS
@given(fields=st.dictionaries(st.text(min_size=1, max_size=12).filter(lambda k: "\x00" not in k), flat_values, min_size=1, max_size=8))
def test_flat_json_and_yaml_round_trip(fields: dict[str, str]) -> None:
    assume(all(c < "\ud800" or c > "\udfff" for k in fields for c in k))
    assert parse_metadata(json.dumps(fields).encode(), "json") == Metadata(fields)
    dumped = yaml.safe_dump(fields, allow_unicode=True)
    # PyYAML itself does not round-trip a few line-break characters (e.g. NEL) in plain keys
    assume(yaml.load(dumped, Loader=yaml.BaseLoader) == fields)
    expected = {k: "" if v in NULLS else v for k, v in fields.items()}
    assert parse_metadata(dumped.encode(), "yml") == Metadata(expected)


xml_values = flat_values.filter(lambda v: "\ufffe" not in v and "\uffff" not in v)  # not XML characters


@SETTINGS
@given(fields=st.dictionaries(xml_names, xml_values, min_size=1, max_size=8))
def test_flat_xml_round_trips(fields: dict[str, str]) -> None:
    from xml.sax.saxutils import escape

    data = ("<call>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in fields.items()) + "</call>").encode()
    assert parse_metadata(data, "xml") == Metadata({k: v.strip() for k, v in fields.items()})


@SETTINGS
@given(fields=st.dictionaries(csv_names, flat_values, min_size=1, max_size=8))
def test_flat_csv_round_trips(fields: dict[str, str]) -> None:
    assume(any(v.strip() for v in fields.values()))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(fields)
    writer.writerow(fields.values())
    assert parse_metadata(out.getvalue().encode(), "csv") == Metadata(fields)


yaml_alphabet = st.sampled_from([*"abcXYZ019 :#'\"-?[]{}&*!|>%@`,.\\\t\r~", "é", "\u2028", "\x85", "\ufeff", "ab", "  "])
yaml_lines = st.one_of(
    st.builds(lambda k, sep, v: f"{k}{sep}{v}", st.from_regex(r"[A-Za-z_][A-Za-z0-9_ .-]{0,8}", fullmatch=True),
              st.sampled_from([":", ": ", ":  ", " : "]), st.lists(yaml_alphabet, max_size=10).map("".join)),
    st.lists(yaml_alphabet, max_size=12).map("".join),
)


@SETTINGS
@given(lines=st.lists(yaml_lines, min_size=1, max_size=6))
def test_fast_yaml_reader_agrees_with_pyyaml(lines: list[str]) -> None:
    text = "\n".join(lines)
    fast = read_flat_yaml(text)
    if fast is None:
        return
    assert yaml.load(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader)) == fast


@SETTINGS
@given(text=st.lists(st.sampled_from([*"{}_:-yMdhms", "{call_time:yyyyMMdd-hhmmss}", "{user_id}", "{direction}", "{x}", "ab"]),
                    max_size=12).map("".join),
       stem=st.text(max_size=40))
def test_any_pattern_is_usable_or_explained(text: str, stem: str) -> None:
    try:
        pattern = compile_pattern(text)
    except PatternError as exc:
        assert str(exc).strip()
        return
    example = pattern.example("wav")[: -len(".wav")]
    assert isinstance(pattern.match(example), NameMatch)
    outcome = pattern.match(stem)
    if isinstance(outcome, NameProblem):
        assert outcome.observed and outcome.fix
