"""The map's past from the terminal: ``review``, ``reviews`` and ``diff``.

The sentences come from the core (``timeline.wording``), which the app and
the exports read too; this module only picks the format and the colours.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from stakemap.cli.options import add_today_option
from stakemap.cli.output import out, print_json, titled_table, user
from stakemap.errors import ValidationError

if TYPE_CHECKING:
    from stakemap.timeline.changes import Changes

__all__ = ["EXIT_CHANGES", "register"]

#: ``diff --exit-code`` exit status when something changed (like ``git diff``).
EXIT_CHANGES: Final = 1

#: The colour of each line style of ``timeline.wording`` (its mark is ``MARKS``).
_COLOURS: Final[dict[str, str]] = {
    "heading": "bold",
    "added": "green",
    "removed": "red",
    "changed": "yellow",
    "better": "green",
    "worse": "red",
}


def register(sub: Any) -> None:
    review = sub.add_parser(
        "review",
        help="record a deal review: the map's state today, kept in the map file",
        description="Record a review: the people, links, account, health and findings as "
        "they are today, with a date and a label. Only what changed since the previous "
        "review is stored. 'stakemap diff PATH' then shows what changed since.",
    )
    review.add_argument("path", type=Path, metavar="PATH")
    review.add_argument("--label", default="", help='a name for it, e.g. "Q1 deal review"')
    add_today_option(review, help="the review's date (YYYY-MM-DD) instead of today")
    review.add_argument("--json", action="store_true", help="print the review as JSON")
    review.set_defaults(handler=cmd_review)

    reviews = sub.add_parser(
        "reviews",
        help="list the reviews recorded in a map",
        description="List the map's reviews, oldest first: date, label, health, people.",
    )
    reviews.add_argument("path", type=Path, metavar="PATH")
    reviews.add_argument("--json", action="store_true", help="print them as JSON")
    reviews.set_defaults(handler=cmd_reviews)

    diff = sub.add_parser(
        "diff",
        help="what changed since a review, or between two map files",
        description="Show what changed: people who joined or left, who moved (stance, "
        "influence, coverage, role, veto, priorities, the initiative's rank), links, "
        "findings that appeared or were resolved, health and departments. "
        "'stakemap diff PATH' compares the map with a review (--since, default: the "
        "last one); 'stakemap diff OLD NEW' compares two map files.",
        epilog="Exit status: 0, or with --exit-code 1 when something changed; 2 on a "
        "user error (an unknown review, no reviews yet).",
    )
    diff.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="PATH, or OLD NEW")
    diff.add_argument(
        "--since",
        metavar="REVIEW",
        help="the review to compare with: 'last' (default), its label, its id, or a date "
        "(YYYY-MM-DD: the latest review on or before it)",
    )
    diff.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text (default; coloured on a terminal), markdown (for review notes) or "
        "json (stable, see the README)",
    )
    diff.add_argument("--json", action="store_true", help="same as --format json")
    diff.add_argument(
        "--exit-code",
        action="store_true",
        help="exit 1 when something changed, 0 when nothing did (like git diff)",
    )
    add_today_option(diff, help="analyse the map as of this date (YYYY-MM-DD) instead of today")
    diff.set_defaults(handler=cmd_diff)


def _load(path: Path) -> Any:
    from stakemap.store import MapStore

    return MapStore(path).load()


def _load_either(path: Path) -> Any:
    """A map file, or a JSON bundle (``export --format json``, ``show --json``): the
    two forms a rep keeps an old copy of a map in."""
    from stakemap.errors import MapFileError, ValidationError
    from stakemap.serialize import BUNDLE_FORMAT, map_from_json
    from stakemap.store import parse_json, read_bytes

    data = parse_json(path, read_bytes(path), what="JSON file")
    if isinstance(data, dict) and data.get("format") == BUNDLE_FORMAT:
        try:
            return map_from_json(data)
        except ValidationError as exc:
            raise MapFileError(path, f"not a valid stakemap JSON bundle: {exc}") from None
    return _load(path)


def cmd_review(args: argparse.Namespace) -> int:
    from stakemap.analysis.snapshot import record_review
    from stakemap.store import MapStore
    from stakemap.timeline.reviews import describe_review, review_summary, stored_entries

    day = args.today or date.today()
    with MapStore(args.path).edit() as stakemap:
        review = record_review(stakemap, day=day, label=args.label)
        entries = stored_entries(review)
        count = len(stakemap.reviews)
    if args.json:
        print_json({**review_summary(review), "entries": entries})
        return 0
    noun = "entry" if entries == 1 else "entries"
    out().print(
        user(
            f"recorded {describe_review(review)} in {args.path} "
            f"({entries:,} {noun} stored; review {count} of the map)"
        ),
        soft_wrap=True,
    )
    return 0


def cmd_reviews(args: argparse.Namespace) -> int:
    from stakemap.timeline.reviews import review_summary

    stakemap = _load(args.path)
    reviews = stakemap.reviews
    if args.json:
        print_json([review_summary(r) for r in reviews])
        return 0
    console = out()
    if not reviews:
        console.print(user(f"{args.path} has no reviews yet; record one with 'stakemap review'"))
        return 0
    table = titled_table(f"Reviews of {stakemap.account.account}")
    for column in ("Date", "Label", "Health", "People", "Findings", "Id"):
        table.add_column(column, justify="right" if column in ("People", "Findings") else "left")
    for r in reviews:
        table.add_row(
            user(r.date),
            user(r.label),
            user(r.health, _LOOK_HEALTH.get(r.health, "")),
            user(str(r.people)),
            user(str(r.findings)),
            user(r.id, "dim"),
        )
    console.print(table)
    return 0


_LOOK_HEALTH: Final = {"red": "red", "amber": "yellow", "green": "green"}


def cmd_diff(args: argparse.Namespace) -> int:
    from stakemap.analysis.snapshot import changes_since, compare_maps

    today = args.today or date.today()
    if len(args.paths) > 2:
        raise ValidationError(
            "PATH",
            None,
            reason=f"give one map (diff PATH [--since REVIEW]) or two (diff OLD NEW), "
            f"not {len(args.paths)}",
        )
    if len(args.paths) == 2:
        if args.since is not None:
            raise ValidationError(
                "--since",
                args.since,
                reason="compares a map with one of its reviews; with two files "
                "(diff OLD NEW) leave it out",
            )
        old_path, new_path = args.paths
        changes = compare_maps(
            _load_either(old_path),
            _load_either(new_path),
            today=today,
            old_label=str(old_path),
            new_label=str(new_path),
        )
    else:
        changes = changes_since(_load(args.paths[0]), args.since or "last", today=today)
    _print_changes(changes, "json" if args.json else args.format)
    if args.exit_code and not changes.is_empty():
        return EXIT_CHANGES
    return 0


def _print_changes(changes: Changes, form: str) -> None:
    from stakemap.timeline.wording import MARKS, change_lines, changes_markdown

    if form == "json":
        print_json(changes.to_json())
        return
    if form == "markdown":
        sys.stdout.write(changes_markdown(changes))
        return
    console = out()
    for index, line in enumerate(change_lines(changes)):
        style, mark = _COLOURS.get(line.style, ""), MARKS.get(line.style, "")
        if line.style == "heading":
            if index:
                console.print()
            title = user(line.text, style if index == 0 else "bold underline")
            console.print(title, soft_wrap=True)
        else:
            text = user(f"{mark}{line.text}", style)
            console.print(text, soft_wrap=True)
