"""Edit the account: its name, the initiative, the owner and the selling team."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from stakemap.errors import StakemapError
from stakemap.records import Account
from stakemap.session import Keep
from stakemap.tui.format import shown
from stakemap.tui.screens.form import FormScreen

__all__ = ["AccountForm"]

_FIELDS = (
    ("account", "Account", "required"),
    ("initiative", "Initiative", "its rank in each priority list is highlighted"),
    ("owner", "Owner", "you: the m key shows the people you own"),
    ("team", "Team", "the selling team, ';' between names, e.g. Ann Lee; Bo Chen"),
)


def _text(account: Account, name: str) -> str:
    value = getattr(account, name)
    return "; ".join(value) if name == "team" else str(value)


class AccountForm(FormScreen[Account]):
    TITLE_TEXT = "Account"

    def __init__(
        self, account: Account, submit: Callable[[dict[str, Any], Keep | None], Account]
    ) -> None:
        """``submit`` gets the changed fields and whose value wins a clash (``None``: ask)."""
        super().__init__()
        self.account = account
        self._submit = submit

    def compose_fields(self) -> ComposeResult:
        for name, title, hint in _FIELDS:
            yield from self.field(name, Input(shown(_text(self.account, name))), title, hint)

    def values(self) -> dict[str, Any]:
        return {name: self.query_one(f"#field-{name}", Input).value for name, _, _ in _FIELDS}

    def check_field(self, name: str) -> str | None:
        try:
            Account.parse_fields({name: self.values()[name]}, partial=True)
        except StakemapError as exc:
            return str(exc)
        return None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.revalidate((event.input.id or "").removeprefix("field-"))

    def submit(self) -> Account:
        return self._submit(self.changed_values(), self.keep)
