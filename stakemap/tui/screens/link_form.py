"""Add a link from the selected person (pick the other person, the kind, the
strength), or edit one: the same form, prefilled, the two people fixed."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Select, Static

from stakemap.errors import ValidationError
from stakemap.model import StakeMap
from stakemap.records import Link
from stakemap.session import Session
from stakemap.tui.format import plain, shown
from stakemap.tui.screens.form import FormScreen
from stakemap.tui.widgets.person_picker import PersonPicker
from stakemap.vocab import LINK_WORDS, LinkKind, link_sentence

__all__ = ["LinkForm"]

#: kind -> what the link means, read from the first person to the second.
_KINDS: dict[LinkKind, str] = {
    kind: LINK_WORDS[kind].verb
    for kind in (LinkKind.INFLUENCES, LinkKind.REPORTS_TO, LinkKind.DOTTED_LINE, LinkKind.CONFLICTS)
}
_STRENGTHS = (("1 weak", 1), ("2 medium", 2), ("3 strong", 3))

Submit = Callable[[str, str, LinkKind, int | None], Link]


class LinkForm(FormScreen[Link]):
    """Returns the new (or edited) ``Link``, or ``None`` if cancelled.

    Adding, the person list is focused first; Enter there saves with the
    highlighted match, so "l, type two letters, Enter" links two people.
    Editing (``link`` given), the other person is fixed (a link to someone
    else is another link) and the kind is focused; ``submit`` gets the same
    four values, and saving is one undo step.
    """

    SAVE_LABEL = "Link"

    def __init__(
        self, stakemap: StakeMap, pid: str, submit: Submit, *, link: Link | None = None
    ) -> None:
        super().__init__()
        self._map = stakemap
        self._pid = pid
        self._submit = submit
        self._link = link

    @classmethod
    def editing_link(cls, session: Session, pid: str, lid: str) -> LinkForm:
        """The form that edits link ``lid`` from ``pid``'s side, saving through ``session``."""

        def submit(source: str, target: str, kind: LinkKind, strength: int | None) -> Link:
            extra = {} if strength is None else {"strength": strength}
            return session.update_link(lid, source=source, target=target, kind=kind, **extra)

        return cls(session.map, pid, submit, link=session.map.link(lid))

    @property
    def editing(self) -> Link | None:
        """The link being edited, or None when adding one."""
        return self._link

    def form_title(self) -> str:
        me = self._map.person(self._pid).name
        if self._link is not None:
            return f"Edit the link between {me} and {self._map.person(self._other_end()).name}"
        return f"Link {me} with…"

    def keys_hint(self) -> str:
        hint = super().keys_hint()
        return hint.replace("enter: link", "enter: save") if self._link is not None else hint

    def _other_end(self) -> str:
        assert self._link is not None
        return self._link.target if self._link.source == self._pid else self._link.source

    def compose_fields(self) -> ComposeResult:
        link = self._link
        me = self._map.person(self._pid).name
        if link is None:
            others = [p for p in self._map.people if p.id != self._pid]
            yield from self.field(
                "other", PersonPicker(others), "Other person", "name, prefix or initials"
            )
            other = "other"
        else:
            other = self._map.person(self._other_end()).name
        yield from self.field(
            "direction",
            Select(
                [(plain(f"{me} → {other}"), "out"), (plain(f"{other} → {me}"), "in")],
                value="out" if link is None or link.source == self._pid else "in",
                allow_blank=False,
            ),
            "Direction",
        )
        yield from self.field(
            "kind",
            Select(
                [(text, kind.value) for kind, text in _KINDS.items()],
                value=(LinkKind.INFLUENCES if link is None else link.kind).value,
                allow_blank=False,
            ),
            "Kind",
        )
        yield from self.field(
            "strength",
            Select(list(_STRENGTHS), value=2 if link is None else link.strength, allow_blank=False),
            "Strength",
            "influence and conflict links",
        )
        yield Static(id="link-preview")

    def on_mount(self) -> None:
        if self._link is not None:
            self.query_one("#form-save", Button).label = "Save (ctrl+s)"
        super().on_mount()
        self._preview()

    def first_field(self) -> Widget | None:
        """Adding, the person search; editing, the kind (the people are fixed)."""
        if self._link is None:
            return self.query_one(PersonPicker).input
        return self.query_one("#field-kind", Select)

    def values(self) -> dict[str, object]:
        """Direction, kind and strength as shown (what "changed since it opened" compares)."""
        return {
            name: self.query_one(f"#field-{name}", Select).value
            for name in ("direction", "kind", "strength")
        }

    def has_changes(self) -> bool:
        """Adding, a name typed in the search counts as a change too."""
        if self._link is None and self.query_one(PersonPicker).input.value.strip():
            return True
        return super().has_changes()

    def _draft(self) -> tuple[str, str, LinkKind, int | None] | None:
        if self._link is not None:
            other: str | None = self._other_end()
        else:
            other = self.query_one(PersonPicker).chosen
        if other is None:
            return None
        kind = LinkKind(str(self.query_one("#field-kind", Select).value))
        strength = self.query_one("#field-strength", Select).value
        weighted = kind in (LinkKind.INFLUENCES, LinkKind.CONFLICTS)
        if self.query_one("#field-direction", Select).value == "out":
            source, target = self._pid, other
        else:
            source, target = other, self._pid
        return source, target, kind, int(strength) if weighted else None  # type: ignore[arg-type]

    def _preview(self) -> None:
        draft = self._draft()
        preview = self.query_one("#link-preview", Static)
        kind = LinkKind(str(self.query_one("#field-kind", Select).value))
        self.query_one("#row-strength").display = LINK_WORDS[kind].weighted
        if draft is None:
            note = self.query_one(PersonPicker).ambiguity or "Nobody matches: change the search."
            preview.update(Content.styled(shown(note), "$text-warning"))
            return
        source, target, kind, strength = draft
        text = link_sentence(
            self._map.person(source).name, kind, self._map.person(target).name, strength
        )
        preview.update(Content.assemble(("Will save: ", "$text-muted"), (shown(text), "bold")))

    @on(PersonPicker.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self.set_error("other", None)
        self._preview()

    def submit(self) -> Link:
        draft = self._draft()
        if draft is None:
            ambiguity = self.query_one(PersonPicker).ambiguity
            reason = ambiguity or "choose the other person from the list"
            raise ValidationError("other", "", reason=reason)
        return self._submit(*draft)
