"""The power grid: key players vs the rest, supportive vs not, names in each box."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.widgets import Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from stakemap.model import StakeMap
from stakemap.tui.format import shown, stance
from stakemap.tui.viewmodel import Quadrant, power_grid
from stakemap.tui.widgets.person_options import PersonOptions

__all__ = ["PowerGrid"]

#: Box title and the one-line advice shown under it.
_BOXES: dict[Quadrant, tuple[str, str]] = {
    Quadrant.WIN_OVER: ("Win over", "key players, neutral or opposed"),
    Quadrant.KEEP_CLOSE: ("Keep close", "key players on your side"),
    Quadrant.WATCH: ("Watch", "no formal power, neutral or opposed"),
    Quadrant.USE: ("Use", "supporters without power: coaches, sources"),
    Quadrant.UNKNOWN: ("Unknown stance", "place them: ask where they stand"),
}


class QuadrantList(PersonOptions):
    """The people in one box; option ids are stakeholder ids."""


class PowerGrid(Vertical):
    """Rows: key players on top. Columns: opposed or neutral on the left, supportive right."""

    def compose(self) -> ComposeResult:
        with Grid(id="grid-boxes"):
            for quadrant in (
                Quadrant.WIN_OVER,
                Quadrant.KEEP_CLOSE,
                Quadrant.WATCH,
                Quadrant.USE,
            ):
                yield from self._box(quadrant)
        yield from self._box(Quadrant.UNKNOWN)

    def _box(self, quadrant: Quadrant) -> ComposeResult:
        slug = quadrant.value.replace(" ", "-")
        with Vertical(classes=f"grid-box box-{slug}", id=f"box-{slug}"):
            yield Static(id=f"title-{slug}", classes="grid-title")
            yield QuadrantList(id=f"list-{slug}")

    def show_map(self, stakemap: StakeMap, selected: str | None) -> None:
        grid = power_grid(stakemap.people)
        for quadrant, members in grid.items():
            slug = quadrant.value.replace(" ", "-")
            title, hint = _BOXES[quadrant]
            self.query_one(f"#title-{slug}", Static).update(
                Content.assemble(
                    (title, "bold"), (f" ({len(members)})", "bold"), (f"  {hint}", "$text-muted")
                )
            )
            options = self.query_one(f"#list-{slug}", QuadrantList)
            options.clear_options()
            options.add_options(
                Option(
                    Content.assemble(
                        shown(person.name),
                        "  ",
                        stance(person.stance),
                        (" veto" if person.veto else "", "$text-error"),
                    ),
                    id=person.id,
                )
                for person in members
            )
        self.select_person(selected)

    def select_person(self, pid: str | None) -> None:
        """Highlight ``pid`` in their box, and nothing in the other boxes."""
        for options in self.query(QuadrantList):
            try:
                options.highlighted = options.get_option_index(pid or "")
            except OptionDoesNotExist:
                options.highlighted = None

    def focus_selected(self) -> None:
        """Focus the box holding the highlighted person (else the first non-empty box)."""
        boxes = list(self.query(QuadrantList))
        target = next((b for b in boxes if b.highlighted is not None), None)
        target = target or next((b for b in boxes if b.option_count), boxes[0])
        target.focus()
