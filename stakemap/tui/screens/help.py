"""Every key, read from the bindings themselves (with the user's keymap applied).

Each description is shown whole at any width, 80x24 too: the table has two
columns, the keys and "what", and the "what" column is as wide as the dialog
leaves it, its text wrapped over as many lines as it needs. The binding's id
(the name ``keymap.toml`` uses) ends the description, muted, wrapping to the
next line when it does not fit.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from stakemap.tui.format import plain, to_rich
from stakemap.tui.keymap import keymap_path

__all__ = ["HelpScreen", "KeyTable"]

#: Wider key lists ("esc, q, ?, f1") wrap in their cell rather than narrow the text.
_MAX_KEYS_WIDTH = 14
#: Never narrower than this, even in a tiny terminal (the table then scrolls sideways).
_MIN_WHAT_WIDTH = 20


def _home_relative(path: Path) -> str:
    """``~/.config/stakemap/keymap.toml``: shorter, and the same on every machine."""
    try:
        return f"~/{path.relative_to(Path.home()).as_posix()}"
    except ValueError:
        return str(path)


class KeyTable(DataTable[object]):
    """The keys, laid out again whenever the table's width changes (a resize)."""

    def __init__(self, rows: list[tuple[str, str, str, str]], *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        #: (section, keys, description, binding id), in help order.
        self.key_rows = rows
        self._laid_out_for = -1

    def on_resize(self, _event: events.Resize) -> None:
        self.lay_out()

    def lay_out(self) -> None:
        # The vertical scrollbar is counted in whether or not it shows: laying
        # out never changes the width it was laid out for.
        width = self.size.width - self.styles.scrollbar_size_vertical
        if width <= 0 or width == self._laid_out_for:
            return
        self._laid_out_for = width
        keys_width = min(
            max((cell_len(r[1]) + 2 for r in self.key_rows), default=4), _MAX_KEYS_WIDTH
        )
        # Each column has one cell of padding on either side.
        what_width = max(width - keys_width - 4, _MIN_WHAT_WIDTH)
        row = self.cursor_row
        self.clear(columns=True)
        self.add_column("Keys", width=keys_width)
        self.add_column(
            to_rich(Content.assemble("What", ("  id for keymap.toml", "$text-muted")), self.app),
            width=what_width,
        )
        last = ""
        for section, keys, description, binding_id in self.key_rows:
            if section != last:
                last = section
                heading = to_rich(Content.styled(section, "bold $text-accent"), self.app)
                self.add_row("", heading, height=None)
            self.add_row(
                to_rich(Content.styled(f"  {keys}", "bold"), self.app),
                to_rich(
                    Content.assemble(
                        plain(description), "  ", Content.styled(binding_id, "$text-muted")
                    ),
                    self.app,
                ),
                height=None,
            )
        if row:
            self.move_cursor(row=row)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss_help", "Close help", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        from stakemap.tui.keys import describe_bindings  # noqa: PLC0415 - keys imports us

        keymap = getattr(self.app, "keymap_overrides", {})
        rows = [
            (row.section, row.keys, row.description, row.binding_id)
            for row in describe_bindings(keymap, self.app.get_key_display)
        ]
        with Vertical(classes="dialog help-dialog"):
            yield Static(Content.styled("Keys", "bold"), classes="dialog-title")
            yield KeyTable(rows, id="help-table")
            yield Static(
                Content.assemble(
                    ("Remap keys in ", "$text-muted"),
                    _home_relative(keymap_path()),
                    ("  ·  ctrl+p: command palette  ·  esc closes", "$text-muted"),
                ),
                classes="help-footer",
            )

    def on_mount(self) -> None:
        self.query_one(KeyTable).focus()

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
