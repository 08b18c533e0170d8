"""The ``/`` filter: narrows the table as you type, Esc clears it."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

__all__ = ["FilterBar"]


class FilterBar(Input):
    """Filters on every field (name, title, department, role, stance, notes…)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", "Clear filter", id="filter.clear"),
        Binding("down,enter", "done", "Back to the table", id="filter.done"),
    ]

    class Done(Message):
        """Leave the filter; ``cleared`` if the user threw the text away."""

        def __init__(self, cleared: bool) -> None:
            super().__init__()
            self.cleared = cleared

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder="filter: any text, e.g. finance skeptic  (esc clears, enter keeps)",
            id=id,
            compact=True,
        )

    def action_clear(self) -> None:
        self.value = ""
        self.post_message(self.Done(cleared=True))

    def action_done(self) -> None:
        self.post_message(self.Done(cleared=False))
