"""Options several commands share, each defined once."""

from __future__ import annotations

import argparse
from datetime import date

from stakemap.errors import ValidationError
from stakemap.records import parse_day

__all__ = ["add_today_option"]


def add_today_option(parser: argparse.ArgumentParser, *, help: str) -> None:
    """``--today DATE``: read like every date stakemap takes, refused with the same sentence."""
    parser.add_argument("--today", type=_day, metavar="DATE", help=help)


def _day(text: str) -> date:
    try:
        return parse_day(text, "--today")
    except ValidationError as exc:
        # argparse words a ValueError as "invalid value"; this keeps the reason.
        raise argparse.ArgumentTypeError(exc.reason or str(exc)) from None
