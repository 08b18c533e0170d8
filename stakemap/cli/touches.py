"""The log of touches: ``log PATH WHO``, ``log PATH [WHO] --list``, ``log rm``, ``log done``.

One ``log`` parser takes all four forms, read from the first word: ``rm`` and
``done`` are actions (a map file called ``rm`` is ``./rm``), anything else is
the map's path. Sub-parsers cannot do that, since ``log PATH WHO`` has no
action word. Everything a user can get wrong is checked before the map is
opened, and again by the core inside the locked edit, which writes nothing
when it raises: a refused log leaves the file byte for byte as it was.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table

from stakemap.cli.options import add_today_option
from stakemap.cli.output import out, print_json, say, titled_table, user
from stakemap.cli.trend import print_trail, trail_json
from stakemap.errors import ValidationError
from stakemap.records import parse_day
from stakemap.vocab import Stance, TouchKind, normalise

if TYPE_CHECKING:
    from stakemap.model import StakeMap
    from stakemap.records import Interaction, Stakeholder
    from stakemap.timeline.interactions import NextStep

__all__ = ["person_json", "print_person", "register"]

#: The first words of ``log`` that are actions rather than a map path.
_ACTIONS = ("rm", "done")

#: (option, dest) of the options that describe a new touch.
_TOUCH_OPTIONS = (
    ("--kind", "kind"),
    ("--summary", "summary"),
    ("--date", "date"),
    ("--stance", "stance"),
    ("--next", "next_step"),
    ("--due", "due"),
    ("--notes", "notes"),
    ("--notes-file", "notes_file"),
)

_USAGE = """
  stakemap log PATH WHO --kind KIND --summary TEXT [--date D] [--stance S]
                        [--next TEXT [--due D]] [--notes TEXT | --notes-file F]
  stakemap log PATH [WHO] --list [--json] [--limit N]
  stakemap log rm PATH ID
  stakemap log done PATH ID"""


def _values(enum: Any) -> str:
    return ", ".join(member.value for member in enum)


def _intermix(parser: argparse.ArgumentParser) -> None:
    """Let positionals follow options: ``log PATH --list WHO`` as well as ``log PATH WHO --list``.

    Plain argparse takes the optional positionals as absent once an option
    comes between them; ``parse_known_intermixed_args`` reads them wherever
    they are. It calls ``parse_known_args`` itself, hence the guard. Set on
    the instance: the sub-parsers' class is shared with every command.
    """
    plain = parser.parse_known_args
    inside = False

    def parse_known_args(
        args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        nonlocal inside
        if inside:
            return plain(args, namespace)
        inside = True
        try:
            return parser.parse_known_intermixed_args(args, namespace)
        finally:
            inside = False

    # typeshed overloads parse_known_args; this one function serves both.
    parser.parse_known_args = parse_known_args  # type: ignore[method-assign,assignment]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "log",
        help="log a touch with a stakeholder (meeting, call...), list the log, remove a touch",
        usage=_USAGE,
        description="Log a touch with WHO: their last contact follows the latest touch, "
        "coverage rises from none to brief on a first two-way touch (meeting, call, demo, "
        "workshop) and to multiple once two-way touches fall on two days; --stance becomes "
        "their stance. 'log rm' removes a touch, 'log done' closes its next step. "
        "WHO is an id, email or name.",
        epilog="A touch dated after today is refused unless the date is given with --date.",
    )
    p.add_argument("first", metavar="PATH", help="the map (or 'rm' / 'done', see usage)")
    p.add_argument("second", metavar="WHO", nargs="?", help="id, email or name")
    p.add_argument("third", metavar="ID", nargs="?", help=argparse.SUPPRESS)
    p.add_argument("--kind", help=f"how you reached them: {_values(TouchKind)}")
    p.add_argument("--summary", metavar="TEXT", help="one line: what was said or agreed")
    p.add_argument("--date", metavar="D", help="the day it happened, YYYY-MM-DD (default today)")
    p.add_argument("--stance", metavar="S", help=f"your read of them after it: {_values(Stance)}")
    p.add_argument("--next", dest="next_step", metavar="TEXT", help="the next step you promised")
    p.add_argument("--due", metavar="D", help="when the next step is due, YYYY-MM-DD")
    notes = p.add_mutually_exclusive_group()
    notes.add_argument(
        "--notes", metavar="TEXT", help="private notes (left out of redacted exports)"
    )
    notes.add_argument(
        "--notes-file", metavar="PATH", help="read the notes from PATH ('-' for standard input)"
    )
    p.add_argument("--list", action="store_true", help="list the touches, newest first")
    p.add_argument("--json", action="store_true", help="with --list: print JSON")
    p.add_argument("--limit", type=int, metavar="N", help="with --list: only the N newest")
    add_today_option(p, help="take this day (YYYY-MM-DD) as today")
    p.set_defaults(handler=cmd_log)
    _intermix(p)


def _given(args: argparse.Namespace) -> list[str]:
    return [option for option, dest in _TOUCH_OPTIONS if getattr(args, dest) is not None]


def _refuse_options(args: argparse.Namespace, what: str, *, listing: bool = False) -> None:
    extra = _given(args)
    if not listing:
        extra += [o for o, on in (("--list", args.list), ("--json", args.json)) if on]
        extra += ["--limit"] if args.limit is not None else []
    if extra:
        raise ValidationError(extra[0], None, reason=f"{what} takes no {extra[0]}")


def cmd_log(args: argparse.Namespace) -> int:
    today = args.today or date.today()
    if args.first in _ACTIONS:
        if args.second is None or args.third is None:
            raise ValidationError(
                "log",
                args.first,
                reason=f"'log {args.first}' needs the map and a touch id: "
                f"stakemap log {args.first} PATH ID",
            )
        _refuse_options(args, f"'log {args.first}'")
        if args.first == "rm":
            return _remove(Path(args.second), args.third)
        return _done(Path(args.second), args.third)
    if args.third is not None:
        raise ValidationError(
            "log", args.third, reason=f"unexpected {args.third!r}; give the map and one person"
        )
    path = Path(args.first)
    if args.list:
        _refuse_options(args, "'log --list'", listing=True)
        return _list(path, args.second, as_json=args.json, limit=args.limit)
    for flag, on in (("--json", args.json), ("--limit", args.limit is not None)):
        if on:
            raise ValidationError(flag, None, reason=f"{flag} goes with --list")
    if args.second is None:
        raise ValidationError(
            "WHO", None, reason="whom did you touch? give a name, email or id after the map"
        )
    return _log(path, args.second, _touch_fields(args, today), today, explicit=args.date)


def _touch_fields(args: argparse.Namespace, today: date) -> dict[str, object]:
    """The new touch's fields, checked before the map is opened."""
    if args.kind is None:
        raise ValidationError(
            "--kind", None, reason=f"is required; use one of: {_values(TouchKind)}"
        )
    if args.summary is None:
        raise ValidationError("--summary", None, reason="is required: one line on what happened")
    if args.due is not None and args.next_step is None:
        raise ValidationError(
            "--due", args.due, reason="needs --next: a due date belongs to a next step"
        )
    fields: dict[str, object] = {
        "kind": normalise(TouchKind, args.kind, field="--kind"),
        "summary": args.summary,
    }
    if args.date is not None:
        fields["date"] = parse_day(args.date, "--date").isoformat()
    if args.stance is not None:
        fields["stance"] = normalise(Stance, args.stance, field="--stance")
    if args.next_step is not None:
        fields["next_step"] = args.next_step
    if args.due is not None:
        fields["due"] = parse_day(args.due, "--due").isoformat()
    if args.notes is not None:
        fields["notes"] = args.notes
    elif args.notes_file is not None:
        from stakemap.cli.people import _read_private

        fields["notes"] = _read_private("--notes", args.notes_file, stdin_used=[])
    from stakemap.records import Interaction

    # The whole record is checked now (summary length, controls...), before the lock.
    Interaction.parse_fields({"id": "i", "person": "p", "date": today.isoformat(), **fields})
    return fields


