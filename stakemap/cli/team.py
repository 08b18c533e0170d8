"""Working an account as a team from the terminal: ``merge``, git's merge driver.

git runs ``stakemap merge %O %A %B --path %P`` when two teammates changed one
map: the result goes to ``%A`` (OURS), exit 0 when clean, 1 when conflicts
remain in the map (git then reports the merge as conflicted), 2 when an input
is not a map (one sentence, nothing written). The work is ``team.merge``'s;
this module only prints its summary.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from stakemap.cli.conflicts import EXIT_CONFLICTS
from stakemap.cli.output import out, user

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "merge",
        help="three-way merge of two edited copies of a map (git's merge driver)",
        description="Merge OURS and THEIRS, two edits of the map BASE, record by record: a "
        "change on one side wins, notes and priorities edited on both sides combine, and "
        "what cannot be settled (the same field changed two ways, a person deleted on one "
        "side and edited on the other) is kept inside the merged map as a conflict, with "
        "both values. The result is written to OURS (or -o OUT). As git's merge driver: "
        "stakemap merge %O %A %B --path %P",
        epilog="Exit status: 0 merged cleanly; 1 conflicts remain in the map (list them "
        "with 'stakemap conflicts PATH'); 2 an input is not a stakemap map, is damaged or "
        "newer (nothing is written).",
    )
    p.add_argument("base", type=Path, metavar="BASE", help="the common ancestor")
    p.add_argument("ours", type=Path, metavar="OURS", help="our copy (written unless -o)")
    p.add_argument("theirs", type=Path, metavar="THEIRS", help="their copy")
    p.add_argument("-o", "--out", type=Path, metavar="OUT", help="write the result here")
    p.add_argument("--path", metavar="NAME", help="the map's name in the repository (for messages)")
    p.add_argument(
        "--ours-label",
        metavar="L",
        help="who ours is (default: with --path, git's user.name; else 'ours')",
    )
    p.add_argument(
        "--theirs-label",
        metavar="L",
        help="who theirs is (default: with --path, the author of the commit git merges in)",
    )
    p.set_defaults(handler=cmd_merge)


def cmd_merge(args: argparse.Namespace) -> int:
    from stakemap.errors import MapFileError
    from stakemap.team.merge import merge_files
    from stakemap.team.summary import merge_summary

    ours_label, theirs_label = args.ours_label, args.theirs_label
    if args.path and not (ours_label and theirs_label):
        from stakemap.team.git import driver_labels

        named = driver_labels()
        ours_label, theirs_label = ours_label or named[0], theirs_label or named[1]
    args.ours_label, args.theirs_label = ours_label or "ours", theirs_label or "theirs"
    try:
        outcome = merge_files(
            args.base,
            args.ours,
            args.theirs,
            out=args.out,
            ours_label=args.ours_label,
            theirs_label=args.theirs_label,
        )
    except MapFileError as exc:
        if not args.path:
            raise
        # git passes temporary files: name the map the user knows, then the file.
        roles = {args.base: "the common base", args.ours: "ours", args.theirs: "theirs"}
        role = roles.get(exc.path)
        where = f"{role}, {exc.path}" if role else str(exc.path)
        raise MapFileError(f"{args.path} ({where})", exc.problem) from None
    name = args.path or str(outcome.out)
    console = out()
    lines = merge_summary(outcome.result, path=name, ours=args.ours_label, theirs=args.theirs_label)
    for line in lines:
        console.print(user(line), soft_wrap=True)
    return EXIT_CONFLICTS if outcome.result.stakemap.conflicts else 0
