"""Departments: where each stands, how much support and opposition, who is in it."""

from __future__ import annotations

import contextlib

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Static
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist
from textual.widgets.option_list import Option, OptionDoesNotExist

from stakemap.analysis.types import Analysis, DepartmentState
from stakemap.model import StakeMap
from stakemap.tui.format import STATE_STYLE, person_line, plain, shown, to_rich
from stakemap.tui.widgets.person_options import PersonOptions

__all__ = ["DepartmentsView"]

NO_DEPARTMENT = "(none)"


class MemberList(PersonOptions):
    """The members of the highlighted department."""


class DepartmentsView(Horizontal):
    """A table of departments; the members of the highlighted one beside it."""

    def compose(self) -> ComposeResult:
        table: DataTable[object] = DataTable(id="departments-table", cursor_type="row")
        table.add_column("Department", key="name")
        table.add_column("State", key="state")
        table.add_column("For", key="support")
        table.add_column("Against", key="opposition")
        table.add_column("People", key="people")
        yield table
        with Vertical(id="department-members-box"):
            yield Static(id="department-members-title", classes="section")
            yield MemberList(id="department-members")

    def show_map(self, stakemap: StakeMap, analysis: Analysis | None, selected: str | None) -> None:
        self._map = stakemap
        table = self.query_one(DataTable)
        current = self.current_department
        table.clear()
        states: dict[str, DepartmentState] = {}
        if analysis is not None:
            states = {d.name: d for d in analysis.departments}
        members: dict[str, list[str]] = {}
        for person in stakemap.people:
            members.setdefault(person.department or NO_DEPARTMENT, []).append(person.id)
        self._members = members
        names = sorted(members, key=lambda d: (d == NO_DEPARTMENT, d.casefold()))
        for name in names:
            state = states.get(name if name != NO_DEPARTMENT else "")
            if state is None:
                cells: tuple[object, ...] = (to_rich(plain(name), self.app), "…", "", "")
            else:
                mark, style = STATE_STYLE.get(state.state, ("?", "$text-muted"))
                cells = (
                    to_rich(plain(name), self.app),
                    to_rich(Content.styled(f"{mark} {state.state}", style), self.app),
                    f"{state.support:.0%}",
                    f"{state.opposition:.0%}",
                )
            table.add_row(*cells, str(len(members[name])), key=name)
        wanted = current
        if selected is not None and selected in stakemap and current is None:
            wanted = stakemap.person(selected).department or NO_DEPARTMENT
        self.select_department(wanted or (names[0] if names else None), selected)

    @property
    def current_department(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except CellDoesNotExist:
            return None
        return str(key.value) if key.value is not None else None

    def select_department(self, name: str | None, selected: str | None = None) -> None:
        table = self.query_one(DataTable)
        if name is None or table.row_count == 0:
            self._show_members(None, selected)
            return
        try:
            table.move_cursor(row=table.get_row_index(name))
        except RowDoesNotExist:  # the department vanished after an edit
            name = self.current_department
        self._show_members(name, selected)

    def _show_members(self, name: str | None, selected: str | None) -> None:
        title = self.query_one("#department-members-title", Static)
        options = self.query_one(MemberList)
        options.clear_options()
        if name is None:
            title.update("")
            return
        ids = self._members.get(name, [])
        people = sorted(
            (self._map.person(pid) for pid in ids), key=lambda p: (p.name.casefold(), p.id)
        )
        title.update(
            Content.assemble((shown(name), "bold"), (f"  {len(people)} people", "$text-muted"))
        )
        options.add_options(Option(person_line(p), id=p.id) for p in people)
        if selected is not None:
            with contextlib.suppress(OptionDoesNotExist):
                options.highlighted = options.get_option_index(selected)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key.value is not None:
            self._show_members(str(event.row_key.value), None)
