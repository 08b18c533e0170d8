"""The map screen's time keys: log a touch, next steps, reviews and what changed.

A base class of ``MainScreen`` rather than more methods in it: the map screen
already owns editing, saving and the views, and these actions only need a
few of its services (``after_edit``, ``select``), declared here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

from stakemap.records import Review
from stakemap.session import Session
from stakemap.timeline.interactions import Logged, next_steps
from stakemap.timeline.reviews import describe_review
from stakemap.tui.screens.changes import ChangesScreen
from stakemap.tui.screens.next_steps import NextStepsScreen
from stakemap.tui.screens.review_form import ReviewForm
from stakemap.tui.screens.touch_form import TouchForm

__all__ = ["MapTimeline"]


class MapTimeline(Screen[None]):
    """Touches, next steps, reviews and changes, for the open map."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "t",
            "log_touch",
            "Touch",
            show=False,
            tooltip="Log a touch with the selected person",
            id="person.touch",
        ),
        Binding(
            "n",
            "next_steps",
            "Next steps",
            show=False,
            tooltip="Open next steps, overdue first",
            id="map.next_steps",
        ),
        Binding(
            "w",
            "changes",
            "Changes",
            show=False,
            tooltip="What changed since the last review",
            id="map.changes",
        ),
    ]

    # Provided by the map screen.
    session: Session
    selected: str | None
    today: date | None

    def after_edit(self, focus: str | None) -> None:
        raise NotImplementedError

    def after_form(self, saved: bool) -> None:
        raise NotImplementedError

    def select(self, pid: str | None, *, show: bool = False) -> None:
        raise NotImplementedError

    def focus_table(self) -> None:
        raise NotImplementedError

    @property
    def day(self) -> date:
        """The app's today: fixed in tests, the calendar's otherwise."""
        return self.today or date.today()

    # --- touches --------------------------------------------------------------------

    async def action_log_touch(self) -> None:
        if self.selected is not None:
            await self.log_touch_with(self.selected)

    async def log_touch_with(self, pid: str, then: Callable[[], None] | None = None) -> None:
        """Open the touch form for ``pid``; ``then`` runs after it closes (next steps)."""
        today = self.day

        def save(fields: dict[str, Any]) -> Logged:
            return self.session.log_touch(pid, fields, today=today)

        def done(logged: Logged | None) -> None:
            if logged is not None:
                self.selected = pid
                self.notify(logged.describe(), title="Logged", timeout=5)
            self.after_form(logged is not None)
            if then is not None:
                then()

        # Awaited: keys typed right after ``t`` wait until the form has focused
        # its summary (``tui.typeahead``).
        await self.app.push_screen(TouchForm(self.session.map.person(pid), save, today=today), done)

    def announce_steps(self) -> None:
        """On opening a map: say how many promises are late, where the rep will see it."""
        late = sum(1 for step in next_steps(self.session.map, today=self.day) if step.overdue)
        if late:
            steps = "next step is" if late == 1 else "next steps are"
            self.notify(f"{late} {steps} overdue: n lists them.", title="Next steps", timeout=6)

    # --- next steps -----------------------------------------------------------------

    def action_next_steps(self) -> None:
        def close(iid: str) -> str:
            closed = self.session.close_step(iid)
            self.after_edit(self.selected)
            return closed.describe()

        def chosen(pid: str | None) -> None:
            if pid is not None and pid in self.session.map:
                self.select(pid, show=True)
                self.focus_table()

        steps = NextStepsScreen(self.session, close, self.log_touch_with, today=self.day)
        self.app.push_screen(steps, chosen)

    # --- reviews and changes --------------------------------------------------------------

    def record_review(self, label: str) -> Review:
        """Record a review now (undoable, saved like any edit) and say what was kept."""
        review = self.session.record_review(label=label, today=self.day)
        self.after_edit(self.selected)
        self.notify(
            f"Recorded {describe_review(review)}. w shows what changes from here.",
            title="Review",
            timeout=6,
        )
        return review

    async def action_record_review(self) -> None:
        await self.app.push_screen(ReviewForm(self.record_review, today=self.day))

    def action_changes(self) -> None:
        def chosen(pid: str | None) -> None:
            if pid is not None and pid in self.session.map:
                self.select(pid, show=True)
                self.focus_table()

        self.app.push_screen(
            ChangesScreen(self.session, self.record_review, today=self.day), chosen
        )
