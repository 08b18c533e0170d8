"""Render an ``Analysis`` as documents: stable JSON and paste-ready markdown.

Headless and free of terminal libraries (the coloured terminal text is the
CLI's, in ``stakemap.cli.report``): the CLI prints these, and the export
helper reuses the markdown sections (``health_markdown``,
``departments_markdown``, ``findings_markdown``, ``people_markdown``) inside
its markdown export.

The JSON shape is a documented contract (the README's Analysis section)::

    {"map": {"account", "initiative", "owner", "modified", "stakeholders",
             "links", "today"},
     "health": {"status", "reasons"},
     "departments": [{"name", "state", "support", "opposition", "members"}],
     "people": [{"id", "name", "influence_score", "broker_score"}],
     "findings": [{"rule", "severity", "subjects": [{"id", "name"}],
                   "department", "message", "evidence", "suggestion"}]}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from stakemap.analysis.types import Analysis, Finding, HealthStatus, Severity
from stakemap.model import StakeMap
from stakemap.text import markdown_text

__all__ = [
    "analysis_markdown",
    "analysis_to_json",
    "departments_markdown",
    "findings_markdown",
    "health_markdown",
    "people_markdown",
]

_HEALTH_EMOJI: Final = {
    HealthStatus.RED: "🔴",
    HealthStatus.AMBER: "🟠",
    HealthStatus.GREEN: "🟢",
}

# --- JSON ----------------------------------------------------------------------------


def analysis_to_json(stakemap: StakeMap, analysis: Analysis) -> dict[str, Any]:
    """The stable JSON document of ``stakemap analyze --format json``."""
    account = stakemap.account
    return {
        "map": {
            "account": account.account,
            "initiative": account.initiative,
            "owner": account.owner,
            "modified": account.modified,
            "stakeholders": len(stakemap),
            "links": len(stakemap.links),
            "today": analysis.extra.get("today"),
        },
        "health": analysis.health.to_dict(),
        "departments": [d.to_dict() for d in analysis.departments],
        "people": [p.to_dict() for p in analysis.people],
        "findings": [f.to_dict() for f in analysis.findings],
    }


# --- markdown --------------------------------------------------------------------------


def health_markdown(analysis: Analysis) -> str:
    """ "**Deal health: 🟠 AMBER**" and the reasons as a list."""
    health = analysis.health
    lines = [f"**Deal health: {_HEALTH_EMOJI[health.status]} {health.status.value.upper()}**", ""]
    lines.extend(f"- {markdown_text(reason)}" for reason in health.reasons)
    return "\n".join(lines) + "\n"


def departments_markdown(analysis: Analysis) -> str:
    """A table of departments: state, support and opposition shares, head count."""
    if not analysis.departments:
        return "_No departments on the map._\n"
    lines = ["| Department | State | Support | Opposition | People |", "|---|---|---:|---:|---:|"]
    for dept in analysis.departments:
        lines.append(
            f"| {markdown_text(dept.name)} | {dept.state} | {dept.support:.0%} | "
            f"{dept.opposition:.0%} | {len(dept.members)} |"
        )
    return "\n".join(lines) + "\n"


def people_markdown(analysis: Analysis, *, limit: int = 10) -> str:
    """The most influential people, with influence and broker scores."""
    if not analysis.people:
        return "_Nobody on the map yet._\n"
    lines = ["| Person | Influence | Broker |", "|---|---:|---:|"]
    for person in analysis.people[:limit]:
        lines.append(
            f"| {markdown_text(person.name)} | {person.influence_score:.2f} | "
            f"{person.broker_score:.2f} |"
        )
    return "\n".join(lines) + "\n"


def findings_markdown(findings: Sequence[Finding], *, heading_level: int = 3) -> str:
    """Findings grouped by severity, each with its message and next step."""
    if not findings:
        return "_No findings._\n"
    hashes = "#" * heading_level
    out: list[str] = []
    for severity in Severity:
        group = [f for f in findings if f.severity is severity]
        if not group:
            continue
        out.append(f"{hashes} {severity.value.capitalize()} ({len(group)})\n")
        for finding in group:
            out.append(f"- **{finding.rule}**: {markdown_text(finding.message)}  ")
            out.append(f"  _Next:_ {markdown_text(finding.suggestion)}")
        out.append("")
    return "\n".join(out)


def analysis_markdown(stakemap: StakeMap, analysis: Analysis) -> str:
    """A whole deal-review section: title, health, departments, people, findings."""
    account = stakemap.account
    title = f"## {markdown_text(account.account)}"
    if account.initiative:
        title += f": {markdown_text(account.initiative)}"
    today = analysis.extra.get("today")
    facts = f"{len(stakemap)} stakeholders, {len(stakemap.links)} links"
    if today:
        facts += f"; analysed on {today}"
    parts = [
        title,
        "",
        f"_{facts}_",
        "",
        health_markdown(analysis),
        "### Departments\n",
        departments_markdown(analysis),
        "### Most influential\n",
        people_markdown(analysis),
        f"### Findings ({len(analysis.findings)})\n",
        findings_markdown(analysis.findings, heading_level=4),
    ]
    return "\n".join(parts).rstrip() + "\n"
