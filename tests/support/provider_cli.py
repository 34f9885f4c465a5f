"""Runs the provider commands in a child process the way ``eci-wizard`` does, logging to a file.

``python -m tests.support.provider_cli aircall check --demo ...``: the commands of
`wizard.commands.providers` on their own parser (so they run whether or not the CLI lists them),
with every log record of every library at DEBUG written to ``<data dir>/wizard.log``, so a test
can scan the log (and the output) for secrets.
"""

from __future__ import annotations

import argparse
import logging
import sys

from wizard import paths
from wizard.commands import providers


def main(argv: list[str]) -> int:
    logging.basicConfig(filename=paths.data_dir() / "wizard.log", level=logging.DEBUG)
    parser = argparse.ArgumentParser(prog="eci-wizard")
    providers.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
