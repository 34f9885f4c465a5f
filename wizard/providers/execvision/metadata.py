"""Reading ExecVision metadata files (XML, JSON, CSV, YML) into flat field maps.

ExecVision indexes the fields of one metadata file per recording and does not support nested
fields, so a file is accepted only when it describes one call as flat ``name: value`` pairs.
Every problem comes back as a `MetadataProblem` naming what was seen and what to do; a parser
never raises on bad input, however strange, because one broken file must not stop the scan of
100,000 others.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass

import yaml
from lxml import etree

from .flat_yaml import NULLS, read_flat_yaml

#: Metadata bigger than this is not read: it cannot be one call's flat fields.
MAX_METADATA_BYTES = 5 * 1024 * 1024

_BASE_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class _YamlLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """The base loader (every scalar kept as the text written, no tagged objects built) that also notes
    keys written twice in one map: PyYAML keeps the last silently, as JSON, CSV and XML here do not."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[str] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[object] = set()
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    self.duplicates.append(key_node.value)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


class _JsonNumber(str):
    """A JSON number kept as the text written: a value is never converted (no digit limit, no 1.50 -> 1.5),
    yet a number on its own is still told apart from a text value."""


class _NotJson(ValueError):
    """A value Python's JSON reader would accept that JSON itself does not (NaN, Infinity)."""


_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True, remove_pis=True
)
_SCALARS = (str, int, float, bool, type(None))


@dataclass(frozen=True, slots=True)
class MetadataProblem:
    """Why a metadata file cannot be used. ``rule`` is one of the metadata rule ids in `findings`."""

    rule: str
    observed: str
    fix: str


@dataclass(frozen=True, slots=True)
class Metadata:
    """The flat fields of one metadata file, values as text exactly as written."""

    fields: dict[str, str]


def parse_metadata(data: bytes, ext: str) -> Metadata | MetadataProblem:
    """Parse one metadata file by its extension (xml, json, csv, yml)."""
    if len(data) > MAX_METADATA_BYTES:
        return MetadataProblem(
            "metadata-parse",
            f"the file is {len(data):,} bytes, too big to be one call's fields",
            "Put only the fields of this one call in the file",
        )
    if not data.strip():
        return MetadataProblem("metadata-parse", "the file is empty", "Write the call's fields into the file before uploading it; ExecVision does not process a call without them")
    try:
        if ext == "xml":
            return _parse_xml(data)
        text = data.decode("utf-8-sig")
        if ext == "json":
            return _parse_json(text)
        if ext == "yml":
            return _parse_yaml(text)
        if ext == "csv":
            return _parse_csv(text)
    except UnicodeDecodeError as exc:
        return MetadataProblem(
            "metadata-parse",
            f"the file is not UTF-8 text (byte {exc.start} cannot be read)",
            "Save the metadata file as UTF-8",
        )
    except RecursionError:
        return MetadataProblem("metadata-nested", "the file is nested too deeply to read", "Write the fields as flat name/value pairs")
    return MetadataProblem("metadata-parse", f"'.{ext}' is not a metadata type", "Use xml, json, csv or yml")


def _parse_json(text: str) -> Metadata | MetadataProblem:
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, value in items:
            if key in out:
                duplicates.append(key)
            out[key] = value
        return out

    def constant(name: str) -> object:
        raise _NotJson(name)

    try:
        doc = json.loads(text, object_pairs_hook=pairs, parse_int=_JsonNumber, parse_float=_JsonNumber, parse_constant=constant)
    except _NotJson as exc:
        return MetadataProblem(
            "metadata-parse",
            f"the JSON holds {exc}, which is not a JSON value (JSON has no NaN or Infinity)",
            f'Write the value as text ("{exc}") or leave the field empty (""), as a JSON validator would ask',
        )
    except json.JSONDecodeError as exc:
        return MetadataProblem("metadata-parse", f"the JSON does not parse ({exc.msg} at line {exc.lineno}, column {exc.colno})",
                               "Fix the JSON syntax, e.g. with a JSON validator")
    except ValueError as exc:
        return MetadataProblem("metadata-parse", f"the JSON does not parse ({_one_line(exc)})", "Fix the JSON syntax, e.g. with a JSON validator")
    if not isinstance(doc, dict):
        return MetadataProblem(
            "metadata-parse",
            f"the JSON holds {_kind(doc)}, not one object of fields",
            'Write one JSON object of the call\'s fields, e.g. {"caller_id": "5551234567", "disposition": "Sale"}',
        )
    if duplicates:
        return _duplicate(duplicates)
    return _flat(doc)


def _parse_yaml(text: str) -> Metadata | MetadataProblem:
    fast = read_flat_yaml(text)
    if fast is not None:
        return Metadata({k: "" if v in NULLS else v for k, v in fast.items()})
    loader = _YamlLoader(text)  # the base loader: strings, lists and maps only
    try:
        doc = loader.get_single_data()
    except yaml.YAMLError as exc:
        return MetadataProblem("metadata-parse", f"the YAML does not parse ({_yaml_error(exc)})", "Fix the YAML syntax: one 'name: value' per line")
    finally:
        loader.dispose()
    if not isinstance(doc, dict):
        return MetadataProblem(
            "metadata-parse",
            f"the YAML holds {_kind(doc)}, not a map of fields",
            "Write one 'name: value' line per field",
        )
    if loader.duplicates:
        return _duplicate(loader.duplicates)
    flat = _flat(doc)
    if isinstance(flat, Metadata):
        return Metadata({k: "" if v in NULLS else v for k, v in flat.fields.items()})
    return flat


