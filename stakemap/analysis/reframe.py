"""Which priority to tie the initiative to when it is outside someone's top ones.

Always reframing toward priority #1 reads as naive when the initiative plainly
serves another of their top priorities ("Fleet telemetry" serves "Cut fleet
fuel costs" better than "Hire 40 drivers"). The choice weighs the words a
priority shares with the initiative first, then with the person's drivers;
the drivers are private, so they may steer the choice but are never quoted.
"""

from __future__ import annotations

from collections.abc import Sequence

from stakemap.initiative import content_words

__all__ = ["reframe_target"]

#: a word shared with the initiative counts for more than one shared with the
#: drivers: the reframe has to be about the initiative first.
_INITIATIVE_WEIGHT = 2


def reframe_target(priorities: Sequence[str], initiative: str, drivers: str) -> str:
    """The advice's object: "'<priority>', <why>", quoting only the priority.

    ``priorities`` are the ones worth tying to (their top ones), in order; the
    earliest wins a tie, and with no shared word at all it is their first.

    >>> reframe_target(["Hire drivers", "Cut fleet fuel costs"], "Fleet telemetry", "")
    "'Cut fleet fuel costs', the priority of theirs closest to the initiative"
    >>> reframe_target(["Hire drivers", "Audit"], "Fleet telemetry", "")
    "'Hire drivers', their first priority"
    """
    wanted, driven = content_words(initiative), content_words(drivers)
    best, best_score, by_initiative = 0, 0, False
    for index, item in enumerate(priorities):
        words = content_words(item)
        shared = len(words & wanted)
        score = _INITIATIVE_WEIGHT * shared + len(words & driven)
        if score > best_score:
            best, best_score, by_initiative = index, score, shared > 0
    chosen = priorities[best]
    if best_score == 0:
        return f"'{chosen}', their first priority"
    if by_initiative:
        return f"'{chosen}', the priority of theirs closest to the initiative"
    return f"'{chosen}', the priority of theirs closest to what drives them"
