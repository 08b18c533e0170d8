"""Choose a map: the current folder's and the user's maps, or create a new one."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from stakemap.analysis.types import HealthStatus
from stakemap.tui.catalog import MapEntry, describe, scan
from stakemap.tui.format import health_badge, plain, shown, to_rich

__all__ = ["PickerScreen"]

#: Why a big map's row has no health (``catalog.HEADER_ONLY_BYTES``).
_HEADER_ONLY = "a large map, listed from its header: its health shows once it is open"


class PickerScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_map", "New map", tooltip="Create a new map", id="picker.new"),
        Binding("r", "rescan", "Refresh", tooltip="Look for map files again", id="picker.refresh"),
    ]

    def __init__(
        self, folders: dict[str, Path], *, error: str | None = None, today: date | None = None
    ) -> None:
        super().__init__()
        self.folders = folders
        self.error = error
        self.today = today
        self.entries: dict[str, MapEntry] = {}

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("stakemap · choose a map", "bold"), id="picker-title")
        yield Static(id="picker-error")
        table: DataTable[object] = DataTable(id="maps", cursor_type="row")
        table.add_column("Account", key="account")
        table.add_column("People", key="people")
        table.add_column("Health", key="health")
        table.add_column("Modified", key="modified")
        table.add_column("File", key="file")
        yield table
        yield Static(id="picker-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.show_error(self.error)
        self.query_one(DataTable).focus()
        self.action_rescan()

    def show_error(self, error: str | None) -> None:
        banner = self.query_one("#picker-error", Static)
        banner.display = bool(error)
        banner.update(plain(f"Could not open {error}", "bold $text-error") if error else "")

    def action_rescan(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.entries.clear()
        found = scan(self.folders)
        for where, path in found:
            key = str(path)
            self.entries[key] = MapEntry(path, where, "")
            table.add_row("…", "", "", "", to_rich(self._file(where, path), self.app), key=key)
        if not found:
            folders = " and ".join(str(p) for p in self.folders.values())
            self.query_one("#picker-detail", Static).update(
                Content.styled(f"No map files in {folders}. Press n to create one.", "$text-muted")
            )
        self._describe_all(found)

    @staticmethod
    def _file(where: str, path: Path) -> Content:
        return Content.assemble((f"{where}: ", "$text-muted"), shown(path.name))

    @work(thread=True, exclusive=True, group="picker", exit_on_error=False)
    def _describe_all(self, found: list[tuple[str, Path]]) -> None:
        worker = get_current_worker()
        for where, path in found:
            if worker.is_cancelled:
                return
            entry = describe(where, path, today=self.today)
            self.app.call_from_thread(self._show_entry, entry)

    def _show_entry(self, entry: MapEntry) -> None:
        key = str(entry.path)
        if key not in self.entries:
            return
        self.entries[key] = entry
        table = self.query_one(DataTable)
        if entry.error:
            cells = [
                to_rich(Content.styled("⚠ cannot open", "$text-error"), self.app),
                "",
                "",
                to_rich(plain(entry.modified), self.app),
            ]
        else:
            status = HealthStatus(entry.health) if entry.health else None
            health = plain("—", "$text-muted") if entry.header_only else health_badge(status)
            badge = to_rich(health, self.app)
            account = to_rich(plain(entry.account), self.app)
            cells = [account, str(entry.people), badge, to_rich(plain(entry.modified), self.app)]
        for column, value in zip(("account", "people", "health", "modified"), cells, strict=True):
            table.update_cell(key, column, value, update_width=True)
        if self._current() == key:
            self._show_detail(entry)

    def _current(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(row_key.value)

    def _show_detail(self, entry: MapEntry) -> None:
        detail = self.query_one("#picker-detail", Static)
        if entry.error:
            detail.update(Content.assemble(("⚠ ", "$text-error"), shown(entry.error)))
        elif entry.header_only:
            detail.update(plain(f"{entry.path} · {_HEADER_ONLY}", "$text-muted"))
        else:
            detail.update(plain(str(entry.path), "$text-muted"))

    @on(DataTable.RowHighlighted)
    def _moved(self, event: DataTable.RowHighlighted) -> None:
        entry = self.entries.get(str(event.row_key.value))
        if entry is not None:
            self._show_detail(entry)

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        entry = self.entries.get(str(event.row_key.value))
        if entry is None:
            return
        if entry.error:
            self.notify(entry.error, title="Cannot open this file", severity="error")
            return
        self.open_entry(entry.path)

    def open_entry(self, path: Path) -> None:
        self.app.open_path(path)  # type: ignore[attr-defined]

    def action_new_map(self) -> None:
        self.app.action_new_map()  # type: ignore[attr-defined]