def _parse_csv(text: str) -> Metadata | MetadataProblem:
    if "\x00" in text:
        return MetadataProblem("metadata-parse", "the CSV contains NUL characters", "Save the metadata file as plain UTF-8 text")
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline="")) if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        return MetadataProblem("metadata-parse", f"the CSV does not parse ({_one_line(exc)})", "Fix the CSV quoting")
    fix = "Write a header row of field names and one row of this call's values"
    if len(rows) < 2:
        return MetadataProblem("metadata-parse", "the CSV has a header but no row of values" if rows else "the CSV has no rows", fix)
    if len(rows) > 2:
        return MetadataProblem("metadata-parse", f"the CSV has {len(rows) - 1} rows of values; one file describes one call", fix)
    header, values = rows
    if len(header) != len(values):
        return MetadataProblem("metadata-parse", f"the header has {len(header)} columns but the row has {len(values)}", fix)
    names = [h.strip() for h in header]
    if "" in names:
        return MetadataProblem("metadata-parse", "a column has no name in the header row", fix)
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        return _duplicate(dupes)
    return Metadata(dict(zip(names, values, strict=True)))


def _parse_xml(data: bytes) -> Metadata | MetadataProblem:
    try:
        root = etree.fromstring(data, parser=_XML_PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        said = re.sub(r"\s*\(<string>, line \d+\)\s*$", "", str(exc))  # lxml's name for text given in memory
        return MetadataProblem("metadata-parse", f"the XML does not parse ({_one_line(said)})", "Fix the XML so it is well formed")
    if root is None:
        return MetadataProblem("metadata-parse", "the XML has no root element", "Wrap the fields in one root element")
    fields: dict[str, str] = {}
    duplicates: list[str] = []
    for child in root:
        tag = child.tag
        if not isinstance(tag, str):
            continue  # entities kept unresolved, and the like
        name = etree.QName(child).localname if tag[0] == "{" else tag
        if len(child) == 0:
            text = child.text or ""
        elif any(isinstance(grandchild.tag, str) for grandchild in child):
            return MetadataProblem(
                "metadata-nested",
                f"the field <{name}> contains other elements",
                f"Flatten <{name}>: give each inner value its own top-level element",
            )
        else:
            text = "".join(child.itertext())  # an entity stays "&name;", never expanded
        if name in fields:
            duplicates.append(name)
        fields[name] = text.strip()
    if duplicates:
        return _duplicate(duplicates)
    if not fields:
        return MetadataProblem(
            "metadata-parse",
            f"the root element <{etree.QName(root).localname}> has no field elements",
            "Write one element per field inside the root, e.g. <call><caller_id>5551234567</caller_id></call>",
        )
    return Metadata(fields)


def _flat(doc: dict[object, object]) -> Metadata | MetadataProblem:
    fields: dict[str, str] = {}
    for key, value in doc.items():
        name = str(key)
        if isinstance(value, (dict, list, tuple, set)):
            return MetadataProblem(
                "metadata-nested",
                f"the field {name!r} holds {_kind(value)}",
                f"Flatten {name!r}: give each inner value its own top-level field (ExecVision does not support nested fields)",
            )
        fields[name] = _text(value)
    if not fields:
        return MetadataProblem("metadata-parse", "the file has no fields", "Write the call's fields into the file")
    return Metadata(fields)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _SCALARS):
        return str(value)
    return str(value)  # dates and times from YAML


def _kind(value: object) -> str:
    """What a value is, in the admin's words (never a Python type name)."""
    if isinstance(value, dict):
        return "a nested object"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a single true/false value"
    if isinstance(value, (_JsonNumber, int, float)):
        return "a single number"
    return "a single text value"


def _yaml_error(exc: yaml.YAMLError) -> str:
    """PyYAML's complaint with the place in plain words ("at line 2, column 1"), not its internal
    stream name and marks ('in "<unicode string>", line 2, column 1')."""
    if isinstance(exc, yaml.MarkedYAMLError):
        problem = " ".join((exc.problem or "the text is not valid YAML").split())
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        context = f" ({' '.join(exc.context.split())})" if exc.context else ""
        return f"{problem}{where}{context}"
    if isinstance(exc, yaml.reader.ReaderError):
        code = ord(exc.character) if isinstance(exc.character, str) else exc.character
        return f"the character U+{code:04X} at position {exc.position + 1} is not allowed in YAML"
    return _one_line(re.sub(r'\s*in "<[^>]*>",?', "", str(exc)))


def _duplicate(names: list[str]) -> MetadataProblem:
    shown = ", ".join(repr(n) for n in sorted(set(names))[:5])
    return MetadataProblem("metadata-parse", f"the field(s) {shown} appear more than once", "Keep one value per field name")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:160] + ("…" if len(text) > 160 else "")
