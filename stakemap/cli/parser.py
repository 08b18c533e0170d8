"""Argument parsing shared by every sub-command.

``stakemap --help`` and ``--version`` must start fast, so building the parser
imports only light modules (vocab, records, the export registry). A command
whose options need the heavy core (``analyze`` lists its rules) passes
``configure=``: those options are added only when that command is parsed or
its help is shown.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from stakemap import __version__
from stakemap.cli import (
    analyze,
    conflicts,
    git,
    handover,
    maps,
    people,
    plan,
    serve,
    settings,
    team,
    timeline,
    touches,
    transfer,
)

__all__ = ["COMMANDS", "Parser", "UsageError", "build_parser"]

#: First words that are sub-commands; anything else is taken as a map path.
COMMANDS = frozenset(
    {"open", "new", "show", "person", "link", "account", "analyze", "plan", "export", "import"}
    | {"log", "review", "reviews", "diff", "handover"}
    | {"merge", "conflicts", "resolve", "git-setup", "textconv"}
    | {"config"}
    | {"serve"}
)


class UsageError(Exception):
    """The command line itself is wrong; printed as one line, exit 2."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line and never exit by themselves."""

    def __init__(
        self, *args: Any, configure: Callable[[Parser], None] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._configure = configure

    def _configured(self) -> None:
        if self._configure is not None:
            configure, self._configure = self._configure, None
            configure(self)

    def parse_known_args(  # type: ignore[override]  # typeshed: overloads; this keeps both
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._configured()
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        self._configured()
        return super().format_help()

    def format_usage(self) -> str:
        self._configured()
        return super().format_usage()

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
    for module in (
        maps,
        people,
        touches,
        analyze,
        plan,
        transfer,
        timeline,
        team,
        conflicts,
        git,
        handover,
        settings,
        serve,
    ):
        module.register(sub)
    return parser
