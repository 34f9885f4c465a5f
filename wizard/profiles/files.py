"""Profile files: written as plain YAML, read back with the line and field of every problem.

A profile travels: it is mailed, kept in a repository, edited by hand, opened by a newer wizard.
So reading one never just says "invalid": YAML is composed with its marks kept, and every problem
(broken YAML, a duplicate key, a wrong type, an unknown field, a setting the guide no longer has,
a file written in another format) names the file, the line and the field, what was found and what
to do. All problems are reported at once so a hand edit is fixed in one pass.

A profile also travels badly: an attachment or a copy can be cut off, and a YAML file cut at a
line break is still valid YAML, only shorter (fewer settings, no warnings, a value cut short). So
every profile ends with the line ``end_of_profile: true``, and a file without it is refused; the
sections are required too, so a section deleted by hand is named rather than read as empty.

Capture asks `held_by` what a file it was told to write already holds, before it overwrites it:
the guide, the org and the date of a profile (read leniently, since an old or damaged profile is
still someone's capture), or that it is no profile at all.

What to do about a problem often names the way to capture a profile, and that way is the place's
own (a command, or the window's menu entry): the readers take `CaptureWords`, the command line's
unless the caller gives its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from wizard.atomic_file import write_atomic
from wizard.guides.loader import GuideError, guide_ids, load_guide
from wizard.profiles.guide_match import (
    COMMAND_LINE,
    CaptureWords,
    captured_for,
    edited_guide_text,
    missing_guide_text,
    unknown_guide_text,
)
from wizard.profiles.model import PROFILE_KIND, PROFILE_SCHEMA_VERSION, SetupProfile

HEADER = """\
# ECI Setup Wizard setup profile.
# The settings of one guide as the source org had them when they verified. It holds no secret:
# consumer secrets, passwords and tokens are never read from Salesforce nor written here.
# Values listed under 'environment' differ from org to org; 'how' says where the target's own
# value comes from. Apply it to another org with: eci-wizard graduate --profile THIS_FILE --to ALIAS
"""


#: The last line of every profile: a file without it was cut off (or the line was removed).
END_KEY = "end_of_profile"
FOOTER = f"# The end of the profile. A file without the next line was cut off, and is refused.\n{END_KEY}: true\n"


@dataclass(frozen=True)
class ProfileProblem:
    """One problem in a profile file: where (line, field), and what."""

    line: int | None
    field: str
    message: str

    def text(self, file: str) -> str:
        where = f"{file}, line {self.line}" if self.line else file
        return f"{where}, field '{self.field}': {self.message}" if self.field else f"{where}: {self.message}"


class ProfileError(Exception):
    """A profile that cannot be used; `problems` say where and why."""

    def __init__(self, file: str, problems: list[ProfileProblem]) -> None:
        self.file = file
        self.problems = problems
        super().__init__("\n".join(p.text(file) for p in problems))


class _Loader(yaml.SafeLoader):
    """Safe YAML that refuses duplicate keys (a silently overwritten value would be lost)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # '? [a]' or '? {a: 1}': a key that is a list or block
                raise yaml.constructor.ConstructorError(
                    None, None, "a key is a list or a block of fields, where a field name was expected", key_node.start_mark)
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"the key {key!r} appears twice in the same block", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def dump_profile(profile: SetupProfile) -> str:
    """The YAML text of a profile (header comment, fields in model order, the end marker last)."""
    data = {"schema_version": profile.schema_version, "kind": profile.kind, **profile.model_dump(mode="json", exclude_defaults=True)}
    return HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False) + FOOTER


def write_profile(profile: SetupProfile, path: str | Path) -> Path:
    """Write beside the target and rename (`write_atomic`), so a reader never sees half a file."""
    target = Path(path)
    write_atomic(target, dump_profile(profile).encode("utf-8"))
    return target


# -- reading ------------------------------------------------------------------------------------
def _node_at(root: yaml.Node | None, path: tuple[Any, ...]) -> yaml.Node | None:
    """The deepest node along `path` (a key's node when the path ends at a missing key)."""
    node = root
    for part in path:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if match is None:
                return node
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node


def _key_line(root: yaml.Node | None, path: tuple[Any, ...]) -> int | None:
    """The line of the key at the end of `path` (or of its closest existing parent)."""
    if path and isinstance(parent := _node_at(root, path[:-1]), yaml.MappingNode):
        for key, _value in parent.value:
            if key.value == str(path[-1]):
                return key.start_mark.line + 1
    node = _node_at(root, path)
    return node.start_mark.line + 1 if node is not None else None


