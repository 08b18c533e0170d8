"""Open next steps, one per row: when it is due, with whom, and what was promised."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from stakemap.timeline.interactions import NextStep
from stakemap.tui.format import shown

__all__ = ["StepList", "step_line"]


def step_line(step: NextStep, *, when_width: int = 0, name_width: int = 0) -> Content:
    """ "3 days late (due 2026-11-27)  Henrik Aalto  send the ROI model", the first
    two columns padded to the widths given (so a list reads as a table)."""
    if step.overdue:
        style = "bold $text-error"
    elif step.days_left == 0:
        style = "bold $text-warning"
    else:
        style = "$text-muted"
    when, name = step.when(), shown(step.person.name)
    return Content.assemble(
        (when + " " * (when_width - cell_len(when)), style),
        "  ",
        (name + " " * (name_width - cell_len(name)), "bold"),
        "  ",
        shown(step.interaction.next_step),
    )


class StepList(OptionList):
    """Option ids are interaction ids. Enter goes to the person, ``x`` marks it done."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select",
            "Go to",
            tooltip="Select the step's person on the map",
            id="steps.go",
        ),
        Binding(
            "x",
            "done",
            "Done",
            tooltip="Mark the highlighted next step done",
            id="steps.done",
        ),
    ]

    class DoneRequested(Message):
        def __init__(self, iid: str) -> None:
            super().__init__()
            self.iid = iid

    def show_steps(self, steps: list[NextStep]) -> None:
        highlighted = self.highlighted
        self.clear_options()
        when = max((cell_len(s.when()) for s in steps), default=0)
        # Names wider than a third of a terminal are not padded to: steps stay in sight.
        name = min(max((cell_len(shown(s.person.name)) for s in steps), default=0), 24)
        self.add_options(
            [
                Option(step_line(s, when_width=when, name_width=name), id=s.interaction.id)
                for s in steps
            ]
        )
        if steps:
            self.highlighted = min(highlighted or 0, len(steps) - 1)

    @property
    def highlighted_step(self) -> str | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        return self.get_option_at_index(self.highlighted).id

    def action_done(self) -> None:
        iid = self.highlighted_step
        if iid is not None:
            self.post_message(self.DoneRequested(iid))
