"""Leaving a map whose last save failed: save it elsewhere, retry, or discard.

Quitting (or opening another map) must never drop an edit silently: when the
file could not be written (disk full, folder gone, a conflict left open) the
app asks this before it lets the map go. Only "discard" leaves without saving.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from stakemap.tui.format import plain, shown
from stakemap.tui.widgets.dialog import warning_heading

__all__ = ["UnsavedChoice", "UnsavedScreen"]


class UnsavedChoice(StrEnum):
    SAVE_AS = "save_as"  # write the map to a new file, then leave
    RETRY = "retry"  # try the same file again (after freeing space, say)
    DISCARD = "discard"  # leave without saving: the edits are lost


class UnsavedScreen(ModalScreen[UnsavedChoice | None]):
    """Dismisses with the user's choice, or ``None`` to stay on the map."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "choose('save_as')", "Save as", id="unsaved.save_as"),
        Binding("r", "choose('retry')", "Retry", id="unsaved.retry"),
        Binding("d", "choose('discard')", "Discard", id="unsaved.discard"),
        Binding("escape", "stay", "Stay", id="unsaved.stay"),
    ]

    def __init__(self, path: str, reason: str | None, *, intent: str = "quit") -> None:
        super().__init__()
        self.path = path
        self.reason = reason
        #: what the user asked for ("quit", "open another map"), for the wording.
        self.intent = intent

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-warning"):
            yield from warning_heading(
                "Your latest edits are not saved",
                "They could not be written to ",
                (shown(self.path), "bold"),
                f". If you {self.intent} now they are lost. Save them elsewhere, "
                "retry (after freeing space or restoring the folder), or discard them:",
            )
            if self.reason:
                yield Static(plain(self.reason, "$text-warning"), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save as… (s)", id="save_as", variant="primary")
                yield Button("Retry (r)", id="retry")
                yield Button("Discard (d)", id="discard", variant="error")
                yield Button("Stay (esc)", id="stay")

    def on_mount(self) -> None:
        self.query_one("#save_as", Button).focus()

    def action_choose(self, choice: str) -> None:
        self.dismiss(UnsavedChoice(choice))

    def action_stay(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or "stay"
        self.dismiss(None if button == "stay" else UnsavedChoice(button))
