"""The door's result names the run that made it: map-users and the window's Map users dialog are
not an apply, so their results never say "this apply" or "running the apply again".

The stops the demo org can produce are covered end to end (tests/integration/providers/
test_map_users_summary_speaks_of_map_users.py); a step cut short halfway and writes whose answer
was lost need more users than those stops, so their results are built here.
"""

from __future__ import annotations

from wizard.apply.model import ApplyResult
from wizard.apply.preview import result_text
from wizard.providers.voice.result_words import MAP_USERS_WORDS, MAPPING_WORDS

STEP = "Fill in the Aircall User Identifier of 450 user(s) from Aircall"


def _cut_short() -> ApplyResult:
    return ApplyResult(guide_id="aircall", org_id="00D5g000004AcmeEAA", backup_id="b2", error="The connection dropped.",
                       writes=3, accepted_writes=2, unanswered_writes=1, partly_written=STEP)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_step_cut_short_says_how_to_finish_it_in_map_users_words() -> None:
    text = result_text(_cut_short(), MAP_USERS_WORDS)
    assert (f"'{STEP}' was partly written before the stop; running the same map-users command again finishes it, and undo "
            "takes it back.") in flat(text)
    assert "may or may not have been made; the next map-users run reads the org and finishes the rest." in flat(text)
    assert all(len(line) <= 100 for line in text.splitlines() if not line.startswith("Backup:"))
    window = flat(result_text(_cut_short(), MAPPING_WORDS))
    assert "applying the mapping again finishes it" in window and "apply " not in window.replace("applying", "")


def test_an_apply_still_speaks_of_the_apply() -> None:
    text = flat(result_text(_cut_short()))
    assert "running the apply again finishes it" in text and "the next apply reads the org" in text
