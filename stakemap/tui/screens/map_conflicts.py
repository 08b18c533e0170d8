"""The map screen's merge conflicts: the banner, its key, and the screen that settles them.

A base class of ``MainScreen`` like ``MapTimeline``: settling is an ordinary
edit of the open map (``Session.resolve_conflict``: validated, undoable,
saved), so it needs only the map screen's ``after_edit``.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from stakemap.team.conflicts import Side, conflicts_phrase
from stakemap.tui.screens.conflicts import ConflictsScreen
from stakemap.tui.screens.map_timeline import MapTimeline
from stakemap.tui.widgets.conflicts_banner import ConflictsBanner

__all__ = ["CONFLICTS_KEY", "MapConflicts"]

#: The key that opens the conflicts screen, unless the user's keymap moves it.
CONFLICTS_KEY = "M"


class MapConflicts(MapTimeline):
    """What a merge left to settle, for the open map."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            CONFLICTS_KEY,
            "settle_conflicts",
            "Conflicts",
            show=False,
            tooltip="Settle the conflicts a merge left in the map",
            id="map.conflicts",
        ),
    ]

    def show_conflicts_banner(self) -> None:
        overrides: dict[str, str] = getattr(self.app, "keymap_overrides", {})
        key = overrides.get("map.conflicts", CONFLICTS_KEY).split(",")[0]
        shown = self.app.get_key_display(Binding(key, "settle_conflicts"))
        self.query_one(ConflictsBanner).show_count(len(self.session.map.conflicts), shown)

    def action_settle_conflicts(self) -> None:
        if not self.session.map.conflicts:
            self.notify("No merge conflicts to settle: the map is clean.", timeout=3)
            return
        self.app.push_screen(ConflictsScreen(self.session, self.settle_conflict))

    def settle_conflict(self, cid: str, take: Side | None, value: str | None) -> str:
        """Settle one conflict as one edit (undo brings it back); returns the toast."""
        resolved = self.session.resolve_conflict(cid, take=take, value=value)
        self.after_edit(resolved.focus)
        left = len(self.session.map.conflicts)
        rest = f"{conflicts_phrase(left)} left" if left else "the map is clean"
        return f"Settled {resolved.message}; {rest}."
