"""Keys typed ahead of a screen that is still opening reach it, in order.

The app hands each key to the focused widget the moment it arrives, and runs a
screen's key bindings only when the key has bubbled back up. So after ``t``
(or ``a``) the keys typed straight after it (a fast typist, a paste, a test
pressing without pauses) are already queued on the map's table when the form
opens; they come back to the app as keys nobody handled and were dropped.

Each key is stamped with the screen on top when it arrived. One that comes
back while another screen is on top was meant for that screen, and is applied
to it there and then, in the app's own task so the order holds: a key binding
of the top screen runs (Tab moves on, Enter saves), a character goes into the
focused text field. The form must have its focus by then: the actions that
open forms await ``push_screen``, and ``FormScreen`` focuses its first field
as it mounts.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, TextArea

__all__ = ["replay_if_stale", "stamp"]

_ATTR = "_stakemap_typed_on"


def stamp(event: events.Key, screen: Screen[Any]) -> None:
    """Remember which screen was on top when ``event`` arrived from the terminal."""
    setattr(event, _ATTR, screen)


async def replay_if_stale(app: App[Any], event: events.Key) -> bool:
    """Apply ``event`` to the top screen if it was typed while another was on top;
    True when it did (the caller then stops the original)."""
    typed_on = getattr(event, _ATTR, None)
    top = app.screen
    if typed_on is None or typed_on is top:
        return False
    # The top screen's bindings (focused widget, then up to the screen and app),
    # through public API: ``Screen.active_bindings`` already applies the keymap
    # and each node's ``check_action``.
    for key in event.aliases:
        active = top.active_bindings.get(key)
        if active is not None and active.enabled:
            await app.run_action(active.binding.action, active.node)
            return True
    focused = top.focused
    character = event.character
    if event.is_printable and character is not None:
        if isinstance(focused, Input):
            selection = focused.selection
            if selection.is_empty:
                focused.insert_text_at_cursor(character)
            else:
                focused.replace(character, *selection)
        elif isinstance(focused, TextArea):
            focused.replace(character, *focused.selection)
    return True
