"""Folders of ExecVision recordings and metadata for tests: good ones, and a mixed one whose every
bad file is listed with the rule it breaks, so local and SFTP checks can be compared to it.

The folders are a homegrown dialer's delivery (names ``yyyyMMdd-hhmmss_uid``, metadata beside each
recording), the guide's homegrown case; `five9_recording` names a recording the Five9 way, in
`FIVE9_LAYOUT` (an example layout agreed with ExecVision: the guide lists six items but no layout)."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

GOOD_FIELDS = {"caller_id": "5551234567", "contact_name": "Ada", "disposition": "Sale", "direction": "inbound",
               "session_id": "5F9C1A2B3D4E", "ani": "5551234567"}


def stamp(when: datetime) -> str:
    return f"{when:%Y%m%d-%H%M%S}"


def touch(path: Path, data: bytes, when: datetime) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (when.timestamp(), when.timestamp()))
    return path


def metadata_bytes(fmt: str, fields: dict[str, str]) -> bytes:
    if fmt == "json":
        return json.dumps(fields).encode()
    if fmt == "xml":
        return ("<call>" + "".join(f"<{k}>{v}</{k}>" for k, v in fields.items()) + "</call>").encode()
    if fmt == "csv":
        return (",".join(fields) + "\n" + ",".join(fields.values()) + "\n").encode()
    return "".join(f"{k}: '{v}'\n" for k, v in fields.items()).encode()


def recording(folder: Path, when: datetime, uid: str = "joe_baducci", ext: str = "wav", meta: str | None = "json",
              fields: dict[str, str] | None = None, written: datetime | None = None) -> str:
    """A recording named yyyyMMdd-hhmmss_uid.ext with (unless meta is None) its metadata file."""
    name = f"{stamp(when)}_{uid}"
    touch(folder / f"{name}.{ext}", b"RIFF\x00\x00\x00\x00WAVEfmt ", written or when)
    if meta:
        touch(folder / f"{name}.{meta}", metadata_bytes(meta, fields if fields is not None else GOOD_FIELDS), written or when)
    return name


def good_folder(folder: Path, now: datetime, count: int = 4) -> list[str]:
    """``count`` recent recordings, each with one metadata file in a rotating format."""
    formats = ("json", "xml", "csv", "yml")
    return [recording(folder, now - timedelta(minutes=5 + i), uid=f"agent{i}", meta=formats[i % 4], written=now - timedelta(minutes=4))
            for i in range(count)]


def mixed_folder(folder: Path, now: datetime) -> dict[str, set[str]]:
    """Good files plus one of each mistake of the homegrown case; returns {file: rules it breaks} for the bad ones.

    A metadata file whose name carries no call time (and no call time field) has a "metadata-updates"
    finding: the 48-hour rule could not judge it.
    """
    good_folder(folder, now, 4)
    recent = now - timedelta(minutes=10)
    expect: dict[str, set[str]] = {}
    bad = recording(folder, now - timedelta(minutes=20), uid="no_meta", meta=None)
    expect[f"{bad}.wav"] = {"metadata-pair"}
    two = recording(folder, now - timedelta(minutes=21), uid="two_meta", meta="json")
    touch(folder / f"{two}.xml", metadata_bytes("xml", GOOD_FIELDS), recent)
    expect[f"{two}.wav"] = {"metadata-pair"}
    touch(folder / "20201332-140253_bad_month.wav", b"RIFF", recent)
    touch(folder / "20201332-140253_bad_month.json", metadata_bytes("json", GOOD_FIELDS), recent)
    expect["20201332-140253_bad_month.wav"] = {"recording-name"}
    expect["20201332-140253_bad_month.json"] = {"metadata-updates"}  # no call time to count 48 hours from: said, not counted
    touch(folder / "call-from-joe.mp3", b"ID3", recent)
    touch(folder / "call-from-joe.json", metadata_bytes("json", GOOD_FIELDS), recent)
    expect["call-from-joe.mp3"] = {"recording-name"}
    expect["call-from-joe.json"] = {"metadata-updates"}
    touch(folder / f"{stamp(recent)}_aac_user.aac", b"\xff\xf1", recent)
    expect[f"{stamp(recent)}_aac_user.aac"] = {"media-type"}
    nested = recording(folder, now - timedelta(minutes=22), uid="nested", meta=None)
    touch(folder / f"{nested}.json", json.dumps({**GOOD_FIELDS, "contact": {"name": "Ada"}}).encode(), recent)
    expect[f"{nested}.json"] = {"metadata-nested"}
    broken = recording(folder, now - timedelta(minutes=23), uid="broken", meta=None)
    touch(folder / f"{broken}.xml", b"<call><caller_id>1</call>", recent)
    expect[f"{broken}.xml"] = {"metadata-parse"}
    recording(folder, now - timedelta(minutes=24), uid="no_five9", meta="yml", fields={"caller_id": "1", "disposition": "Sale"})  # fine here
    empty = recording(folder, now - timedelta(minutes=25), uid="empty_file", meta="csv")
    touch(folder / f"{empty}.wav", b"", recent)
    expect[f"{empty}.wav"] = {"file-size"}
    late = recording(folder, now - timedelta(days=3), uid="late_update", meta="json", written=now - timedelta(minutes=30))
    expect[f"{late}.json"] = {"metadata-updates"}
    touch(folder / "notes.txt", b"hello", recent)
    expect["notes.txt"] = {"other-files"}
    touch(folder / "orphan_20201012.json", metadata_bytes("json", GOOD_FIELDS), recent)
    expect["orphan_20201012.json"] = {"metadata-pair", "metadata-updates"}
    sub = folder / "2024-06"
    recording(sub, now - timedelta(minutes=26), uid="in_subfolder", meta="json", written=recent)
    expect["2024-06/"] = {"no-directories"}
    return expect


def findings_by_file(findings) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in findings:
        out.setdefault(f.file, set()).add(f.rule)
    return out


#: An example of a Five9 file-name layout agreed with ExecVision (the guide lists the items, not their layout).
FIVE9_LAYOUT = "{call_time:yyyyMMdd-hhmmss}_{user_id}_{direction}_{session_id}_{ani}"


def five9_recording(folder: Path, when: datetime, uid: str = "joe", direction: str = "inbound", session: str = "5F9C1A2B",
                    ani: str = "5551234567", ext: str = "wav", meta: str | None = None, fields: dict[str, str] | None = None,
                    written: datetime | None = None) -> str:
    """A Five9 recording named in `FIVE9_LAYOUT` (all six items), with a metadata file only when ``meta`` is given."""
    name = f"{stamp(when)}_{uid}_{direction}_{session}_{ani}"
    touch(folder / f"{name}.{ext}", b"RIFF\x00\x00\x00\x00WAVEfmt ", written or when)
    if meta:
        touch(folder / f"{name}.{meta}", metadata_bytes(meta, fields if fields is not None else {"disposition": "Sale"}), written or when)
    return name


def local_check(folder: Path, *extra: str) -> tuple[int, dict]:
    """``execvision check --local`` of a homegrown dialer's export (names carry the call time) with its JSON:
    (exit code, {check id: result}, plus "findings")."""
    report = folder.parent / f"{folder.name}.json"
    case = () if "--source" in extra else ("--source", "homegrown")
    from wizard.cli import main  # the whole command line, only for the tests that run it

    code = main(["execvision", "check", "--local", str(folder), "--quiet", "--json", str(report), *case, *extra])
    doc = json.loads(report.read_text(encoding="utf-8"))
    return code, {**{r["check_id"].removeprefix("execvision."): r for r in doc["results"]}, "findings": doc["findings"]}
