"""Next steps: every promise still open, overdue first, the rep's morning list.

Opened over the map (``n`` or the palette). Enter returns the step's person,
whom the map then selects; ``x`` closes a step and ``t`` logs a touch with its
person, both through callbacks the map screen gives, so each edit is
undoable and saved like any other.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from stakemap.errors import StakemapError
from stakemap.session import Session
from stakemap.timeline.interactions import NextStep, next_steps
from stakemap.tui.widgets.step_list import StepList

__all__ = ["NextStepsScreen", "steps_heading"]

#: Marks a step done (the map screen's edit: undoable, saved); returns the toast.
CloseStep = Callable[[str], str]
#: Opens the touch form for a person (the map screen's); ``then`` runs once it closes.
LogTouch = Callable[[str, Callable[[], None]], Awaitable[None]]

_EMPTY = (
    "No open next steps. Log a touch with a next step and a due date "
    "(t on a person) and it is listed here until you mark it done."
)


def steps_heading(steps: list[NextStep]) -> Content:
    """ "Next steps  2 overdue · 5 open"."""
    overdue = sum(1 for s in steps if s.overdue)
    counts = f"{len(steps)} open"
    return Content.assemble(
        ("Next steps  ", "bold"),
        (f"{overdue} overdue", "bold $text-error") if overdue else ("none overdue", "$text-muted"),
        (f" · {counts}", "$text-muted"),
    )


class NextStepsScreen(Screen[str | None]):
    """Returns the person to select on the map, or ``None`` (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "t",
            "log_touch",
            "Log touch",
            tooltip="Log a touch with the step's person",
            id="steps.touch",
        ),
        Binding("escape,n", "back", "Back", tooltip="Back to the map", id="steps.back"),
    ]

    def __init__(
        self, session: Session, close: CloseStep, log_touch: LogTouch, *, today: date
    ) -> None:
        super().__init__()
        self.session = session
        self._close = close
        self._log_touch = log_touch
        self.today = today
        self.steps: list[NextStep] = []

    def compose(self) -> ComposeResult:
        yield Static(id="steps-head", classes="timeline-head")
        yield StepList(id="steps-list")
        yield Static(id="steps-empty", classes="timeline-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_steps()
        self.query_one(StepList).focus()

    def refresh_steps(self) -> None:
        self.steps = next_steps(self.session.map, today=self.today)
        self.query_one("#steps-head", Static).update(steps_heading(self.steps))
        self.query_one(StepList).show_steps(self.steps)
        empty = self.query_one("#steps-empty", Static)
        empty.update(Content.styled(_EMPTY, "$text-muted") if not self.steps else "")
        empty.display = not self.steps
        self.query_one(StepList).display = bool(self.steps)

    @on(OptionList.OptionSelected, "#steps-list")
    def _go(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        iid = event.option.id
        if iid is not None and iid in {s.interaction.id for s in self.steps}:
            self.dismiss(self.session.map.interaction(iid).person)

    @on(StepList.DoneRequested)
    def _done(self, event: StepList.DoneRequested) -> None:
        try:
            message = self._close(event.iid)
        except StakemapError as exc:
            self.notify(str(exc), title="Not changed", severity="error")
            return
        self.notify(message, timeout=3)
        self.refresh_steps()

    async def action_log_touch(self) -> None:
        """The touch that keeps a promise is logged from here; ``x`` then closes it."""
        iid = self.query_one(StepList).highlighted_step
        if iid is not None:
            await self._log_touch(self.session.map.interaction(iid).person, self.refresh_steps)

    def action_back(self) -> None:
        self.dismiss(None)
