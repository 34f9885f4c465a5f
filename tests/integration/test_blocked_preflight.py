"""An org whose own record could not be read is neither verified nor written to.

A connection that drops during the connection preflight leaves the org's name, edition and
environment unknown. Before, the headless commands went on: `verify` judged an edition called
"unknown" (a false Fail) and `apply` took an empty `--production-confirm ""` as the production
org's name and wrote. Now the commands stop as the window does (the preflight's blockers are
listed, exit 2), and the apply door never confirms a production org without a name.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tests.integration.apply.support import WITH_PACKAGES, scenario, seed_secrets, writes
from tests.integration.verify.support import connected
from wizard.apply.door import apply_plan, plan_guide
from wizard.apply.errors import ConfirmationRequired
from wizard.commands import apply as apply_command
from wizard.commands import verify as verify_command
from wizard.guides.loader import load_guide

DROPPED = "extends: fresh\nfaults:\n  drop_after: 1\n"


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="eci-wizard")
    sub = parser.add_subparsers(dest="command", required=True)
    verify_command.register(sub)
    apply_command.register(sub)
    args = parser.parse_args(list(argv))
    return int(args.func(args) or 0)


@pytest.fixture(autouse=True)
def _isolated(memory_keyring: type, data_dir: Path) -> None:
    """No real keyring, and a data folder of the test's own where a backup would show."""


def test_verify_stops_when_the_org_record_could_not_be_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = scenario(tmp_path, DROPPED)
    assert _run("verify", "--guide", "aircall", "--demo", "--scenario", str(path)) == 2
    out, err = capsys.readouterr()
    assert "The connection check found what stops the wizard" in err
    assert "- Org: " in err and "The Organization record could not be read." in err
    assert "API access: the org did not answer" in err and "NO_ANSWER" not in err
    assert "Nothing was read or changed" in err and "run the command again" in err
    assert "unknown" not in out and "Fail" not in out  # no verdict on facts nobody read


def test_apply_with_an_empty_production_confirmation_writes_nothing(tmp_path: Path, data_dir: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = scenario(tmp_path, DROPPED)
    code = _run("apply", "--guide", "natterbox", "--demo", "--scenario", str(path), "--only", "eci_settings",
                "--yes", "--production-confirm", "")
    out, err = capsys.readouterr()
    assert code == 2
    assert "The Organization record could not be read." in err
    assert "change made" not in out and "changes made" not in out
    assert not (data_dir / "backups").exists() or not any((data_dir / "backups").rglob("*.json"))


def test_the_door_never_confirms_a_production_org_whose_name_is_unknown(tmp_path: Path) -> None:
    guide = load_guide("natterbox")
    with connected(scenario(tmp_path, WITH_PACKAGES)) as org:
        assert not org.facts.is_sandbox
        seed_secrets(org.facts.org_id)
        unnamed = org.facts.model_copy(update={"name": ""})
        plan = plan_guide(org.connection, guide, unnamed)
        assert plan.production and not plan.empty
        org.server.log.clear()
        for typed in (None, "", "   "):
            with pytest.raises(ConfirmationRequired, match="name could not be read"):
                apply_plan(org.connection, guide, plan, confirmation=typed)
        assert writes(org.server.log) == []
