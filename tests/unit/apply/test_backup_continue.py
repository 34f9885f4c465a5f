"""An interrupted apply is continued by the same guide's next apply, never by another guide's."""

from __future__ import annotations

from pathlib import Path

from wizard.apply.backup import BackupStore

ORG = "00D5g000004AcmeEAA"


def test_only_the_same_guide_continues_an_interrupted_backup(tmp_path: Path) -> None:
    store = BackupStore(tmp_path / "backups")
    aircall = store.begin(ORG, "Acme Demo", "admin@acme", "aircall")
    aircall.status = "interrupted"
    store.save(aircall)

    natterbox = store.begin(ORG, "Acme Demo", "admin@acme", "natterbox")
    assert natterbox.id != aircall.id and natterbox.guide_id == "natterbox" and natterbox.notes == []
    assert store.latest(ORG).id == aircall.id and store.latest(ORG).status == "interrupted"  # left as it was

    again = store.begin(ORG, "Acme Demo", "admin@acme", "aircall")
    assert again.id == aircall.id and again.status == "started"
    assert again.notes[-1].startswith("Continued on ")
