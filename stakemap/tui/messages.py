"""Messages the views send to the main screen."""

from __future__ import annotations

from textual.message import Message

__all__ = ["PersonPicked"]


class PersonPicked(Message):
    """A view moved to or chose a person; the main screen makes them the selection.

    ``open_detail`` is True for an explicit choice (Enter, click): the screen
    switches to the people view so the person's details are in sight.
    """

    def __init__(self, pid: str, *, open_detail: bool = False) -> None:
        super().__init__()
        self.pid = pid
        self.open_detail = open_detail
