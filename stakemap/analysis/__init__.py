"""The analyzers: find the ways a deal dies, and say who can fix it.

``analyze(stakemap)`` returns an ``Analysis``: deal health, department states,
per-person influence and broker scores, and findings sorted worst first.
Everything here is pure and headless (no Textual, no TinyDB): the CLI, the
TUI and the exporters render the same result. ``RULES`` lists the rules;
``AnalysisConfig`` holds their thresholds; ``report`` renders results as
JSON, markdown or terminal text. See the README's Analysis section.
"""

from __future__ import annotations

from stakemap.analysis.config import AnalysisConfig
from stakemap.analysis.engine import analyze, check_rule_ids, filter_findings, sort_findings
from stakemap.analysis.rules import RULES, Rule
from stakemap.analysis.types import (
    Analysis,
    DepartmentState,
    Finding,
    Health,
    HealthStatus,
    PersonScore,
    Severity,
    Subject,
)

__all__ = [
    "RULES",
    "Analysis",
    "AnalysisConfig",
    "DepartmentState",
    "Finding",
    "Health",
    "HealthStatus",
    "PersonScore",
    "Rule",
    "Severity",
    "Subject",
    "analyze",
    "check_rule_ids",
    "filter_findings",
    "sort_findings",
]
