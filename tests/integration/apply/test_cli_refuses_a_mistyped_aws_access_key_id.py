"""`apply` asks for the AWS access key ID of the Natterbox S3 named credential at a hidden prompt:
one typed in another form than AWS's is refused right there with an error that says its length and
what stands out (never the value), what was expected and what to do; the secret access key is not
asked after it, no backup is taken and nothing is written to the org (exit 2). A key ID of AWS's
form pasted with spaces around it is taken, and the org's check of it passes after the fix.

The command runs as an admin runs it, on a real pseudo-terminal (`tests.support.terminal`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.integration.apply.support import WITH_PACKAGES, scenario
from tests.support.terminal import converse, keyring_env

pytestmark = pytest.mark.timeout(180)
SECRET = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"


def flat(text: str) -> str:
    return " ".join(text.split())


def _apply(tmp_path: Path, answers: list[str]) -> tuple[int, str]:
    command = [sys.executable, "-m", "wizard", "apply", "--guide", "natterbox", "--demo",
               "--scenario", str(scenario(tmp_path, WITH_PACKAGES)), "--only", "named_credential",
               "--production-confirm", "Acme Demo"]
    env = keyring_env(ECI_WIZARD_DATA_DIR=str(tmp_path / "data"), ECI_WIZARD_CONFIG_DIR=str(tmp_path / "config"))
    return converse(command, answers, prompt="(hidden): ", env=env, timeout=150)


def test_a_mistyped_key_id_is_refused_at_the_prompt_and_nothing_is_written(tmp_path: Path) -> None:
    code, screen = _apply(tmp_path, ["akiaiosfodnn7exampl"])  # no second answer: the secret must not be asked
    said = flat(screen)
    assert code == 2, screen
    assert ("The AWS access key ID for the named credential NatterboxS3AWS, as typed, is 19 characters long, with "
            "lower-case letters. Expected an AWS access key ID (AKIA followed by 16 letters or digits). Copy it again "
            "from Natterbox, exactly as given. Nothing was changed. Run the command again and enter it when asked.") in said
    assert "akiaiosfodnn7exampl" not in screen  # typed hidden, never shown back
    assert "The plan needs values that were not entered" not in said  # it was entered: its form is what is wrong
    assert "Traceback" not in screen
    assert not list((tmp_path / "data" / "backups").rglob("*.json"))  # no backup: the apply never started


def test_a_key_id_pasted_with_spaces_around_it_is_taken(tmp_path: Path) -> None:
    code, screen = _apply(tmp_path, ["  AKIAIOSFODNN7EXAMPLE ", SECRET])
    said = flat(screen)
    assert code == 0, screen
    assert "2 changes made in 2 writes." in said and "Named credential NatterboxS3AWS: named credential: (missing) → " in said
    assert "AWS Access Key ID" not in said.split("Re-checked:")[1]  # the org's check of it passes after the fix
    assert "AKIAIOSFODNN7EXAMPLE" not in screen and SECRET not in screen
