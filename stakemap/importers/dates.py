"""Dates as CRMs export them, turned into ISO dates.

Salesforce and HubSpot write dates in the exporting user's locale: ``3/14/2026``
in the US, ``14/03/2026`` in the UK, ``14.03.2026`` in Germany, sometimes with a
time. Whether ``03/04/2026`` is March or April cannot be told from one value,
so the whole column is looked at: a first number above 12 anywhere means
day-first, a second number above 12 means month-first. When every value is
ambiguous, month-first is assumed (both CRMs' US default) and the caller is
told, so it can warn. Anything unrecognised is passed through unchanged for
the record validator to refuse with its usual message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Final

__all__ = ["DateColumn"]

_NUMERIC: Final = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})(?:[ T].*)?$")
_YMD_SLASH: Final = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T].*)?$")
_ISO_PREFIX: Final = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T].*)?$")


class DateColumn:
    """Reads one column's dates with one day/month order decided from all of them.

    >>> column = DateColumn(["3/14/2026", "04/05/2026"])
    >>> column.day_first, column.assumed
    (False, False)
    >>> column.to_iso("04/05/2026")
    '2026-04-05'
    >>> DateColumn(["14.03.2026"]).to_iso("14.03.2026 09:30")
    '2026-03-14'
    """

    def __init__(self, values: Iterable[str]) -> None:
        day_first = month_first = ambiguous = False
        for value in values:
            match = _NUMERIC.match(value.strip())
            if not match:
                continue
            a, sep, b = int(match.group(1)), match.group(2), int(match.group(3))
            if sep == "." or a > 12:
                day_first = True
            elif b > 12:
                month_first = True
            else:
                ambiguous = True
        self.day_first = day_first and not month_first
        #: True when the order was a guess: every numeric date could be read either way.
        self.assumed = ambiguous and not day_first and not month_first

    def to_iso(self, value: str) -> str:
        text = value.strip()
        match = _ISO_PREFIX.match(text)
        if match:
            return match.group(1)
        match = _YMD_SLASH.match(text)
        if match:
            return _safe(int(match.group(1)), int(match.group(2)), int(match.group(3)), text)
        match = _NUMERIC.match(text)
        if match:
            a, sep, b, year = (
                int(match.group(1)),
                match.group(2),
                int(match.group(3)),
                int(match.group(4)),
            )
            if year < 100:
                year += 2000
            day_first = self.day_first or sep == "." or a > 12
            day, month = (a, b) if day_first else (b, a)
            return _safe(year, month, day, text)
        return text


def _safe(year: int, month: int, day: int, original: str) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return original  # the validator reports it as not a date
