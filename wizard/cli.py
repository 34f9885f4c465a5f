"""The ``eci-wizard`` command: the window by default, headless subcommands for everything else.

Each subcommand lives in its own module under `wizard.commands` and exposes
``register(subparsers)``; modules import their heavy dependencies inside the command function so
``eci-wizard --help`` and the window start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from wizard import __version__
from wizard.unexpected import EXIT_CLOSED_PIPE, output_may_close

__all__ = ["EXIT_CLOSED_PIPE", "build_parser", "main"]

#: Subcommand modules, in the order ``--help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "wizard.commands.demo_org",
    "wizard.commands.login",
    "wizard.commands.verify",
    "wizard.commands.apply",
    "wizard.commands.guides",
    "wizard.commands.execvision",
    "wizard.commands.aws",
    "wizard.commands.providers",
    "wizard.commands.graduate",
)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every subcommand that is installed."""
    parser = argparse.ArgumentParser(
        prog="eci-wizard",
        description="Set up Einstein Conversation Insights with your recording provider, "
        "checking every setting live.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the window against the built-in demo org")
    parser.add_argument("--scenario", metavar="NAME|FILE",
                        help="demo org scenario for --demo: a shipped scenario's name (default: fresh) or a YAML file")
    parser.add_argument("--self-check", action="store_true", help="check that the installation works, then exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # a command not built yet is simply absent from --help
            raise
        module.register(sub)
    return parser


#: Stopped with Ctrl-C: 128 + SIGINT, what shells report for an interrupted program.
EXIT_INTERRUPTED = 130
#: The input ended where a value was asked for: the command could not go on (as for any missing value).
EXIT_NO_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code.

    A reader that closes the pipe early (``| head -1``) is no failure: the command still finishes
    and the exit code is 141 (`wizard.unexpected.output_may_close`). Output a device refuses
    (``>/dev/full``) is dropped the same way, then named in one line on stderr, exit code 2:
    the admin did not get the output, but nothing in the wizard broke. The window is not guarded.
    """
    parser = build_parser()
    with output_may_close() as ending:
        try:
            args = parser.parse_args(argv)
        except SystemExit as stop:  # --help, --version or a usage error, printed for a reader that may be gone
            code = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 2
            if (ended := ending(code)) != code:
                return ended
            raise
        if args.command or args.self_check:
            return ending(_run_headless(args))
    from wizard.app import run_gui

    return run_gui(demo=args.demo, scenario=args.scenario)


def _run_headless(args: argparse.Namespace) -> int:
    """A subcommand or the self-check; a failure no command explained becomes exit code 3."""
    if not args.command:
        from wizard.selfcheck import run_self_check

        return run_self_check()
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:  # Ctrl-C: the admin's choice, not a failure to explain
        print("\nStopped (Ctrl-C). What was already done stays as it is; run the same command again to go on "
              "(an apply reads the org again and finishes what is left).", file=sys.stderr)
        return EXIT_INTERRUPTED
    except EOFError:  # Ctrl-D, or input that ended, where the command asked for a value
        print("\nThe input ended (Ctrl-D, or nothing more to read) where the command asked for a value; nothing more "
              "was done. Run it again and answer the prompt.", file=sys.stderr)
        return EXIT_NO_INPUT
    except Exception as exc:  # the last line: any failure a command did not explain
        from wizard.unexpected import EXIT_WIZARD_FAILED, explain_unexpected

        print(explain_unexpected(exc, args.command), file=sys.stderr)
        return EXIT_WIZARD_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
