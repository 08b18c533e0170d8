"""``git-setup`` and ``textconv``: stakemap as git's merge and diff driver.

The work is in ``stakemap.team.git`` (the attributes and the config) and
``stakemap.team.gittext`` (the map as text); this module parses and prints.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from stakemap.cli.output import say
from stakemap.text import terminal_text

__all__ = ["register"]


def register(sub: Any) -> None:
    setup = sub.add_parser(
        "git-setup",
        help="make git merge and diff map files with stakemap (run once per clone)",
        description="Route the repository's map files to stakemap: a line per map in "
        ".gitattributes ('PATH merge=stakemap diff=stakemap'; commit it, so teammates "
        "share it), each map's lock and backups in .gitignore, and the two drivers in "
        "the repository's git config (each teammate "
        "runs this once per clone): 'git pull' then merges maps record by record, and "
        "'git diff' / 'git log -p' show them as stakeholder changes. Maps are found by "
        "their header, not by '*.json': the other JSON files of a repository "
        "(package.json, fixtures, exports) must keep git's own merge. Running it again "
        "changes nothing and says so.",
        epilog="Prints each config key it set and each line it added. Exit status 0; 2 "
        "when git is missing or the folder is not a git repository.",
    )
    setup.add_argument(
        "repo",
        type=Path,
        nargs="?",
        metavar="REPO",
        help="a folder inside the repository (default: the current folder; not used with --global)",
    )
    setup.add_argument(
        "--global",
        dest="global_",
        action="store_true",
        help="set the drivers in your user git config, for every repository, and add "
        "--pattern lines to git's global attributes file (core.attributesFile, else "
        "~/.config/git/attributes)",
    )
    setup.add_argument(
        "--pattern",
        action="append",
        default=[],
        metavar="GLOB",
        help="also route files matching GLOB (e.g. 'maps/*.json' for maps still to come); "
        "repeatable",
    )
    setup.add_argument(
        "--command",
        metavar="CMD",
        help="how git should run stakemap (default: 'stakemap' when PATH leads to this "
        "stakemap, else its absolute path, so a venv install works from git GUIs too)",
    )
    setup.set_defaults(handler=cmd_git_setup)

    textconv = sub.add_parser(
        "textconv",
        help="print a map as text for git diff (git's textconv driver)",
        description="Print a map as stable, line-oriented text: the account, one block "
        "per person (by name), the links as sentences, the touches by date, the reviews "
        "and the conflicts. git runs this for files with 'diff=stakemap' (see "
        "git-setup). A file that is not a map is printed unchanged.",
    )
    textconv.add_argument("path", type=Path, metavar="PATH")
    textconv.add_argument(
        "--redact",
        action="store_true",
        help="leave out the private fields (drivers, constraints, fears, notes, email, "
        "the touches' notes)",
    )
    textconv.set_defaults(handler=cmd_textconv)


def cmd_git_setup(args: argparse.Namespace) -> int:
    from stakemap.team.git import git_setup

    command = shlex.split(args.command) if args.command else None
    report = git_setup(args.repo, global_=args.global_, patterns=args.pattern, command=command)
    if not args.global_:
        found = len(report.maps)
        say(f"found {found} map file{'' if found == 1 else 's'}: {', '.join(report.maps)}"
            if found else "found no map files (use --pattern for maps still to come)")  # fmt: skip
    for change in report.changes:
        print(terminal_text(change))
    if not report.changes:
        say("nothing to change: git is already set up for stakemap")
    return 0


def cmd_textconv(args: argparse.Namespace) -> int:
    from stakemap.errors import MapFileError
    from stakemap.store import read_bytes
    from stakemap.team.gittext import textconv

    try:
        raw = read_bytes(args.path)
    except MapFileError:
        if not args.path.is_file():
            raise
        # Larger than any map: not one, so it is shown as git would show it.
        with args.path.open("rb") as handle:
            sys.stdout.flush()
            while chunk := handle.read(1 << 20):
                sys.stdout.buffer.write(chunk)
        return 0
    data = textconv(args.path, raw, redact=args.redact)
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0
