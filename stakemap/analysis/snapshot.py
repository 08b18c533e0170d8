"""The map's state with what the analysis says of it: what a review keeps and ``diff`` compares.

``timeline`` sits below ``analysis`` and knows only records, so the analysis
half of a ``MapState`` (findings, department states, health) is filled in
here. Findings are stored without their evidence: a review must stay small,
and "which risks appeared or were retired" needs only the rule, the people,
the department and the sentence the rep read at the time.

A finding's key (``finding_key``) is what makes "the same finding" the same
across reviews: its rule, the ids of the people it names and its department,
the identity ``engine.sort_findings`` already deduplicates on. The message
is not part of it, so a finding whose wording changed (a rename, a new
threshold) is one finding, not resolved-plus-appeared.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any, Final

from stakemap.analysis.config import AnalysisConfig
from stakemap.analysis.engine import analyze
from stakemap.analysis.types import Analysis, DepartmentState, Finding
from stakemap.model import StakeMap
from stakemap.records import MAX_LINE_CHARS, Review
from stakemap.timeline import reviews
from stakemap.timeline.changes import Changes, compare_states
from stakemap.timeline.state import MapState, records_state

__all__ = [
    "changes_since",
    "compare_maps",
    "current_state",
    "finding_key",
    "map_state",
    "record_review",
    "review_label",
]

#: Support and opposition are shares (0..1); more digits would only make every
#: edit anywhere in a department look like a change to it.
_SHARE_DIGITS: Final = 3


def finding_key(f: Finding) -> str:
    """``rule:id,id@department``: one finding's identity across reviews.

    The key is stored as a review entry's key (one line of at most
    ``MAX_LINE_CHARS``), so a finding naming many people, or a long
    department, is keyed by the rule and a digest of the same parts instead.

    >>> from stakemap.analysis.types import Severity, Subject
    >>> finding_key(Finding("blocker", Severity.HIGH, (Subject("p1", "Ann"),), "IT", "", (), ""))
    'blocker:p1@IT'
    """
    ids = ",".join(s.id for s in f.subjects)
    key = f"{f.rule}:{ids}@{f.department}" if f.department else f"{f.rule}:{ids}"
    if len(key) <= MAX_LINE_CHARS:
        return key
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{f.rule}:#{digest}"


def _finding_record(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": f.severity.value,
        "subjects": [{"id": s.id, "name": s.name} for s in f.subjects],
        "department": f.department,
        "message": f.message,
        "suggestion": f.suggestion,
    }


def _department_record(d: DepartmentState) -> dict[str, Any]:
    return {
        "state": d.state,
        "support": round(d.support, _SHARE_DIGITS),
        "opposition": round(d.opposition, _SHARE_DIGITS),
        "people": len(d.members),
    }


def map_state(stakemap: StakeMap, analysis: Analysis) -> MapState:
    """``stakemap``'s records with ``analysis`` (of that map) as the review keeps them."""
    records = records_state(stakemap)
    findings: dict[str, dict[str, Any]] = {}
    for f in analysis.findings:
        findings.setdefault(finding_key(f), _finding_record(f))
    return MapState(
        account=records.account,
        people=records.people,
        links=records.links,
        findings=findings,
        departments={d.name: _department_record(d) for d in analysis.departments},
        health=analysis.health.to_dict(),
    )


def current_state(
    stakemap: StakeMap, *, today: date, config: AnalysisConfig | None = None
) -> MapState:
    """The map as it is on ``today``, analysed with every rule."""
    return map_state(stakemap, analyze(stakemap, today=today, config=config))


def record_review(
    stakemap: StakeMap, *, day: date, label: str = "", config: AnalysisConfig | None = None
) -> Review:
    """Record a review of the map as it is on ``day`` (only what changed is stored)."""
    state = current_state(stakemap, today=day, config=config)
    return reviews.record_review(stakemap, state, day=day, label=label)


def review_label(review: Review) -> str:
    """How a review is named in a list of changes: "Q1 deal review (2026-10-01)"."""
    return f"{review.label} ({review.date})" if review.label else f"the review of {review.date}"


def changes_since(
    stakemap: StakeMap, spec: str, *, today: date, config: AnalysisConfig | None = None
) -> Changes:
    """What changed from the review ``spec`` names (``find_review``) to the map on ``today``.

    ``NotFoundError`` (one sentence naming the reviews there are) when ``spec``
    names none.
    """
    review = reviews.find_review(stakemap, spec)
    old = reviews.review_state(stakemap, review.id)
    new = current_state(stakemap, today=today, config=config)
    return compare_states(
        old, new, old_label=review_label(review), new_label=f"now ({today.isoformat()})"
    )


def compare_maps(
    old: StakeMap,
    new: StakeMap,
    *,
    today: date,
    config: AnalysisConfig | None = None,
    old_label: str = "the old map",
    new_label: str = "the new map",
) -> Changes:
    """What changed between two maps (two files, or two versions of one), both analysed
    on ``today`` so a finding differs only because the map did."""
    return compare_states(
        current_state(old, today=today, config=config),
        current_state(new, today=today, config=config),
        old_label=old_label,
        new_label=new_label,
    )
