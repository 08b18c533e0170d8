"""Keys typed ahead of a screen that is still opening reach it, in order.

Textual hands each key to the focused widget the moment it arrives, and runs a
screen's key bindings only when the key has bubbled back up to the app. So the
keys typed straight after ``a`` (a fast typist, a paste, a busy machine that
delivers keys in a clump) raced the form that ``a`` opens: some were posted to
the map's table before the form existed and came back late, after keys typed
later had already gone into the form ("PLeah"); some reached the form before
its fields were mounted and went nowhere; a Tab among them landed the rest in
the wrong field. And ``q`` then ``e`` opened a form on an app already quitting.

So the app lets one key through at a time (``TypeAhead``): a key is handed on
only once the one before it has been handled all the way (a ``KeyDone`` posted
behind it to the same widget comes back up to the app: messages keep their
order on every hop) and the screen on top is mounted. Keys that arrive in the
meantime wait, in order, and go to whatever has the focus when their turn
comes: the form's first field, once the form that the key before opened is
ready. A paste waits its turn the same way. Keys that arrive while the app is
quitting are dropped.

Why not let keys go on at once while the screen stays the same: a Tab moves
the focus only when it has climbed back to the app, so the keys typed after
it were already in the old field's queue ("Le<tab>VP" gave "LeVP"). One at a
time is what makes Tab, Enter and a form opening land where the user meant.
The cost is a round trip per key: a clump of 200 arrow keys on a 1,000-person
map takes about 7 ms a key instead of 0.3 ms (each is painted), far under the
100 ms a key may take, and keys typed at human speed never wait.

A key can still come back to the app while another screen is on top when a
screen opened on its own (a conflict found by the disk poll, say) while the
key was on its way; ``replay_if_stale`` applies such a key to the top screen
instead of dropping it.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from textual import events
from textual.app import App, ScreenStackError
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, TextArea

__all__ = ["KeyDone", "TypeAhead", "replay_if_stale", "stamp"]

_ATTR = "_stakemap_typed_on"

#: How often a held key checks that the widget handling the key before it still
#: exists (its ``KeyDone`` is lost if it was removed meanwhile). Not a deadline:
#: a key that is merely slow is waited for.
_RECHECK_S = 0.5


class KeyDone(Message):
    """Posted behind a key to the widget the key went to; reaching the app, it
    says that key has been handled (bindings run, text inserted, or dropped)."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number


class TypeAhead:
    """The app's queue of keys typed faster than the screens open."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._held: deque[events.Key | events.Paste] = deque()
        #: the key on its way: (its number, the widget it went to)
        self._in_flight: tuple[int, MessagePump] | None = None
        self._count = 0
        self._recheck: Timer | None = None

    @property
    def held(self) -> int:
        """How many keys are waiting for their turn."""
        return len(self._held)

    @property
    def idle(self) -> bool:
        """Every key typed so far has been handled (what a test waits for)."""
        return not self._held and self._in_flight is None

    async def arrived(self, event: events.Key | events.Paste) -> None:
        """A key (or a paste) from the terminal: queue it, then hand on what may go now."""
        if self._app.return_code is not None:
            return  # quitting: nothing is there to type into
        self._held.append(event)
        await self.release()

    async def done(self, message: KeyDone) -> None:
        """The key before has been handled: the next may go."""
        if self._in_flight is not None and self._in_flight[0] == message.number:
            self._in_flight = None
        await self.release()

    async def release(self) -> None:
        """Hand on held keys, oldest first, while nothing is on its way and the
        screen on top is mounted."""
        app = self._app
        while self._held:
            if app.return_code is not None:
                self._held.clear()
                return
            if self._in_flight is not None:
                if self._in_flight[1].is_attached:
                    self._arm_recheck()
                    return
                self._in_flight = None  # its widget went away, and the KeyDone with it
            try:
                top = app.screen
            except ScreenStackError:  # the stack is being torn down
                self._held.clear()
                return
            if not top.is_mounted:
                # The screen's queue runs its compose and mount first, then this.
                top.call_later(app.call_later, self.release)
                return
            event = self._held.popleft()
            if isinstance(event, events.Key):
                stamp(event, top)
            # Textual's own handling of a key from the terminal: priority
            # bindings, else the focused widget (or the screen) gets it; a
            # paste goes to the focused widget.
            await App.on_event(app, event)
            target: MessagePump = app.focused or app.screen
            self._count += 1
            self._in_flight = (self._count, target)
            target.post_message(KeyDone(self._count))

    def _arm_recheck(self) -> None:
        if self._recheck is None:
            self._recheck = self._app.set_timer(_RECHECK_S, self._rechecked)

    async def _rechecked(self) -> None:
        self._recheck = None
        await self.release()


def stamp(event: events.Key, screen: Screen[Any]) -> None:
    """Remember which screen was on top when ``event`` was handed on."""
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
