"""The headless command line: every job the app does, scriptable.

Each command module registers its sub-commands with ``register`` and does its
work through the same core functions the TUI uses. ``main`` turns every
``StakemapError`` into one line on stderr and exit status 2, so a user never
sees a traceback for something they can fix.

Textual is imported only when the app is opened, and the core (networkx, the
store, the analysis) only inside the handler that needs it, so ``stakemap
--help`` and ``--version`` start in a blink (tests/test_cli_startup.py).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from stakemap.cli.parser import COMMANDS, UsageError, build_parser
from stakemap.errors import StakemapError

__all__ = ["main"]

EXIT_USER_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 ``--fail-on`` hit, 2 user error)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] not in COMMANDS and not args_list[0].startswith("-"):
        # ``stakemap PATH`` opens a map, like ``vim FILE``.
        args_list = ["open", *args_list]
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        handler = getattr(args, "handler", None)
        if handler is None:
            args_list = ["open"]
            args = parser.parse_args(args_list)
            handler = args.handler
        return int(handler(args) or 0)
    except UsageError as exc:
        _fail(str(exc))
        return EXIT_USER_ERROR
    except StakemapError as exc:
        _fail(f"stakemap: error: {exc}")
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # ``stakemap show x | head``: the reader left; that is not an error.
        sys.stderr.close()
        return 0


def _fail(line: str) -> None:
    """Errors quote user values (names, paths): shown literally, controls escaped."""
    from stakemap.text import terminal_text

    print(terminal_text(line), file=sys.stderr)
