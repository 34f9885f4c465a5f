"""JSON is the record: stable, versioned, valid against the schema kept in the repository."""

from __future__ import annotations

import json
import typing

import jsonschema
import pytest
from pydantic import BaseModel

from wizard.report import SCHEMA_VERSION, ReportFileError, blank_checklist, from_json, to_json
from wizard.report import model as m
from wizard.report.json_io import SCHEMA_PATH, json_schema

VALIDATOR = jsonschema.Draft202012Validator


def _validate(text: str) -> None:
    VALIDATOR(json_schema()).validate(json.loads(text))


def test_schema_file_is_a_valid_draft_2020_12_schema():
    assert SCHEMA_PATH.is_file()
    VALIDATOR.check_schema(json_schema())


def test_verification_and_checklist_validate(report, guide):
    _validate(to_json(report))
    _validate(to_json(blank_checklist(guide)))


def test_json_is_stable_and_round_trips(report):
    text = to_json(report)
    assert to_json(report) == text
    again = from_json(text)
    assert again == report
    assert to_json(again) == text
    keys = list(json.loads(text))
    assert keys[:3] == ["schema_version", "kind", "generated"]
    assert json.loads(text)["schema_version"] == SCHEMA_VERSION
    assert text.endswith("\n") and "✔" not in text  # statuses are words in JSON; icons are a rendering


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("pages", 0, "rows", 0, "status"), "great"),
        (("summary", "counts", "pass"), -1),
        (("header", "started", "utc"), "yesterday"),
        (("pages", 0, "rows", 0, "evidence"), ["E1"]),
        (("kind",), "invoice"),
    ],
)
def test_schema_rejects_wrong_values(report, path, value):
    data = json.loads(to_json(report))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR(json_schema()).validate(data)


def test_schema_rejects_missing_and_unknown_keys(report):
    data = json.loads(to_json(report))
    del data["pages"][0]["rows"][0]["expected"]
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR(json_schema()).validate(data)
    data = json.loads(to_json(report))
    data["header"]["password"] = "x"
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR(json_schema()).validate(data)


def _model_fields(model: type[BaseModel], seen: dict[str, set[str]]) -> None:
    seen[model.__name__] = set(model.model_fields)
    for field in model.model_fields.values():
        for arg in [field.annotation, *typing.get_args(field.annotation)]:
            for inner in [arg, *typing.get_args(arg)]:
                if isinstance(inner, type) and issubclass(inner, BaseModel) and inner.__name__ not in seen:
                    _model_fields(inner, seen)


def test_schema_and_model_have_the_same_fields():
    """The hand-written schema must follow the model: a field added to one is added to the other."""
    seen: dict[str, set[str]] = {}
    _model_fields(m.Report, seen)
    schema = json_schema()
    schema_objects = [set(schema["properties"])] + [set(d["properties"]) for d in schema["$defs"].values() if "properties" in d]
    for name, fields in seen.items():  # Summary.counts is keyed by status: checked below
        assert fields in schema_objects, f"{name} fields {sorted(fields)} have no matching object in the schema"
    assert set(schema["$defs"]["summary"]["properties"]["counts"]["properties"]) == {s.value for s in m.Status}


def test_from_json_explains_bad_files(report):
    with pytest.raises(ReportFileError, match="JSON is broken at line 1"):
        from_json("{not json")
    with pytest.raises(ReportFileError, match="no 'schema_version'"):
        from_json("{}")
    newer = json.loads(to_json(report))
    newer["schema_version"] = "2.0"
    with pytest.raises(ReportFileError, match=r"uses format 2\.0; this wizard reads format 1"):
        from_json(json.dumps(newer))
    damaged = json.loads(to_json(report))
    damaged["pages"][1]["rows"][0]["status"] = "great"
    with pytest.raises(ReportFileError, match=r"at 'pages.1.rows.0.status'"):
        from_json(json.dumps(damaged))


def test_export_never_renames_over_a_device_or_pipe(report, tmp_path):
    """Writing is rename-over; onto a pipe (or /dev/null) that would replace it, so it is refused."""
    import os

    from wizard.report.export import export

    pipe = tmp_path / "report.json"
    os.mkfifo(pipe)
    with pytest.raises(FileExistsError, match="not an ordinary file"):
        export(report, json=pipe)
    assert not pipe.is_file() and pipe.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
