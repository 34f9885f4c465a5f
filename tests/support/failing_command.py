"""A subcommand that fails in a way no command explains, for the command line's last line of defence."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    sub.add_parser("fail-unexpectedly", help=argparse.SUPPRESS).set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    table: dict[str, str] = {}
    return int(table["the key sk-live-a-secret-the-failure-quotes"])
