"""Export the open map: the same registry and writer as ``stakemap export``.

The CLI and this screen both call ``stakemap.export.write_export``, so a
format, its privacy options and its refusal to overwrite behave identically
in both; the screen only chooses the arguments.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Checkbox, Input, Select, Static

from stakemap.analysis.config import AnalysisConfig
from stakemap.analysis.types import Analysis
from stakemap.export import FORMATS, ExportOptions, default_output, get_format, write_export
from stakemap.session import Session
from stakemap.tui.screens.form import FormScreen
from stakemap.tui.widgets.checkbox import GlyphCheckbox

__all__ = ["ExportScreen"]


class ExportScreen(FormScreen[list[Path]]):
    """Returns the paths written, or ``None`` if cancelled."""

    TITLE_TEXT = "Export the map"
    SAVE_LABEL = "Export"
    REFUSED = "Not exported"

    def __init__(
        self,
        session: Session,
        *,
        fmt: str = "markdown",
        analysis: Analysis | None = None,
        today: date | None = None,
        config: AnalysisConfig | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.initial_format = fmt
        self.analysis = analysis
        self.today = today
        self.config = config
        self._named_by_hand = False

    def _suggest(self, fmt: str, *, hide_account: bool = False) -> str:
        folder = self.session.path.parent
        fmt_ = get_format(fmt)
        return str(default_output(self.session.map, fmt_, folder, hide_account=hide_account))

    def compose_fields(self) -> ComposeResult:
        yield from self.field(
            "format",
            Select(
                [(f"{name}: {f.description}", name) for name, f in FORMATS.items()],
                value=self.initial_format,
                allow_blank=False,
            ),
            "Format",
        )
        yield from self.field("file", Input(self._suggest(self.initial_format)), "File")
        yield from self.field(
            "redact",
            GlyphCheckbox("leave out notes, drivers, constraints, fears and emails"),
            "Redact",
        )
        yield from self.field(
            "anonymize",
            GlyphCheckbox("also replace names with role and department"),
            "Anonymize",
        )
        yield from self.field(
            "anonymize_account",
            GlyphCheckbox("also hide the account name and the initiative"),
            "Hide account",
        )
        yield from self.field("force", GlyphCheckbox("replace an existing file"), "Overwrite")
        yield Static(
            Content.styled("Same as: stakemap export PATH --format FORMAT -o FILE", "$text-muted"),
            id="export-hint",
        )

    def _value(self, name: str) -> object:
        return self.query_one(f"#field-{name}").value  # type: ignore[attr-defined]

    @on(Select.Changed, "#field-format")
    def _format_changed(self, event: Select.Changed) -> None:
        if not self._named_by_hand:
            box = self.query_one("#field-file", Input)
            with box.prevent(Input.Changed):
                hide = bool(self._value("anonymize_account"))
                box.value = self._suggest(str(event.value), hide_account=hide)
        self.set_error("file", None)

    @on(Checkbox.Changed, "#field-anonymize_account")
    def _hide_changed(self, event: Checkbox.Changed) -> None:
        """A hidden account must not be named by the suggested file name."""
        if not self._named_by_hand:
            box = self.query_one("#field-file", Input)
            with box.prevent(Input.Changed):
                box.value = self._suggest(str(self._value("format")), hide_account=event.value)

    @on(Input.Changed, "#field-file")
    def _file_typed(self, event: Input.Changed) -> None:
        if event.input.has_focus:
            self._named_by_hand = True
        self.set_error("file", None)

    def submit(self) -> list[Path]:
        options = ExportOptions(
            redact=bool(self._value("redact")),
            anonymize=bool(self._value("anonymize")),
            anonymize_account=bool(self._value("anonymize_account")),
            today=self.today,
            config=self.config,
        )
        return write_export(
            self.session.map,
            str(self._value("format")),
            Path(str(self._value("file")).strip()).expanduser(),
            options=options,
            analysis=self.analysis,
            force=bool(self._value("force")),
            protect=[self.session.path],
        )
