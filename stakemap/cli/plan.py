"""``stakemap plan``: the next conversations, ranked, from the terminal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from stakemap.cli.options import add_today_option
from stakemap.cli.output import out, print_json, user
from stakemap.errors import ValidationError

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "plan",
        help="who to talk to next: the ranked call plan",
        description="The next conversations for a deal, ranked: the economic buyer, veto "
        "holders and deal killers first, then by influence. One entry per person: why, what "
        "to ask or bring, through whom, by when.",
        epilog="Exit status: 0, or 2 on a user error.",
    )
    p.add_argument("path", type=Path, metavar="PATH", nargs="?")
    p.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="text (default), json (stable, for scripts) or markdown (for a deal review)",
    )
    p.add_argument(
        "--json", action="store_const", const="json", dest="format", help="--format json"
    )
    p.add_argument("--all", action="store_true", help="every conversation, not only the top ones")
    p.add_argument("--limit", type=int, metavar="N", help="show the top N (default 7)")
    add_today_option(p, help="plan as of this date (YYYY-MM-DD) instead of today")
    p.set_defaults(handler=cmd_plan)


def cmd_plan(args: argparse.Namespace) -> int:
    from datetime import date

    from stakemap.analysis.plan import DEFAULT_LIMIT, plan
    from stakemap.analysis.planwords import EMPTY, TITLE, details, headline, plan_markdown
    from stakemap.store import MapStore

    if args.path is None:
        raise ValidationError("PATH", None, reason="give a map file: stakemap plan PATH")
    if args.limit is not None and args.limit < 1:
        raise ValidationError("--limit", args.limit, reason="--limit must be 1 or more")
    limit = None if args.all else (args.limit or DEFAULT_LIMIT)
    from stakemap.config import load_settings

    config = load_settings(args.path).analysis
    stakemap = MapStore(args.path).load()
    result = plan(stakemap, today=args.today or date.today(), limit=limit, config=config)
    data = result.to_dict()
    if args.format == "json":
        print_json(data)
        return 0
    if args.format == "markdown":
        sys.stdout.write(plan_markdown(data))
        return 0
    console = out()
    today = data["today"]
    console.print(
        user(
            f"{TITLE}: {stakemap.account.account}. {headline(data['shown'], data['total'], today)}"
        ),
        soft_wrap=True,
    )
    for n, item in enumerate(data["items"], 1):
        line = user(f"{n}. ")
        line.append(user(item["name"], "bold"))
        line.append(user(f": {item['why']}"))
        console.print(line, soft_wrap=True)
        more = details(item["ask"], item["through"], item["by"], today)
        console.print(user(f"   {more}"), soft_wrap=True)
    if not data["items"]:
        console.print(user(EMPTY), soft_wrap=True)
    return 0
