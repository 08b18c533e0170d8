"""Add a link from the selected person: pick the other person, the kind, the strength."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Select, Static

from stakemap.errors import ValidationError
from stakemap.model import StakeMap
from stakemap.records import Link
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
    """Returns the new ``Link``, or ``None`` if cancelled.

    The person list is focused first; Enter there saves with the highlighted
    match, so "l, type two letters, Enter" links two people.
    """

    SAVE_LABEL = "Link"

    def __init__(self, stakemap: StakeMap, pid: str, submit: Submit) -> None:
        super().__init__()
        self._map = stakemap
        self._pid = pid
        self._submit = submit

    def form_title(self) -> str:
        return f"Link {self._map.person(self._pid).name} with…"

    def compose_fields(self) -> ComposeResult:
        others = [p for p in self._map.people if p.id != self._pid]
        yield from self.field("other", PersonPicker(others), "Other person", "fuzzy: type any part")
        me = self._map.person(self._pid).name
        yield from self.field(
            "direction",
            Select(
                [(plain(f"{me} → other"), "out"), (plain(f"other → {me}"), "in")],
                value="out",
                allow_blank=False,
            ),
            "Direction",
        )
        yield from self.field(
            "kind",
            Select(
                [(text, kind.value) for kind, text in _KINDS.items()],
                value=LinkKind.INFLUENCES.value,
                allow_blank=False,
            ),
            "Kind",
        )
        yield from self.field(
            "strength",
            Select(list(_STRENGTHS), value=2, allow_blank=False),
            "Strength",
            "influence and conflict links",
        )
        yield Static(id="link-preview")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(PersonPicker).input.focus()
        self._preview()

    def _draft(self) -> tuple[str, str, LinkKind, int | None] | None:
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
            preview.update(Content.styled("Nobody matches: change the search.", "$text-warning"))
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
            raise ValidationError("other", "", reason="choose the other person from the list")
        return self._submit(*draft)
