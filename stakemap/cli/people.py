"""Person and link commands: ``person add|set|rm`` and ``link add|set|rm``."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stakemap.cli.output import print_json, say
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
    from stakemap.records import Account, Link
    from stakemap.store import MapStore


def _store(path: Path) -> MapStore:
    """The map's store, imported here so the CLI starts without the core."""
    from stakemap.store import MapStore

    return MapStore(path)


#: How every command takes a person (``names.match_person``, the app's picker too).
_WHO_HELP = (
    "id, email, name, or a unique prefix of the name or of a word of it, or initials "
    "(case and accents ignored)"
)


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
    p.add_argument("who", metavar="WHO", help=_WHO_HELP)
    _add_person_options(p, name_required=False)
    p.set_defaults(handler=cmd_person_set)

    p = actions.add_parser("rm", help="remove a stakeholder and their links")
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("who", metavar="WHO", help=_WHO_HELP)
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
    p.add_argument("source", metavar="FROM", help=_WHO_HELP)
    p.add_argument("target", metavar="TO", help=_WHO_HELP)
    p.add_argument("--kind", required=True, help=f"one of: {kinds}")
    p.add_argument("--strength", help="1 (weak) to 3 (strong); default 2")
    p.set_defaults(handler=cmd_link_add)

    p = actions.add_parser(
        "set",
        help="change a link's kind, strength or direction",
        description="Change a link. LINK is its id, or FROM TO [KIND] as in 'link rm' "
        "(KIND says which when two people are joined by several links). Direction: "
        "--reverse swaps the ends, --from/--to name the end the link starts or stops at.",
    )
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("link", nargs="+", metavar="LINK", help="the link's id, or FROM TO [KIND]")
    p.add_argument("--kind", help=f"the new kind: {kinds}")
    p.add_argument("--strength", help="the new strength: 1 (weak) to 3 (strong)")
    p.add_argument("--reverse", action="store_true", help="swap the link's ends")
    p.add_argument("--from", dest="new_source", metavar="WHO", help="the end it starts from")
    p.add_argument("--to", dest="new_target", metavar="WHO", help="the end it points to")
    p.add_argument("--json", action="store_true", help="print the changed link as JSON")
    p.set_defaults(handler=cmd_link_set)

    p = actions.add_parser("rm", help="remove the link between two stakeholders")
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("source", metavar="FROM", help=_WHO_HELP)
    p.add_argument("target", metavar="TO", help=_WHO_HELP)
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


def _find_link(stakemap: StakeMap, source: str, target: str, kind: str | None, hint: str) -> Link:
    """The one link FROM TO [KIND] names; ``hint`` says how to pick among several."""
    a, b = stakemap.resolve(source), stakemap.resolve(target)
    wanted = normalise(LinkKind, kind) if kind else None
    found = stakemap.find_links(a.id, b.id, wanted)
    if not found:
        what = f"{wanted.value} link" if wanted else "link"
        back = stakemap.find_links(b.id, a.id, wanted)
        turn = f" (there is one from {b.name} to {a.name})" if back else ""
        raise ValidationError(
            "link", None, reason=f"there is no {what} from {a.name} to {b.name}{turn}"
        )
    if len(found) > 1:
        kinds = ", ".join(link.kind.value for link in found)
        raise ValidationError(
            "kind",
            None,
            reason=f"{a.name} and {b.name} are joined by {len(found)} links ({kinds}); {hint}",
        )
    return found[0]


def _named_link(stakemap: StakeMap, words: list[str]) -> Link:
    """LINK on the command line: an id, or FROM TO [KIND]."""
    if len(words) == 1:
        if words[0] in {link.id for link in stakemap.links}:
            return stakemap.link(words[0])
        raise ValidationError(
            "LINK",
            words[0],
            reason=f"no link has the id {words[0]!r}; name a link by its id or by FROM TO [KIND]",
        )
    if len(words) > 3:
        raise ValidationError(
            "LINK", None, reason=f"{len(words)} words; name a link by its id or by FROM TO [KIND]"
        )
    source, target, *kind = words
    return _find_link(
        stakemap, source, target, kind[0] if kind else None, "say which: FROM TO KIND"
    )


def _direction(stakemap: StakeMap, link: Link, args: argparse.Namespace) -> dict[str, object]:
    """``--reverse`` or ``--from``/``--to`` as the link's new ``source`` and ``target``."""
    ends = (link.source, link.target)
    if args.reverse:
        if args.new_source or args.new_target:
            raise ValidationError(
                "--reverse", None, reason="give --reverse or --from/--to, not both"
            )
        return {"source": link.target, "target": link.source}
    source = target = None
    for option, who in (("--from", args.new_source), ("--to", args.new_target)):
        if who is None:
            continue
        person = stakemap.resolve(who)
        if person.id not in ends:
            names = " and ".join(stakemap.person(pid).name for pid in ends)
            raise ValidationError(
                option, who, reason=f"{person.name} is not on this link; it joins {names}"
            )
        other = ends[1] if person.id == ends[0] else ends[0]
        pair = (person.id, other) if option == "--from" else (other, person.id)
        if source is not None and (source, target) != pair:
            raise ValidationError(
                "--to", who, reason="--from and --to name the same end; name one of each"
            )
        source, target = pair
    return {} if source is None else {"source": source, "target": target}


def cmd_link_set(args: argparse.Namespace) -> int:
    with _store(args.path).edit() as stakemap:
        before = _named_link(stakemap, args.link)
        fields = _direction(stakemap, before, args)
        fields.update(
            {k: v for k, v in (("kind", args.kind), ("strength", args.strength)) if v is not None}
        )
        if not fields:
            raise ValidationError(
                "options",
                None,
                reason="nothing to change; give --kind, --strength, --reverse or --from/--to",
            )
        after = stakemap.update_link(before.id, fields)
        source, target = stakemap.person(after.source), stakemap.person(after.target)
    sentence = link_sentence(source.name, after.kind, target.name, after.strength)
    if after is before:
        say(f"the link already says that: {sentence}; nothing changed")
    else:
        say(f"changed the link: {sentence}")
    if args.json:
        print_json({**after.to_dict(), "source_name": source.name, "target_name": target.name})
    else:
        print(after.id)
    return 0


def cmd_link_rm(args: argparse.Namespace) -> int:
    with _store(args.path).edit() as stakemap:
        found = _find_link(stakemap, args.source, args.target, args.kind, "say which with --kind")
        source, target = stakemap.person(found.source), stakemap.person(found.target)
        link = stakemap.remove_link(found.id)
    say(f"removed the link: {link_sentence(source.name, link.kind, target.name, link.strength)}")
    return 0
