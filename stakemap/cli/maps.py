"""Map-level commands: ``new``, ``show``, ``account set`` and ``open``."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from stakemap.cli.options import add_today_option
from stakemap.cli.output import out, print_json, say, titled_table, user
from stakemap.errors import ValidationError
from stakemap.records import Link, Stakeholder
from stakemap.vocab import LINK_WORDS, Stance

if TYPE_CHECKING:
    from stakemap.analysis.config import AnalysisConfig
    from stakemap.model import StakeMap

__all__ = ["STANCE_STYLES", "register"]

#: One colour per stance, shared by every text rendering of a map.
STANCE_STYLES = {
    Stance.CHAMPION: "bold green",
    Stance.SUPPORTER: "green",
    Stance.NEUTRAL: "yellow",
    Stance.SKEPTIC: "dark_orange",
    Stance.OPPONENT: "bold red",
    Stance.UNKNOWN: "dim",
}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "new",
        help="create an empty map file",
        description="Create a new map file (mode 0600: it will hold notes about real people).",
    )
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("--account", required=True, metavar="NAME", help="the customer's name")
    p.add_argument("--initiative", default="", metavar="TEXT", help="what the buyer must change")
    p.add_argument("--owner", default="", metavar="NAME", help="the rep who owns the account")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser(
        "show",
        help="print a map's stakeholders and links, or one stakeholder",
        description="Print a readable summary of a map, or the whole map as JSON. "
        "With WHO: that stakeholder, their last touches and open next steps.",
    )
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("who", nargs="?", metavar="WHO", help="one stakeholder: id, email or name")
    p.add_argument("--json", action="store_true", help="print every field as JSON")
    p.add_argument(
        "--owner",
        metavar="NAME",
        help="only the people this teammate owns (ignoring case); 'none': the people nobody owns",
    )
    add_today_option(p, help="with WHO: count next steps due from this date (YYYY-MM-DD)")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("account", help="change the account's name, initiative, owner or team")
    acc = p.add_subparsers(title="account commands", metavar="ACTION", required=True)
    s = acc.add_parser("set", help="change account fields")
    s.add_argument("path", type=Path, metavar="PATH")
    s.add_argument("--account", metavar="NAME")
    s.add_argument("--initiative", metavar="TEXT")
    s.add_argument("--owner", metavar="NAME")
    s.add_argument(
        "--team",
        metavar="NAMES",
        help="the selling team, ';'-separated, e.g. 'Ann Lee; Bo Chen' (replaces the list; "
        "'' clears it)",
    )
    s.set_defaults(handler=cmd_account_set)
    team = acc.add_parser("team", help="add or remove a teammate")
    actions = team.add_subparsers(title="team commands", metavar="ACTION", required=True)
    for action, verb, handler in (
        ("add", "add teammates to the selling team", cmd_team_add),
        ("remove", "take teammates off the selling team (people keep them as owner)", cmd_team_rm),
    ):
        t = actions.add_parser(action, help=verb)
        t.add_argument("path", type=Path, metavar="PATH")
        t.add_argument("names", nargs="+", metavar="NAME", help="a teammate's name")
        t.set_defaults(handler=handler)

    p = sub.add_parser("open", help="open a map in the app (the default: 'stakemap PATH')")
    p.add_argument("path", type=Path, metavar="PATH", nargs="?")
    p.set_defaults(handler=cmd_open)


def cmd_new(args: argparse.Namespace) -> int:
    from stakemap.model import StakeMap
    from stakemap.store import MapStore

    stakemap = StakeMap.new(args.account, initiative=args.initiative, owner=args.owner)
    MapStore(args.path).create(stakemap)
    say(f"created {args.path} for {stakemap.account.account}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from stakemap.serialize import map_to_json
    from stakemap.store import MapStore

    stakemap = MapStore(args.path).load()
    if args.owner is not None:
        if args.who is not None:
            raise ValidationError("--owner", args.owner, reason="--owner lists people; drop WHO")
        if args.json:
            print_json(owned_json(stakemap, args.owner))
        else:
            print_owned(stakemap, args.owner)
        return 0
    if args.who is not None:
        from datetime import date

        from stakemap.cli.touches import person_json, print_person

        person = stakemap.resolve(args.who)
        today = args.today or date.today()
        if args.json:
            print_json(person_json(stakemap, person, today))
        else:
            print_person(stakemap, person, today)
    elif args.json:
        print_json(map_to_json(stakemap, review_entries=False))
    else:
        from stakemap.config import load_settings

        print_summary(stakemap, config=load_settings(args.path).analysis)
        if stakemap.conflicts:
            from stakemap.team.conflicts import conflicts_phrase

            waiting = f"{conflicts_phrase(len(stakemap.conflicts))} to settle"
            line = user(f"{waiting}: stakemap conflicts {args.path}", style="yellow")
            out().print(line, soft_wrap=True)
    return 0


def cmd_account_set(args: argparse.Namespace) -> int:
    from stakemap.store import MapStore

    changes = {
        key: value
        for key in ("account", "initiative", "owner", "team")
        if (value := getattr(args, key)) is not None
    }
    with MapStore(args.path).edit() as stakemap:
        account = stakemap.update_account(changes)
    say(f"updated account {account.account}")
    return 0


def cmd_team_add(args: argparse.Namespace) -> int:
    from stakemap.owners import add_to_team, teammate
    from stakemap.store import MapStore

    names = [teammate(name, "NAME") for name in args.names]
    with MapStore(args.path).edit() as stakemap:
        before = stakemap.account.team
        team = before
        for name in names:
            team = add_to_team(team, name)
        account = stakemap.update_account({"team": team})
    added = [name for name in account.team if name not in before]
    if added:
        say(f"added {', '.join(added)} to the team of {account.account}")
    else:
        say(f"{', '.join(names)} already on the team of {account.account}; nothing changed")
    return 0


def cmd_team_rm(args: argparse.Namespace) -> int:
    from stakemap.owners import owned_by, remove_from_team, team_spelling
    from stakemap.store import MapStore

    with MapStore(args.path).edit() as stakemap:
        team = stakemap.account.team
        gone = []
        for name in args.names:
            spelled = team_spelling(stakemap.account, name)
            if spelled is None:
                members = ", ".join(team) or "nobody yet"
                raise ValidationError(
                    "NAME", name, reason=f"{name} is not on the account's team ({members})"
                )
            gone.append(spelled)
            team = remove_from_team(team, spelled)
        account = stakemap.update_account({"team": team})
        still = {name: len(owned_by(stakemap.people, name)) for name in gone}
    say(f"took {', '.join(gone)} off the team of {account.account}")
    for name, count in still.items():
        if count:
            noun = "person" if count == 1 else "people"
            say(
                f"{name} still owns {count} {noun}; hand them over with: "
                f"stakemap handover {shlex.quote(str(args.path))} --from {shlex.quote(name)} "
                "--to NAME (then give them a new --owner)"
            )
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    """Open the app: the map at PATH, or the map picker. Textual loads only here,
    so the other commands start fast."""
    from stakemap.tui import run  # Textual loads only for the app

    return run(args.path)


def print_summary(stakemap: StakeMap, *, config: AnalysisConfig | None = None) -> None:
    from stakemap.cli.report import influence_table

    console = out()
    account = stakemap.account
    title = user(account.account, style="bold")
    if account.initiative:
        title.append_text(user(f"  {account.initiative}", style="italic"))
    console.print(title)
    facts = [f"{len(stakemap)} stakeholders", f"{len(stakemap.links)} links"]
    if account.owner:
        facts.insert(0, f"owner {account.owner}")
    if account.team:
        facts.append("team " + ", ".join(account.team))
    facts.append(f"modified {account.modified}")
    console.print(user(" · ".join(facts), style="dim"))
    console.print(people_table(stakemap.people, width=console.width))
    if stakemap.links:
        console.print(links_table(stakemap, stakemap.links))
    if stakemap.people:
        console.print(influence_table(stakemap, config=config))


#: Short role labels so the table fits 80 columns.
_ROLE_SHORT = {
    "economic_buyer": "econ. buyer",
    "decision_maker": "decision mkr",
    "approver": "approver",
    "technical_evaluator": "tech. eval.",
    "evaluator": "evaluator",
    "influencer": "influencer",
    "user": "user",
    "implementer": "implementer",
    "gatekeeper": "gatekeeper",
    "unknown": "?",
}

#: Below this width the Title column is dropped: names matter more.
_WIDE = 110


def people_table(people: list[Stakeholder], *, width: int = 80) -> Table:
    """Stakeholders grouped by department, one line each, fitting ``width`` columns."""
    table = titled_table("Stakeholders")
    wide = width >= _WIDE
    # The vocabulary columns need 61 cells; names (and titles) share the rest.
    spare = max(12, width - 61)
    table.add_column(
        "Name", no_wrap=True, overflow="ellipsis", max_width=spare // 2 if wide else spare
    )
    if wide:
        table.add_column("Title", no_wrap=True, overflow="ellipsis", max_width=spare - spare // 2)
    table.add_column("Role", no_wrap=True, width=12)
    table.add_column("Stance", no_wrap=True, width=9)
    table.add_column("Infl.", no_wrap=True, width=6)
    table.add_column("Veto", no_wrap=True, width=4)
    table.add_column("Coverage", no_wrap=True, width=8)
    table.add_column("Id", no_wrap=True, style="dim", width=9)
    by_department: dict[str, list[Stakeholder]] = {}
    for person in people:
        by_department.setdefault(person.department, []).append(person)
    for department in sorted(by_department, key=lambda d: (d == "", d.casefold())):
        table.add_row(user(department or "(no department)", style="bold underline"))
        for person in sorted(by_department[department], key=lambda p: (p.name.casefold(), p.id)):
            cells: list[str | Text] = [user(person.name)]
            if wide:
                cells.append(user(person.title))
            cells += [
                _ROLE_SHORT[person.role.value],
                Text(person.stance.value, style=STANCE_STYLES[person.stance]),
                person.influence.value,
                "veto" if person.veto else "",
                person.coverage.value.replace("_", " "),
                user(person.id),
            ]
            table.add_row(*cells)
    return table


def links_table(stakemap: StakeMap, links: list[Link]) -> Table:
    table = titled_table("Links")
    table.add_column("From", no_wrap=True, overflow="ellipsis", ratio=1)
    table.add_column("Link", no_wrap=True, width=11)
    table.add_column("To", no_wrap=True, overflow="ellipsis", ratio=1)
    table.add_column("Str.", no_wrap=True, width=4)
    table.add_column("Id", no_wrap=True, style="dim", width=9)
    rows = sorted(
        links,
        key=lambda link: (
            stakemap.person(link.source).name.casefold(),
            link.kind.value,
            stakemap.person(link.target).name.casefold(),
        ),
    )
    for link in rows:
        table.add_row(
            user(stakemap.person(link.source).name),
            link.kind.value.replace("_", " "),
            user(stakemap.person(link.target).name),
            str(link.strength) if LINK_WORDS[link.kind].weighted else "",
            user(link.id, style="dim"),
        )
    return table


def owned_json(stakemap: StakeMap, owner: str) -> dict[str, Any]:
    """``show --owner``'s JSON: the map's shape, holding only that owner's people.

    Links and touches are kept when they involve one of those people, so a
    teammate's slice still shows whom each of their people listens to.
    """
    from stakemap.owners import owned_by
    from stakemap.serialize import map_to_json

    data = map_to_json(stakemap, review_entries=False)
    kept = {person.id for person in owned_by(stakemap.people, owner)}
    data["owner_filter"] = owner
    data["stakeholders"] = [p for p in data["stakeholders"] if p["id"] in kept]
    data["links"] = [
        link for link in data["links"] if link["source"] in kept or link["target"] in kept
    ]
    data["interactions"] = [i for i in data["interactions"] if i["person"] in kept]
    return data


def print_owned(stakemap: StakeMap, owner: str) -> None:
    """The summary narrowed to one teammate's people (or the unowned), with a count."""
    from stakemap.owners import owned_by, owner_caption, team_spelling

    console = out()
    account = stakemap.account
    people = owned_by(stakemap.people, owner)
    spelled = team_spelling(account, owner) or owner
    title = user(account.account, style="bold")
    caption = owner_caption(spelled)
    title.append_text(user(f"  {caption[0].upper()}{caption[1:]}", style="italic"))
    console.print(title)
    noun = "stakeholder" if len(people) == 1 else "stakeholders"
    facts = [f"{len(people)} of {len(stakemap)} {noun}"]
    if account.team:
        facts.append("team " + ", ".join(account.team))
    console.print(user(" · ".join(facts), style="dim"))
    if people:
        console.print(people_table(people, width=console.width))
        ids = {person.id for person in people}
        links = [link for link in stakemap.links if link.source in ids or link.target in ids]
        if links:
            console.print(links_table(stakemap, links))
