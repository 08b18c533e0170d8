"""The stakemap app: opens a map (or the picker) and owns app-wide keys and themes.

Deliberately thin: the screens do the work (``screens/``), the widgets draw
(``widgets/``), the session edits and saves (``stakemap.session``).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.notifications import SeverityLevel
from textual.screen import Screen

from stakemap.errors import StakemapError
from stakemap.text import terminal_text
from stakemap.tui.catalog import maps_folder
from stakemap.tui.keymap import load_keymap
from stakemap.tui.screens.loading import LoadingScreen
from stakemap.tui.timing import POLL_SECONDS, SAVE_DELAY_S
from stakemap.tui.typeahead import KeyDone, TypeAhead, replay_if_stale

# The screens, the session and the analysis (networkx) are imported where they
# are first used: the first frame does not wait for them (bench/bench_tui.py),
# and a big map's loader thread imports them while the loading line is shown.
if TYPE_CHECKING:
    from stakemap.session import Session
    from stakemap.tui.screens.main import MainScreen

__all__ = ["StakemapApp"]

_STYLES = Path(__file__).parent / "styles"


def _commands() -> type[Provider]:
    """The palette's commands, imported when the palette first opens."""
    from stakemap.tui.commands import StakemapCommands  # noqa: PLC0415 - see above

    return StakemapCommands


