"""Ask for a new file name to save the map under."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Input

from stakemap.errors import MapFileError
from stakemap.tui.screens.form import FormScreen

__all__ = ["SaveAsScreen"]


class SaveAsScreen(FormScreen[Path]):
    """Returns a path that does not exist yet in an existing folder, or ``None``."""

    TITLE_TEXT = "Save the map as…"
    SAVE_LABEL = "Save as"

    def __init__(self, suggestion: Path) -> None:
        super().__init__()
        self.suggestion = suggestion

    def compose_fields(self) -> ComposeResult:
        yield from self.field(
            "path", Input(str(self.suggestion)), "New file", "an existing file is never overwritten"
        )

    def _path(self) -> Path:
        return Path(self.query_one("#field-path", Input).value.strip()).expanduser()

    def check_field(self, name: str) -> str | None:
        path = self._path()
        if not str(path) or str(path) == ".":
            return "path: give a file name"
        if path.exists():
            return f"{path}: already exists; choose another name"
        if not path.parent.is_dir():
            return f"{path.parent}: no such folder"
        return None

    def submit(self) -> Path:
        problem = self.check_field("path")
        if problem:
            raise MapFileError(self._path(), problem.split(": ", 1)[-1])
        return self._path()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.revalidate("path")
