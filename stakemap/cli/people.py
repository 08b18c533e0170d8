"""Person and link commands: ``person add|set|rm`` and ``link add|rm``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from stakemap.cli.output import say
from stakemap.errors import ValidationError
from stakemap.store import MapStore
from stakemap.vocab import (
    Coverage,
    Fear,
    Influence,
    LinkKind,
    Mode,
    Role,
    Stance,
    link_sentence,
    normalise,
)

__all__ = ["register"]


def _values(enum: Any) -> str:
    return ", ".join(member.value for member in enum)


#: (option, field, help) for every person field that takes one text value.
_TEXT_OPTIONS: list[tuple[str, str, str]] = [
    ("--title", "title", "job title"),
    ("--department", "department", "department, e.g. Finance"),
    ("--email", "email", "email address"),
    ("--role", "role", f"role in the decision: {_values(Role)}"),
    ("--stance", "stance", f"stance toward the initiative: {_values(Stance)}"),
    ("--influence", "influence", f"declared weight: {_values(Influence)}"),
    ("--coverage", "coverage", f"your access to them: {_values(Coverage)}"),
    ("--mode", "mode", f"readiness for change: {_values(Mode)}"),
    ("--fear", "fear_of_failure", f"personal risk if it fails: {_values(Fear)}"),
    ("--drivers", "drivers", "what they want to achieve"),
    ("--constraints", "constraints", "what stops them"),
    ("--fears", "fears", "what they could lose"),
    ("--notes", "notes", "private notes (left out of redacted exports)"),
    ("--last-contact", "last_contact", "date of last contact, YYYY-MM-DD"),
]


def _add_person_options(parser: argparse.ArgumentParser, *, name_required: bool) -> None:
    parser.add_argument("--name", required=name_required, help="full name")
    for option, field, help_text in _TEXT_OPTIONS:
        parser.add_argument(option, dest=field, metavar="VALUE", help=help_text)
    parser.add_argument(
        "--veto",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="can stop the initiative alone",
    )
    parser.add_argument(
        "--priority",
        dest="priorities",
        action="append",
        metavar="TEXT",
        help="a priority, most important first; repeat in order (replaces the list; "
        "--priority '' clears it)",
    )


def _person_fields(args: argparse.Namespace) -> dict[str, object]:
    fields: dict[str, object] = {}
    for key in ("name", "veto", "priorities", *(field for _, field, _ in _TEXT_OPTIONS)):
        value = getattr(args, key, None)
        if value is not None:
            fields[key] = value
    return fields


def register(sub: Any) -> None:
    person = sub.add_parser("person", help="add, change or remove a stakeholder")
    actions = person.add_subparsers(title="person commands", metavar="ACTION", required=True)

    p = actions.add_parser(
        "add",
        help="add a stakeholder; prints the new id",
        description="Add a stakeholder. "
        "Vocabulary values are forgiving: 'Economic Buyer', 'economic-buyer' and "
        "'economic_buyer' are the same. The new id is printed on stdout.",
    )
    p.add_argument("path", type=Path, metavar="PATH")
    _add_person_options(p, name_required=True)
    p.set_defaults(handler=cmd_person_add)

    p = actions.add_parser("set", help="change a stakeholder's fields")
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("who", metavar="WHO", help="id, email or name (case-insensitive)")
    _add_person_options(p, name_required=False)
    p.set_defaults(handler=cmd_person_set)

    p = actions.add_parser("rm", help="remove a stakeholder and their links")
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("who", metavar="WHO", help="id, email or name (case-insensitive)")
    p.set_defaults(handler=cmd_person_rm)

    link = sub.add_parser("link", help="add or remove a link between two stakeholders")
    actions = link.add_subparsers(title="link commands", metavar="ACTION", required=True)
    kinds = _values(LinkKind)
    p = actions.add_parser(
        "add",
        help="link two stakeholders",
        description="Link FROM to TO. reports_to and dotted_line point from the report to "
        "the manager; influences from the one who sways to the one swayed.",
    )
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("source", metavar="FROM", help="id, email or name")
    p.add_argument("target", metavar="TO", help="id, email or name")
    p.add_argument("--kind", required=True, help=f"one of: {kinds}")
    p.add_argument("--strength", help="1 (weak) to 3 (strong); default 2")
    p.set_defaults(handler=cmd_link_add)

    p = actions.add_parser("rm", help="remove the link between two stakeholders")
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("source", metavar="FROM", help="id, email or name")
    p.add_argument("target", metavar="TO", help="id, email or name")
    p.add_argument("--kind", help=f"which link, when there are several: {kinds}")
    p.set_defaults(handler=cmd_link_rm)


def cmd_person_add(args: argparse.Namespace) -> int:
    with MapStore(args.path).edit() as stakemap:
        person = stakemap.add_person(_person_fields(args))
    say(f"added {person.name} to {args.path}")
    print(person.id)
    return 0


def cmd_person_set(args: argparse.Namespace) -> int:
    fields = _person_fields(args)
    if not fields:
        raise ValidationError("options", None, reason="nothing to change; give at least one option")
    with MapStore(args.path).edit() as stakemap:
        before = stakemap.resolve(args.who)
        after = stakemap.update_person(before.id, fields)
    changed = [key for key in fields if getattr(before, key) != getattr(after, key)]
    if changed:
        say(f"updated {after.name}: {', '.join(changed)}")
    else:
        say(f"{after.name} already had those values; nothing changed")
    return 0


def cmd_person_rm(args: argparse.Namespace) -> int:
    with MapStore(args.path).edit() as stakemap:
        person, links = stakemap.remove_person(stakemap.resolve(args.who).id)
    noun = "link" if len(links) == 1 else "links"
    say(f"removed {person.name} and {len(links)} {noun}")
    return 0


def cmd_link_add(args: argparse.Namespace) -> int:
    with MapStore(args.path).edit() as stakemap:
        source = stakemap.resolve(args.source)
        target = stakemap.resolve(args.target)
        link = stakemap.add_link(source.id, target.id, args.kind, args.strength)
    say(f"linked {link_sentence(source.name, link.kind, target.name, link.strength)}")
    print(link.id)
    return 0


def cmd_link_rm(args: argparse.Namespace) -> int:
    with MapStore(args.path).edit() as stakemap:
        source = stakemap.resolve(args.source)
        target = stakemap.resolve(args.target)
        kind = normalise(LinkKind, args.kind) if args.kind else None
        found = stakemap.find_links(source.id, target.id, kind)
        if not found:
            what = f"{kind.value} link" if kind else "link"
            raise ValidationError(
                "link", None, reason=f"there is no {what} from {source.name} to {target.name}"
            )
        if len(found) > 1:
            kinds = ", ".join(link.kind.value for link in found)
            raise ValidationError(
                "kind",
                None,
                reason=f"{source.name} and {target.name} are joined by {len(found)} links "
                f"({kinds}); say which with --kind",
            )
        link = stakemap.remove_link(found[0].id)
    say(f"removed the link: {link_sentence(source.name, link.kind, target.name, link.strength)}")
    return 0
