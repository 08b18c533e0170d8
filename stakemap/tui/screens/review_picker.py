"""Pick the review to compare with: every review by date and label, newest first."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from stakemap.records import Review
from stakemap.tui.format import shown

__all__ = ["ReviewPicker", "review_line"]

_HEALTH_STYLE = {"red": "bold $text-error", "amber": "bold $text-warning", "green": "$text-success"}


def review_line(review: Review) -> Content:
    """ "2026-10-01  Q1 deal review  amber · 6 people · 9 findings"."""
    return Content.assemble(
        (f"{review.date}  ", "bold"),
        shown(review.label) if review.label else ("(no label)", "$text-muted"),
        "  ",
        (review.health or "?", _HEALTH_STYLE.get(review.health, "$text-muted")),
        (f" · {review.people} people · {review.findings} findings", "$text-muted"),
    )


class ReviewPicker(ModalScreen[str | None]):
    """Returns the chosen review's id, or ``None`` (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Keep the review shown", id="reviews.cancel"),
    ]

    def __init__(self, reviews: list[Review], *, current: str | None = None) -> None:
        super().__init__()
        self.reviews = list(reversed(reviews))  # newest first: the likely pick
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Content.styled("Compare with which review?", "bold"), classes="dialog-title"
            )
            yield OptionList(
                *(Option(review_line(r), id=r.id) for r in self.reviews), id="reviews-list"
            )
            yield Static(
                Content.styled("enter picks · esc cancels", "$text-muted"), classes="dialog-text"
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [r.id for r in self.reviews]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
