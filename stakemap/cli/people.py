"""Person and link commands: ``person add|set|rm`` and ``link add|rm``."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stakemap.cli.output import say
from stakemap.errors import ValidationError
from stakemap.initiative import initiative_mark
from stakemap.owners import off_team, team_spelling
from stakemap.records import PRIVATE_FIELDS, Stakeholder
from stakemap.vocab import (
    Coverage,
    Fear,
    Influence,
    LinkKind,
    Mode,
    Relationship,
    Role,
    Stance,
    link_sentence,
    normalise,
)

__all__ = ["off_team_warning", "register", "settle_owner"]

if TYPE_CHECKING:
    from stakemap.model import StakeMap
    from stakemap.records import Account
    from stakemap.store import MapStore


def _store(path: Path) -> MapStore:
    """The map's store, imported here so the CLI starts without the core."""
    from stakemap.store import MapStore

    return MapStore(path)


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
    ("--notes", "notes", "notes about them"),
    ("--last-contact", "last_contact", "date of last contact, YYYY-MM-DD"),
    (
        "--owner",
        "owner",
        "the teammate who holds the relationship (matched to the account's team "
        "ignoring case; '' clears it)",
    ),
    (
        "--relationship",
        "relationship",
        f"how well that teammate knows them: {_values(Relationship)}",
    ),
]


#: Longest private text read from a file or stdin (a note, not a document).
MAX_TEXT_FILE = 1_000_000

_FILE_HELP = (
    "Private fields ({options}) also have a -file form, e.g. --notes-file PATH, that reads "
    "the text from PATH, or from standard input with '-': text given on the command line "
    "is visible to other users of this computer (ps, shell history)."
)


def _file_option(option: str) -> str:
    return f"{option}-file"


def _add_person_options(parser: argparse.ArgumentParser, *, name_required: bool) -> None:
    parser.add_argument("--name", required=name_required, help="full name")
    for option, field, help_text in _TEXT_OPTIONS:
        if field in PRIVATE_FIELDS:
            group = parser.add_mutually_exclusive_group()
            group.add_argument(
                option,
                dest=field,
                metavar="VALUE",
                help=f"{help_text}; private: left out of redacted exports, see below",
            )
            group.add_argument(
                _file_option(option),
                dest=f"{field}_file",
                metavar="PATH",
                help=f"read {option[2:]} from PATH ('-' for standard input)",
            )
        else:
            parser.add_argument(option, dest=field, metavar="VALUE", help=help_text)
    private = ", ".join(option for option, field, _ in _TEXT_OPTIONS if field in PRIVATE_FIELDS)
    parser.epilog = _FILE_HELP.format(options=private)
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
    parser.add_argument(
        "--initiative-priority",
        dest="initiative_priority",
        metavar="TEXT",
        help="which of their priorities is the initiative: its text or its number "
        "('' or 'none' clears the mark); otherwise stakemap matches it by its words",
    )


def _read_private(option: str, where: str, *, stdin_used: list[str]) -> str:
    """The text of ``--notes-file PATH`` (``-``: standard input), without the final newline.

    Read before the map is opened, so a bad path changes nothing. Bounded, so a
    path like /dev/zero cannot exhaust memory.
    """
    name = _file_option(option)
    if where == "-":
        if stdin_used:
            raise ValidationError(
                name, where, reason=f"standard input is already read by {stdin_used[0]}"
            )
        stdin_used.append(name)
        data = sys.stdin.read(MAX_TEXT_FILE + 1)
    else:
        try:
            with open(where, encoding="utf-8") as handle:
                data = handle.read(MAX_TEXT_FILE + 1)
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
            raise ValidationError(name, where, reason=f"cannot read {where}: {reason}") from None
    if len(data) > MAX_TEXT_FILE:
        raise ValidationError(
            name, where, reason=f"{where} is longer than {MAX_TEXT_FILE:,} characters"
        )
    return data.removesuffix("\n").removesuffix("\r")


