"""Pick a person by typing part of their name: a filtered list under an input.

The list is ranked by ``names.match_person``, the matcher every CLI command
uses for a person: the id, email, whole name, a unique prefix or initials
come first, so what is highlighted is whom ``stakemap link add map.json ann
…`` would take. Where the CLI would refuse (several people match equally
well) the picker says so in the CLI's words and chooses nobody until the
user moves to one. Then people whose title or department fuzzily match.
"""

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

from stakemap.errors import AmbiguousNameError
from stakemap.names import NameMatch, match_person, rank_people
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
        if isinstance(self.parent, PersonPicker):
            self.parent.picked = True
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
        #: what the query names, ranked as the CLI ranks it (None: nothing typed).
        self.match: NameMatch | None = None
        #: the user moved to a match themselves (so an ambiguous query is settled).
        self.picked = False

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
        """The highlighted match's id; None when nothing matches, or when the
        query is ambiguous and the user has not moved to one of the candidates."""
        options = self.query_one(OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        if self.ambiguity is not None and not self.picked:
            return None
        return options.get_option_at_index(options.highlighted).id

    @property
    def ambiguity(self) -> str | None:
        """The CLI's sentence for an ambiguous query (``AmbiguousNameError``), or None."""
        if self.match is None or not self.match.ambiguous:
            return None
        listed = [(p.id, p.name) for p in self.match.candidates]
        return AmbiguousNameError(self.match.query, listed).summary + "; ↑↓ picks one"

    def _refilter(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        self.picked = False
        scored: list[tuple[float, Stakeholder, Content]] = []
        if query.strip():
            self.match = match_person(self._people, query)
            matcher = Matcher(query)
            named = [person for _, person in rank_people(self._people, query)]
            others: list[tuple[float, Stakeholder, Content]] = []
            listed = {person.id for person in named}
            for person in self._people:
                if person.id in listed:
                    continue
                score = matcher.match(shown(f"{person.name}  {person.title} {person.department}"))
                if score > 0:
                    others.append((score, person, self._label(person, matcher)))
            others.sort(key=lambda item: -item[0])
            scored = [(1.0, p, self._label(p, matcher)) for p in named] + others
        else:
            self.match = None
            scored = [
                (0.0, p, plain(f"{p.name}  {p.title} {p.department}".rstrip()))
                for p in self._people
            ]
        options.add_options(Option(label, id=person.id) for _, person, label in scored[:_MAX_SHOWN])
        if options.option_count:
            options.highlighted = 0
        self.post_message(self.Changed(self))

    @staticmethod
    def _label(person: Stakeholder, matcher: Matcher) -> Content:
        text = shown(f"{person.name}  {person.title} {person.department}".rstrip())
        # highlight() reads its argument as markup: escape the name.
        return matcher.highlight(as_markup(text))

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._refilter(event.value)

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.picked = True
        self.post_message(self.Changed(self))
