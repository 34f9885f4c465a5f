"""Load the guide files: validate, resolve shared pages, fill ``${vars}``, cache.

The guides are data (design principle 1 in README). ``data/<guide>.yaml`` holds one guide; pages used by
several guides live once in ``data/shared/<page-id>.yaml`` and are pulled in with ``use:``, their
``vars`` overridden per guide with ``with:`` and unwanted settings dropped with ``without:``.
Every problem is reported with the file, the key path and what was expected, all at once, so a
maintainer fixes a file in one pass. Loaded guides are cached until a file changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from wizard.guides.errors import GuideError, GuideProblem, problems_from
from wizard.guides.schema import Guide, GuideSpec, PageSpec, SharedPageRef
from wizard.guides.templating import UnresolvedPlaceholder, substitute
from wizard.validation_text import key_path

__all__ = [
    "DATA_DIR",
    "GUIDE_ORDER",
    "GuideError",
    "GuideProblem",
    "GuideSummary",
    "clear_cache",
    "guide_ids",
    "list_guides",
    "load_guide",
    "validate_references",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
SHARED_DIR = "shared"
#: The order the Welcome page and ``eci-wizard guides`` list the guides in.
GUIDE_ORDER: tuple[str, ...] = ("natterbox", "aircall", "ringcentral", "execvision", "amazon-connect")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class GuideSummary:
    """What a guide chooser shows before anything is opened."""

    id: str
    title: str
    provider: str
    summary: str
    minutes: int
    pages: int
    checks: int
    manual: int


_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe YAML that refuses duplicate keys: a silently overwritten value would lose data."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice in the same mapping", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _read_yaml(path: Path, name: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GuideError([GuideProblem(name, "", f"could not be read ({exc.strerror or exc})")]) from exc
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a safe loader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise GuideError([GuideProblem(name, where, f"expected valid YAML: {problem}")]) from exc


def _root(folder: Path | str | None) -> Path:
    return Path(folder).resolve() if folder is not None else DATA_DIR


def guide_ids(folder: Path | str | None = None) -> list[str]:
    """Ids of the guide files in ``folder`` (default: the shipped guides), in display order."""
    root = _root(folder)
    found = {p.stem for p in root.glob("*.yaml") if p.is_file()}
    ordered = [g for g in GUIDE_ORDER if g in found]
    return ordered + sorted(found - set(ordered))


def _signature(root: Path, guide_id: str) -> tuple[int, ...]:
    """File modification times, so an edited guide file is reloaded rather than served stale."""
    paths = [root / f"{guide_id}.yaml", *sorted((root / SHARED_DIR).glob("*.yaml"))]
    return tuple(p.stat().st_mtime_ns if p.exists() else -1 for p in paths)


def load_guide(guide_id: str, folder: Path | str | None = None) -> Guide:
    """The guide ``guide_id``, fully resolved; raises `GuideError` naming file and key on any problem."""
    root = _root(folder)
    if not _ID.match(guide_id or "") or not (root / f"{guide_id}.yaml").is_file():
        known = ", ".join(guide_ids(root)) or "none"
        raise GuideError([GuideProblem(f"{guide_id}.yaml", "", f"no such guide in {root} (known guides: {known})")])
    return _load(guide_id, str(root), _signature(root, guide_id))


def list_guides(folder: Path | str | None = None) -> list[GuideSummary]:
    """A summary of every guide, in display order (each guide is loaded and validated)."""
    out = []
    for gid in guide_ids(folder):
        guide = load_guide(gid, folder)
        pairs = guide.settings()
        out.append(
            GuideSummary(
                id=guide.id,
                title=guide.title,
                provider=guide.provider,
                summary=guide.summary,
                minutes=guide.minutes,
                pages=len(guide.pages),
                checks=sum(1 for _, s in pairs if s.check),
                manual=sum(1 for _, s in pairs if s.manual),
            )
        )
    return out


def clear_cache() -> None:
    """Forget every loaded guide and shared page (files are re-read on next use)."""
    _load.cache_clear()
    _shared_page.cache_clear()


def validate_references(guide: Guide, known_checks: set[str], known_fixes: set[str]) -> list[str]:
    """Every check or fix name in ``guide`` that is not registered, one readable line each."""
    problems = []
    for page, setting in guide.settings():
        where = f"{guide.id}.yaml, page {page.id!r}, setting {setting.id!r}"
        if setting.check and setting.check not in known_checks:
            problems.append(f"{where}: check {setting.check!r} is not a registered check")
        if setting.fix and setting.fix not in known_fixes:
            problems.append(f"{where}: fix {setting.fix!r} is not a registered fix")
    return problems


@lru_cache(maxsize=32)
def _load(guide_id: str, root_text: str, _signature: tuple[int, ...]) -> Guide:
    root = Path(root_text)
    name = f"{guide_id}.yaml"
    spec = _validate_guide(_read_yaml(root / name, name), name)
    problems: list[GuideProblem] = []
    if spec.id != guide_id:
        problems.append(GuideProblem(name, "id", f"expected {guide_id!r} (the file name), found {spec.id!r}"))
    pages: list[PageSpec] = []
    for index, entry in enumerate(spec.pages):
        try:
            if isinstance(entry, SharedPageRef):
                pages.append(_resolve_shared(entry, root, name, index))
            else:
                pages.append(_fill(entry, entry.vars, name, ("pages", index)))
        except GuideError as exc:
            problems += exc.problems
    problems += _duplicates(pages, name)
    if problems:
        raise GuideError(problems)
    fields = spec.model_dump(exclude={"pages"})
    return Guide(**fields, pages=pages)


def _validate_guide(raw: Any, name: str) -> GuideSpec:
    """GuideSpec, with each page validated as the kind it claims to be (clear errors, no union noise)."""
    if not isinstance(raw, dict):
        raise GuideError([GuideProblem(name, "", "expected a mapping with id, title, pages..., found " + type(raw).__name__)])
    problems: list[GuideProblem] = []
    pages_raw = raw.get("pages")
    pages: list[PageSpec | SharedPageRef] = []
    if isinstance(pages_raw, list):
        for index, item in enumerate(pages_raw):
            kind = SharedPageRef if isinstance(item, dict) and "use" in item else PageSpec
            try:
                pages.append(kind.model_validate(item))
            except ValidationError as exc:
                label = f"pages[{index}]" + (f" ({item.get('id') or item.get('use')})" if isinstance(item, dict) else "")
                problems += [
                    GuideProblem(p.file, label + p.key_path[len(f"pages[{index}]") :], p.message)
                    for p in problems_from(exc, kind, name, ("pages", index))
                ]
    try:
        ready = isinstance(pages_raw, list) and not problems
        spec = GuideSpec.model_validate({**raw, "pages": pages} if ready else raw)
    except ValidationError as exc:
        skip_pages = bool(problems)
        problems += [
            p for p in problems_from(exc, GuideSpec, name) if not (skip_pages and p.key_path.startswith("pages["))
        ]
        raise GuideError(problems) from exc
    if problems:
        raise GuideError(problems)
    return spec


@lru_cache(maxsize=64)
def _shared_page(root_text: str, page_id: str) -> PageSpec:
    name = f"{SHARED_DIR}/{page_id}.yaml"
    path = Path(root_text) / SHARED_DIR / f"{page_id}.yaml"
    raw = _read_yaml(path, name)
    try:
        page = PageSpec.model_validate(raw)
    except ValidationError as exc:
        raise GuideError(problems_from(exc, PageSpec, name)) from exc
    if page.id != page_id:
        raise GuideError([GuideProblem(name, "id", f"expected {page_id!r} (the file name), found {page.id!r}")])
    return page


def _resolve_shared(ref: SharedPageRef, root: Path, name: str, index: int) -> PageSpec:
    at = f"pages[{index}] (use: {ref.use})"
    if not _ID.match(ref.use) or not (root / SHARED_DIR / f"{ref.use}.yaml").is_file():
        available = ", ".join(sorted(p.stem for p in (root / SHARED_DIR).glob("*.yaml"))) or "none"
        raise GuideError([GuideProblem(name, f"{at}.use", f"expected the id of a shared page ({available}), found {ref.use!r}")])
    shared = _shared_page(str(root), ref.use)
    problems = [
        GuideProblem(name, f"{at}.with.{key}", f"the shared page {ref.use!r} has no var {key!r} (its vars: {', '.join(shared.vars) or 'none'})")
        for key in ref.with_
        if key not in shared.vars
    ]
    setting_ids = [s.id for s in shared.settings]
    problems += [
        GuideProblem(name, f"{at}.without[{i}]", f"expected a setting id of {ref.use!r} ({', '.join(setting_ids)}), found {sid!r}")
        for i, sid in enumerate(ref.without)
        if sid not in setting_ids
    ]
    if problems:
        raise GuideError(problems)
    page = shared.model_copy(
        update={
            "title": ref.title or shared.title,
            "source_section": ref.source_section or shared.source_section,
            "settings": [s for s in shared.settings if s.id not in ref.without],
        }
    )
    return _fill(page, {**shared.vars, **ref.with_}, f"{SHARED_DIR}/{ref.use}.yaml (as used by {name} {at})", ())


def _fill(page: PageSpec, variables: dict[str, Any], file: str, prefix: tuple[Any, ...]) -> PageSpec:
    """The page with every ``${var}`` replaced, validated again (an override may change a type)."""
    data = page.model_dump(exclude={"vars"})
    try:
        data = substitute(data, variables)
    except UnresolvedPlaceholder as exc:
        raise GuideError([GuideProblem(file, key_path((*prefix, *exc.path)), str(exc))]) from exc
    leftovers = [key_path((*prefix, *path)) for path in _strings_with_placeholders(data)]
    if leftovers:
        raise GuideError([GuideProblem(file, p, "a var's value itself contains ${...}; vars must hold final values") for p in leftovers])
    try:
        return PageSpec.model_validate({**data, "vars": variables})
    except ValidationError as exc:
        raise GuideError(problems_from(exc, PageSpec, file, prefix)) from exc


def _strings_with_placeholders(value: Any, path: tuple[Any, ...] = ()) -> Iterable[tuple[Any, ...]]:
    if isinstance(value, str) and "${" in value:
        yield path
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings_with_placeholders(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings_with_placeholders(item, (*path, key))


def _duplicates(pages: list[PageSpec], name: str) -> list[GuideProblem]:
    """Page ids and setting ids must be unique in a guide: results are keyed by them."""
    problems: list[GuideProblem] = []
    seen_pages: set[str] = set()
    seen_settings: dict[str, str] = {}
    for index, page in enumerate(pages):
        if page.id in seen_pages:
            problems.append(GuideProblem(name, f"pages[{index}].id", f"expected a unique page id, found {page.id!r} a second time"))
        seen_pages.add(page.id)
        for s_index, setting in enumerate(page.settings):
            if setting.id in seen_settings:
                problems.append(
                    GuideProblem(
                        name,
                        f"pages[{index}].settings[{s_index}].id",
                        f"expected a setting id unique in the guide, found {setting.id!r} already used on page {seen_settings[setting.id]!r}",
                    )
                )
            seen_settings.setdefault(setting.id, page.id)
    return problems
