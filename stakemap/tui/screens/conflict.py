"""The file changed on disk: reload theirs, keep mine, or save mine elsewhere."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from stakemap.tui.format import plain, shown

__all__ = ["ConflictChoice", "ConflictScreen"]


class ConflictChoice(StrEnum):
    RELOAD = "reload"  # take the file as it is now; my unsaved edits are dropped
    KEEP_MINE = "keep"  # overwrite the file with my map
    SAVE_AS = "save_as"  # write my map to a new file, leave theirs alone
    LATER = "later"  # decide later; edits stay in memory, nothing is written


class ConflictScreen(ModalScreen[ConflictChoice]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('reload')", "Reload theirs", id="conflict.reload"),
        Binding("k", "choose('keep')", "Keep mine", id="conflict.keep"),
        Binding("s", "choose('save_as')", "Save as", id="conflict.save_as"),
        Binding("escape", "choose('later')", "Decide later", id="conflict.later"),
    ]

    def __init__(self, path: str, reason: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-warning"):
            yield Static(
                Content.styled("The map changed on disk", "bold $text-error"),
                classes="dialog-title",
            )
            yield Static(
                Content.assemble(
                    (shown(self.path), "bold"),
                    " was changed by someone else (another window, the CLI or a synced "
                    "copy) after you opened it. Your latest edits are not saved yet. "
                    "Nothing is overwritten until you choose:",
                ),
                classes="dialog-text",
            )
            if self.reason and "changed on disk" not in self.reason:
                yield Static(plain(self.reason, "$text-warning"), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Reload theirs (r)", id="reload", tooltip="Drop my unsaved edits")
                yield Button(
                    "Keep mine (k)", id="keep", variant="error", tooltip="Overwrite the file"
                )
                yield Button("Save as… (s)", id="save_as", variant="primary", tooltip="Keep both")
                yield Button("Later (esc)", id="later")

    def on_mount(self) -> None:
        self.query_one("#save_as", Button).focus()

    def action_choose(self, choice: str) -> None:
        self.dismiss(ConflictChoice(choice))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(ConflictChoice(event.button.id or "later"))