def _log(path: Path, who: str, fields: dict[str, object], today: date, *, explicit: object) -> int:
    from stakemap.store import MapStore
    from stakemap.timeline.interactions import log_touch

    with MapStore(path).edit() as stakemap:
        person = stakemap.resolve(who)
        logged = log_touch(
            stakemap, person.id, fields, today=today, allow_future=explicit is not None
        )
    say(logged.describe())
    if logged.interaction.date > today.isoformat():
        say(f"note: dated {logged.interaction.date}, after today ({today.isoformat()})")
    print(logged.interaction.id)
    return 0


def _remove(path: Path, iid: str) -> int:
    from stakemap.store import MapStore
    from stakemap.timeline.interactions import remove_touch

    with MapStore(path).edit() as stakemap:
        removed = remove_touch(stakemap, iid)
    say(removed.describe())
    return 0


def _done(path: Path, iid: str) -> int:
    from stakemap.store import MapStore
    from stakemap.timeline.interactions import close_step

    with MapStore(path).edit() as stakemap:
        closed = close_step(stakemap, iid)
    say(closed.describe())
    return 0


def touch_json(stakemap: StakeMap, touch: Interaction) -> dict[str, Any]:
    """A touch in ``--json`` output: the record's fields plus the person's name."""
    return {**touch.to_dict(), "name": stakemap.person(touch.person).name}


