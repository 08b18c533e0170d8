"""Three-way merges of the values a field-by-field merge cannot just pick: notes and lists.

Two teammates who both add a line to a person's notes have not disagreed, and
a merge that kept only one of the lines would lose work. So free text merges
line by line, as git merges a file: edits to different lines combine, both
sides adding at the same place keep both additions (ours first), and only
overlapping rewrites are a conflict. Such a conflict keeps both versions in
the text itself, each after a marker line::

    [ours, Ann, 2026-11-30T10:00:00Z]
    CFO wants a pilot first
    [theirs, Bob, 2026-12-01T09:15:00Z]
    CFO wants a reference call
    [end of both versions]

The labels are the ones given to the merge (``--ours-label``), the stamps the
record's ``modified`` on each side. Lines outside the overlap are merged as
usual, so the marked block is only what both rewrote. The markers are plain
words in brackets (not git's ``<<<<<<<``), because the text is read in the
app and in exports, by people who never saw a git conflict.

Lists (a person's ranked priorities, the account's team) merge by item:
removals by either side apply, additions by either side are kept where that
side put them, and only a different reordering of the shared items on both
sides is a conflict.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

__all__ = ["END_MARK", "TextMerge", "marker", "merge_list", "merge_text"]

#: The line that closes a block holding both versions.
END_MARK: Final = "[end of both versions]"


def marker(side: str, label: str, stamp: str) -> str:
    """The line above one side's version of a rewritten block.

    >>> marker("ours", "Ann", "2026-11-30T10:00:00Z")
    '[ours, Ann, 2026-11-30T10:00:00Z]'
    >>> marker("theirs", "Bob", "")
    '[theirs, Bob]'
    >>> marker("ours", "ours", "")
    '[ours]'
    """
    return "[" + ", ".join(dict.fromkeys(part for part in (side, label, stamp) if part)) + "]"


@dataclass(frozen=True, slots=True)
class TextMerge:
    """The merged text, and whether it holds a marked block (both sides rewrote lines)."""

    text: str
    conflicted: bool


@dataclass(frozen=True, slots=True)
class _Hunk:
    """One side's edit: base lines ``start:end`` become ``lines``."""

    start: int
    end: int
    lines: tuple[str, ...]
    ours: bool


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def _hunks(base: list[str], side: list[str], *, ours: bool) -> list[_Hunk]:
    matcher = difflib.SequenceMatcher(None, base, side, autojunk=False)
    return [
        _Hunk(i1, i2, tuple(side[j1:j2]), ours)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _overlap(a: _Hunk, b: _Hunk) -> bool:
    """Do two edits touch the same base lines (or insert at the same place)?"""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def _apply(base: list[str], hunks: Sequence[_Hunk], start: int, end: int) -> list[str]:
    """Base lines ``start:end`` with one side's ``hunks`` (inside that span) applied."""
    out: list[str] = []
    at = start
    for hunk in hunks:
        out += base[at : hunk.start]
        out += hunk.lines
        at = hunk.end
    out += base[at:end]
    return out


def merge_text(
    base: str,
    ours: str,
    theirs: str,
    *,
    ours_mark: str = "[ours]",
    theirs_mark: str = "[theirs]",
) -> TextMerge:
    """Line-level three-way merge of one free-text field (see the module doc).

    >>> merge_text("a\\nb\\nc", "A\\nb\\nc", "a\\nb\\nC").text
    'A\\nb\\nC'
    >>> merge_text("a", "a\\nours", "a\\ntheirs").text
    'a\\nours\\ntheirs'
    >>> merge_text("a", "x", "y")
    TextMerge(text='[ours]\\nx\\n[theirs]\\ny\\n[end of both versions]', conflicted=True)
    """
    if theirs in (ours, base):
        return TextMerge(ours, False)
    if ours == base:
        return TextMerge(theirs, False)
    base_lines = _lines(base)
    hunks = sorted(
        _hunks(base_lines, _lines(ours), ours=True)
        + _hunks(base_lines, _lines(theirs), ours=False),
        key=lambda h: (h.start, h.end, not h.ours),
    )
    clusters: list[list[_Hunk]] = []
    for hunk in hunks:
        if clusters and any(_overlap(hunk, other) for other in clusters[-1]):
            clusters[-1].append(hunk)
        else:
            clusters.append([hunk])
    out: list[str] = []
    at = 0
    conflicted = False
    for cluster in clusters:
        start = min(h.start for h in cluster)
        end = max(h.end for h in cluster)
        out += base_lines[at:start]
        at = end
        mine = [h for h in cluster if h.ours]
        other = [h for h in cluster if not h.ours]
        ours_part = _apply(base_lines, mine, start, end)
        theirs_part = _apply(base_lines, other, start, end)
        if not mine or not other or ours_part == theirs_part:
            out += ours_part if mine else theirs_part
        elif start == end:  # both only inserted here: keep both, ours first
            out += ours_part + theirs_part
        else:
            conflicted = True
            out += [ours_mark, *ours_part, theirs_mark, *theirs_part, END_MARK]
    out += base_lines[at:]
    return TextMerge("\n".join(out).strip(), conflicted)


def _order_changed(base: Sequence[str], side: Sequence[str], shared: set[str]) -> bool:
    return [item for item in base if item in shared] != [item for item in side if item in shared]


def merge_list(
    base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]
) -> tuple[list[str], bool]:
    """Item-level three-way merge of an ordered list; ``True`` when both reordered.

    The result follows the side that reordered the shared items (ours when
    neither did, or both did: then it is a conflict and ours is kept as it
    is). Items either side removed are gone; an item the other side added is
    placed after the item it followed there, or last if it came after every
    item the base had.

    >>> merge_list(["a", "b", "c"], ["a", "c", "x"], ["y", "a", "b", "c"])
    (['y', 'a', 'c', 'x'], False)
    >>> merge_list(["a", "b"], ["b", "a"], ["a", "b", "c"])
    (['b', 'a', 'c'], False)
    >>> merge_list(["a", "b", "c"], ["c", "b", "a"], ["b", "a", "c"])
    (['c', 'b', 'a'], True)
    """
    if list(ours) == list(theirs) or list(theirs) == list(base):
        return list(ours), False
    if list(ours) == list(base):
        return list(theirs), False
    shared = set(base) & set(ours) & set(theirs)
    ours_moved = _order_changed(base, ours, shared)
    theirs_moved = _order_changed(base, theirs, shared)
    if ours_moved and theirs_moved and _order_changed(ours, theirs, shared):
        return list(ours), True
    skeleton, other = (theirs, ours) if theirs_moved and not ours_moved else (ours, theirs)
    before = set(base)
    removed = before - set(other)
    merged = [item for item in skeleton if item not in removed]
    present = set(merged)
    # Additions after the other side's last kept item go to the end (the least
    # priority there stays the least here); the others follow their predecessor.
    last = max((i for i, item in enumerate(other) if item in before), default=-1)
    for index, item in enumerate(other):
        if item in before or item in present:
            continue
        spot = 0 if index < last else len(merged)
        for previous in reversed(other[:index] if index < last else ()):
            if previous in present:
                spot = merged.index(previous) + 1
                break
        merged.insert(spot, item)
        present.add(item)
    return merged, False
