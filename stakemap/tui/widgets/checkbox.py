"""A checkbox whose glyph says its state: ``[x]`` ticked, ``[ ]`` not.

Textual's checkbox draws the same ``X`` either way and tells the states apart
by colour alone, which a colour-blind user, a monochrome terminal or a
screenshot in a bug report cannot read.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox

__all__ = ["GlyphCheckbox"]


class GlyphCheckbox(Checkbox):
    TICKED = "[x]"
    UNTICKED = "[ ]"

    @property
    def _button(self) -> Content:
        return Content.styled(
            self.TICKED if self.value else self.UNTICKED, self.get_visual_style("toggle--button")
        )
