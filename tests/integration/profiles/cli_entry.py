"""Run ``eci-wizard`` with the capture and graduate commands, whether or not the CLI lists them yet.

Used as ``python -m tests.integration.profiles.cli_entry graduate ...`` by the tests that drive the
command in a child process (a hidden secret prompt reads the child's stdin when it has no terminal).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from wizard import cli
from wizard.commands import graduate


def main(argv: Sequence[str]) -> int:
    parser = cli.build_parser()
    if "wizard.commands.graduate" not in cli.COMMAND_MODULES:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        graduate.register(sub)
    args = parser.parse_args(list(argv))
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
