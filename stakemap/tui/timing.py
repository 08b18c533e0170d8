"""The map screen's timers, in a module of their own so the app imports them
before the first frame without importing the screen (and the analysis)."""

from __future__ import annotations

__all__ = ["POLL_SECONDS", "SAVE_DELAY_S"]

#: How often the file is checked for outside changes (a stat call; cheap).
POLL_SECONDS = 1.5
#: How long after an edit its save runs: enough for the analysis thread to start.
SAVE_DELAY_S = 0.005
#: Tests pass ``None`` for both timers: no clock decides what a test sees; the
#: test calls ``poll_disk`` itself, and each edit is saved before the key returns.
