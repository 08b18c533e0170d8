"""The detail pane's time section: the person's last touches and how they moved."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from stakemap.model import StakeMap
from stakemap.records import Interaction
from stakemap.timeline.interactions import recent_touches
from stakemap.timeline.trend import trail, trail_summary
from stakemap.tui.format import shown

__all__ = ["RECENT", "DetailTouches", "moved_lines", "touch_line"]

#: How many touches the pane lists (the CLI's ``log --list`` has them all).
RECENT = 3


def touch_line(touch: Interaction) -> Content:
    """ "2026-11-20 call  Pricing walkthrough → send the ROI model (due 2026-12-01)"."""
    parts: list[Content | tuple[str, str] | str] = [
        (f" {touch.date} ", "$text-muted"),
        (f"{touch.kind.value}  ", "$text-accent"),
        shown(touch.summary),
    ]
    if touch.next_step:
        due = f" (due {touch.due})" if touch.due else ""
        if touch.done:
            parts.append((f" → {shown(touch.next_step)}{due} ✓ done", "$text-muted"))
        else:
            parts.append((f" → {shown(touch.next_step)}{due}", "$text-warning"))
    return Content.assemble(*parts)


def moved_lines(stakemap: StakeMap, pid: str) -> list[Content]:
    """ "How they moved" and a line per field that moved (``trend.trail_summary``,
    the wording ``stakemap show`` prints), or nothing when no review or stance
    read holds the person yet."""
    points = trail(stakemap, pid)
    if len(points) < 2:  # only "now"
        return []
    lines = [Content.styled("How they moved", "bold")]
    for name, line in trail_summary(points):
        lines.append(Content.assemble((f" {name}: ", "$text-muted"), shown(line)))
    return lines


class DetailTouches(Static):
    """Shows nothing until ``show`` is called with a person."""

    def show(self, stakemap: StakeMap, pid: str | None) -> None:
        if pid is None or pid not in stakemap:
            self.update("")
            return
        everything = recent_touches(stakemap, pid, limit=-1)  # one pass over the log
        total, touches = len(everything), everything[:RECENT]
        if touches:
            more = f", last {len(touches)}" if total > len(touches) else ""
            head = Content.assemble(
                ("Touches", "bold"), (f"  {total}{more} · t logs one", "$text-muted")
            )
            lines = [head, *(touch_line(t) for t in touches)]
        else:
            lines = [
                Content.assemble(("Touches", "bold"), ("  none logged: t logs one", "$text-muted"))
            ]
        moved = moved_lines(stakemap, pid)
        if moved:
            lines += [Content(""), *moved]
        self.update(Content("\n").join(lines))
