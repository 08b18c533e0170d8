"""What every form in the app shares: keys, inline errors, Save and Cancel.

A form is a modal screen typed by what it returns (``FormScreen[Stakeholder]``
dismisses with a ``Stakeholder`` or ``None``). It never writes the map itself:
its ``submit`` calls the session, and a ``StakemapError`` from the model is
shown inline, under the field it names, with the form left open, so invalid
input can never be saved and the message is the model's own sentence.

An edit form remembers what it opened with and submits only what the user
changed (``changed_values``), so the session can apply those fields over a
record someone else changed meanwhile; when both changed the same field, the
form asks whose value to keep and submits again with ``keep`` set.
"""

from __future__ import annotations

import contextlib
from typing import Any, ClassVar, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from stakemap.errors import StakemapError, ValidationError
from stakemap.session import FieldClashError, Keep
from stakemap.tui.format import plain
from stakemap.tui.screens.confirm import ConfirmScreen
from stakemap.tui.screens.conflict import ConflictChoice, ConflictScreen

__all__ = ["FormScreen"]

R = TypeVar("R")


class FormScreen(ModalScreen[R | None]):
    """Subclasses yield their fields from ``compose_fields`` and implement ``submit``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Save and close the form", id="form.save"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="form.cancel"),
    ]

    #: Shown at the top of the dialog.
    TITLE_TEXT: ClassVar[str] = "Form"
    SAVE_LABEL: ClassVar[str] = "Save"
    #: How a refusal starts: "Not saved: email: … is not an email address".
    REFUSED: ClassVar[str] = "Not saved"
    #: The line under the buttons, what Enter does here (``enter_saves``);
    #: empty: "enter: <the save button's word> · tab next field · shift+tab back".
    KEYS_HINT: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__()
        #: field name -> message, for the fields whose current value is refused.
        self.errors: dict[str, str] = {}
        #: the fields' values when the form opened (what ``changed_values`` compares with).
        self.opened: dict[str, Any] = {}
        #: set while submitting after the user chose whose value wins a clash.
        self.keep: Keep | None = None
        self._answered = False

    # --- to implement ------------------------------------------------------------

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def submit(self) -> R:
        """Apply the form (through the session); raise ``StakemapError`` to refuse."""
        raise NotImplementedError

    def check_field(self, name: str) -> str | None:
        """The message for field ``name``'s current value, or None if it is fine."""
        return None

    def values(self) -> dict[str, Any]:
        """The form's content, field by field (forms that edit a record implement it)."""
        return {}

    def has_changes(self) -> bool:
        """Whether closing now would lose something typed (Esc then asks first)."""
        return bool(self.changed_values())

    def enter_saves(self, name: str) -> bool:
        """Whether Enter in the one-line field ``name`` saves; if not, it moves on."""
        return True

    def changed_values(self) -> dict[str, Any]:
        """Only the fields the user changed since the form opened."""
        opened = self.opened
        return {k: v for k, v in self.values().items() if k not in opened or opened[k] != v}

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-dialog"):
            yield Static(plain(self.form_title(), "bold"), classes="form-title")
            yield Static(classes="form-error", id="form-error")
            with VerticalScroll(classes="form-body"):
                yield from self.compose_fields()
            # Always in sight, under the scrolling fields: the buttons say their keys.
            with Horizontal(classes="form-buttons"):
                yield Button(
                    f"{self.SAVE_LABEL} (ctrl+s)", variant="primary", id="form-save", compact=True
                )
                yield Button("Cancel (esc)", id="form-cancel", compact=True)
            yield Static(Content.styled(self.keys_hint(), "$text-muted"), classes="form-hint")

    def form_title(self) -> str:
        return self.TITLE_TEXT

    def keys_hint(self) -> str:
        default = f"enter: {self.SAVE_LABEL.lower()} · tab next field · shift+tab back"
        return self.KEYS_HINT or default

    def field(self, name: str, widget: Widget, label: str, hint: str = "") -> ComposeResult:
        """A labelled field on one line, with a line for its error message under it.

        Widgets are compact (no border) so a whole form fits an 80x24 terminal.
        """
        widget.id = f"field-{name}"
        if hasattr(widget, "compact"):
            widget.compact = True
        if hint:
            widget.tooltip = hint
            if isinstance(widget, Input) and not widget.placeholder:
                widget.placeholder = hint
        with Vertical(classes="form-field", id=f"row-{name}"):
            with Horizontal(classes="field-row"):
                yield Label(label, classes="field-label")
                yield widget
            yield Static(classes="field-error", id=f"error-{name}")

    def first_field(self) -> Widget | None:
        """The field that has the focus when the form opens (the first one)."""
        return self.query(".form-body Input, .form-body Select, .form-body TextArea").first()

    def on_mount(self) -> None:
        if not self.query(".form-body"):
            return  # opened on an app already quitting: no fields were mounted
        # Focused now, not on the next turn (``focus()`` defers it): the keys
        # typed right after the key that opened the form go to this field as
        # soon as the form is mounted (``tui.typeahead``).
        self.set_focus(self.first_field())
        blink = getattr(self.app, "CURSOR_BLINK", True)
        for widget in self.query("Input, TextArea"):
            widget.cursor_blink = blink  # type: ignore[attr-defined]
        self.opened = self.values()

    @property
    def closing(self) -> bool:
        """The form has answered (or the app is quitting): its keys do nothing more."""
        return self._answered or self.app.return_code is not None or not self.query(".form-body")

    def answer(self, result: R | None) -> None:
        """Dismiss once: a second Enter or Esc typed while it closes is ignored."""
        if not self.closing:
            self._answered = True
            self.dismiss(result)

    # --- validation ------------------------------------------------------------------

    def revalidate(self, name: str) -> None:
        self.set_error(name, self.check_field(name))

    def set_error(self, name: str, message: str | None) -> None:
        if message:
            self.errors[name] = message
        else:
            self.errors.pop(name, None)
        try:
            row = self.query_one(f"#row-{name}")
            note = self.query_one(f"#error-{name}", Static)
        except NoMatches:  # an error about a field this form does not show
            self.show_form_error(message)
            return
        row.set_class(bool(message), "-invalid")
        note.update(plain(message, "$text-error") if message else "")
        self.query_one("#form-save", Button).disabled = bool(self.errors)

    def show_form_error(self, message: str | None) -> None:
        banner = self.query_one("#form-error", Static)
        banner.update(plain(message, "bold $text-error") if message else "")
        banner.set_class(bool(message), "-shown")

    # --- actions ---------------------------------------------------------------------

    def action_save(self) -> None:
        if self.closing:
            return
        for name in list(self.errors):
            self.revalidate(name)
        if self.errors:
            name = next(iter(self.errors))
            self.show_form_error(f"{self.REFUSED}: {self.errors[name]}")
            self._focus_field(name)
            return
        try:
            result = self.submit()
        except ValidationError as exc:
            self.set_error(exc.field, str(exc))
            self.show_form_error(f"{self.REFUSED}: {exc}")
            self._focus_field(exc.field)
            return
        except FieldClashError as exc:
            self._ask_whose(exc)
            return
        except StakemapError as exc:
            self.show_form_error(f"{self.REFUSED}: {exc}")
            return
        self.answer(result)

    def _ask_whose(self, clash: FieldClashError) -> None:
        def chosen(choice: ConflictChoice | None) -> None:
            keep: Keep
            if choice is ConflictChoice.KEEP_MINE:
                keep = "mine"
            elif choice is ConflictChoice.RELOAD:
                keep = "theirs"
            else:
                self.show_form_error(f"{self.REFUSED}: {clash}")
                return
            self.keep = keep
            try:
                self.action_save()
            finally:
                self.keep = None

        self.app.push_screen(ConflictScreen(clash.what, clashes=clash.clashes), chosen)

    def action_cancel(self) -> None:
        """Esc: an untouched form closes at once; one with changes asks first."""
        if self.closing:
            return
        if not self.has_changes():
            self.answer(None)
            return

        def chosen(discard: bool | None) -> None:
            if discard:
                self.answer(None)

        question = ConfirmScreen(
            "Discard your changes?",
            "Nothing in this form has been saved yet.",
            yes="Discard",
            no="Keep editing",
        )
        self.app.push_screen(question, chosen)

    def _focus_field(self, name: str) -> None:
        with contextlib.suppress(NoMatches):
            self.query_one(f"#field-{name}").focus()

    @on(events.DescendantFocus)
    def _mark_current(self, event: events.DescendantFocus) -> None:
        """Highlight the focused field's label. A class on its row, because
        Textual restyles only the focused widget's ancestors when the focus
        moves, so ``.form-field:focus-within .field-label`` never repaints."""
        current = next(
            (node for node in event.widget.ancestors_with_self if node.has_class("form-field")),
            None,
        )
        for row in self.query(".form-field.-current"):
            if row is not current:
                row.remove_class("-current")
        if isinstance(current, Widget):
            current.add_class("-current")

    @on(Input.Submitted)
    def _enter_saves(self, event: Input.Submitted) -> None:
        event.stop()
        if self.enter_saves((event.input.id or "").removeprefix("field-")):
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @staticmethod
    def widget_value(widget: Any) -> Any:
        return widget.value
