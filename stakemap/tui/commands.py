"""The command palette (ctrl+p): every action, named "category: what".

Categories (``map:``, ``person:``, ``link:``, ``view:``, ``analyze:``) make the
list scannable and searchable: typing "view" lists the views. Each screen
says what it offers (``palette_commands``), so the palette always matches
the screen it was opened from.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

__all__ = ["StakemapCommands"]

Command = tuple[str, str, Callable[[], Any]]


class StakemapCommands(Provider):
    def _commands(self, *, searching: bool) -> list[Command]:
        screen: Any = self.screen
        commands: list[Command] = []
        if hasattr(screen, "palette_commands"):
            commands += screen.palette_commands()
        if searching and hasattr(screen, "person_commands"):
            commands += screen.person_commands()
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands(searching=False):
            yield DiscoveryHit(title, partial(callback), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands(searching=True):
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), partial(callback), text=title, help=help_text
                )
