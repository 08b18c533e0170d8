"""A list of people whose option ids are stakeholder ids, shared by the views."""

from __future__ import annotations

from textual.widgets import OptionList

from stakemap.tui.messages import PersonPicked

__all__ = ["PersonOptions"]


class PersonOptions(OptionList):
    """Highlighting a person selects them app-wide; Enter opens them in the people view.

    Highlights only count while the list has focus, so refilling a list after an
    edit does not steal the selection from the table.
    """

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and self.has_focus:
            self.post_message(PersonPicked(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(PersonPicked(event.option.id, open_detail=True))
