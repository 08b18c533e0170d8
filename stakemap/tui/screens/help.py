"""Every key, read from the bindings themselves (with the user's keymap applied)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from stakemap.tui.format import plain, to_rich
from stakemap.tui.keymap import keymap_path

__all__ = ["HelpScreen"]


def _home_relative(path: Path) -> str:
    """``~/.config/stakemap/keymap.toml``: shorter, and the same on every machine."""
    try:
        return f"~/{path.relative_to(Path.home()).as_posix()}"
    except ValueError:
        return str(path)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss_help", "Close help", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        from stakemap.tui.keys import describe_bindings  # noqa: PLC0415 - keys imports us

        keymap = getattr(self.app, "keymap_overrides", {})
        with Vertical(classes="dialog help-dialog"):
            yield Static(Content.styled("Keys", "bold"), classes="dialog-title")
            table: DataTable[object] = DataTable(
                id="help-table", cursor_type="row", zebra_stripes=True
            )
            table.add_columns("Keys", "What", "Id (for keymap.toml)")
            last = ""
            for row in describe_bindings(keymap, self.app.get_key_display):
                if row.section != last:
                    last = row.section
                    heading = to_rich(Content.styled(row.section, "bold $text-accent"), self.app)
                    table.add_row(heading, "", "")
                table.add_row(
                    to_rich(Content.styled(f"  {row.keys}", "bold"), self.app),
                    to_rich(plain(row.description), self.app),
                    to_rich(Content.styled(row.binding_id, "$text-muted"), self.app),
                )
            yield table
            yield Static(
                Content.assemble(
                    ("Remap keys in ", "$text-muted"),
                    _home_relative(keymap_path()),
                    ("  ·  ctrl+p: command palette  ·  esc closes", "$text-muted"),
                ),
                classes="help-footer",
            )

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
