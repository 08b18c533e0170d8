"""The file changed on disk: reload theirs, keep mine, or save mine elsewhere.

The same choice, narrowed to fields, when a form's edit meets an outside change
to the same fields of the same record: the dialog then shows both values of
each clashing field, and "theirs" / "mine" decide those fields only (the
user's other changes are saved either way).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from stakemap.session import FieldClash
from stakemap.tui.format import plain, shown
from stakemap.tui.widgets.dialog import warning_heading
from stakemap.vocab import label

__all__ = ["ConflictChoice", "ConflictScreen"]


class ConflictChoice(StrEnum):
    RELOAD = "reload"  # take the file as it is now; my unsaved edits are dropped
    KEEP_MINE = "keep"  # overwrite the file with my map
    SAVE_AS = "save_as"  # write my map to a new file, leave theirs alone
    LATER = "later"  # decide later; edits stay in memory, nothing is written


#: How much of a long value (notes) the dialog shows.
_SHOWN_CHARS = 60


def _field_value(value: object) -> str:
    """A field's value on one short line, as the form shows it (controls escaped)."""
    if value is None or value in ("", ()):
        return "(empty)"
    if isinstance(value, StrEnum):
        text = label(value)
    elif isinstance(value, tuple):
        text = "; ".join(str(item) for item in value)
    else:
        text = str(value)
    text = shown(" ".join(text.split()))
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


class ConflictScreen(ModalScreen[ConflictChoice]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('reload')", "Reload theirs", id="conflict.reload"),
        Binding("k", "choose('keep')", "Keep mine", id="conflict.keep"),
        Binding("s", "choose('save_as')", "Save as", id="conflict.save_as"),
        Binding("escape", "choose('later')", "Decide later", id="conflict.later"),
    ]

    def __init__(
        self, path: str, reason: str | None = None, *, clashes: Sequence[FieldClash] = ()
    ) -> None:
        super().__init__()
        self.path = path
        self.reason = reason
        #: field-level clashes of one record (``path`` then names the record).
        self.clashes = tuple(clashes)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Saving elsewhere is about whole files, not one record's fields.
        return not (self.clashes and parameters == ("save_as",))

    def compose(self) -> ComposeResult:
        if self.clashes:
            yield from self._compose_clashes()
            return
        with Vertical(classes="dialog dialog-warning"):
            yield from warning_heading(
                "The map changed on disk",
                (shown(self.path), "bold"),
                " was changed by someone else (another window, the CLI or a synced "
                "copy) after you opened it. Your latest edits are not saved yet. "
                "Nothing is overwritten until you choose:",
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

    def _compose_clashes(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-warning"):
            yield from warning_heading(
                "Changed in both places",
                "Someone else (the CLI, another window) changed ",
                (shown(self.path), "bold"),
                " while the form was open. Your other changes are saved either way; "
                "for these fields, whose value do you keep?",
            )
            for clash in self.clashes:
                yield Static(
                    Content.assemble(
                        (clash.field.replace("_", " "), "bold"),
                        "  theirs: ",
                        (_field_value(clash.theirs), "$text-warning"),
                        "  ·  yours: ",
                        (_field_value(clash.mine), "$text-success"),
                    ),
                    classes="dialog-text clash",
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Take theirs (r)", id="reload", tooltip="Their values for these")
                yield Button("Keep mine (k)", id="keep", variant="primary", tooltip="My values")
                yield Button("Back to the form (esc)", id="later")

    def on_mount(self) -> None:
        self.query_one("#keep" if self.clashes else "#save_as", Button).focus()

    def action_choose(self, choice: str) -> None:
        self.dismiss(ConflictChoice(choice))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(ConflictChoice(event.button.id or "later"))
