"""Scenario files -> `OrgState`: the demo org's state comes from a documented YAML file.

``load_scenario("fresh")`` loads a shipped scenario by name, ``load_scenario("my.yaml")`` any
file. A file that is not valid YAML or does not follow the format (`scenario_model`) raises
`ScenarioError` naming the file, the key path (``users[1].profile``) and what was expected.

Strings keep the ``{instance_url}`` placeholder until the server starts and binds its port
(`OrgState.bind_instance_url`). In ``records`` and ``metadata`` a whole string value of the form
``{user:<username>}``, ``{profile:<name>}``, ``{permission_set:<name>}``,
``{component:<Type>/<fullName>}``, ``{site_guest:<site>}``, ``{psl:<name>}`` or ``{org_id}``
becomes the id it names, so records can point at users, profiles and setup entities.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from wizard.demo.scenario_builder import build_org
from wizard.demo.scenario_errors import ScenarioError, describe_validation_error
from wizard.demo.scenario_model import ScenarioSpec
from wizard.demo.state import OrgState
from wizard.validation_text import describe

__all__ = ["ScenarioError", "list_scenarios", "load_scenario", "parse_scenario", "scenario_path"]

SCENARIO_DIR = Path(__file__).resolve().parent / "scenarios"


def list_scenarios() -> list[str]:
    """Names of the scenarios shipped with the wizard (``fresh`` and one per guide)."""
    return sorted({p.stem for p in SCENARIO_DIR.glob("*.y*ml")})


def scenario_path(name: str | Path) -> Path:
    """The file of a scenario: an existing path as given, else a shipped scenario by name.

    A folder is named as one, whatever it is called: "does not exist" or "no shipped scenario"
    would send the admin looking for a file that is right there, only not a file.
    """
    candidate = Path(name).expanduser()
    if candidate.is_dir():
        raise ScenarioError(str(candidate), ["(file): this is a folder, not a YAML file; give the path of a scenario "
                                             "file (.yaml) or the name of a shipped scenario: " + ", ".join(list_scenarios())])
    if candidate.suffix in (".yaml", ".yml") or candidate.is_file():
        if candidate.is_file():
            return candidate.resolve()
        raise ScenarioError(str(candidate), ["(file): the file does not exist; expected a scenario YAML file or one of: " + ", ".join(list_scenarios())])
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", str(name)):
        raise ScenarioError(str(name), ["(name): expected a scenario name or a path to a YAML file"])
    for suffix in (".yaml", ".yml"):
        shipped = SCENARIO_DIR / f"{name}{suffix}"
        if shipped.is_file():
            return shipped
    raise ScenarioError(str(name), [f"(name): no shipped scenario is called {str(name)!r}; expected one of: {', '.join(list_scenarios())}, or a path to a YAML file"])


#: Keys that identify an item of a list, so a scenario can override one item of its base.
_ITEM_KEYS = ("username", "client_id", "name", "fullName")


def _raw(text: str, source: str) -> dict:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(source, [f"{where}: this is not valid YAML ({problem}); expected a YAML mapping"]) from None
    if data is None:
        raise ScenarioError(source, ["(file): the file is empty; expected a mapping of keys such as organization, users, metadata"])
    if not isinstance(data, dict):
        raise ScenarioError(source, ["(top level): expected a mapping of keys such as organization, users, metadata "
                                     f"(lines such as 'organization:'), found {_kind(data)}"])
    return data


def _kind(value: object) -> str:
    """What the top of a file holds, in the admin's words rather than Python's type names."""
    if isinstance(value, list):
        return "a list (lines starting with '- ')"
    return describe(value)


def read_scenario_text(path: Path) -> str:
    """The text of a scenario file; a file the system will not open, or not text, is a `ScenarioError`."""
    try:
        return path.read_text(encoding="utf-8")
    except IsADirectoryError:
        raise ScenarioError(str(path), ["(file): this is a folder, not a YAML file; give the path of a scenario file (.yaml)"]) from None
    except OSError as exc:
        raise ScenarioError(str(path), [f"(file): the file cannot be read ({exc.strerror or type(exc).__name__}); "
                                        "expected a file this user may read"]) from None
    except UnicodeDecodeError as exc:
        raise ScenarioError(str(path), [f"(file): the file is not UTF-8 text (byte {exc.start}); expected a YAML text file"]) from None


def _merge(base: object, override: object) -> object:
    """Deep-merge: mappings key by key; lists of named items item by item; anything else replaced.

    A key set to null removes what the base has under it (e.g. a component the variant lacks).
    """
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            if value is None and key in base:
                del merged[key]
            else:
                merged[key] = _merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(override, list):
        key = next((k for k in _ITEM_KEYS if all(isinstance(i, dict) and k in i for i in base + override)), None)
        if key and base:
            merged_list = list(base)
            for item in override:
                index = next((n for n, old in enumerate(merged_list) if old[key] == item[key]), None)
                if index is None:
                    merged_list.append(item)
                else:
                    merged_list[index] = _merge(merged_list[index], item)
            return merged_list
    return override


def _with_base(data: dict, source: str, seen: tuple[str, ...] = ()) -> dict:
    """Resolve ``extends: <scenario>``: the file's keys deep-merged over its base scenario's.

    A base that cannot be found or loaded is reported against the file the admin gave, under its
    ``extends`` key: that is the line to fix, whichever file the problem was found in.
    """
    base_name = data.pop("extends", None)
    if base_name is None:
        return data
    if not isinstance(base_name, str) or base_name in seen:
        raise ScenarioError(source, [f"extends: expected the name of another scenario (no cycles); found {describe(base_name)}"])
    try:
        base_path = scenario_path(base_name)
    except ScenarioError as exc:  # the name itself is wrong: there is no base file to name
        raise ScenarioError(source, [f"extends: {p.split(': ', 1)[-1]}" for p in exc.problems]) from None
    try:
        base = _with_base(_raw(read_scenario_text(base_path), str(base_path)), str(base_path), (*seen, base_name))
    except ScenarioError as exc:
        raise ScenarioError(source, [f"extends: the scenario {base_path} it names cannot be loaded: {p}" for p in exc.problems]) from None
    merged = _merge(base, data)
    assert isinstance(merged, dict)
    return merged


def parse_scenario(text: str, source: str = "<scenario>") -> ScenarioSpec:
    """Validate scenario text (YAML) into a `ScenarioSpec`, or raise `ScenarioError`.

    A scenario may start from another one with ``extends: <name>``: mappings are merged key by
    key, and list items with the same ``name`` / ``username`` / ``client_id`` replace their
    base's item (the per-guide scenarios extend ``fresh``).
    """
    data = _with_base(_raw(text, source), source)
    try:
        return ScenarioSpec.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(source, describe_validation_error(exc, ScenarioSpec)) from None


def load_scenario(name_or_path: str | Path = "fresh", instance_url: str | None = None) -> OrgState:
    """Build the org a scenario describes; bind ``{instance_url}`` now if the URL is known."""
    path = scenario_path(name_or_path)
    spec = parse_scenario(read_scenario_text(path), str(path))
    org = build_org(spec, str(path))
    if instance_url:
        org.bind_instance_url(instance_url)
    return org

