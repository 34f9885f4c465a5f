"""``map-users --apply``'s summary speaks of map-users, never of "this apply" or "the next apply".

Map users writes through the apply door, whose summary lines speak of an apply. An admin who ran
map-users and reads "it is as it was before this apply" looks for an apply that never ran, so
map-users says its own run instead, wrapped at the output's width like the rest. (apply's own
words are held by tests/integration/apply/test_cli_apply_wording.py.)

The demo org with its fault injection, over HTTPS (the real simple-salesforce client).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.providers.support import AIRCALL_MAPPING
from tests.support import provider_cli

CONFIRM = ("--production-confirm", "Acme Demo")


def flat(text: str) -> str:
    return " ".join(text.split())


def _map_users(tmp_path: Path, faults: str) -> int:
    scenario = tmp_path / "mapping.yaml"
    scenario.write_text(AIRCALL_MAPPING.read_text(encoding="utf-8") + f"faults: {faults}\n", encoding="utf-8")
    return provider_cli.main(["map-users", "--provider", "aircall", "--demo", "--scenario", str(scenario), "--apply", "--yes", *CONFIRM])


@pytest.mark.parametrize(("faults", "said"), [
    ("{drop_after: 4}", "Nothing was written to the org: it is as it was before this map-users run."),
    ("{high_assurance: writes}",
     "Nothing was written to the org (Salesforce refused the 1 write sent): it is as it was before this map-users run."),
    ("{drop_after: 5}", "1 write got no answer (the connection dropped): it may or may not have been made; the next "
                        "map-users run reads the org and finishes the rest."),
])
def test_a_stopped_map_users_summary_names_map_users(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     faults: str, said: str) -> None:
    """Before: "...as it was before this apply." and "...the next apply reads the org..."."""
    _map_users(tmp_path, faults)
    out = capsys.readouterr().out
    assert said in flat(out)
    assert "this apply" not in flat(out) and "next apply" not in flat(out)
    lines = out[out.index(said.split(":")[0]):].splitlines()  # the reworded paragraph, from its first line...
    paragraph = next(lines[:n] for n in range(1, len(lines) + 1) if said in flat("\n".join(lines[:n])))  # ...to its last
    assert all(len(line) <= 100 for line in paragraph), paragraph  # wrapped as the door wraps its own lines

