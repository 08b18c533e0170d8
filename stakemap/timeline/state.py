"""A map's state at one moment, as plain stored records: what a review keeps.

A state holds the records (account, people, links) as their stored dicts and,
when it was taken at a review, what the analysis said then (findings,
department states, health), because "which findings appeared since the last
review" can only be answered from what the analysis said *then*: the rules
and thresholds may have changed since.

Every part is a *section* of ``{key: record}``, so one comparison
(``compare.diff_records``) and one storage scheme (``reviews``) serve all of
them. The account and the health are one-record sections.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from stakemap.model import StakeMap
from stakemap.records import REVIEW_SECTIONS

__all__ = ["EMPTY_STATE", "MapState", "records_state"]

Record = Mapping[str, Any]
Section = Mapping[str, Record]

#: The key of the one record in the ``account`` and ``health`` sections.
SINGLE_KEY: Final[dict[str, str]] = {"account": "account", "health": "health"}


@dataclass(frozen=True, slots=True)
class MapState:
    """The map's records and, for a review, the analysis of them (see module doc).

    Treat every mapping as read-only: states share record dicts with the
    review entries they were rebuilt from.
    """

    account: Record = field(default_factory=dict)
    people: Section = field(default_factory=dict)
    links: Section = field(default_factory=dict)
    findings: Section = field(default_factory=dict)
    departments: Section = field(default_factory=dict)
    health: Record = field(default_factory=dict)

    def sections(self) -> dict[str, Section]:
        """Every part as ``{key: record}``, in ``REVIEW_SECTIONS`` order."""
        out: dict[str, Section] = {}
        for name in REVIEW_SECTIONS:
            value = getattr(self, name)
            if name in SINGLE_KEY:
                out[name] = {SINGLE_KEY[name]: value} if value else {}
            else:
                out[name] = value
        return out

    @classmethod
    def from_sections(cls, sections: Mapping[str, Section]) -> MapState:
        """The inverse of ``sections``; a missing section is empty."""
        values: dict[str, Any] = {}
        for name in REVIEW_SECTIONS:
            section = sections.get(name) or {}
            if name in SINGLE_KEY:
                values[name] = dict(section.get(SINGLE_KEY[name]) or {})
            else:
                values[name] = dict(section)
        return cls(**values)

    def with_records_of(self, other: MapState) -> MapState:
        """This state's analysis with ``other``'s account, people and links."""
        return MapState(
            other.account, other.people, other.links, self.findings, self.departments, self.health
        )


EMPTY_STATE: Final = MapState()


def records_state(stakemap: StakeMap) -> MapState:
    """The map's records as stored dicts (no analysis: see ``analysis.snapshot``).

    >>> m = StakeMap.new("Acme")
    >>> ann = m.add_person(name="Ann")
    >>> records_state(m).people[ann.id]["name"]
    'Ann'
    """
    return MapState(
        account=stakemap.account.to_dict(),
        people={p.id: p.to_dict() for p in stakemap.people},
        links={link.id: link.to_dict() for link in stakemap.links},
    )
