"""Exceptions a user can cause, each carrying one sentence fit to show them.

Everything a user can get wrong (a value, a name, a file) raises a subclass of
``StakemapError``. The CLI prints ``str(error)`` on one line and exits 2; the TUI
shows the same sentence in a notification. Nothing else should ever reach the
user as a traceback.
"""

from __future__ import annotations

import reprlib
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "AmbiguousNameError",
    "MapConflictError",
    "MapFileError",
    "NotFoundError",
    "StakemapError",
    "ValidationError",
    "shown",
]

_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 80
_SHOWN.maxlevel = 3
_SHOWN.maxlist = _SHOWN.maxtuple = _SHOWN.maxdict = 6


def shown(value: object) -> str:
    """``repr(value)`` cut to a readable size: a message quotes what the user
    gave, and that may be a 10 MB string or a list nested a thousand deep.

    >>> len(shown("x" * 10_000_000))
    80
    >>> shown([1] * 100)
    '[1, 1, 1, 1, 1, 1, ...]'
    >>> shown([[[[1]]]])
    '[[[[...]]]]'
    """
    return _SHOWN.repr(value)


class StakemapError(Exception):
    """Base class: the message is complete and addressed to the user."""


class ValidationError(StakemapError, ValueError):
    """A field got a value outside its vocabulary or shape."""

    def __init__(
        self,
        field: str,
        value: object,
        allowed: Sequence[str] | None = None,
        *,
        reason: str | None = None,
    ) -> None:
        self.field = field
        self.value = value
        self.allowed = list(allowed) if allowed is not None else None
        self.reason = reason
        if reason is not None:
            message = f"{field}: {reason}"
        else:
            quoted = "(empty)" if value == "" else shown(value)
            message = f"{field}: {quoted} is not allowed"
            if self.allowed:
                message += f"; use one of: {', '.join(self.allowed)}"
        super().__init__(message)


class NotFoundError(StakemapError, LookupError):
    """A stakeholder or link named by the user does not exist."""


class AmbiguousNameError(StakemapError, LookupError):
    """A name matches several stakeholders; the message lists them with ids."""

    def __init__(self, who: str, candidates: Sequence[tuple[str, str]]) -> None:
        self.who = who
        self.candidates = list(candidates)
        listed = ", ".join(f"{name} ({pid})" for pid, name in candidates)
        #: the list without the advice: the app's person picker shows the same
        #: words, followed by how to choose there.
        self.summary = f"{who!r} matches {len(candidates)} stakeholders: {listed}"
        super().__init__(f"{self.summary}; use an id instead")


class MapFileError(StakemapError, OSError):
    """A map file could not be read or written; names the file and the cause."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class MapConflictError(MapFileError):
    """The file changed on disk since it was read; saving would drop those changes."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            "the file changed on disk since it was opened (another window, "
            "the CLI or a teammate's copy); reload it or save elsewhere",
        )
