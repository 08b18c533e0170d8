"""Influence around one person: who they sway, who sways them, and the path to them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from stakemap.model import StakeMap
from stakemap.tui.format import plain, shown, stance
from stakemap.tui.messages import PersonPicked
from stakemap.tui.viewmodel import (
    Neighbour,
    PathStep,
    champion_route,
    describe_step,
    influence_neighbours,
)
from stakemap.vocab import LINK_WORDS, LinkKind, Stance

__all__ = ["InfluenceView"]


class NeighbourList(OptionList):
    """People around the selected one; Enter makes that person the selection."""

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(PersonPicked(event.option.id.split(":", 1)[1]))


def _strength(n: int) -> str:
    return "●" * n + "○" * (3 - n)


class InfluenceView(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="influence-head")
        yield Static(id="influence-path")
        yield NeighbourList(id="influence-list")

    def show_map(self, stakemap: StakeMap, pid: str | None) -> None:
        head = self.query_one("#influence-head", Static)
        path_box = self.query_one("#influence-path", Static)
        options = self.query_one(NeighbourList)
        options.clear_options()
        if pid is None or pid not in stakemap:
            head.update(
                Content.styled("Select a person to see who influences them.", "$text-muted")
            )
            path_box.update("")
            return
        person = stakemap.person(pid)
        head.update(
            Content.assemble(
                ("Influence around ", "bold"),
                (shown(person.name), "bold $text-accent"),
                "  ",
                stance(person.stance),
            )
        )
        path_box.update(self._path(stakemap, pid))
        around = influence_neighbours(stakemap, pid)
        sections: list[tuple[str, tuple[Neighbour, ...], bool]] = [
            (
                f"{shown(person.name)} {LINK_WORDS[LinkKind.INFLUENCES].verb}",
                around.influences,
                True,
            ),
            (f"Influences {shown(person.name)}", around.influenced_by, True),
            ("In conflict with", around.conflicts, True),
            ("Reports to", (around.manager,) if around.manager else (), False),
            ("Manages", around.reports, False),
        ]
        items: list[Option | None] = []
        for section, (title, members, strength) in enumerate(sections):
            items.append(Option(Content.styled(f"{title} ({len(members)})", "bold"), disabled=True))
            if not members:
                items.append(Option(Content.styled("  nobody", "$text-muted"), disabled=True))
            for n in members:
                mark = f"  {_strength(n.link.strength)} " if strength else "  "
                items.append(
                    Option(
                        Content.assemble(
                            (mark, "$text-accent"),
                            shown(n.person.name),
                            "  ",
                            stance(n.person.stance),
                        ),
                        id=f"{section}:{n.person.id}",
                    )
                )
        options.add_options(items)

    def _path(self, stakemap: StakeMap, pid: str) -> Content:
        person = stakemap.person(pid)
        if person.stance is Stance.CHAMPION:
            return plain(f"{person.name} is a champion.", "$text-success")
        route = champion_route(stakemap, pid)
        if route is None:
            return Content.styled(
                "No influence path from a champion (or supporter) reaches them: "
                "find someone who can.",
                "$text-warning",
            )
        lead = (
            "Path from the nearest champion: "
            if route.from_champion
            else "No champion reaches them. Path from the nearest supporter: "
        )
        parts: list[Content] = [Content.styled(lead, "$text-muted")]
        first = stakemap.person(route.source)
        parts.append(Content.assemble((shown(first.name), "bold"), " (", stance(first.stance), ")"))
        for hop in route.hops:
            step = PathStep(hop.source, hop.target, hop.kind, hop.strength, hop.forward)
            parts.append(Content.styled(f" —{describe_step(stakemap, step)}→ ", "$text-muted"))
            parts.append(plain(stakemap.person(step.target).name, "bold"))
        return Content.assemble(*parts)
