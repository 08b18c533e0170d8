"""Argument parsing shared by every sub-command."""

from __future__ import annotations

import argparse
from typing import NoReturn

from stakemap import __version__
from stakemap.cli import analyze, maps, people, transfer

__all__ = ["COMMANDS", "UsageError", "build_parser"]

#: First words that are sub-commands; anything else is taken as a map path.
COMMANDS = frozenset(
    {"open", "new", "show", "person", "link", "account", "analyze", "export", "import"}
)


class UsageError(Exception):
    """The command line itself is wrong; printed as one line, exit 2."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line and never exit by themselves."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: error: {message} (see '{self.prog} --help')")


def build_parser() -> Parser:
    parser = Parser(
        prog="stakemap",
        description="Map the people who decide a B2B deal, and find how it dies.",
        epilog="Run 'stakemap COMMAND --help' for a command's options. "
        "'stakemap PATH' opens a map.",
    )
    parser.add_argument("--version", action="version", version=f"stakemap {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    for module in (maps, people, analyze, transfer):
        module.register(sub)
    return parser
