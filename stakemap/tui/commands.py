"""The command palette (ctrl+p): every action, named "category: what".

Categories (``map:``, ``person:``, ``link:``, ``view:``, ``analyze:``,
``export:``) make the list scannable and searchable: typing "view" lists the
views. The commands are built from the screen the palette was opened on, so
they always match what that screen can do (no "person: edit" without a
selected person), and they call the same actions as the keys.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from stakemap.export import FORMATS
from stakemap.owners import NOBODY, owned_by, owner_names, team_spelling, worked_as_team
from stakemap.team.conflicts import conflicts_phrase
from stakemap.tui.format import as_markup, plain
from stakemap.tui.screens.main import VIEWS, MainScreen
from stakemap.tui.screens.picker import PickerScreen
from stakemap.tui.viewmodel import COLUMNS

__all__ = ["StakemapCommands", "map_commands", "picker_commands"]

Command = tuple[str, str, Callable[[], Any]]


def map_commands(screen: MainScreen) -> list[Command]:
    """(title, help, callback) for everything the map screen does."""
    session = screen.session
    commands: list[Command] = [
        ("map: undo", session.history.undo_label or "nothing to undo", screen.action_undo),
        ("map: redo", session.history.redo_label or "nothing to redo", screen.action_redo),
        ("map: save now", str(session.path), screen.action_save),
        (
            "map: edit account and initiative",
            session.map.account.account,
            screen.action_edit_account,
        ),
        ("map: open another map…", "the map picker", screen.action_open_picker),
        (
            "map: reload from disk",
            "drops unsaved edits and the undo history",
            screen.reload_from_disk,
        ),
        ("map: next steps", "open promises, overdue first (key n)", screen.action_next_steps),
        ("map: record review…", "keep the map as it is today", screen.action_record_review),
        (
            "map: changes since a review",
            "the last review by default (key w)",
            screen.action_changes,
        ),
        (
            "map: settle merge conflicts…",
            f"{conflicts_phrase(len(session.map.conflicts))} (key M)",
            screen.action_settle_conflicts,
        ),
        ("person: add…", "a new stakeholder", screen.action_add_person),
    ]
    if screen.selected is not None:
        name = session.map.person(screen.selected).name
        step = screen.action_step
        commands += [
            ("person: edit…", name, screen.action_edit_person),
            ("person: log a touch…", f"{name} (key t)", screen.action_log_touch),
            ("person: delete…", name, screen.action_delete_person),
            ("person: stance up", name, partial(step, "stance", 1)),
            ("person: stance down", name, partial(step, "stance", -1)),
            ("person: coverage up", name, partial(step, "coverage", 1)),
            ("person: coverage down", name, partial(step, "coverage", -1)),
            ("link: add…", f"from {name}", screen.action_add_link),
            ("link: edit…", f"pick one of {name}'s links, then e (key L)", screen.focus_links),
            ("link: remove…", f"pick one of {name}'s links, then x", screen.focus_links),
        ]
    for view, (label, _) in VIEWS.items():
        number, title = label.split(" ", 1)
        commands.append(
            (f"view: {title.lower()}", f"key {number}", partial(screen.action_view, view))
        )
    commands += owner_commands(screen)
    commands += [
        ("view: filter…", "any text", screen.action_filter),
        ("view: clear filter", "show everyone", partial(screen.set_filter, "")),
        ("view: group by department", "toggle", screen.action_group),
    ]
    for column in COLUMNS:
        commands.append(
            (
                f"view: sort by {column.title.lower()}",
                "again to reverse",
                partial(screen.sort_by_column, column.key),
            )
        )
    commands += [
        ("analyze: re-run the analysis", "recompute the findings", screen.start_analysis),
        ("analyze: show findings", "focus the findings panel", screen.action_focus_findings),
        (
            "analyze: read every finding in full",
            "each message and next step, wrapped",
            screen.action_read_findings,
        ),
    ]
    if screen.analysis is not None:
        for finding in screen.analysis.findings:
            commands.append(
                (
                    f"analyze: {finding.rule}: {finding.message}",
                    finding.suggestion,
                    partial(screen.jump_to, finding),
                )
            )
    for name, fmt in FORMATS.items():
        commands.append((f"export: {name}…", fmt.description, partial(screen.action_export, name)))
    return commands


def owner_commands(screen: MainScreen) -> list[Command]:
    """ "view: my people" and "view: people owned by NAME" for each teammate (the
    team's order, then owners off the team), the unowned, and back to everyone."""
    stakemap = screen.session.map
    account, people = stakemap.account, stakemap.people
    show = screen.set_owner_filter

    def count(owner: str) -> str:
        n = len(owned_by(people, owner))
        return f"{n} {'person' if n == 1 else 'people'}"

    commands: list[Command] = []
    if account.owner.strip():
        me = team_spelling(account, account.owner) or account.owner
        commands.append(("view: my people", f"{me}: {count(me)} (key m)", partial(show, me)))
    for name in owner_names(account, people):
        commands.append((f"view: people owned by {name}", count(name), partial(show, name)))
    if worked_as_team(account, people):
        commands.append(("view: people nobody owns", count(NOBODY), partial(show, NOBODY)))
    if screen.table.owner_filter is not None:
        commands.append(("view: everyone's people", "clear the owner filter", partial(show, None)))
    return commands


def go_to_commands(screen: MainScreen) -> list[Command]:
    """ "person: go to NAME" for every stakeholder (offered when searching, not listed)."""
    return [
        (
            f"person: go to {p.name}",
            " · ".join(x for x in (p.title, p.department) if x),
            partial(screen.select, p.id, show=True),
        )
        for p in screen.session.map.people
    ]


def picker_commands(screen: PickerScreen) -> list[Command]:
    commands: list[Command] = [
        ("map: new…", "create a map", screen.action_new_map),
        ("map: refresh the list", "look for map files again", screen.action_rescan),
    ]
    for entry in screen.entries.values():
        if entry.account and not entry.error:
            commands.append(
                (
                    f"map: open {entry.account}",
                    str(entry.path),
                    partial(screen.open_entry, entry.path),
                )
            )
    return commands


class StakemapCommands(Provider):
    def _commands(self, *, searching: bool) -> list[Command]:
        screen = self.screen
        if isinstance(screen, MainScreen):
            return map_commands(screen) + (go_to_commands(screen) if searching else [])
        if isinstance(screen, PickerScreen):
            return picker_commands(screen)
        return []

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands(searching=False):
            yield DiscoveryHit(plain(title), callback, text=title, help=as_markup(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands(searching=True):
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(as_markup(title)),  # it reads markup
                    callback,
                    text=title,
                    help=as_markup(help_text),
                )