def _field(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _shown(found: Any) -> str:
    """A value as the admin wrote it, in words rather than Python's (no 'None', no type names)."""
    if found is None:
        return "nothing"
    if isinstance(found, dict):
        return "a block of fields"
    if isinstance(found, list):
        return f"a list of {len(found)}" if found else "an empty list"
    if isinstance(found, bool):
        return "true" if found else "false"
    return repr(found) if isinstance(found, str) else str(found)


#: What a field of each kind holds, by pydantic's error type (its own words name Python types).
_EXPECTED = {
    "model_type": "a block of fields (indented 'name: value' lines)",
    "model_attributes_type": "a block of fields (indented 'name: value' lines)",
    "dict_type": "a block of fields (indented 'name: value' lines)",
    "list_type": "a list (lines starting with '- ')",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "datetime_type": "a date and time such as 2026-11-01T10:00:00Z",
    "datetime_parsing": "a date and time such as 2026-11-01T10:00:00Z",
    "datetime_from_date_parsing": "a date and time such as 2026-11-01T10:00:00Z",
}


def _explain(error: dict[str, Any], words: CaptureWords) -> str:
    kind, found = error.get("type", ""), error.get("input")
    if kind in _EXPECTED:
        return (f"found {_shown(found)}; expected {_EXPECTED[kind]}. Put back the value that {words.writer} wrote, or capture "
                "the profile again")
    if kind == "missing":
        return "this field is required but missing; capture the profile again or add it"
    if kind == "extra_forbidden":
        return "this field is not part of a setup profile (a typo, or a file from another version of the wizard); remove it"
    if kind in ("literal_error", "enum"):
        expected = (error.get("ctx") or {}).get("expected", "")
        return f"found {found!r}; expected one of {expected}"
    return f"{error.get('msg', 'invalid value')} (found {found!r})"


def _format_problems(root: yaml.Node | None, data: dict[str, Any], words: CaptureWords) -> list[ProfileProblem]:
    version_line = _key_line(root, ("schema_version",))
    if data.get("kind") != PROFILE_KIND:
        found = "there is no 'kind' line" if data.get("kind") is None else f"found {_shown(data.get('kind'))}"
        what = f" (a parity report, {words.report_by})" if data.get("kind") == "parity" else ""
        return [ProfileProblem(_key_line(root, ("kind",)) or 1, "kind", (
            f"{found}: this file is not an ECI setup profile{what}. Expected 'kind: {PROFILE_KIND}', as in "
            f"{words.every_profile}; {words.give} such a profile."))]
    version = data.get("schema_version")
    if version is None:
        return [ProfileProblem(version_line or 1, "schema_version", (
            f"there is no 'schema_version' line, so the format of this profile is unknown; expected 'schema_version: "
            f"{PROFILE_SCHEMA_VERSION}' (the format this wizard reads). Put it back if it was removed by hand, or capture the "
            f"profile again from the source org with this wizard ({words.way})."))]
    if version != PROFILE_SCHEMA_VERSION:
        made_by = data.get("wizard_version") or "an unknown version"
        if not isinstance(version, int) or isinstance(version, bool):
            # "an unknown format than..." read as a broken sentence: a hand edit gets its own one
            return [ProfileProblem(version_line, "schema_version", (
                f"found {_shown(version)}, which is not a format number; expected the whole number {PROFILE_SCHEMA_VERSION} "
                f"(the format this wizard reads). Put back 'schema_version: {PROFILE_SCHEMA_VERSION}' if it was edited by hand, "
                f"or capture the profile again from the source org with this wizard ({words.way})."
            ))]
        older = version < PROFILE_SCHEMA_VERSION
        return [ProfileProblem(version_line, "schema_version", (
            f"this profile uses format {version} (written by wizard {made_by}), {'an older' if older else 'a newer'} format "
            f"than this wizard reads ({PROFILE_SCHEMA_VERSION}). "
            + (f"Capture it again from the source org with this wizard ({words.way})." if older
               else "Use the wizard version that wrote it, or update this wizard.")
        ))]
    return []


def _end_problems(root: yaml.Node | None, data: dict[str, Any], text: str, words: CaptureWords) -> list[ProfileProblem]:
    """The end marker, taken out of `data` (it is not part of the profile): missing or wrong means
    the file was cut off, so none of it can be trusted to be whole."""
    present = END_KEY in data
    if data.pop(END_KEY, None) is True:
        return []
    if present:
        line, found = _key_line(root, (END_KEY,)), "the end marker is cut short or changed (expected 'true')"
    else:
        line = len(text.splitlines()) or 1
        found = f"missing: the file stops at line {line} without the line '{END_KEY}: true' that ends every profile"
    return [ProfileProblem(line, END_KEY, (
        f"{found}, so it was probably cut off while being copied or sent, and what is missing (and whether the last "
        f"values are whole) cannot be known. Use the complete file, or capture the profile again ({words.way})."
    ))]


def _setting_ids_in(data: dict[str, Any]) -> list[str]:
    """The setting ids of a profile not yet checked (for telling its guide by its settings)."""
    settings = data.get("settings")
    if not isinstance(settings, list):
        return []
    return [item["id"] for item in settings if isinstance(item, dict) and isinstance(item.get("id"), str)]


def _guide_line_problem(root: yaml.Node | None, data: dict[str, Any], words: CaptureWords) -> ProfileProblem | None:
    """A guide line that is missing, empty or not text: the profile does not say its guide, said
    plainly (with the guide its settings belong to) rather than as a field that failed a type."""
    found = data.get("guide")
    if isinstance(found, str) and found.strip():
        return None
    return ProfileProblem(_key_line(root, ("guide",)) or 1, "guide", missing_guide_text(
        found, captured_for(None, _setting_ids_in(data)), present="guide" in data, words=words))


def _guide_problems(root: yaml.Node | None, profile: SetupProfile, words: CaptureWords) -> list[ProfileProblem]:
    """Problems only the guide can reveal: a guide the wizard does not have, a profile of another
    guide than its guide line says (one problem, not one per setting that guide lacks), a setting
    the wizard no longer knows."""
    line, ids = _key_line(root, ("guide",)), [s.id for s in profile.settings]
    if profile.guide not in guide_ids():
        return [ProfileProblem(line, "guide", unknown_guide_text(profile.guide, captured_for(profile.guide, ids), words))]
    try:
        guide = load_guide(profile.guide)
    except (GuideError, OSError) as exc:
        return [ProfileProblem(line, "guide", (
            f"the {profile.guide} guide of this wizard cannot be read ({exc}); its file in the wizard's installation is damaged "
            f"or was edited. Reinstall the wizard, or {words.guides}."))]
    if captured := captured_for(profile.guide, ids):
        return [ProfileProblem(line, "guide", edited_guide_text(profile.guide, captured, ids, words))]
    known = {setting.id: page.id for page, setting in guide.settings()}
    problems = []
    for index, setting in enumerate(profile.settings):
        if setting.id not in known:
            problems.append(ProfileProblem(
                _key_line(root, ("settings", index, "id")), f"settings[{index}].id",
                f"found {setting.id!r}; the {guide.title} guide of this wizard has no such setting (the profile may come from an "
                "older wizard, or was edited by hand). Remove this entry or capture the profile again.",
            ))
        elif known[setting.id] != setting.page:
            problems.append(ProfileProblem(
                _key_line(root, ("settings", index, "page")), f"settings[{index}].page",
                f"found {setting.page!r}; in this wizard the setting {setting.id!r} is on the page {known[setting.id]!r}",
            ))
    for index, env in enumerate(profile.environment):
        if env.choices and env.value is not None and env.value not in env.choices:
            problems.append(ProfileProblem(
                _key_line(root, ("environment", index, "value")), f"environment[{index}].value",
                f"found {env.value!r}; expected one of {', '.join(env.choices)}",
            ))
    return problems


def parse_profile(text: str, file: str = "profile", words: CaptureWords = COMMAND_LINE) -> SetupProfile:
    """A profile from YAML text; `ProfileError` naming line and field of every problem (the ways
    to a good profile said in `words`)."""
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except RecursionError:  # brackets nested thousands deep: no profile is, and the reader would crash
        raise ProfileError(file, [ProfileProblem(None, "", (
            "the file nests lists or blocks thousands of levels deep, where a setup profile has a few; it is not a setup "
            f"profile, or it was damaged. {words.give_file}, or capture the profile again."))]) from None
    except yaml.reader.ReaderError as exc:  # a control character (a NUL byte, say): a binary or damaged file
        line = text.count("\n", 0, exc.position) + 1
        code = ord(exc.character) if isinstance(exc.character, str) else int(exc.character)
        raise ProfileError(file, [ProfileProblem(line, "", (
            f"the file holds a character a profile cannot contain (code {code:#06x}, which is not text); it is not a setup "
            f"profile, or it was damaged. {words.give_file}, or capture the profile again."))]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ProfileError(file, [ProfileProblem(line, "", f"the YAML is broken here: {exc.problem or exc.context}. Fix the file or capture it again.")]) from None
    except yaml.YAMLError as exc:
        raise ProfileError(file, [ProfileProblem(None, "", f"the YAML cannot be read ({exc}).")]) from None
    if not isinstance(data, dict):
        found = ("the file is empty (or holds only comments)" if data is None else
                 f"the file holds {_shown(data)}" + (" (lines starting with '- ')" if isinstance(data, list) else " and nothing else"))
        raise ProfileError(file, [ProfileProblem(1, "", (
            f"{found}, where a setup profile holds its fields ('schema_version:', 'kind: {PROFILE_KIND}', 'guide:' and the "
            f"rest); it is not a setup profile. {words.give_file}, or capture the profile again."))])
    if problems := _format_problems(root, data, words):
        raise ProfileError(file, problems)
    cut_off = _end_problems(root, data, text, words)
    no_guide = [problem] if (problem := _guide_line_problem(root, data, words)) else []
    try:
        profile = SetupProfile.model_validate(data)
    except ValidationError as exc:
        problems = [
            ProfileProblem(_key_line(root, tuple(e["loc"])), _field(tuple(e["loc"])), _explain(e, words))  # type: ignore[arg-type]
            for e in exc.errors()
            if not (no_guide and tuple(e["loc"]) == ("guide",))
        ]
        raise ProfileError(file, cut_off + no_guide + problems) from None
    if problems := cut_off + (no_guide or _guide_problems(root, profile, words)):
        raise ProfileError(file, problems)
    return profile


# -- what a file about to be overwritten holds ---------------------------------------------------------
#: Far larger than any profile (a few hundred settings take some 100 KB): a file this size is
#: something else, and is not read whole to find that out.
_LARGEST_PROFILE = 20 * 1024 * 1024


@dataclass(frozen=True)
class HeldProfile:
    """A setup profile already in the file a capture was told to write: enough to name it.

    Read leniently (no schema check): a profile in an older format, cut off or edited by hand is
    still the admin's capture of that guide and org, and capture must know whose it is before it
    overwrites it. Empty strings stand for what the file does not say.
    """

    guide: str
    org_id: str
    org_name: str
    environment: str
    captured_at: str

    def source(self) -> str:
        """'Acme Demo (Sandbox, 00D...) on 2026-11-01 10:00 UTC', with what the file does not say left out."""
        org = self.org_name or "an org it does not name"
        facts = ", ".join(part for part in (self.environment, self.org_id) if part)
        when = f" on {self.captured_at}" if self.captured_at else ""
        return f"{org}{f' ({facts})' if facts else ''}{when}"

    def text(self) -> str:
        """'a setup profile of the aircall guide, captured from Acme Demo (Sandbox, 00D...) on ...'."""
        whose = f"a setup profile of the {self.guide} guide," if self.guide else "a setup profile that does not say its guide,"
        return f"{whose} captured from {self.source()}"

    def same_org(self, org_id: str) -> bool:
        """True for the org `org_id` names, or when the profile names none (nothing to tell apart).
        Salesforce ids compare on their first 15 characters (the 18-character form adds a suffix)."""
        return not self.org_id or self.org_id[:15] == org_id[:15]


@dataclass(frozen=True)
class HeldFile:
    """What an existing file holds: a setup profile, or something else described in `other` (a
    noun phrase: 'a parity report (...)', 'content that is not a setup profile (...)')."""

    profile: HeldProfile | None
    other: str = ""

    def text(self) -> str:
        """What the file holds, in words ('the aircall profile captured from ...', 'a parity report ...')."""
        return self.profile.text() if self.profile else self.other


#: What saving a profile over a file would lose (see `overwrite_loss`).
NOT_A_PROFILE, OTHER_GUIDE, OTHER_ORG = "not a profile", "another guide's profile", "another org's profile"


def overwrite_loss(held: HeldFile | None, guide_id: str, org_id: str | None = None) -> str | None:
    """What a capture of `guide_id` from `org_id` would lose by writing over `held`, or None.

    One rule for the command line and the window: nothing there, an empty file, or this guide's
    profile of this very org (a refresh) loses nothing; a file that is no profile, another guide's
    profile, or another org's profile of this guide (each org's profile is its own record: that
    sandbox may be refreshed or gone) would be lost. `org_id` None (the org not opened yet) leaves
    the last question open: the same guide's profile loses nothing *yet*.
    """
    if held is None:
        return None
    if held.profile is None:
        return NOT_A_PROFILE
    if held.profile.guide and held.profile.guide != guide_id:
        return OTHER_GUIDE
    if org_id is not None and not held.profile.same_org(org_id):
        return OTHER_ORG
    return None


def _when(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return " ".join(value.split())[:40]
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M} UTC" if value.utcoffset() is not None else f"{value:%Y-%m-%d %H:%M}"
    return ""


def _text_of(value: Any) -> str:
    return " ".join(value.split())[:100] if isinstance(value, str) else ""


def held_by(path: str | Path, words: CaptureWords = COMMAND_LINE) -> HeldFile | None:
    """What the file at `path` holds, or None when writing there loses nothing: no file, an empty
    one (or only blank lines), or no ordinary file at all (the output check speaks for those).

    Nothing of a file that is not a profile is quoted: the admin may have pointed at a file of
    credentials by mistake, and its first line is no business of the output.
    """
    target = Path(path)
    try:
        if not target.is_file():
            return None
        size = target.stat().st_size
        if size == 0:
            return None
        if size > _LARGEST_PROFILE:
            return HeldFile(None, f"{size // (1024 * 1024):,} MB of content, far more than any setup profile")
        raw = target.read_bytes()
    except OSError as exc:
        return HeldFile(None, f"content this user cannot read ({exc.strerror or 'refused'}), so what it is cannot be told")
    if not raw.strip():
        return None
    other = HeldFile(None, f"content that is not a setup profile ({len(raw):,} bytes, not {words.written})")
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
        return other
    if not isinstance(data, dict):
        return other
    if data.get("kind") == "parity":
        return HeldFile(None, f"a parity report ({words.report_by})")
    if data.get("kind") != PROFILE_KIND:
        return other
    source = data.get("source") if isinstance(data.get("source"), dict) else {}
    guide = _text_of(data.get("guide")) or (captured_for(None, _setting_ids_in(data)) or "")
    return HeldFile(HeldProfile(guide=guide, org_id=_text_of(source.get("org_id")), org_name=_text_of(source.get("name")),
                                environment=_text_of(source.get("environment")), captured_at=_when(data.get("captured_at"))))


def read_profile(path: str | Path, words: CaptureWords = COMMAND_LINE) -> SetupProfile:
    """Read and check a profile file (what to do about a problem said in `words`)."""
    target = Path(path)
    try:
        # A file far larger than any profile is not read whole to find out it is something else:
        # reading and parsing it could take minutes and all the memory there is.
        size = target.stat().st_size if target.is_file() else 0
    except OSError:
        size = 0  # the read below names what is wrong with it
    if size > _LARGEST_PROFILE:
        raise ProfileError(str(target), [ProfileProblem(None, "", (
            f"the file holds {size // (1024 * 1024):,} MB, far more than any setup profile (a few hundred settings take "
            f"some 100 KB), so it was not read; it is not a setup profile. {words.give_file}, or capture the profile "
            "again."))])
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError(str(target), [ProfileProblem(None, "", f"no such file; {words.give_profile}.")]) from None
    except IsADirectoryError:
        raise ProfileError(str(target), [ProfileProblem(None, "", f"this is a folder, not a file; {words.give_profile} (a .yaml file).")]) from None
    except OSError as exc:  # no permission, a device, a vanished network share
        raise ProfileError(str(target), [ProfileProblem(None, "", f"the file cannot be read ({exc.strerror or type(exc).__name__}); check it, or copy the profile somewhere readable.")]) from None
    except UnicodeDecodeError as exc:
        raise ProfileError(str(target), [ProfileProblem(None, "", f"the file is not UTF-8 text (byte {exc.start}); it is not a setup profile.")]) from None
    return parse_profile(text, str(target), words)
