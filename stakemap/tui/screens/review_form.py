"""Record a review: the map as it is today, under a label the team will recognise."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from stakemap.errors import StakemapError
from stakemap.records import Review
from stakemap.tui.screens.form import FormScreen

__all__ = ["ReviewForm"]


class ReviewForm(FormScreen[Review]):
    """Returns the recorded ``Review``, or ``None`` if cancelled."""

    TITLE_TEXT = "Record a review"
    SAVE_LABEL = "Record"
    REFUSED = "Not recorded"

    def __init__(self, submit: Callable[[str], Review], *, today: date) -> None:
        super().__init__()
        self._submit = submit
        self.today = today

    def form_title(self) -> str:
        return f"Record a review of the map as it is today ({self.today.isoformat()})"

    def compose_fields(self) -> ComposeResult:
        hint = "e.g. Q1 deal review (optional)"
        yield from self.field("label", Input(), "Label", hint)

    def values(self) -> dict[str, Any]:
        return {"label": self.query_one("#field-label", Input).value.strip()}

    def check_field(self, name: str) -> str | None:
        if name != "label":
            return None
        try:
            Review.parse_fields(self.values(), partial=True)
        except StakemapError as exc:
            return str(exc)
        return None

    def submit(self) -> Review:
        return self._submit(self.values()["label"])

    @on(Input.Changed, "#field-label")
    def _changed(self) -> None:
        self.revalidate("label")
