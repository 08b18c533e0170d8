"""The selected person's links, in and out, each editable and removable from the keyboard."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from stakemap.model import StakeMap
from stakemap.tui.format import link_line

__all__ = ["LinkList"]


class LinkList(OptionList):
    """One option per link (option id = link id): Enter or ``e`` edits it, ``x``
    removes it, ``g`` (or a click) goes to the person at its other end."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter,e",
            "edit_link",
            "Edit link",
            tooltip="Change the highlighted link's kind, strength or direction",
            id="link.edit",
        ),
        Binding(
            "g",
            "follow_link",
            "Go to",
            tooltip="Select the person at the other end of the highlighted link",
            id="link.follow",
        ),
        Binding(
            "x,delete",
            "remove_link",
            "Remove link",
            tooltip="Remove the highlighted link (undo with ctrl+z)",
            id="link.remove",
        ),
    ]

    class RemoveRequested(Message):
        def __init__(self, link_id: str) -> None:
            super().__init__()
            self.link_id = link_id

    class EditRequested(Message):
        def __init__(self, link_id: str) -> None:
            super().__init__()
            self.link_id = link_id

    class FollowRequested(Message):
        """Enter or click on a link: select the person at its other end."""

        def __init__(self, person_id: str) -> None:
            super().__init__()
            self.person_id = person_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._other: dict[str, str] = {}

    def show_links(self, stakemap: StakeMap, pid: str | None) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self._other.clear()
        if pid is None or pid not in stakemap:
            return
        options = []
        for link in stakemap.links_of(pid):
            outgoing = link.source == pid
            other = link.target if outgoing else link.source
            self._other[link.id] = other
            options.append(
                Option(link_line(link, stakemap.person(other), outgoing=outgoing), id=link.id)
            )
        self.add_options(options)
        if options:
            self.highlighted = min(highlighted or 0, len(options) - 1)

    @property
    def highlighted_link(self) -> str | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        return self.get_option_at_index(self.highlighted).id

    def action_remove_link(self) -> None:
        link_id = self.highlighted_link
        if link_id is not None:
            self.post_message(self.RemoveRequested(link_id))

    def action_edit_link(self) -> None:
        link_id = self.highlighted_link
        if link_id is not None:
            self.post_message(self.EditRequested(link_id))

    def action_follow_link(self) -> None:
        other = self._other.get(self.highlighted_link or "")
        if other is not None:
            self.post_message(self.FollowRequested(other))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        other = self._other.get(event.option.id or "")
        if other is not None:
            self.post_message(self.FollowRequested(other))
