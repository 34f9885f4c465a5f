"""Options of another way of opening an org are refused, not silently ignored.

``--scenario`` chooses the demo org's contents and ``--token-env`` where ``--instance-url``'s token
is. Given with another org, they used to do nothing while the admin believed the run used them
(a "fresh" scenario on a saved org, a token variable beside ``--demo``). Each is now one sentence
and exit 2, before anything is read; graduate names its own options (``--to``, ``--to-demo``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.cli import main


@pytest.fixture(autouse=True)
def _isolated(wizard_dirs: object, memory_keyring: object) -> None:
    """Each test in its own config and data folders, with an in-memory keyring."""


@pytest.mark.parametrize(("argv", "said"), [
    (["verify", "--guide", "aircall", "--org", "uat", "--scenario", "fresh"],
     "--scenario chooses the demo org's scenario, but the org is given with --org, which has none."),
    (["apply", "--guide", "aircall", "--instance-url", "https://acme.my.salesforce.com", "--scenario", "fresh", "--dry-run"],
     "--scenario chooses the demo org's scenario, but the org is given with --instance-url, which has none."),
    (["verify", "--guide", "aircall", "--demo", "--token-env", "MY_TOKEN"],
     "--token-env names where the token for --instance-url is, but the org is given with --demo."),
    (["undo", "--org", "uat", "--token-env", "MY_TOKEN"],
     "--token-env names where the token for --instance-url is, but the org is given with --org."),
])
def test_an_option_for_another_org_is_refused_before_anything_is_read(argv: list[str], said: str,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err and "Nothing was read." in err
    assert "saved connection" not in err  # refused before the alias is looked up


def test_graduate_names_its_own_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p.yaml"
    assert main(["capture", "--demo", "--scenario", "aircall-sandbox-configured", "--guide", "aircall", "-o", str(profile)]) == 0
    capsys.readouterr()
    assert main(["graduate", "--profile", str(profile), "--to", "prod", "--scenario", "fresh", "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "--scenario chooses the demo org's scenario, but the org is given with --to, which has none." in err


def test_the_default_token_variable_and_the_demo_scenario_still_go_together(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--guide", "execvision", "--demo", "--scenario", "fresh", "--token-env", "SF_ACCESS_TOKEN"]) in (0, 1)
    assert "Nothing was read." not in capsys.readouterr().err
