"""What a merge says to the person who ran it (or to git's log): plain sentences.

The CLI prints these lines. A conflict is worded by ``team.conflicts.describe_conflict``,
the same line ``stakemap conflicts`` and the app show, so a teammate reads one
wording wherever they meet it. Nothing here is markup: callers pass the lines
through ``text.terminal_text``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from stakemap.team.conflicts import describe_conflict
from stakemap.team.merge import MergeResult

__all__ = ["merge_summary"]

_NOUNS: Final[dict[str, tuple[str, str]]] = {
    "account": ("account change", "account changes"),
    "people": ("person", "people"),
    "links": ("link", "links"),
    "interactions": ("touch", "touches"),
}


def _taken(counts: Mapping[str, int]) -> str:
    parts = []
    for section, (one, many) in _NOUNS.items():
        number = counts.get(section, 0)
        if number and section != "account":
            parts.append(f"{number:,} {one if number == 1 else many}")
    return ", ".join(parts) or "nothing"


def merge_summary(result: MergeResult, *, path: str, ours: str, theirs: str) -> list[str]:
    """The lines ``stakemap merge`` prints: what came from where, then each conflict."""
    lines = [
        f"merged {path}: from {ours}: {_taken(result.counts.ours)}; "
        f"from {theirs}: {_taken(result.counts.theirs)}"
    ]
    remaining = result.stakemap.conflicts
    if not remaining:
        lines.append("no conflicts")
        return lines
    new = {c.id for c in result.conflicts}
    carried = len([c for c in remaining if c.id not in new])
    noun = "conflict" if len(remaining) == 1 else "conflicts"
    more = f" ({carried:,} from before)" if carried else ""
    lines.append(f"{len(remaining):,} {noun} kept in the map{more}:")
    lines += [f"  {describe_conflict(result.stakemap, c)}" for c in result.conflicts]
    lines.append(f"run: stakemap conflicts {path}")
    return lines
