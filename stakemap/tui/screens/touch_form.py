"""Log a touch with the selected person: what happened, and what comes next.

Small on purpose: a rep logs a call in the minute after hanging up, so the
summary has the focus, the date is already today and everything else is
optional. The bookkeeping (last contact, coverage, a stance read) is the
core's (``timeline.interactions.log_touch``); the form only collects fields
and shows the model's refusals under the field they name.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from stakemap.errors import StakemapError
from stakemap.records import Interaction, Stakeholder
from stakemap.timeline.interactions import Logged
from stakemap.tui.screens.form import FormScreen
from stakemap.vocab import Stance, TouchKind, label

__all__ = ["TouchForm"]

#: Saves the touch (``Session.log_touch`` for one person and today).
Submit = Callable[[dict[str, Any]], Logged]

#: The one-line fields, in form order: (name, label, hint).
_LINES: tuple[tuple[str, str, str], ...] = (
    ("summary", "Summary", "one line: what happened (required)"),
    ("date", "Date", "YYYY-MM-DD; empty means today"),
)
_STEP: tuple[tuple[str, str, str], ...] = (
    ("next_step", "Next step", "what you promised, if anything"),
    ("due", "Due", "YYYY-MM-DD, with a next step"),
)

#: The stance select's "no read" entry: the person's stance stays as it is.
_NOT_READ = "(not read: leave it)"


class TouchForm(FormScreen[Logged]):
    """Returns what was logged (``Logged``: the touch, the person before and
    after), or ``None`` if cancelled."""

    TITLE_TEXT = "Log a touch"
    SAVE_LABEL = "Log"
    REFUSED = "Not logged"

    def __init__(self, person: Stakeholder, submit: Submit, *, today: date) -> None:
        super().__init__()
        self.person = person
        self._submit = submit
        self.today = today

    def form_title(self) -> str:
        return f"Log a touch with {self.person.name}"

    def compose_fields(self) -> ComposeResult:
        # The summary comes first: the form focuses its first field.
        for name, title, hint in _LINES:
            value = self.today.isoformat() if name == "date" else ""
            yield from self.field(name, Input(value), title, hint)
        kinds: Select[str] = Select(
            [(label(kind), kind.value) for kind in TouchKind],
            value=TouchKind.MEETING.value,
            allow_blank=False,
        )
        yield from self.field("kind", kinds, "Kind", "meetings, calls, demos, workshops: two-way")
        stances: Select[str] = Select(
            [
                (_NOT_READ if s is Stance.UNKNOWN else label(s), s.value)
                for s in (Stance.UNKNOWN, *(s for s in Stance if s is not Stance.UNKNOWN))
            ],
            value=Stance.UNKNOWN.value,
            allow_blank=False,
        )
        yield from self.field("stance", stances, "Stance read", "how they came across this time")
        for name, title, hint in _STEP:
            yield from self.field(name, Input(), title, hint)
        notes = TextArea(soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        notes.add_class("form-text")
        yield from self.field("notes", notes, "Notes", "private: left out of redacted exports")

    def values(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, _, _ in (*_LINES, *_STEP):
            data[name] = self.query_one(f"#field-{name}", Input).value.strip()
        for name in ("kind", "stance"):
            data[name] = self.query_one(f"#field-{name}", Select).value
        data["notes"] = self.query_one("#field-notes", TextArea).text
        return data

    def check_field(self, name: str) -> str | None:
        values = self.values()
        value = values.get(name)
        if name == "date" and not value:
            return None  # empty: today
        if name == "due" and value and not values["next_step"]:
            return "due: a due date needs a next step to be due (write the next step too)"
        if name not in values:
            return None
        try:
            Interaction.parse_fields({name: value}, partial=True)
        except StakemapError as exc:
            return str(exc)
        return None

    def submit(self) -> Logged:
        return self._submit(self.values())

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event: Input.Changed | Select.Changed) -> None:
        widget_id = event.control.id or ""
        if not widget_id.startswith("field-"):
            return
        name = widget_id.removeprefix("field-")
        if name == "summary" and "summary" not in self.errors:
            return  # no "required" while the first word is being typed
        self.revalidate(name)
        if name == "next_step":
            self.revalidate("due")
