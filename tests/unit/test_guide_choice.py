"""--guide names a guide the wizard carries, checked before any org is opened; a guide file that
cannot be read is one message for every command, saying which file and what to do."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from wizard.commands import apply as apply_command
from wizard.commands import graduate as graduate_command
from wizard.commands import verify as verify_command
from wizard.commands.arg_types import GUIDE_HELP
from wizard.commands.chosen_guide import GuideUnreadable, load_chosen_guide
from wizard.guides.loader import DATA_DIR, GUIDE_ORDER


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eci-wizard")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (verify_command, apply_command, graduate_command):
        module.register(sub)
    return parser


@pytest.mark.parametrize("argv", [
    ["verify", "--demo", "--guide", "aircal"],
    ["apply", "--demo", "--guide", "aircal"],
    ["undo", "--demo", "--guide", "aircal"],
    ["capture", "--demo", "--guide", "aircal", "-o", "x.yaml"],
])
def test_a_misspelt_guide_is_a_usage_error_naming_every_guide(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        _parser().parse_args(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --guide: no guide is called 'aircal'; the guides are {', '.join(GUIDE_ORDER)}" in err


@pytest.mark.parametrize("guide", GUIDE_ORDER)
def test_every_guide_is_accepted_and_named_in_the_help(guide: str) -> None:
    assert _parser().parse_args(["verify", "--demo", "--guide", guide]).guide == guide
    assert guide in GUIDE_HELP


def test_a_damaged_guide_file_says_which_file_what_is_wrong_and_what_to_do(tmp_path: Path) -> None:
    folder = tmp_path / "guides"
    shutil.copytree(DATA_DIR, folder)
    (folder / "aircall.yaml").write_text("pages: [unclosed\n", encoding="utf-8")
    with pytest.raises(GuideUnreadable) as raised:
        load_chosen_guide("aircall", folder)
    text = str(raised.value)
    assert text.startswith("The guide 'aircall' could not be read: aircall.yaml")
    assert "expected valid YAML" in text
    assert "Reinstall the wizard" in text
    assert load_chosen_guide("natterbox", folder).id == "natterbox"  # the others still load
