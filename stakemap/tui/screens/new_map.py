"""Create a new map file: the account, the initiative, and where to keep it."""

from __future__ import annotations

import re
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select, Static

from stakemap.errors import StakemapError
from stakemap.records import Account
from stakemap.session import Session
from stakemap.tui.format import shown
from stakemap.tui.screens.form import FormScreen

__all__ = ["NewMapScreen", "slug"]


def slug(name: str) -> str:
    """A file name for an account: "Northwind Logistics" -> "northwind-logistics".

    >>> slug("Northwind Logistics, Inc.")
    'northwind-logistics-inc'
    """
    text = re.sub(r"[^\w]+", "-", name.casefold()).strip("-_")
    return text or "map"


class NewMapScreen(FormScreen[Session]):
    """Returns the open ``Session`` of the new map, or ``None``.

    With ``path`` the file name is fixed (``stakemap PATH`` on a missing file:
    the form is the question "create it?"); otherwise the user picks a folder
    (the current one or their maps folder) and a name derived from the account.
    """

    SAVE_LABEL = "Create"

    def __init__(self, *, folders: dict[str, Path], path: Path | None = None) -> None:
        super().__init__()
        self.folders = folders
        self.fixed = path
        self._named_by_hand = False

    def form_title(self) -> str:
        if self.fixed is not None:
            return f"{self.fixed} does not exist yet: create a new map there?"
        return "New map"

    def compose_fields(self) -> ComposeResult:
        suggested = (
            self.fixed.stem.replace("_", " ").replace("-", " ").title() if self.fixed else ""
        )
        yield from self.field(
            "account", Input(suggested, placeholder="Customer name"), "Account", "required"
        )
        yield from self.field(
            "initiative", Input(placeholder="what the buyer must change"), "Initiative"
        )
        yield from self.field("owner", Input(placeholder="you"), "Owner")
        if self.fixed is None:
            yield from self.field(
                "folder",
                Select(
                    [(f"{label}: {path}", label) for label, path in self.folders.items()],
                    value=next(iter(self.folders)),
                    allow_blank=False,
                ),
                "Folder",
            )
            yield from self.field("file", Input(placeholder="name.json"), "File name")
        else:
            yield Static(Content.assemble(("File: ", "$text-muted"), shown(str(self.fixed))))

    def target(self) -> Path:
        if self.fixed is not None:
            return self.fixed
        folder = self.folders[str(self.query_one("#field-folder", Select).value)]
        name = self.query_one("#field-file", Input).value.strip() or "map.json"
        if not name.endswith(".json"):
            name += ".json"
        return folder / name

    def check_field(self, name: str) -> str | None:
        if name == "account":
            try:
                Account.parse_fields(
                    {"account": self.query_one("#field-account", Input).value}, partial=True
                )
            except StakemapError as exc:
                return str(exc)
        if name in ("file", "folder") and self.fixed is None:
            target = self.target()
            if target.exists():
                return f"{target}: already exists; choose another name"
        return None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        field = (event.input.id or "").removeprefix("field-")
        if field == "account" and self.fixed is None and not self._named_by_hand:
            file_input = self.query_one("#field-file", Input)
            with file_input.prevent(Input.Changed):
                file_input.value = f"{slug(event.value)}.json" if event.value.strip() else ""
            self.revalidate("file")
        if field == "file" and event.input.has_focus:
            self._named_by_hand = True
        self.revalidate(field)

    @on(Select.Changed)
    def _folder(self) -> None:
        self.revalidate("file")

    def submit(self) -> Session:
        target = self.target()
        target.parent.mkdir(parents=True, exist_ok=True)
        return Session.create(
            target,
            self.query_one("#field-account", Input).value,
            initiative=self.query_one("#field-initiative", Input).value,
            owner=self.query_one("#field-owner", Input).value,
        )