def _list(path: Path, who: str | None, *, as_json: bool, limit: int | None) -> int:
    from stakemap.store import MapStore
    from stakemap.timeline.interactions import recent_touches

    stakemap = MapStore(path).load()
    if limit is not None and limit < 0:
        raise ValidationError("--limit", limit, reason=f"{limit} is not a count (0 or more)")
    if who is not None:
        person = stakemap.resolve(who)
        touches = recent_touches(stakemap, person.id, limit=-1)
    else:
        person = None
        touches = sorted(
            stakemap.interactions, key=lambda t: (t.date, t.created, t.id), reverse=True
        )
    if limit is not None:
        touches = touches[:limit]
    if as_json:
        print_json(
            {
                "person": person.id if person else None,
                "interactions": [touch_json(stakemap, t) for t in touches],
            }
        )
        return 0
    title = f"Touches with {person.name}" if person else "Touches"
    if not touches:
        say(f"{title}: none logged yet")
        return 0
    out().print(touches_table(stakemap, touches, title=title, names=person is None))
    return 0


def touches_table(
    stakemap: StakeMap, touches: list[Interaction], *, title: str, names: bool = True
) -> Table:
    """One line per touch; the next step carries its due date and a tick when done."""
    table = titled_table(title)
    table.add_column("Date", no_wrap=True, width=10)
    if names:
        table.add_column("Who", no_wrap=True, overflow="ellipsis", max_width=20)
    table.add_column("Kind", no_wrap=True, width=8)
    table.add_column("Summary", overflow="fold", ratio=1)
    table.add_column("Next step", overflow="fold", ratio=1)
    table.add_column("Id", no_wrap=True, style="dim")
    for touch in touches:
        cells: list[Any] = [touch.date]
        if names:
            cells.append(user(stakemap.person(touch.person).name))
        step = ""
        if touch.next_step:
            step = touch.next_step + (f" (due {touch.due})" if touch.due else "")
            step += " ✓" if touch.done else ""
        cells += [touch.kind.value, user(touch.summary), user(step), user(touch.id)]
        table.add_row(*cells)
    return table


#: How many touches ``show PATH WHO`` lists.
SHOW_TOUCHES = 5


def _step_json(step: NextStep) -> dict[str, Any]:
    return {
        "interaction": step.interaction.id,
        "next_step": step.interaction.next_step,
        "due": step.due.isoformat() if step.due else None,
        "overdue": step.overdue,
        "days_late": step.days_late,
        "days_left": step.days_left,
    }


def person_json(stakemap: StakeMap, person: Stakeholder, today: date) -> dict[str, Any]:
    """``show PATH WHO --json``: the person, all their touches (newest first), open steps."""
    from stakemap.timeline.interactions import next_steps, recent_touches

    return {
        "person": person.to_dict(),
        "interactions": [t.to_dict() for t in recent_touches(stakemap, person.id, limit=-1)],
        "next_steps": [
            _step_json(s) for s in next_steps(stakemap, today=today) if s.person.id == person.id
        ],
        "trail": trail_json(stakemap, person.id, today),
    }


def print_person(stakemap: StakeMap, person: Stakeholder, today: date) -> None:
    """``show PATH WHO``: the person's fields, their last touches and open next steps."""
    from stakemap.timeline.interactions import next_steps, recent_touches

    console = out()
    head = user(person.name, style="bold")
    if person.title or person.department:
        head.append_text(user("  " + " · ".join(filter(None, (person.title, person.department)))))
    console.print(head)
    facts = [
        f"role {person.role.value.replace('_', ' ')}",
        f"stance {person.stance.value}",
        f"influence {person.influence.value}",
        f"coverage {person.coverage.value.replace('_', ' ')}",
        f"last contact {person.last_contact or 'never'}",
    ]
    if person.veto:
        facts.insert(1, "veto")
    if person.owner:
        facts.append(f"owner {person.owner} ({person.relationship.value})")
    console.print(user(" · ".join(facts), style="dim"))
    if person.priorities:
        console.print(user("priorities: " + "; ".join(person.priorities)))
    print_trail(console, stakemap, person.id, today)
    recent = recent_touches(stakemap, person.id, limit=SHOW_TOUCHES)
    if recent:
        console.print(touches_table(stakemap, recent, title="Recent touches", names=False))
    else:
        console.print(user("No touches logged yet.", style="dim"))
    steps = [s for s in next_steps(stakemap, today=today) if s.person.id == person.id]
    if steps:
        console.print(user("Open next steps", style="bold underline"))
        for step in steps:
            style = "bold red" if step.overdue else ""
            line = user(f"  {step.interaction.next_step}, {step.when()}", style=style)
            line.append_text(user(f"  {step.interaction.id}", style="dim"))
            console.print(line)
