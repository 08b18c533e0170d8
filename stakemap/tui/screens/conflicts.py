"""Merge conflicts, one by one: the record, the field, base / ours / theirs, who and when.

Opened over the map (``M``, the banner's key, or the palette). ``o`` keeps
our value, ``t`` takes theirs, ``e`` opens the value to type one; each goes
through the map screen's ``settle`` (``Session.resolve_conflict``: validated,
undoable, saved), and the next conflict comes up. After the last one the
screen closes: the map is clean.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from stakemap.errors import StakemapError
from stakemap.model import StakeMap
from stakemap.records import Conflict
from stakemap.session import Session
from stakemap.team.conflicts import (
    Side,
    conflicts_phrase,
    current_record,
    current_text,
    kind_phrase,
    show_value,
    subject,
    when,
)
from stakemap.tui.format import plain
from stakemap.tui.screens.form import FormScreen
from stakemap.vocab import ConflictKind

__all__ = ["ConflictValueForm", "ConflictsScreen", "Settle", "conflict_detail"]

#: Settles one conflict (the map screen's edit: undoable, saved); returns the toast.
Settle = Callable[[str, Side | None, str | None], str]

#: Widest side label padded to, so long teammates' names do not push values off screen.
_LABEL_WIDTH = 14
#: How much of each value the detail shows on its line (fits 80 columns).
_VALUE_WIDTH = 38


def _side(value: object, deleted: bool) -> str:
    if deleted:
        return "deleted it" if value is None else "changed it"
    return show_value(value, _VALUE_WIDTH)


def conflict_detail(stakemap: StakeMap, conflict: Conflict) -> Content:
    """The highlighted conflict: what it is about, then who holds which value since when."""
    deleted = conflict.kind is ConflictKind.DELETED
    present = current_record(stakemap, conflict) is not None
    if deleted:
        now = "kept meanwhile" if present else "not in the map: it could not take it"
    elif not present:
        now = "the record is no longer in the map"
    else:
        now = show_value(current_text(stakemap, conflict), _VALUE_WIDTH)
        if conflict.kind is ConflictKind.TEXT:
            now += " (both texts, marked)"
    # Each side's line starts with the key that takes it.
    rows: list[tuple[str, str, str | None]] = [
        (f"o {conflict.ours_label}", _side(conflict.ours, deleted), conflict.ours_modified),
        (f"t {conflict.theirs_label}", _side(conflict.theirs, deleted), conflict.theirs_modified),
        ("  now", now, None),
    ]
    if not deleted:  # a deleted record has no base value worth a line
        rows.insert(0, ("  base", _side(conflict.base, False), None))
    label_width = min(max(len(label) for label, _, _ in rows), _LABEL_WIDTH)
    value_width = max(len(value) for _, value, stamp in rows if stamp is not None)
    lines = [
        plain(subject(stakemap, conflict), "bold"),
        Content.styled(kind_phrase(conflict), "$text-muted"),
        Content(""),
    ]
    for label, value, stamp in rows:
        cells: list[Content | tuple[str, str]] = [
            plain(label[:label_width].ljust(label_width) + "  ", "bold"),
            plain(value.ljust(value_width) if stamp is not None else value),
        ]
        if stamp is not None:
            cells.append((f"  {when(stamp)}", "$text-muted"))
        lines.append(Content.assemble(*cells))
    return Content("\n").join(lines)


def conflict_option(stakemap: StakeMap, conflict: Conflict) -> Content:
    """One line of the list: the record, then the field."""
    what = conflict.field or "deleted or changed"
    return Content.assemble(plain(subject(stakemap, conflict), "bold"), ("  ", ""), plain(what))


class ConflictValueForm(FormScreen[str]):
    """The value to keep, typed: starts from the merged map's, checked by the field's parser.

    Returns the toast of the settlement; a refused value is shown under the
    field and the form stays open, as in every form.
    """

    SAVE_LABEL: ClassVar[str] = "Keep"
    REFUSED: ClassVar[str] = "Not settled"

    def __init__(self, stakemap: StakeMap, conflict: Conflict, settle: Settle) -> None:
        super().__init__()
        self.conflict = conflict
        self._settle = settle
        self._title = f"Settle {subject(stakemap, conflict)}: {conflict.field}"
        self._start = current_text(stakemap, conflict)
        #: free text (notes, a rewritten paragraph) is edited over several lines.
        self.multiline = conflict.kind is ConflictKind.TEXT or "\n" in self._start

    def form_title(self) -> str:
        return self._title

    def compose_fields(self) -> ComposeResult:
        name = self.conflict.field
        if self.multiline:
            area = TextArea(self._start, soft_wrap=True, show_line_numbers=False)
            area.add_class("form-text")
            yield from self.field(name, area, name, "ctrl+s keeps this text")
        else:
            yield from self.field(name, Input(self._start), name, "enter keeps this value")

    def values(self) -> dict[str, str]:
        widget = self.query_one(f"#field-{self.conflict.field}")
        text = widget.text if isinstance(widget, TextArea) else self.query_one(Input).value
        return {self.conflict.field: text}

    def submit(self) -> str:
        return self._settle(self.conflict.id, None, self.values()[self.conflict.field])


class ConflictsScreen(Screen[None]):
    """Every conflict of the open map; settling the last one closes the screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "take('ours')", "Ours", tooltip="Keep our value", id="conflicts.ours"),
        Binding("t", "take('theirs')", "Theirs", tooltip="Take their value", id="conflicts.theirs"),
        Binding("e", "edit", "Edit", tooltip="Type the value to keep", id="conflicts.edit"),
        Binding("j", "move(1)", "Next", show=False, tooltip="Next conflict", id="conflicts.next"),
        Binding(
            "k",
            "move(-1)",
            "Previous",
            show=False,
            tooltip="Previous conflict",
            id="conflicts.prev",
        ),
        Binding("escape", "back", "Back", tooltip="Back to the map", id="conflicts.back"),
    ]

    def __init__(self, session: Session, settle: Settle) -> None:
        super().__init__()
        self.session = session
        self._settle = settle

    def compose(self) -> ComposeResult:
        yield Static(id="conflicts-head", classes="timeline-head")
        yield OptionList(id="conflicts-list")
        yield Static(id="conflict-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_conflicts()
        self.query_one(OptionList).focus()

    @property
    def highlighted(self) -> Conflict | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        cid = options.get_option_at_index(options.highlighted).id or ""
        found = {c.id: c for c in self.session.map.conflicts}
        return found.get(cid)

    def refresh_conflicts(self) -> None:
        stakemap = self.session.map
        found = stakemap.conflicts
        self.query_one("#conflicts-head", Static).update(
            Content.assemble(
                ("Merge conflicts  ", "bold"),
                (f"{conflicts_phrase(len(found))} to settle", "$text-warning"),
                (" · o ours · t theirs · e edit", "$text-muted"),
            )
        )
        options = self.query_one(OptionList)
        index = options.highlighted or 0
        options.clear_options()
        options.add_options([Option(conflict_option(stakemap, c), id=c.id) for c in found])
        if found:
            options.highlighted = min(index, len(found) - 1)
        self._show_detail()

    def _show_detail(self) -> None:
        conflict = self.highlighted
        detail = self.query_one("#conflict-detail", Static)
        detail.update(conflict_detail(self.session.map, conflict) if conflict else "")

    @on(OptionList.OptionHighlighted, "#conflicts-list")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if delta > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_take(self, side: Side) -> None:
        conflict = self.highlighted
        if conflict is None:
            return
        try:
            message = self._settle(conflict.id, side, None)
        except StakemapError as exc:  # the model's refusal (a link that still cannot fit)
            self.notify(str(exc), title="Not settled", severity="error")
            return
        self._settled(message)

    def action_edit(self) -> None:
        conflict = self.highlighted
        if conflict is None:
            return
        if conflict.kind is ConflictKind.DELETED:
            self.notify(
                "A record deleted on one side is kept (o or t, whichever kept it) or "
                "deleted (the other): there is no value to type.",
                timeout=5,
            )
            return

        def done(message: str | None) -> None:
            if message is not None:
                self._settled(message)

        self.app.push_screen(ConflictValueForm(self.session.map, conflict, self._settle), done)

    def _settled(self, message: str) -> None:
        self.notify(message, timeout=4)
        if not self.session.map.conflicts:
            self.dismiss(None)
            return
        self.refresh_conflicts()

    def action_back(self) -> None:
        self.dismiss(None)
