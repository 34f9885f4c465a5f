"""Metadata files: XML, JSON, CSV and YML parse to flat fields; anything else is explained."""

from __future__ import annotations

import pytest

from wizard.providers.execvision.flat_yaml import read_flat_yaml
from wizard.providers.execvision.metadata import (
    MAX_METADATA_BYTES,
    Metadata,
    MetadataProblem,
    parse_metadata,
)

FIELDS = {"caller_id": "5551234567", "contact_name": "Ada Lovelace", "disposition": "Sale"}


@pytest.mark.parametrize(
    ("ext", "data"),
    [
        ("json", b'{"caller_id": "5551234567", "contact_name": "Ada Lovelace", "disposition": "Sale"}'),
        ("xml", b"<?xml version='1.0' encoding='utf-8'?><call><caller_id>5551234567</caller_id>"
                b"<contact_name>Ada Lovelace</contact_name><disposition>Sale</disposition></call>"),
        ("csv", b"caller_id,contact_name,disposition\r\n5551234567,Ada Lovelace,Sale\r\n"),
        ("yml", b"caller_id: '5551234567'\ncontact_name: Ada Lovelace\ndisposition: Sale\n"),
        ("yml", b"---\n# exported by the dialer\ncaller_id: \"5551234567\"\ncontact_name: Ada Lovelace\ndisposition: Sale\n"),
    ],
)
def test_each_format_parses_to_the_same_fields(ext: str, data: bytes) -> None:
    assert parse_metadata(data, ext) == Metadata(FIELDS)


def test_values_are_kept_as_written() -> None:
    parsed = parse_metadata(b"start: 14:02:53\nactive: yes\nmissing: ~\nlist_like: x,y\n", "yml")
    assert parsed == Metadata({"start": "14:02:53", "active": "yes", "missing": "", "list_like": "x,y"})
    assert parse_metadata(b'{"n": 5, "ok": true, "none": null}', "json") == Metadata({"n": "5", "ok": "true", "none": ""})


@pytest.mark.parametrize(
    ("ext", "data", "rule", "says"),
    [
        ("json", b'{"contact": {"name": "Ada"}}', "metadata-nested", "'contact' holds a nested object"),
        ("json", b'{"tags": ["a", "b"]}', "metadata-nested", "'tags' holds a list"),
        ("yml", b"contact:\n  name: Ada\n", "metadata-nested", "'contact' holds a nested object"),
        ("yml", b"tags:\n- a\n- b\n", "metadata-nested", "'tags' holds a list"),
        ("xml", b"<call><contact><name>Ada</name></contact></call>", "metadata-nested", "<contact> contains other elements"),
        ("json", b'[{"a": 1}]', "metadata-parse", "not one object"),
        ("json", b'{"a": 1,}', "metadata-parse", "does not parse"),
        ("json", b'{"a": 1, "a": 2}', "metadata-parse", "more than once"),
        ("xml", b"<call><a>1</call>", "metadata-parse", "does not parse"),
        ("xml", b"<call/>", "metadata-parse", "no field elements"),
        ("xml", b"<call><a>1</a><a>2</a></call>", "metadata-parse", "more than once"),
        ("csv", b"a,b\n", "metadata-parse", "no row of values"),
        ("csv", b"a,b\n1,2\n3,4\n", "metadata-parse", "2 rows of values"),
        ("csv", b"a,b\n1\n", "metadata-parse", "2 columns but the row has 1"),
        ("csv", b"a,a\n1,2\n", "metadata-parse", "more than once"),
        ("csv", b"a,\n1,2\n", "metadata-parse", "no name"),
        ("yml", b"- a\n- b\n", "metadata-parse", "not a map"),
        ("yml", b"a: [1\n", "metadata-parse", "does not parse"),
        ("json", b"   \n", "metadata-parse", "empty"),
        ("json", b'{"a": "\xff"}', "metadata-parse", "not UTF-8"),
        ("json", b"[" * 100_000, "metadata-nested", "too deeply"),
    ],
    ids=lambda value: value[:24].decode("ascii", "replace") if isinstance(value, bytes) else None,
)
def test_problems_name_the_rule_and_the_fix(ext: str, data: bytes, rule: str, says: str) -> None:
    problem = parse_metadata(data, ext)
    assert isinstance(problem, MetadataProblem)
    assert problem.rule == rule
    assert says in problem.observed
    assert problem.fix


def test_xml_entities_are_not_expanded() -> None:
    """An external entity must not be fetched, and entity tricks must not crash the parser."""
    data = (b'<?xml version="1.0"?><!DOCTYPE call [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
            b'<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b"<call><secret>&xxe;</secret><bomb>&b;</bomb><ok>1</ok></call>")
    parsed = parse_metadata(data, "xml")
    assert isinstance(parsed, Metadata)
    assert parsed.fields["secret"] == "&xxe;"
    assert parsed.fields["bomb"] == "&b;"


def test_yaml_tags_build_no_objects() -> None:
    parsed = parse_metadata(b"a: !!python/object/apply:os.system ['echo hi']\n", "yml")
    assert isinstance(parsed, MetadataProblem) and parsed.rule == "metadata-nested"
    parsed = parse_metadata(b"a: !!python/name:os.system x\n", "yml")
    assert parsed == Metadata({"a": "x"})


def test_oversize_metadata_is_refused_without_parsing() -> None:
    problem = parse_metadata(b"{" + b" " * MAX_METADATA_BYTES + b"}", "json")
    assert isinstance(problem, MetadataProblem) and "too big" in problem.observed


def test_fast_yaml_reader_declines_what_it_is_unsure_of() -> None:
    assert read_flat_yaml("a: b\nc: 'd'\n") == {"a": "b", "c": "d"}
    for unsure in ("a: b # note", "a:\n  b: c", "a: [1]", "a: &x y", "a:\tb", "a: b\r\n", "a: 'x'y", "? a", "1: x", "a: b:"):
        assert read_flat_yaml(unsure) is None, unsure