def _person_fields(args: argparse.Namespace) -> dict[str, object]:
    fields: dict[str, object] = {}
    stdin_used: list[str] = []
    for option, field, _ in _TEXT_OPTIONS:
        where = getattr(args, f"{field}_file", None)
        if where is not None:
            fields[field] = _read_private(option, where, stdin_used=stdin_used)
    keys = ("name", "veto", "priorities", "initiative_priority")
    for key in (*keys, *(field for _, field, _ in _TEXT_OPTIONS)):
        value = getattr(args, key, None)
        if value is not None:
            fields[key] = value
    return fields


def settle_mark(fields: dict[str, object], priorities: tuple[str, ...]) -> None:
    """Turn ``--initiative-priority`` (text or number) into the priority's text,
    against the priorities the person will have; a bad value stops the command
    before anything is written."""
    value = fields.get("initiative_priority")
    if not isinstance(value, str):
        return
    if "priorities" in fields:
        parsed = Stakeholder.parse_fields({"priorities": fields["priorities"]}, partial=True)
        priorities = parsed["priorities"]
    fields["initiative_priority"] = initiative_mark(priorities, value)


def off_team_warning(account: Account, name: str, path: Path) -> str | None:
    """The one warning for a teammate's name the account's team does not list.

    Only when the account lists a team: a map without one has nothing to
    compare with, and a solo rep should not be told so on every command.
    """
    problem = off_team(account, name)
    if problem is None:
        return None
    tidy = " ".join(name.split())
    return f"{problem}; add them with: stakemap account team add {shlex.quote(str(path))} " + (
        shlex.quote(tidy)
    )


def settle_owner(stakemap: StakeMap, fields: dict[str, object], path: Path) -> str | None:
    """Spell ``fields["owner"]`` as the team does; the warning to give when they are not on it.

    An owner off the team is kept (a new teammate, or one who left): the rep
    is told once how to add them, never refused.
    """
    owner = fields.get("owner")
    if not isinstance(owner, str) or not owner.strip():
        return None
    spelled = team_spelling(stakemap.account, owner)
    if spelled is not None:
        fields["owner"] = spelled
        return None
    return off_team_warning(stakemap.account, owner, path)


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
    fields = _person_fields(args)  # before the lock: --notes-file may be a slow pipe
    with _store(args.path).edit() as stakemap:
        warning = settle_owner(stakemap, fields, args.path)
        settle_mark(fields, ())
        person = stakemap.add_person(fields)
    say(f"added {person.name} to {args.path}")
    if warning:
        say(warning)
    print(person.id)
    return 0


def cmd_person_set(args: argparse.Namespace) -> int:
    fields = _person_fields(args)
    if not fields:
        raise ValidationError("options", None, reason="nothing to change; give at least one option")
    with _store(args.path).edit() as stakemap:
        before = stakemap.resolve(args.who)
        warning = settle_owner(stakemap, fields, args.path)
        settle_mark(fields, before.priorities)
        after = stakemap.update_person(before.id, fields)
    changed = [key for key in fields if getattr(before, key) != getattr(after, key)]
    if changed:
        say(f"updated {after.name}: {', '.join(changed)}")
    else:
        say(f"{after.name} already had those values; nothing changed")
    if warning:
        say(warning)
    return 0


def cmd_person_rm(args: argparse.Namespace) -> int:
    with _store(args.path).edit() as stakemap:
        person, links = stakemap.remove_person(stakemap.resolve(args.who).id)
    noun = "link" if len(links) == 1 else "links"
    say(f"removed {person.name} and {len(links)} {noun}")
    return 0


def cmd_link_add(args: argparse.Namespace) -> int:
    with _store(args.path).edit() as stakemap:
        source = stakemap.resolve(args.source)
        target = stakemap.resolve(args.target)
        link = stakemap.add_link(source.id, target.id, args.kind, args.strength)
    say(f"linked {link_sentence(source.name, link.kind, target.name, link.strength)}")
    print(link.id)
    return 0


def cmd_link_rm(args: argparse.Namespace) -> int:
    with _store(args.path).edit() as stakemap:
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