class StakemapApp(App[None]):
    TITLE = "stakemap"
    CSS_PATH: ClassVar = [
        _STYLES / name
        for name in (
            "app.tcss",
            "main.tcss",
            "forms.tcss",
            "picker.tcss",
            "timeline.tcss",
            "conflicts.tcss",
        )
    ]
    COMMANDS: ClassVar = App.COMMANDS | {_commands}
    #: Off in tests, so screenshots never catch a cursor mid-blink.
    CURSOR_BLINK: ClassVar[bool] = True
    #: Map files from this size on are read in a thread behind a loading line
    #: (a 1,000-person map is about 1.6 MB); smaller ones open before the first frame.
    BACKGROUND_LOAD_BYTES: ClassVar[int] = 256 * 1024

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "q",
            "quit",
            "Quit",
            tooltip="Quit stakemap (asks if an edit is unsaved)",
            id="app.quit",
        ),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_anywhere"),
        Binding("question_mark,f1", "help", "Help", tooltip="Every key", id="app.help"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            show=False,
            priority=True,
            tooltip="Search every command",
            id="app.palette",
        ),
        Binding(
            "ctrl+t",
            "toggle_theme",
            "Theme",
            show=False,
            tooltip="Switch dark/light",
            id="app.theme",
        ),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(
        self,
        path: Path | None = None,
        *,
        today: date | None = None,
        cwd: Path | None = None,
        keymap_file: Path | None = None,
        poll_interval: float | None = POLL_SECONDS,
        save_delay: float | None = SAVE_DELAY_S,
    ) -> None:
        """``poll_interval`` and ``save_delay``: see ``MainScreen`` (``None`` in tests)."""
        super().__init__()
        self.poll_interval = poll_interval
        self.save_delay = save_delay
        self.path = path
        #: "today" for date-based findings (stale contacts); fixed in tests.
        self.today = today
        self.cwd = cwd or Path.cwd()
        self.keymap_file = keymap_file
        #: the user's remapped keys, also shown by the help screen.
        self.keymap_overrides: dict[str, str] = {}
        #: what was wrong with the keymap file (each also shown as a notification).
        self.keymap_problems: tuple[str, ...] = ()
        self._keymap_applied = False
        #: keys typed faster than screens open wait here, in order (``typeahead``)
        self.typeahead = TypeAhead(self)

    def on_mount(self) -> None:
        if self.path is not None and _size(self.path) >= self.BACKGROUND_LOAD_BYTES:
            # The keymap needs every screen's bindings: applied once the
            # loader thread has imported them (``map_loaded``).
            self._show(LoadingScreen(self.path))
            return
        self.apply_user_keymap()
        if self.path is None:
            self.action_open_picker()
        else:
            self.open_path(self.path)

    def map_loaded(self, session: Session) -> None:
        """A ``LoadingScreen`` read its map: show it (the loader imported the screens)."""
        if not self._keymap_applied:
            self.apply_user_keymap()
        self.open_session(session)

    def apply_user_keymap(self) -> None:
        from stakemap.tui.keys import binding_ids  # noqa: PLC0415 - keys imports this module

        loaded = load_keymap(binding_ids(), self.keymap_file)
        self._keymap_applied = True
        self.keymap_overrides = loaded.keymap
        self.keymap_problems = loaded.problems
        if loaded.keymap:
            self.set_keymap(loaded.keymap)
        for problem in loaded.problems:
            self.notify(problem, title="Keymap", severity="warning", timeout=10)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            await self.typeahead.arrived(event)  # one at a time, in order: ``typeahead``
        else:
            await super().on_event(event)

    async def on_key_done(self, message: KeyDone) -> None:
        await self.typeahead.done(message)

    async def on_key(self, event: events.Key) -> None:
        if await replay_if_stale(self, event):
            event.stop()
            event.prevent_default()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast in the app, from any screen: shown as text, never as markup.

        Toasts quote names, file names and error messages ("Undone: delete Eve
        [/x] Doe"), so markup is always off and terminal controls are escaped
        here, in the one place every ``notify`` passes through (``Widget.notify``
        calls this), rather than at each call. ``markup`` is accepted for
        Textual's signature and ignored.
        """
        del markup
        super().notify(
            terminal_text(message, multiline=True),
            title=terminal_text(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # --- opening maps ------------------------------------------------------------------

    def folders(self) -> dict[str, Path]:
        return {"here": self.cwd, "my maps": maps_folder()}

    def open_path(self, path: Path) -> None:
        """Open ``path``; a missing file asks to create it, a bad one shows the picker."""
        from stakemap.session import Session  # noqa: PLC0415 - see the imports
        from stakemap.tui.screens.new_map import NewMapScreen  # noqa: PLC0415

        if not path.exists():
            self.push_screen(NewMapScreen(folders=self.folders(), path=path), self._created)
            return
        if _size(path) >= self.BACKGROUND_LOAD_BYTES:
            self._show(LoadingScreen(path))
            return
        try:
            session = Session.open(path)
        except StakemapError as exc:
            self.action_open_picker(error=str(exc))
            return
        self.open_session(session)

    def open_session(self, session: Session) -> None:
        from stakemap.tui.screens.main import MainScreen  # noqa: PLC0415 - see the imports

        self._show(
            MainScreen(
                session,
                today=self.today,
                poll_interval=self.poll_interval,
                save_delay=self.save_delay,
            )
        )

    def _created(self, session: Session | None) -> None:
        if session is None:
            self.action_open_picker()
        else:
            self.open_session(session)

    def map_screen(self) -> MainScreen | None:
        """The open map's screen, wherever it is in the stack (under a form, say)."""
        main = sys.modules.get("stakemap.tui.screens.main")
        if main is None:  # not imported yet: no map is open (and none is imported here)
            return None
        screen_class = main.MainScreen
        return next((s for s in self.screen_stack if isinstance(s, screen_class)), None)

    def _show(self, screen: Screen[Any]) -> None:
        """Show ``screen`` in place of the open map, once nothing unsaved would be lost."""
        current = self.map_screen()
        if current is not None and screen is not current:
            current.leave(lambda: self._replace(screen), intent="open another map")
        else:
            self._replace(screen)

    def _replace(self, screen: Screen[Any]) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # --- actions -------------------------------------------------------------------------

    def action_open_picker(self, error: str | None = None) -> None:
        from stakemap.tui.screens.picker import PickerScreen  # noqa: PLC0415 - see the imports

        if not self._keymap_applied:  # a big map that could not be read: see on_mount
            self.apply_user_keymap()
        self._show(PickerScreen(self.folders(), error=error, today=self.today))

    def action_new_map(self) -> None:
        from stakemap.tui.screens.new_map import NewMapScreen  # noqa: PLC0415 - see the imports

        def created(session: Session | None) -> None:
            if session is not None:
                self.open_session(session)

        self.push_screen(NewMapScreen(folders=self.folders()), created)

    async def action_quit(self) -> None:
        """Every way to quit (q, ctrl+q, the palette) comes here: never drop an unsaved edit."""
        current = self.map_screen()
        if current is None:
            self.exit()
        else:
            current.leave(self.exit)

    def action_help(self) -> None:
        from stakemap.tui.screens.help import HelpScreen  # noqa: PLC0415 - see the imports

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"


def _size(path: Path) -> int:
    """The file's size; 0 when it cannot be read (the normal open says why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0
