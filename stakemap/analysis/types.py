"""What an analysis returns. Plain frozen data, so the CLI, the TUI and the
exporters render the same result without re-deriving anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "Analysis",
    "DepartmentState",
    "Finding",
    "Health",
    "HealthStatus",
    "PersonScore",
    "Severity",
    "Subject",
]


class Severity(StrEnum):
    """How soon a finding can kill the deal. Declared most severe first."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """0 for high; sort findings by it to list the worst first."""
        return list(Severity).index(self)


class HealthStatus(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


@dataclass(frozen=True, slots=True)
class Subject:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One way the deal can die, in a rep's words, with the next step."""

    rule: str
    severity: Severity
    subjects: tuple[Subject, ...]
    department: str | None
    message: str
    #: The fields and links that triggered it, e.g.
    #: ``{"id": "p…", "field": "stance", "value": "opponent"}`` or
    #: ``{"link": "l…", "source": "p…", "target": "p…", "kind": "influences", "strength": 3}``.
    evidence: tuple[dict[str, Any], ...]
    suggestion: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "subjects": [{"id": s.id, "name": s.name} for s in self.subjects],
            "department": self.department,
            "message": self.message,
            "evidence": [dict(e) for e in self.evidence],
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True, slots=True)
class DepartmentState:
    """Where one department stands: ``aligned``, ``split``, ``opposed`` or ``unknown``."""

    name: str
    state: str
    support: float
    opposition: float
    members: tuple[str, ...]  # stakeholder ids

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "state": self.state,
            "support": self.support,
            "opposition": self.opposition,
            "members": list(self.members),
        }


@dataclass(frozen=True, slots=True)
class PersonScore:
    id: str
    name: str
    influence_score: float
    broker_score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "influence_score": self.influence_score,
            "broker_score": self.broker_score,
        }


@dataclass(frozen=True, slots=True)
class Health:
    status: HealthStatus
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status.value, "reasons": list(self.reasons)}


@dataclass(frozen=True, slots=True)
class Analysis:
    """The whole result of analysing one map, findings sorted worst first."""

    health: Health
    departments: tuple[DepartmentState, ...]
    people: tuple[PersonScore, ...]
    findings: tuple[Finding, ...]
    extra: dict[str, Any] = field(default_factory=dict)

    def findings_for(self, pid: str) -> list[Finding]:
        """Findings that name this person (the TUI's detail pane)."""
        return [f for f in self.findings if any(s.id == pid for s in f.subjects)]
