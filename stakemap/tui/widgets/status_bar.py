"""The top line: which map, the deal's health and whether the file is saved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from stakemap.analysis.types import Health
from stakemap.owners import owner_caption
from stakemap.records import Account
from stakemap.session import SaveState
from stakemap.tui.format import health_badge, plain, shown

__all__ = ["StatusBar"]

_SAVE_MARKS: dict[SaveState, tuple[str, str]] = {
    SaveState.SAVED: ("✓ saved", "$text-success"),
    SaveState.UNSAVED: ("● unsaved", "$text-warning"),
    SaveState.CONFLICT: ("⚠ changed on disk: ctrl+s", "bold $text-error"),
    SaveState.FAILED: ("✗ not saved: ctrl+s", "bold $text-error"),
}


class StatusBar(Horizontal):
    """Account and initiative on the left; health and the save state on the right."""

    def compose(self) -> ComposeResult:
        yield Static(id="status-title")
        yield Static(health_badge(None), id="status-health")
        yield Static(id="status-saved")

    def show_account(
        self, account: Account, people: int, *, owner: str | None = None, owned: int = 0
    ) -> None:
        """``owner``: the table shows only their ``owned`` people, and says so here."""
        count = (
            f" · {owned} of {people} people {owner_caption(owner)}"
            if owner is not None
            else f" · {people} people"
        )
        self.query_one("#status-title", Static).update(
            Content.assemble(
                (shown(account.account), "bold"),
                (shown(f" · {account.initiative}") if account.initiative else "", "italic"),
                (shown(count), "$text-warning" if owner is not None else "$text-muted"),
            )
        )

    def show_health(self, health: Health | None) -> None:
        widget = self.query_one("#status-health", Static)
        widget.update(health_badge(health.status if health else None))
        reasons = "\n".join(shown(r) for r in health.reasons) if health else ""
        widget.tooltip = Content(reasons) if reasons else None  # tooltips read markup

    def show_saved(self, state: SaveState, error: str | None = None) -> None:
        text, style = _SAVE_MARKS[state]
        widget = self.query_one("#status-saved", Static)
        widget.update(Content.styled(text, style))
        widget.tooltip = plain(error) if error else None
        self.set_class(state is not SaveState.SAVED, "-dirty")
