"""One line that always shows where each department stands on the initiative."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.content import Content
from textual.widgets import Static

from stakemap.analysis.types import DepartmentState
from stakemap.tui.format import department_state

__all__ = ["ConsensusStrip"]


class ConsensusStrip(Static):
    """``✔ Marketing aligned  ◐ Finance split  ✖ IT opposed  ? HR unknown``.

    Worst first (opposed, split, unknown, aligned), because the strip is cut
    at the terminal's width and the departments that need work matter most.
    """

    _ORDER: ClassVar[dict[str, int]] = {"opposed": 0, "split": 1, "unknown": 2, "aligned": 3}

    def show_departments(
        self, states: Sequence[DepartmentState] | None, names: Sequence[str]
    ) -> None:
        if states is None:
            parts = [Content.styled(f"{name} …", "$text-muted") for name in names]
        else:
            ordered = sorted(states, key=lambda d: (self._ORDER.get(d.state, 9), d.name.casefold()))
            parts = [department_state(d.name, d.state) for d in ordered]
        if not parts:
            self.update(Content.styled("No departments yet.", "$text-muted"))
            return
        self.update(Content("  ").join(parts))
