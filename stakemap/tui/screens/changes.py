"""What changed: the map now against a review (the latest unless another is picked).

The same lines as ``stakemap diff --since`` (``timeline.wording.change_lines``),
each change about a person selectable: Enter returns that person and the map
selects them. The comparison analyses the whole map, so it runs in a thread
worker and the screen says "comparing…" meanwhile; nothing edits the map while
this screen is on top (recording a review goes through the map screen).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from stakemap.analysis.snapshot import changes_since
from stakemap.model import StakeMap
from stakemap.records import Review
from stakemap.session import Session
from stakemap.timeline.wording import Line, change_lines
from stakemap.tui.format import plain
from stakemap.tui.screens.review_form import ReviewForm
from stakemap.tui.screens.review_picker import ReviewPicker
from stakemap.tui.widgets.change_list import ChangeList

__all__ = ["NO_REVIEWS", "ChangesScreen"]

#: Records a review (the map screen's edit: undoable, saved) and says so.
RecordReview = Callable[[str], Review]

NO_REVIEWS = (
    "No reviews yet, so there is nothing to compare with. Record one now with r "
    "(or the palette: map: record review; or stakemap review PATH); "
    "what changes after it is listed here."
)


class ChangesScreen(Screen[str | None]):
    """Returns the person to select on the map, or ``None`` (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "p", "pick", "Pick review", tooltip="Compare with another review", id="changes.pick"
        ),
        Binding(
            "r",
            "record",
            "Record review",
            tooltip="Record a review of the map as it is today",
            id="changes.record",
        ),
        Binding("escape,w", "back", "Back", tooltip="Back to the map", id="changes.back"),
    ]

    def __init__(
        self, session: Session, record: RecordReview, *, today: date, review: str | None = None
    ) -> None:
        super().__init__()
        self.session = session
        self._record = record
        self.today = today
        #: the review compared with (an id); ``None``: the latest.
        self.review_id = review
        #: the lines on screen, once the comparison is done.
        self.lines: list[Line] = []

    def compose(self) -> ComposeResult:
        yield Static(id="changes-head", classes="timeline-head")
        yield ChangeList(id="changes-list")
        yield Static(id="changes-empty", classes="timeline-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_changes()
        self.query_one(ChangeList).focus()

    @property
    def review(self) -> Review | None:
        reviews = self.session.map.reviews
        if not reviews:
            return None
        chosen = {r.id: r for r in reviews}.get(self.review_id or "")
        return chosen or reviews[-1]

    def refresh_changes(self) -> None:
        review = self.review
        head = self.query_one("#changes-head", Static)
        empty = self.query_one("#changes-empty", Static)
        changes = self.query_one(ChangeList)
        if review is None:
            head.update(Content.styled("Changes", "bold"))
            empty.update(plain(NO_REVIEWS, "$text-muted"))
            empty.display, changes.display = True, False
            return
        reviews = self.session.map.reviews
        place = [r.id for r in reviews].index(review.id) + 1
        which = (
            "the latest review" if place == len(reviews) else f"review {place} of {len(reviews)}"
        )
        head.update(
            Content.assemble(
                ("Changes  ", "bold"),
                (f"since {which}", "$text-muted"),
                (" · p picks another · r records one", "$text-muted"),
            )
        )
        empty.update(Content.styled("Comparing with the review…", "$text-muted"))
        empty.display, changes.display = True, False
        self._compare(self.session.map, review.id)

    @work(thread=True, exclusive=True, group="changes", exit_on_error=False)
    def _compare(self, stakemap: StakeMap, rid: str) -> None:
        worker = get_current_worker()
        try:
            lines = change_lines(changes_since(stakemap, rid, today=self.today))
        except Exception as exc:  # whatever goes wrong, the screen says so and stays up
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, lines)

    def _show(self, lines: list[Line]) -> None:
        self.lines = lines
        changes = self.query_one(ChangeList)
        changes.show_lines(lines)
        self.query_one("#changes-empty", Static).display = False
        changes.display = True

    def _failed(self, reason: str) -> None:
        empty = self.query_one("#changes-empty", Static)
        empty.update(plain(f"Could not compare: {reason}", "$text-error"))

    @on(ChangeList.PersonChosen)
    def _chosen(self, event: ChangeList.PersonChosen) -> None:
        event.stop()
        if event.pid is None:
            self.notify("That line is not about one person.", timeout=3)
        elif event.pid not in self.session.map:
            self.notify("That person is no longer on the map.", timeout=3)
        else:
            self.dismiss(event.pid)

    def action_pick(self) -> None:
        reviews = self.session.map.reviews
        if not reviews:
            self.notify(NO_REVIEWS, timeout=6)
            return
        current = self.review

        def picked(rid: str | None) -> None:
            if rid is not None:
                self.review_id = rid
                self.refresh_changes()

        self.app.push_screen(ReviewPicker(reviews, current=current.id if current else None), picked)

    def action_record(self) -> None:
        if any(w.group == "changes" and w.is_running for w in self.workers):
            self.notify("Still comparing; record the review in a moment.", timeout=3)
            return

        def done(review: Review | None) -> None:
            if review is not None:
                self.review_id = review.id
                self.refresh_changes()

        self.app.push_screen(ReviewForm(self._record, today=self.today), done)

    def action_back(self) -> None:
        self.dismiss(None)
