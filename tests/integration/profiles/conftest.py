"""Every graduation test runs with an in-memory keyring and its own config and data folders."""

import io
import sys
from pathlib import Path

import pytest

from tests.integration.profiles.cli_entry import main
from tests.integration.profiles.support import Cli


@pytest.fixture(autouse=True)
def _isolated(memory_keyring: type, data_dir: Path) -> None:
    """Secrets never reach the real keyring; every file written can be found and scanned."""


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run the CLI with `stdin` piped in (empty unless given); returns (exit code, stdout, stderr)."""

    def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(argv))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run
