"""The stakeholder table: a Line API widget that draws only the rows on screen.

Why not ``DataTable``: it measures every cell of every row whenever rows are
added, so re-filtering 1,000 people costs about half a second; a filter must
answer a keystroke in well under 50 ms. Here filtering is a list comprehension
over cached, folded text (``viewmodel.build_rows``), column widths come from
the whole map once per edit (so they do not jump while filtering) and painting
touches only the visible lines.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from stakemap.records import Stakeholder
from stakemap.tui.format import shown
from stakemap.tui.viewmodel import COLUMNS, GroupRow, TableRow, build_rows
from stakemap.vocab import Stance

__all__ = ["PeopleTable"]

_GAP = 1
_MAX_NATURAL = 32


class PeopleTable(ScrollView, can_focus=True):
    """Stakeholders, one per row: sortable by any column, filterable, groupable."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="table.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="table.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="table.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="table.page_down"),
        Binding("home", "edge(-1)", "First", show=False, id="table.first"),
        Binding("end", "edge(1)", "Last", show=False, id="table.last"),
        Binding(
            "enter",
            "choose",
            "Edit",
            show=False,
            tooltip="Edit the selected person",
            id="table.edit",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "people-table--header",
        "people-table--sorted",
        "people-table--cursor",
        "people-table--group",
        "people-table--empty",
        *(f"people-table--{s.value}" for s in Stance),
    }

    class Highlighted(Message):
        """The cursor moved to another row (``pid`` is None on a group heading)."""

        def __init__(self, table: PeopleTable, pid: str | None) -> None:
            super().__init__()
            self.table = table
            self.pid = pid

        @property
        def control(self) -> PeopleTable:
            return self.table

    class Chosen(Message):
        """Enter or a double click on a person: the screen opens the edit form."""

        def __init__(self, table: PeopleTable, pid: str) -> None:
            super().__init__()
            self.table = table
            self.pid = pid

        @property
        def control(self) -> PeopleTable:
            return self.table

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._people: list[Stakeholder] = []
        self._cells: dict[str, tuple[str, ...]] = {}
        self._cell_widths: dict[str, tuple[int, ...]] = {}
        self._records: dict[str, Stakeholder] = {}
        self._haystacks: dict[str, str] = {}
        self._natural: list[int] = [cell_len(c.title) + 2 for c in COLUMNS]
        self._widths: list[int] = [c.min_width for c in COLUMNS]
        self._fitted: int | None = None  # the width ``_widths`` was fitted to
        self.rows: list[TableRow] = []
        self.cursor = 0
        self.query_text = ""
        #: only this teammate's people (``owners.NOBODY``: the unowned); None: everyone.
        self.owner_filter: str | None = None
        self.sort_key = "name"
        self.sort_reverse = False
        self.grouped = False
        self._highlighted: str | None = None
        self.empty_message = "No stakeholders yet: press a to add one."

    # --- data ---------------------------------------------------------------------

    def set_people(self, people: list[Stakeholder]) -> None:
        """New map content (after an edit, undo or reload); keeps the cursor on its person."""
        keep = self.cursor_pid
        self._people = people
        live = {p.id for p in people}
        if len(live) != len(self._cells) or not live.issuperset(self._cells):
            for stale in [pid for pid in self._cells if pid not in live]:
                del self._cells[stale]
                self._cell_widths.pop(stale, None)
                self._haystacks.pop(stale, None)
                self._records.pop(stale, None)
        records = self._records
        for person in people:
            # Records are immutable: the same object means the same cells.
            if records.get(person.id) is person:
                continue
            records[person.id] = person
            cells = tuple(column.text(person) for column in COLUMNS)
            self._cells[person.id] = cells
            self._cell_widths[person.id] = tuple(cell_len(text) for text in cells)
            self._haystacks.pop(person.id, None)
        # Each column's widest cell, over cached widths (zip and max run in C:
        # an edit at 10,000 people measures one row, not 80,000 cells).
        widths = self._cell_widths.values()
        widest = [max(column, default=0) for column in zip(*widths, strict=True)]
        self._natural = [
            max(cell_len(c.title) + 2, min(width, _MAX_NATURAL))
            for c, width in zip(COLUMNS, widest or [0] * len(COLUMNS), strict=True)
        ]
        self._fitted = None
        self._rebuild(keep)

    def set_query(self, text: str) -> None:
        if text != self.query_text:
            self.query_text = text
            self._rebuild(self.cursor_pid)

    def set_owner(self, owner: str | None) -> None:
        if owner != self.owner_filter:
            self.owner_filter = owner
            self._rebuild(self.cursor_pid)

    def sort_by(self, key: str, reverse: bool | None = None) -> None:
        """Sort by column ``key``; choosing the current column again flips the order."""
        if reverse is None:
            reverse = not self.sort_reverse if key == self.sort_key else False
        self.sort_key, self.sort_reverse = key, reverse
        self._rebuild(self.cursor_pid)

    def next_sort(self) -> str:
        keys = [c.key for c in COLUMNS]
        self.sort_by(keys[(keys.index(self.sort_key) + 1) % len(keys)], False)
        return self.sort_key

    def set_grouped(self, grouped: bool) -> None:
        self.grouped = grouped
        self._rebuild(self.cursor_pid)

    def select(self, pid: str | None) -> bool:
        """Move the cursor to ``pid``; False if that person is not shown (filtered out)."""
        for index, row in enumerate(self.rows):
            if isinstance(row, Stakeholder) and row.id == pid:
                self._move(index)
                return True
        return False

    @property
    def cursor_pid(self) -> str | None:
        if 0 <= self.cursor < len(self.rows):
            row = self.rows[self.cursor]
            if isinstance(row, Stakeholder):
                return row.id
        return None

    @property
    def visible_ids(self) -> list[str]:
        return [row.id for row in self.rows if isinstance(row, Stakeholder)]

    def _rebuild(self, keep: str | None) -> None:
        self.rows = build_rows(
            self._people,
            query=self.query_text,
            sort=self.sort_key,
            reverse=self.sort_reverse,
            grouped=self.grouped,
            haystacks=self._haystacks,
            owner=self.owner_filter,
        )
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        index = next(
            (
                i
                for i, row in enumerate(self.rows)
                if keep is not None and isinstance(row, Stakeholder) and row.id == keep
            ),
            None,
        )
        if index is None:
            index = min(self.cursor, max(len(self.rows) - 1, 0))
            if self.rows and isinstance(self.rows[index], GroupRow) and index + 1 < len(self.rows):
                index += 1
        self._move(index, force=True)
        self.refresh()

    # --- cursor -------------------------------------------------------------------

    def _move(self, index: int, *, force: bool = False) -> None:
        index = max(0, min(len(self.rows) - 1, index)) if self.rows else 0
        self.cursor = index
        self._scroll_to_cursor()
        self.refresh()
        pid = self.cursor_pid
        if force or pid != self._highlighted:
            if pid != self._highlighted:
                self.post_message(self.Highlighted(self, pid))
            self._highlighted = pid

    def _scroll_to_cursor(self) -> None:
        visible = max(self.size.height - 1, 1)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        self._move(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move(self.cursor + direction * max(self.size.height - 2, 1))

    def action_edge(self, direction: int) -> None:
        self._move(0 if direction < 0 else len(self.rows) - 1)

    def action_choose(self) -> None:
        pid = self.cursor_pid
        if pid is not None:
            self.post_message(self.Chosen(self, pid))

    # --- mouse ---------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            column = self._column_at(event.x)
            if column is not None:
                self.sort_by(COLUMNS[column].key)
            return
        index = int(self.scroll_offset.y) + event.y - 1
        if 0 <= index < len(self.rows):
            self._move(index)
            if event.chain >= 2:
                self.action_choose()

    def column_offset(self, key: str) -> int:
        """The x offset of column ``key``'s header (for clicks, and tests that click)."""
        start = 0
        for column, width in zip(COLUMNS, self._widths, strict=True):
            if column.key == key:
                return start
            start += width + _GAP
        raise KeyError(key)

    def _column_at(self, x: int) -> int | None:
        start = 0
        for index, width in enumerate(self._widths):
            if start <= x < start + width + _GAP:
                return index
            start += width + _GAP
        return None

    # --- layout and painting -----------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows) + 1)
        self._scroll_to_cursor()

    def _fit_widths(self, width: int) -> list[int]:
        """Natural widths if they fit (the name takes the slack); otherwise the text
        columns give up width in their ``shrink`` order, the name last."""
        widths = list(self._natural)
        spare = width - (sum(widths) + _GAP * (len(widths) - 1))
        if spare >= 0:
            widths[0] += spare  # the name column takes the slack
            return widths
        for index in sorted(range(len(COLUMNS)), key=lambda i: COLUMNS[i].shrink or 99):
            if spare >= 0:
                break
            column = COLUMNS[index]
            if not column.shrink:
                continue
            give = min(widths[index] - column.min_width, -spare)
            widths[index] -= give
            spare += give
        if spare < 0:  # still too narrow: squeeze the short columns to their minimum
            for index, column in enumerate(COLUMNS):
                give = min(widths[index] - column.min_width, -spare)
                if give > 0:
                    widths[index] -= give
                    spare += give
        return widths

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self._fitted != width:
            self._widths, self._fitted = self._fit_widths(width), width
        if y == 0:
            return self._header(width, base)
        index = int(self.scroll_offset.y) + y - 1
        if not self.rows:
            if y == 1:
                style = base + self.get_component_rich_style("people-table--empty")
                return Strip([Segment(set_cell_size(f" {self.empty_message}", width), style)])
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        cursor = index == self.cursor
        if isinstance(row, GroupRow):
            style = base + self.get_component_rich_style("people-table--group")
            if cursor:
                style += self.get_component_rich_style("people-table--cursor")
            text = shown(f"▾ {row.department or '(no department)'}  ({row.count})")
            return Strip([Segment(set_cell_size(text, width), style)])
        cells = self._cells.get(row.id) or tuple(c.text(row) for c in COLUMNS)
        segments: list[Segment] = []
        stance_style = self.get_component_rich_style(f"people-table--{row.stance.value}")
        row_style = base
        if cursor:
            row_style = base + self.get_component_rich_style("people-table--cursor")
        for index_col, (text, col_width) in enumerate(zip(cells, self._widths, strict=True)):
            style = row_style
            if COLUMNS[index_col].key == "stance":
                style = row_style + Style(color=stance_style.color, bold=stance_style.bold)
            segments.append(Segment(_fit(text, col_width), style))
            segments.append(Segment(" " * _GAP, row_style))
        strip = Strip(segments)
        return strip.crop_extend(0, width, row_style)

    def _header(self, width: int, base: Style) -> Strip:
        header = base + self.get_component_rich_style("people-table--header")
        sorted_style = header + self.get_component_rich_style("people-table--sorted")
        segments: list[Segment] = []
        for column, col_width in zip(COLUMNS, self._widths, strict=True):
            title = column.title
            style = header
            if column.key == self.sort_key:
                title += " ▼" if self.sort_reverse else " ▲"
                style = header + Style(color=sorted_style.color)
            segments.append(Segment(_fit(title, col_width), style))
            segments.append(Segment(" " * _GAP, header))
        return Strip(segments).crop_extend(0, width, header)


def _fit(text: str, width: int) -> str:
    """A cell's text at ``width`` cells; user text is escaped here, where every cell passes."""
    if width <= 0:
        return ""
    text = shown(text)
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
