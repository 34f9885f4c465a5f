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
from dataclasses import dataclass

import yaml
from lxml import etree

from .flat_yaml import NULLS, read_flat_yaml

#: Metadata bigger than this is not read: it cannot be one call's flat fields.
MAX_METADATA_BYTES = 5 * 1024 * 1024

#: The base loader keeps every scalar as the text written and constructs no tagged objects.
_YAML_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
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

    try:
        doc = json.loads(text, object_pairs_hook=pairs)
    except ValueError as exc:
        return MetadataProblem("metadata-parse", f"the JSON does not parse ({_one_line(exc)})", "Fix the JSON syntax, e.g. with a JSON validator")
    if not isinstance(doc, dict):
        return MetadataProblem(
            "metadata-parse",
            f"the JSON holds a {_kind(doc)}, not one object of fields",
            'Write one JSON object of the call\'s fields, e.g. {"caller_id": "5551234567", "disposition": "Sale"}',
        )
    if duplicates:
        return _duplicate(duplicates)
    return _flat(doc)


def _parse_yaml(text: str) -> Metadata | MetadataProblem:
    fast = read_flat_yaml(text)
    if fast is not None:
        return Metadata({k: "" if v in NULLS else v for k, v in fast.items()})
    try:
        doc = yaml.load(text, Loader=_YAML_LOADER)  # the base loader: strings, lists and maps only
    except yaml.YAMLError as exc:
        return MetadataProblem("metadata-parse", f"the YAML does not parse ({_one_line(exc)})", "Fix the YAML syntax: one 'name: value' per line")
    if not isinstance(doc, dict):
        return MetadataProblem(
            "metadata-parse",
            f"the YAML holds a {_kind(doc)}, not a map of fields",
            "Write one 'name: value' line per field",
        )
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
        return MetadataProblem("metadata-parse", f"the XML does not parse ({_one_line(exc)})", "Fix the XML so it is well formed")
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
                f"the field {name!r} holds a {_kind(value)}",
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
    if isinstance(value, dict):
        return "nested object"
    if isinstance(value, (list, tuple, set)):
        return "list"
    if value is None:
        return "nothing"
    return f"single value ({type(value).__name__})"


def _duplicate(names: list[str]) -> MetadataProblem:
    shown = ", ".join(repr(n) for n in sorted(set(names))[:5])
    return MetadataProblem("metadata-parse", f"the field(s) {shown} appear more than once", "Keep one value per field name")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:160] + ("…" if len(text) > 160 else "")
