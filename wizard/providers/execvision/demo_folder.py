"""Sample recordings for the demo SFTP accounts: most follow the guide, some make its usual mistakes.

A newcomer walking the ExecVision guide in demo mode should see passing rows and failing ones,
each failure naming a file and the rule it breaks. The guide has two cases, so the demo has an
upload folder for each. `write_demo_folder` writes a homegrown dialer's (``data`` inside it, names
``yyyyMMdd-hhmmss_uid``); `write_five9_demo_folder` a Five9 push account's (``recording`` inside it,
names in `FIVE9_DEMO_LAYOUT`, the demo's own example of a layout agreed with ExecVision: the guide
lists the six items but gives no layout). Recordings are minutes old, so the delivery cadence
passes; each returns which rule each bad file breaks in its case (the demo's tests compare the
findings with it).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

#: Flat metadata with every Five9 fact (call time in the name; user id, direction, session id,
#: file type and ANI/DNIS here) and the fields customers commonly send.
GOOD_FIELDS = {"agent_id": "joe_baducci", "direction": "inbound", "session_id": "5F9C1A2B3D4E", "file_type": "wav",
               "ani": "5551234567", "contact_name": "Ada Lovelace", "disposition": "Sale"}
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00"


def _stamp(when: datetime) -> str:
    return f"{when:%Y%m%d-%H%M%S}"


def _write(path: Path, data: bytes, when: datetime) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (when.timestamp(), when.timestamp()))


def _metadata(fmt: str, fields: dict[str, str]) -> bytes:
    if fmt == "json":
        return json.dumps(fields, indent=2).encode()
    if fmt == "xml":
        return ("<call>" + "".join(f"<{k}>{v}</{k}>" for k, v in fields.items()) + "</call>").encode()
    if fmt == "csv":
        return (",".join(fields) + "\n" + ",".join(fields.values()) + "\n").encode()
    return "".join(f"{k}: '{v}'\n" for k, v in fields.items()).encode()


def _recording(data: Path, when: datetime, uid: str, meta: str | None, now: datetime) -> str:
    name = f"{_stamp(when)}_{uid}"
    written = now - timedelta(minutes=2)
    _write(data / f"{name}.wav", WAV, written)
    if meta:
        _write(data / f"{name}.{meta}", _metadata(meta, {**GOOD_FIELDS, "agent_id": uid}), written)
    return name


def write_demo_folder(upload: Path, now: datetime | None = None) -> dict[str, set[str]]:
    """Fill ``upload/data`` with a homegrown dialer's good and bad files; returns {bad file: rules it breaks}."""
    now = now or datetime.now(UTC)
    data = upload / "data"
    data.mkdir(parents=True, exist_ok=True)
    for i, fmt in enumerate(("json", "xml", "csv", "yml")):
        _recording(data, now - timedelta(minutes=5 + i), f"agent{i + 1}", fmt, now)
    recent = now - timedelta(minutes=3)
    bad: dict[str, set[str]] = {}
    lonely = _recording(data, now - timedelta(minutes=20), "no_metadata", None, now)
    bad[f"{lonely}.wav"] = {"metadata-pair"}
    _write(data / "20241332-140253_bad_month.wav", WAV, recent)
    _write(data / "20241332-140253_bad_month.json", _metadata("json", GOOD_FIELDS), recent)
    bad["20241332-140253_bad_month.wav"] = {"recording-name"}
    bad["20241332-140253_bad_month.json"] = {"metadata-updates"}  # no call time: the 48-hour rule says it could not judge it
    aac = f"{_stamp(recent)}_aac_export.aac"
    _write(data / aac, b"\xff\xf1\x50\x80", recent)
    bad[aac] = {"media-type"}
    nested = _recording(data, now - timedelta(minutes=22), "nested_fields", None, now)
    _write(data / f"{nested}.json", json.dumps({**GOOD_FIELDS, "contact": {"name": "Ada"}}).encode(), recent)
    bad[f"{nested}.json"] = {"metadata-nested"}
    _write(data / "export-notes.txt", b"Nightly export ran at 02:00.\n", recent)
    bad["export-notes.txt"] = {"other-files"}
    return bad


#: The demo's Five9 file-name layout: an example of one agreed with ExecVision, not one the guide gives.
FIVE9_DEMO_LAYOUT = "{call_time:yyyyMMdd-hhmmss}_{user_id}_{direction}_{session_id}_{ani}"


def _five9_recording(folder: Path, when: datetime, uid: str, session: str, meta: str | None, now: datetime) -> str:
    name = f"{_stamp(when)}_{uid}_inbound_{session}_5551234567"
    written = now - timedelta(minutes=2)
    _write(folder / f"{name}.wav", WAV, written)
    if meta:
        _write(folder / f"{name}.{meta}", _metadata(meta, {"agent_id": uid, "disposition": "Sale"}), written)
    return name


def write_five9_demo_folder(upload: Path, now: datetime | None = None) -> dict[str, set[str]]:
    """Fill ``upload/recording`` with a Five9 push delivery's good and bad files; returns {bad file: rules it breaks}."""
    now = now or datetime.now(UTC)
    folder = upload / "recording"
    folder.mkdir(parents=True, exist_ok=True)
    for i, fmt in enumerate(("json", "xml", None)):  # metadata files are optional for Five9
        _five9_recording(folder, now - timedelta(minutes=5 + i), f"agent{i + 1}", f"5F9C1A2B3D4{i}", fmt, now)
    bad: dict[str, set[str]] = {}
    recent = now - timedelta(minutes=3)
    no_session = f"{_stamp(now - timedelta(minutes=12))}_agent4_outbound_5557654321.wav"  # the session id left out
    _write(folder / no_session, WAV, recent)
    bad[no_session] = {"five9-info"}
    twice = _five9_recording(folder, now - timedelta(minutes=14), "agent5", "5F9C1A2B3D50", "json", now)
    _write(folder / f"{twice}.xml", _metadata("xml", {"agent_id": "agent5"}), recent)
    bad[f"{twice}.wav"] = {"metadata-pair"}
    nested = _five9_recording(folder, now - timedelta(minutes=16), "agent6", "5F9C1A2B3D60", None, now)
    _write(folder / f"{nested}.json", json.dumps({"agent_id": "agent6", "contact": {"name": "Ada"}}).encode(), recent)
    bad[f"{nested}.json"] = {"metadata-nested"}
    return bad
