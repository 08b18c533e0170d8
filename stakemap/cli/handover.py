"""``stakemap handover``: what a teammate needs to take the account, or one seller's
people, over; the document itself is ``export.handover``'s."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from stakemap.cli.options import add_today_option
from stakemap.cli.output import say
from stakemap.cli.people import off_team_warning
from stakemap.text import terminal_text

__all__ = ["register"]

_FORMATS = ("text", "markdown", "html")
_EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "handover",
        help="what a teammate needs to take the account (or one seller's people) over",
        description="Write a handover for NAME: the account, the deal's health, the open "
        "next steps, and each person owned by --from (everyone with an owner, without "
        "--from) with their role, stance, the team's relationship, their last touches, "
        "drivers and fears. It holds private notes and says so at the top; --redact "
        "leaves them out.",
    )
    p.add_argument("path", type=Path, metavar="PATH", help="the map file")
    p.add_argument("--to", required=True, metavar="NAME", help="the teammate taking over")
    p.add_argument(
        "--from",
        dest="giver",
        metavar="NAME",
        help="only the people this teammate owns (ignoring case)",
    )
    p.add_argument(
        "--format",
        "-f",
        choices=_FORMATS,
        help="text, markdown or html (default: from -o's extension, else text)",
    )
    p.add_argument(
        "--redact",
        action="store_true",
        help="leave out private fields: notes, drivers, constraints, fears, email",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (mode 0600)")
    p.add_argument("--force", action="store_true", help="replace an existing output file")
    add_today_option(p, help="the date the handover is as of (default: today)")
    p.set_defaults(handler=cmd_handover)


def cmd_handover(args: argparse.Namespace) -> int:
    from datetime import date

    from stakemap.analysis import analyze
    from stakemap.export import ExportOptions, check_outputs, prepare_map, write_files
    from stakemap.export.handover import handover, render_handover
    from stakemap.owners import teammate
    from stakemap.store import MapStore

    recipient = teammate(args.to, "--to")
    giver = None if args.giver is None else teammate(args.giver, "--from")
    fmt = args.format or _EXTENSIONS.get(args.output.suffix.lower() if args.output else "", "text")
    if args.output is not None:
        check_outputs([args.output], force=args.force, protect=[args.path])
    from stakemap.config import load_settings

    config = load_settings(args.path).analysis
    stakemap = MapStore(args.path).load()
    today = args.today or date.today()
    shown = prepare_map(stakemap, ExportOptions(redact=True)) if args.redact else stakemap
    doc = handover(
        shown,
        analyze(shown, today=today, config=config),
        to=recipient,
        giver=giver,
        today=today,
        redacted=args.redact,
    )
    text = render_handover(doc, fmt)
    warning = off_team_warning(stakemap.account, recipient, args.path)
    if warning:
        say(warning)
    if args.output is None:
        safe = fmt == "text" or sys.stdout.isatty()
        sys.stdout.write(terminal_text(text, multiline=True) if safe else text)
        return 0
    write_files([args.output], [text.encode("utf-8", errors="replace")], out=args.output)
    what = "redacted" if args.redact else "holds private notes: for the team only"
    say(f"wrote {args.output} ({what})")
    return 0
