"""The line shown while a big map file is read, so the first frame never waits for it.

A 10,000-person map takes about a second to read and link, and importing the
map screen (the analysis, networkx) a quarter of a second more: both happen in
a thread worker while this screen is on screen. It imports nothing but Textual,
so the app draws it as fast as a bare Textual app draws its first frame.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

if TYPE_CHECKING:
    from stakemap.session import Session

__all__ = ["LoadingScreen", "open_map"]


def open_map(path: Path) -> Session:
    """Read the map, and import what showing it needs (in the loader's thread)."""
    import stakemap.tui.keys  # noqa: F401, PLC0415 - every screen, for the keymap
    from stakemap.perf import paused_gc  # noqa: PLC0415 - see the module doc
    from stakemap.session import Session  # noqa: PLC0415

    # The map's hundreds of thousands of objects live as long as the map: out
    # of the collector's full scans, which would otherwise pause the app for a
    # tenth of a second now and then (they are still freed when dropped).
    # Frozen before the collector runs again, so not even one full scan.
    with paused_gc():
        session = Session.open(path)
        gc.freeze()
    return session


class LoadingScreen(Screen[None]):
    """ "Opening FILE (16.3 MB)…" until the map is read; then the map screen replaces it."""

    DEFAULT_CSS = """
    LoadingScreen { align: center middle; }
    LoadingScreen #loading { width: auto; max-width: 100%; padding: 1 2; }
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        try:
            size = f" ({self.path.stat().st_size / 1e6:,.1f} MB)"
        except OSError:
            size = ""
        yield Static(
            Content.assemble(
                ("stakemap", "bold"),
                " · opening ",
                # The file name as text: a name is never read as markup.
                Content(self.path.name),
                (f"{size}…", "$text-muted"),
            ),
            id="loading",
        )

    def on_mount(self) -> None:
        # After the first frame: the loader's thread would hold the GIL (imports,
        # the parse) while the frame is composed.
        self.call_after_refresh(self._load)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self) -> None:
        from stakemap.errors import StakemapError  # noqa: PLC0415 - light, but only here

        worker = get_current_worker()
        try:
            session = open_map(self.path)
        except StakemapError as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._opened, session)

    def _opened(self, session: Session) -> None:
        if self.is_current:
            self.app.map_loaded(session)  # type: ignore[attr-defined]

    def _failed(self, reason: str) -> None:
        if self.is_current:
            self.app.action_open_picker(error=reason)  # type: ignore[attr-defined]
