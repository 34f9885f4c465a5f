"""Calls mapped to users: matching by e-mail against the demo org and the emulators, the bulk
write of identifiers through the apply door (preview, confirmation, backup), and its undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.providers.support import AIRCALL_MAPPING, scenario_file, started
from wizard.apply.errors import ConfirmationRequired
from wizard.apply.preview import plan_text
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.providers.aircall.client import AircallClient
from wizard.providers.aircall.credentials import AircallCredentials
from wizard.providers.voice import identifiers
from wizard.providers.voice.mapping import gather_mapping, judge_mapping
from wizard.providers.voice.matching import accepted_writes

FIELD = "sfvc__AircallUserIdentifier__c"
MAPPING = AIRCALL_MAPPING


def _setting(guide):  # type: ignore[no-untyped-def]
    return next((p, s) for p, s in guide.settings() if s.check == "aircall.user_identifiers")


def _gather(demo):  # type: ignore[no-untyped-def]
    creds = demo.emulators.demo_credentials()
    client = AircallClient(AircallCredentials(creds.aircall_api_id, creds.aircall_api_token), demo.emulators.endpoints)
    return gather_mapping(demo.org.connection, "aircall", client.users)


def test_matching_exact_missing_and_ambiguous(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with started(MAPPING, monkeypatch) as demo:
        gathered = _gather(demo)
        assert gathered.field is not None and gathered.field.name == FIELD
        kinds = {m.user.name: (m.kind, [c.id for c in m.candidates]) for m in gathered.matches()}
        assert kinds == {
            "Ada Admin": ("exact", ["1001"]),
            "Sam Seller": ("exact", ["1002"]),  # Sam.Seller@ in Aircall: e-mails compare without case
            "Rita Rep": ("ambiguous", ["1003", "1005"]),
            "Mo Missing": ("missing", []),
        }
        result = judge_mapping(load_guide("aircall"), _setting(load_guide("aircall")), gathered)
        assert result.status == Status.WARN and "0 of 4" in result.observed
        assert result.fix and result.fix.fix_name == "user_identifiers"


def test_bulk_write_through_the_door_and_undo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wizard_dirs: tuple[Path, Path]) -> None:
    guide = load_guide("aircall")
    page, setting = _setting(guide)
    with started(MAPPING, monkeypatch) as demo:
        conn, facts, server = demo.org.connection, demo.org.facts, demo.org.server
        gathered = _gather(demo)
        matches = gathered.matches()
        rita = next(m.user.id for m in matches if m.user.name == "Rita Rep")
        writes = accepted_writes(matches, {rita: "1003"})  # the admin's choice for the ambiguous one
        plan = identifiers.plan_identifiers(guide, facts, "aircall", gathered.field, matches, writes, (page.id, setting.id))
        preview = plan_text(plan, guide.title)
        assert plan.change_count() == 3 and "Aircall User Identifier of Rita Rep" in preview and "(not set) → 1003" in preview
        assert "production org" in preview

        with pytest.raises(ConfirmationRequired):
            identifiers.apply_identifiers(conn, guide, plan)  # production: the org's name must be typed
        server.log.clear()
        result = identifiers.apply_identifiers(conn, guide, plan, confirmation=facts.name)
        assert result.error is None and len(result.applied) == 3
        writes_made = [e for e in server.log.writes() if e.path.endswith("/composite/sobjects")]
        assert len(writes_made) == 1 and writes_made[0].method == "PATCH" and result.writes == 1

        after = judge_mapping(guide, (page, setting), _gather(demo))
        assert after.status == Status.WARN and "3 of 4" in after.observed and "Mo Missing" in after.message
        backup_file = next((wizard_dirs[1] / "backups" / "user-identifiers" / facts.org_id).glob("*.json"))
        saved = json.loads(backup_file.read_text())
        assert saved["status"] == "complete" and len(saved["entries"]) == 3
        assert all(e["before"] == {FIELD: None} for e in saved["entries"])

        again = identifiers.plan_identifiers(guide, facts, "aircall", gathered.field, _gather(demo).matches(), writes, (page.id, setting.id))
        assert again.empty  # a second run writes nothing

        server.log.clear()
        undone = identifiers.undo_identifiers(conn, facts)
        assert len(undone.restored) == 3 and undone.writes == 1
        assert all(u.identifier is None for u in _gather(demo).users or ())
        assert identifiers.latest_backup(facts) is None  # nothing left to undo
        with pytest.raises(LookupError):
            identifiers.undo_identifiers(conn, facts)


def _many(count: int) -> str:
    lines = ["extends: eci-shared-configured", "user_fields:", f"  {FIELD}: Aircall User Identifier",
             "permission_set_licenses:", "  - {name: ConversationInsightsPsl, label: Einstein Conversation Insights, total: 400}",
             "users:"]
    lines += [f"  - {{username: caller{n}@acme-demo.example, last_name: Caller{n}, email: caller{n}@acme-demo.example, profile: Standard User, "
              f"permission_set_licenses: [ConversationInsightsPsl], permission_sets: [ConversationInsightsForSales]}}" for n in range(count)]
    lines += ["providers:", "  aircall:", "    users:"]
    lines += [f"      - {{id: {5000 + n}, name: Caller {n}, email: CALLER{n}@acme-demo.example}}" for n in range(count)]
    return "\n".join(lines) + "\n"


def test_250_users_take_two_collection_requests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    page, setting = _setting(guide)
    with started(scenario_file(tmp_path, _many(250)), monkeypatch) as demo:
        gathered = _gather(demo)
        matches = gathered.matches()
        writes = accepted_writes(matches)
        assert len(writes) == 253  # the 250 callers plus Ada, Sam and Rita (exact in the fresh Aircall company)
        plan = identifiers.plan_identifiers(guide, demo.org.facts, "aircall", gathered.field, matches, writes, (page.id, setting.id))
        demo.org.server.log.clear()
        result = identifiers.apply_identifiers(demo.org.connection, guide, plan, confirmation=demo.org.facts.name)
        assert result.error is None and len(result.applied) == 253
        patches = [e for e in demo.org.server.log.writes() if e.path.endswith("/composite/sobjects")]
        assert len(patches) == 2 and result.writes == 2
        assert judge_mapping(guide, (page, setting), _gather(demo)).status == Status.PASS


def test_a_dropped_connection_resumes_without_duplicates_and_undo_restores_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    page, setting = _setting(guide)
    with started(scenario_file(tmp_path, _many(250)), monkeypatch) as demo:
        conn, facts, server = demo.org.connection, demo.org.facts, demo.org.server
        gathered = _gather(demo)
        plan = identifiers.plan_identifiers(guide, facts, "aircall", gathered.field, gathered.matches(),
                                            accepted_writes(gathered.matches()), (page.id, setting.id))
        server.faults.set(drop_after=3)  # the two state queries and the first 200 pass; the second write is dropped
        first = identifiers.apply_identifiers(conn, guide, plan, confirmation=facts.name)
        assert first.error and "connection dropped" in first.error and first.resumable
        assert sum(1 for u in _gather(demo).users or () if u.identifier) == 200  # the first collection was written
        server.faults.clear()
        server.log.clear()
        second = identifiers.apply_identifiers(conn, guide, plan, confirmation=facts.name)
        assert second.error is None and len(second.applied) == 53 and second.backup_id == first.backup_id
        assert len([e for e in server.log.writes() if e.path.endswith("/composite/sobjects")]) == 1
        assert judge_mapping(guide, (page, setting), _gather(demo)).status == Status.PASS

        undone = identifiers.undo_identifiers(conn, facts)
        assert len(undone.restored) == 253 and undone.writes == 2
        assert all(u.identifier is None for u in _gather(demo).users or ())


@pytest.mark.parametrize(
    ("faults", "words"),
    [({"request_limit": 0}, "API request limit"), ({"maintenance": True}, "down for maintenance"),
     ({"drop_path": "/services/"}, "could not be reached")],
)
def test_an_org_that_cannot_be_read_is_explained_not_named_by_exception(faults: dict, words: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with started(AIRCALL_MAPPING, monkeypatch) as demo:
        demo.org.server.faults.set(**faults)
        facts = gather_mapping(demo.org.connection, "aircall", None)
    assert facts.users_problem is not None and words in facts.users_problem
    assert not any(name in facts.users_problem for name in ("SalesforceRefusedRequest", "ConnectionError", "GeneralError"))
