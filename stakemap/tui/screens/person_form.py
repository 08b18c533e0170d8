"""Add or edit a stakeholder: every field, a Select for every vocabulary."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Select, TextArea

from stakemap.errors import StakemapError
from stakemap.owners import spell_owner
from stakemap.records import Stakeholder
from stakemap.session import Keep
from stakemap.tui.format import shown
from stakemap.tui.screens.form import FormScreen
from stakemap.tui.widgets.checkbox import GlyphCheckbox
from stakemap.vocab import Coverage, Fear, Influence, Mode, Relationship, Role, Stance, label

__all__ = ["PersonForm"]

#: The vocabulary fields, in form order, with their help line.
_CHOICES: tuple[tuple[str, type[StrEnum], str], ...] = (
    ("role", Role, "their part in the decision"),
    ("stance", Stance, "toward the initiative"),
    ("influence", Influence, "weight in the decision"),
    ("coverage", Coverage, "how well you have reached them"),
    ("mode", Mode, "readiness for change"),
    ("fear_of_failure", Fear, "their personal risk if it fails"),
)
_LINES: tuple[tuple[str, str, str], ...] = (
    ("name", "Name", "required"),
    ("title", "Title", ""),
    ("department", "Department", ""),
    ("email", "Email", ""),
)
_TEXTS: tuple[tuple[str, str, str], ...] = (
    ("priorities", "Priorities", "one per line, most important first"),
    ("drivers", "Drivers", "what they want to achieve"),
    ("constraints", "Constraints", "what stops them"),
    ("fears", "Fears", "what they could lose"),
    ("notes", "Notes", "private: left out of redacted exports"),
)

#: What a new person starts with: the model's own defaults.
_NEW: dict[str, Any] = {
    "role": Role.UNKNOWN,
    "stance": Stance.UNKNOWN,
    "influence": Influence.LOW,
    "coverage": Coverage.NONE,
    "mode": Mode.UNKNOWN,
    "fear_of_failure": Fear.UNKNOWN,
    "veto": False,
    "priorities": (),
    "relationship": Relationship.NONE,
}

#: Applies the form: its fields (only the changed ones when editing) and whose
#: value wins a clash with an outside change (``None``: ask).
Submit = Callable[[dict[str, Any], Keep | None], Stakeholder]


#: the mark's "no mark" choice: the rules then match the initiative by its words
_NO_MARK_LABEL = "none marked (matched by its words)"


def _mark_options(priorities: Sequence[str]) -> list[tuple[Content, str]]:
    """One choice per priority (numbered, as plain text: a priority is user text)."""
    numbered = [(Content(f"{n}. {item}"), item) for n, item in enumerate(priorities, start=1)]
    return [(Content(_NO_MARK_LABEL), ""), *numbered]


class PersonForm(FormScreen[Stakeholder]):
    """Returns the stored ``Stakeholder`` (with its id), or ``None`` if cancelled.

    Enter in the Name field saves only while every other field is as the form
    opened (a quick "a, Leah Park, Enter": the name is the one required field
    and the rest stays default); once anything else was filled in, the person
    is being written up, and Enter in Name moves on instead of saving them
    half-done. Enter in any other one-line field saves; ctrl+s saves anywhere.
    """

    KEYS_HINT = "enter: save (in Name: only if nothing else is filled in) · tab next field"

    def __init__(
        self,
        submit: Submit,
        *,
        person: Stakeholder | None = None,
        departments: Sequence[str] = (),
        defaults: Mapping[str, Any] | None = None,
        team: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self._submit = submit
        self.person = person
        self._departments = list(departments)
        self._team = tuple(team)
        self._defaults = dict(defaults or {})
        #: the priorities the mark's Select offers now (rebuilt when they change)
        self._mark_choices: list[str] = []

    def form_title(self) -> str:
        return f"Edit {self.person.name}" if self.person else "Add a stakeholder"

    def _initial(self, name: str) -> Any:
        if self.person is not None:
            return getattr(self.person, name)
        if name in self._defaults:
            return self._defaults[name]
        return _NEW.get(name, "")

    def compose_fields(self) -> ComposeResult:
        # Values go into the inputs with terminal controls and bidi overrides as
        # visible escapes (an input paints its text raw). An untouched field is
        # not submitted (``changed_values``), so the stored text stays exact; an
        # edited one keeps the escape as visible text.
        for name, title, hint in _LINES:
            widget = Input(shown(str(self._initial(name) or "")), placeholder=title)
            if name == "department" and self._departments:
                widget.suggester = SuggestFromList(self._departments, case_sensitive=False)
            yield from self.field(name, widget, title, hint)
        for name, enum, hint in _CHOICES:
            select: Select[str] = Select(
                [(label(member), member.value) for member in enum],
                value=str(self._initial(name) or next(iter(enum)).value),
                allow_blank=False,
            )
            yield from self.field(name, select, name.replace("_", " ").capitalize(), hint)
        yield from self.field(
            "veto",
            GlyphCheckbox("can stop the initiative alone", bool(self._initial("veto"))),
            "Veto",
        )
        yield from self.field(
            "last_contact",
            Input(str(self._initial("last_contact") or ""), placeholder="YYYY-MM-DD"),
            "Last contact",
            "date, e.g. 2026-11-30",
        )
        # A free field that completes from the team, not a Select of it: a new
        # teammate can own someone before the account lists them (they are
        # warned about), and a teammate who left still shows as the owner.
        owner = Input(shown(str(self._initial("owner") or "")))
        if self._team:
            owner.suggester = SuggestFromList(self._team, case_sensitive=False)
        team = ", ".join(self._team) if self._team else "none listed yet (A edits the account)"
        yield from self.field("owner", owner, "Owner", f"teammate holding them; team: {team}")
        relationship: Select[str] = Select(
            [(label(member), member.value) for member in Relationship],
            value=str(self._initial("relationship") or Relationship.NONE.value),
            allow_blank=False,
        )
        yield from self.field(
            "relationship", relationship, "Relationship", "how well the owner knows them"
        )
        for name, title, hint in _TEXTS:
            value = self._initial(name)
            text = "\n".join(value) if name == "priorities" else str(value or "")
            area = TextArea(
                shown(text, multiline=True),
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
            )
            area.add_class("form-text")
            yield from self.field(name, area, title, hint)
            if name == "priorities":
                yield from self._initiative_field()

    def _initiative_field(self) -> ComposeResult:
        marked = str(self._initial("initiative_priority") or "")
        priorities = [str(item) for item in self._initial("priorities") or ()]
        self._mark_choices = priorities
        select: Select[str] = Select(
            _mark_options(priorities),
            value=marked if marked in priorities else "",
            allow_blank=False,
        )
        yield from self.field(
            "initiative_priority",
            select,
            "Initiative is",
            "which priority is the initiative; with none, stakemap matches it by its words",
        )

    def _priority_lines(self) -> list[str]:
        text = self.query_one("#field-priorities", TextArea).text
        return [line for line in text.splitlines() if line.strip()]

    def _refresh_marks(self) -> None:
        """The mark's choices follow the priorities as they are typed; a mark
        whose text was edited away falls back to none rather than dangling."""
        select = self.query_one("#field-initiative_priority", Select)
        lines = self._priority_lines()
        keep = select.value if select.value in lines else ""
        if lines != self._mark_choices:
            self._mark_choices = lines
            select.set_options(_mark_options(lines))
        if select.value != keep:
            select.value = keep

    def values(self) -> dict[str, Any]:
        """The form's content as model fields (not yet validated)."""
        data: dict[str, Any] = {}
        for name, _, _ in _LINES:
            data[name] = self.query_one(f"#field-{name}", Input).value
        for name, _, _ in _CHOICES:
            data[name] = self.query_one(f"#field-{name}", Select).value
        data["veto"] = self.query_one("#field-veto", Checkbox).value
        data["last_contact"] = self.query_one("#field-last_contact", Input).value
        owner = self.query_one("#field-owner", Input).value
        # the team's own spelling, as the CLI stores it ("ann lee" -> "Ann Lee")
        data["owner"] = spell_owner(self._team, owner)
        data["relationship"] = self.query_one("#field-relationship", Select).value
        for name, _, _ in _TEXTS:
            text = self.query_one(f"#field-{name}", TextArea).text
            data[name] = (
                [line for line in text.splitlines() if line.strip()]
                if name == "priorities"
                else text
            )
        marked = self.query_one("#field-initiative_priority", Select).value
        data["initiative_priority"] = marked if marked in data["priorities"] else ""
        return data

    def enter_saves(self, name: str) -> bool:
        if name != "name":
            return True
        changed = self.changed_values()
        changed.pop("name", None)
        return not changed

    def check_field(self, name: str) -> str | None:
        try:
            Stakeholder.parse_fields({name: self.values()[name]}, partial=True)
        except StakemapError as exc:
            return str(exc)
        return None

    def submit(self) -> Stakeholder:
        if self.person is None:
            return self._submit(self.values(), self.keep)
        return self._submit(self.changed_values(), self.keep)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _changed(self, event: Input.Changed | Select.Changed | TextArea.Changed) -> None:
        widget_id = event.control.id or ""
        if widget_id == "field-priorities":
            self._refresh_marks()
        if widget_id.startswith("field-"):
            self.revalidate(widget_id.removeprefix("field-"))
