"""The line over the map that says a merge left conflicts, and the key that settles them."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from stakemap.team.conflicts import conflicts_phrase

__all__ = ["ConflictsBanner"]


class ConflictsBanner(Static):
    """Hidden while the map has no conflicts: a clean map shows nothing here."""

    def show_count(self, count: int, key: str) -> None:
        self.display = count > 0
        if count:
            self.update(
                Content.assemble(
                    (f"⚠ {conflicts_phrase(count)}", "bold"),
                    (" — press ", ""),
                    (key, "bold reverse"),
                    (" to settle", ""),
                    (" (a teammate's merge left them)", "$text-muted"),
                )
            )
