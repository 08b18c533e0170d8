"""How a person moved, in ``show PATH WHO``: the compact trail and its JSON.

Kept apart from the touches' part of ``show`` so each can change alone; the
wording itself is ``timeline.trend``'s, shared with the app.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.console import Console

from stakemap.cli.output import user

if TYPE_CHECKING:
    from stakemap.model import StakeMap

__all__ = ["print_trail", "trail_json"]


def trail_json(stakemap: StakeMap, pid: str, today: date) -> list[dict[str, Any]]:
    """``"trail"`` of ``show PATH WHO --json``: every point, oldest first, "now" last."""
    from stakemap.timeline.trend import trail

    return [point.to_dict() for point in trail(stakemap, pid, today=today)]


def print_trail(console: Console, stakemap: StakeMap, pid: str, today: date) -> None:
    """The stance trail (coverage and influence too when they moved), one line each."""
    from stakemap.timeline.trend import trail, trail_summary

    points = trail(stakemap, pid, today=today)
    if len(points) == 1:  # only "now": no review holds them and no touch read them
        console.print(user("How they moved: no review or stance read yet.", style="dim"))
        return
    console.print(user("How they moved", style="bold underline"))
    for name, line in trail_summary(points):
        console.print(user(f"  {name}: {line}"))
