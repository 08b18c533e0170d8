"""Pick a person by typing part of their name: a fuzzy-filtered list under an input."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from stakemap.records import Stakeholder
from stakemap.tui.format import as_markup, plain, shown

__all__ = ["PersonPicker"]

_MAX_SHOWN = 50


class PickerInput(Input):
    """Up and down move through the matches while typing continues in the input."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next match", show=False, id="picker.next"),
        Binding("up", "move(-1)", "Previous match", show=False, id="picker.previous"),
    ]

    def action_move(self, delta: int) -> None:
        options = self.parent.query_one(OptionList) if self.parent else None
        if options is None or options.option_count == 0:
            return
        current = options.highlighted if options.highlighted is not None else -1
        options.highlighted = max(0, min(options.option_count - 1, current + delta))


class PersonPicker(Vertical):
    """``chosen`` is the highlighted match's id (None when nothing matches)."""

    class Changed(Message):
        def __init__(self, picker: PersonPicker) -> None:
            super().__init__()
            self.picker = picker

    def __init__(self, people: Sequence[Stakeholder], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._people = sorted(people, key=lambda p: (p.name.casefold(), p.id))

    def compose(self) -> ComposeResult:
        yield PickerInput(
            placeholder="type part of a name, title or department", id="picker-input", compact=True
        )
        yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self._refilter("")

    @property
    def input(self) -> Input:
        return self.query_one(PickerInput)

    @property
    def chosen(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        return options.get_option_at_index(options.highlighted).id

    def _refilter(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        scored: list[tuple[float, Stakeholder, Content]] = []
        if query.strip():
            matcher = Matcher(query)
            for person in self._people:
                text = shown(f"{person.name}  {person.title} {person.department}".rstrip())
                score = matcher.match(text)
                if score > 0:
                    # highlight() reads its argument as markup: escape the name.
                    scored.append((score, person, matcher.highlight(as_markup(text))))
            scored.sort(key=lambda item: -item[0])
        else:
            scored = [
                (0.0, p, plain(f"{p.name}  {p.title} {p.department}".rstrip()))
                for p in self._people
            ]
        options.add_options(Option(label, id=person.id) for _, person, label in scored[:_MAX_SHOWN])
        if options.option_count:
            options.highlighted = 0
        self.post_message(self.Changed(self))

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._refilter(event.value)

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Changed(self))
