"""What a merge left to settle, from the terminal: ``conflicts`` and ``resolve``.

The wording and the rules are ``team.conflicts``' (the app shows the same
sentences); this module only parses, locks the file and prints.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Final

from stakemap.cli.output import out, print_json, say, user

__all__ = ["EXIT_CONFLICTS", "register"]

#: Exit status of ``conflicts`` while some remain and of ``merge`` when it leaves some:
#: a script (or a git hook) can test it, and git reads it as "merge conflicted".
EXIT_CONFLICTS: Final = 1


def register(sub: Any) -> None:
    listing = sub.add_parser(
        "conflicts",
        help="list what a merge left to settle in a map",
        description="List the merge conflicts kept in a map: each one's id and what it is "
        "about, with both teammates' values and when each changed it.",
        epilog="Exit status: 0 when there are none, 1 when some remain, 2 on a user error.",
    )
    listing.add_argument("path", type=Path, metavar="PATH")
    listing.add_argument("--json", action="store_true", help="print them as JSON")
    listing.set_defaults(handler=cmd_conflicts)

    resolve = sub.add_parser(
        "resolve",
        help="settle merge conflicts: take ours, theirs, or a value",
        description="Settle one merge conflict (its id from 'stakemap conflicts PATH') by "
        "taking our value, their value, or a value you give; or every conflict one way "
        "with --all. A person deleted on one side: --ours or --theirs says whether they "
        "stay. The value is checked like the field's own option.",
    )
    resolve.add_argument("path", type=Path, metavar="PATH")
    resolve.add_argument("ids", nargs="*", metavar="ID", help="the conflicts to settle")
    resolve.add_argument("--all", action="store_true", help="settle every conflict the same way")
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument("--ours", dest="take", action="store_const", const="ours")
    choice.add_argument("--theirs", dest="take", action="store_const", const="theirs")
    choice.add_argument("--value", metavar="TEXT", help="the value to keep (one conflict)")
    resolve.set_defaults(handler=cmd_resolve)


def cmd_conflicts(args: argparse.Namespace) -> int:
    from stakemap.store import MapStore
    from stakemap.team.conflicts import conflicts_json, conflicts_phrase, describe_conflict

    stakemap = MapStore(args.path).load()
    found = stakemap.conflicts
    if args.json:
        print_json(conflicts_json(stakemap))
    elif not found:
        say("No conflicts.")
    else:
        console = out()
        for conflict in found:
            line = user(conflict.id, style="bold")
            line.append_text(user(f"  {describe_conflict(stakemap, conflict)}"))
            console.print(line, soft_wrap=True)
        say(f"{conflicts_phrase(len(found))} to settle: stakemap resolve {args.path} ID --ours")
    return EXIT_CONFLICTS if found else 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from stakemap.errors import ValidationError
    from stakemap.store import MapStore
    from stakemap.team.conflicts import conflicts_phrase, resolve_all, resolve_conflict

    if args.all == bool(args.ids):
        raise ValidationError(
            "ID", None, reason="give the ids of the conflicts to settle, or --all"
        )
    if args.value is not None and (args.all or len(args.ids) > 1):
        raise ValidationError("--value", None, reason="settles one conflict; give one ID")
    with MapStore(args.path).edit() as stakemap:
        if args.all:
            settled = resolve_all(stakemap, take=args.take)
        else:
            settled = [
                resolve_conflict(stakemap, cid, take=args.take, value=args.value)
                for cid in args.ids
            ]
        left = len(stakemap.conflicts)
    for resolved in settled:
        say(f"settled {resolved.conflict.id}: {resolved.message}")
    say(f"{conflicts_phrase(left)} left" if left else f"No conflicts left in {args.path}.")
    return 0
