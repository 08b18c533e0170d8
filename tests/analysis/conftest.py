"""Builders for small analyzer test maps: people by name, links by name.

``baseline`` is a healthy two-person deal on which no rule fires (checked in
``test_rules.py``); each rule's tests change one thing about it, so the
positive and negative cases differ by exactly the field the rule is about.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

import pytest

from stakemap.analysis import AnalysisConfig, Finding, analyze
from stakemap.model import StakeMap

TODAY = date(2026, 11, 30)

#: The economic buyer: supportive, met in depth, ranks the initiative first.
EVE = {
    "name": "Eve Buyer",
    "title": "CFO",
    "department": "Finance",
    "role": "economic_buyer",
    "veto": True,
    "stance": "supporter",
    "influence": "high",
    "coverage": "in_depth",
    "mode": "growth",
    "fear_of_failure": "low",
    "priorities": ["RevOps platform", "Audit"],
    "last_contact": "2026-11-20",
}
#: The champion: high influence, met several times, sways Eve strongly.
CHAD = {
    "name": "Chad Champion",
    "title": "CMO",
    "department": "Marketing",
    "role": "influencer",
    "stance": "champion",
    "influence": "high",
    "coverage": "multiple",
    "mode": "growth",
    "last_contact": "2026-11-25",
}

Builder = Callable[..., StakeMap]


@pytest.fixture
def build(make_map: Callable[..., StakeMap]) -> Builder:
    """``build(people, links)``: people are field dicts, links ``(from, to, kind[, strength])``
    by name."""

    def factory(
        people: Iterable[Mapping[str, Any]],
        links: Iterable[tuple[Any, ...]] = (),
        **account: Any,
    ) -> StakeMap:
        stakemap = make_map(account.pop("account", "Acme Corp"), **account)
        ids: dict[str, str] = {}
        for fields in people:
            person = stakemap.add_person(dict(fields))
            ids[person.name] = person.id
        for source, target, kind, *strength in links:
            stakemap.add_link(ids[source], ids[target], kind, strength[0] if strength else None)
        return stakemap

    return factory


@pytest.fixture
def baseline(build: Builder) -> Callable[..., StakeMap]:
    """The healthy deal, with ``eve``/``chad`` field changes, more people and links."""

    def factory(
        *,
        eve: Mapping[str, Any] | None = None,
        chad: Mapping[str, Any] | None = None,
        people: Iterable[Mapping[str, Any]] = (),
        links: Iterable[tuple[Any, ...]] = (),
        chad_sways_eve: bool = True,
        **account: Any,
    ) -> StakeMap:
        base_links = [("Chad Champion", "Eve Buyer", "influences", 3)] if chad_sways_eve else []
        return build(
            [{**EVE, **(eve or {})}, {**CHAD, **(chad or {})}, *people],
            [*base_links, *links],
            **account,
        )

    return factory


def findings(stakemap: StakeMap, rule: str | None = None, **config: Any) -> list[Finding]:
    """Findings of one rule (all when None) as of ``TODAY``."""
    cfg = AnalysisConfig().with_overrides(config) if config else None
    result = analyze(stakemap, today=TODAY, config=cfg, rules=[rule] if rule else None)
    return list(result.findings)


@pytest.fixture
def run() -> Callable[..., list[Finding]]:
    return findings
