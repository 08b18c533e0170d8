"""What changed since a review, one line each (``timeline.wording.change_lines``).

The wording and each line's kind come from the core, shared with ``stakemap
diff``; here each kind gets a theme colour and the same mark the CLI prints
(``+`` added, ``↓`` worse…), so the kinds stay apart without colour too.
"""

from __future__ import annotations

from typing import ClassVar, Final

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from stakemap.timeline.wording import MARKS, Line
from stakemap.tui.format import shown

__all__ = ["LOOK", "ChangeList", "change_line"]

#: line style -> theme style (the mark before it is ``timeline.wording.MARKS``)
LOOK: Final[dict[str, str]] = {
    "heading": "bold $text-accent",
    "added": "$text-success",
    "removed": "$text-error",
    "changed": "$text-warning",
    "better": "$text-success",
    "worse": "$text-error",
}


def change_line(line: Line) -> Content:
    """One line as the app shows it: the user's text as plain text, never markup."""
    style, mark = LOOK.get(line.style, ""), MARKS.get(line.style, "  ")
    text = f"{mark}{shown(line.text)}"
    if line.person is not None and line.style != "heading":
        return Content.assemble((text, style), ("  ⏎", "$text-muted"))
    return Content.styled(text, style) if style else Content(text)


class ChangeList(OptionList):
    """One option per line; Enter on a line about a person asks to go to them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select",
            "Go to person",
            tooltip="Go to the person this change is about",
            id="changes.go",
        ),
    ]

    class PersonChosen(Message):
        def __init__(self, pid: str | None) -> None:
            super().__init__()
            #: ``None``: the line is not about one person.
            self.pid = pid

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[Line] = []

    def show_lines(self, lines: list[Line]) -> None:
        self.lines = lines
        self.clear_options()
        self.add_options([Option(change_line(line), id=str(i)) for i, line in enumerate(lines)])
        # Start on the first change about someone: the line a rep most likely opens.
        first = next((i for i, line in enumerate(lines) if line.person is not None), 0)
        if lines:
            self.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = int(event.option.id or "0")
        if 0 <= index < len(self.lines):
            self.post_message(self.PersonChosen(self.lines[index].person))
