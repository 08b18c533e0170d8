"""Render an ``Analysis``: stable JSON, paste-ready markdown, and terminal text.

Headless (rich is fine, Textual is not): the CLI prints these, the export
helper reuses the markdown sections (``health_markdown``,
``departments_markdown``, ``findings_markdown``, ``people_markdown``) inside
its markdown export, and the TUI can show the same sentences.

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

import re
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import Any, Final

from rich.console import Group
from rich.table import Table
from rich.text import Text

from stakemap.analysis.config import AnalysisConfig
from stakemap.analysis.context import Context
from stakemap.analysis.types import Analysis, Finding, HealthStatus, Severity
from stakemap.model import StakeMap

__all__ = [
    "HEALTH_STYLES",
    "SEVERITY_STYLES",
    "analysis_markdown",
    "analysis_to_json",
    "departments_markdown",
    "findings_markdown",
    "health_markdown",
    "influence_table",
    "md_escape",
    "people_markdown",
    "text_report",
]

SEVERITY_STYLES: Final = {
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "dark_orange",
    Severity.LOW: "yellow",
}
HEALTH_STYLES: Final = {
    HealthStatus.RED: "bold red",
    HealthStatus.AMBER: "bold dark_orange",
    HealthStatus.GREEN: "bold green",
}
STATE_STYLES: Final = {
    "aligned": "green",
    "neutral": "yellow",
    "split": "dark_orange",
    "opposed": "bold red",
    "unknown": "dim",
}
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

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: str) -> str:
    r"""Escape text for markdown (tables included): names may hold ``*``, ``_`` or ``|``.

    >>> md_escape("R&D | *core*")
    'R&D \\| \\*core\\*'
    """
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def health_markdown(analysis: Analysis) -> str:
    """ "**Deal health: 🟠 AMBER**" and the reasons as a list."""
    health = analysis.health
    lines = [f"**Deal health: {_HEALTH_EMOJI[health.status]} {health.status.value.upper()}**", ""]
    lines.extend(f"- {md_escape(reason)}" for reason in health.reasons)
    return "\n".join(lines) + "\n"


def departments_markdown(analysis: Analysis) -> str:
    """A table of departments: state, support and opposition shares, head count."""
    if not analysis.departments:
        return "_No departments on the map._\n"
    lines = ["| Department | State | Support | Opposition | People |", "|---|---|---:|---:|---:|"]
    for dept in analysis.departments:
        lines.append(
            f"| {md_escape(dept.name)} | {dept.state} | {dept.support:.0%} | "
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
            f"| {md_escape(person.name)} | {person.influence_score:.2f} | "
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
            out.append(f"- **{finding.rule}**: {md_escape(finding.message)}  ")
            out.append(f"  _Next:_ {md_escape(finding.suggestion)}")
        out.append("")
    return "\n".join(out)


def analysis_markdown(stakemap: StakeMap, analysis: Analysis) -> str:
    """A whole deal-review section: title, health, departments, people, findings."""
    account = stakemap.account
    title = f"## {md_escape(account.account)}"
    if account.initiative:
        title += f": {md_escape(account.initiative)}"
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


# --- terminal text ---------------------------------------------------------------------


def _wrap(body: str, *, width: int, indent: int, marker: str = "", style: str = "") -> list[Text]:
    """Lines of ``body`` wrapped to ``width`` under a hanging indent, with an optional
    styled marker ("→ ") in front of the first line. No trailing spaces, so piped
    output diffs cleanly."""
    pad = " " * indent
    room = max(20, width - indent - len(marker))
    lines = textwrap.wrap(body, room, break_on_hyphens=False) or [""]
    out = []
    for index, line in enumerate(lines):
        text = Text(pad)
        if index == 0 and marker:
            text.append(marker, style=style)
        elif marker:
            text.append(" " * len(marker))
        text.append(line)
        out.append(text)
    return out


def _joined(label: str, items: Sequence[tuple[str, str]], width: int) -> list[Text]:
    """ "Departments: IT opposed · HR unknown" wrapped at ``width`` with styles kept."""
    lines = [Text(label, style="bold")]
    for index, (plain, styled_word) in enumerate(items):
        piece = ("· " if index else "") + plain
        style = STATE_STYLES.get(styled_word, "")
        chunk = Text(piece)
        if style and plain.endswith(styled_word):
            chunk.stylize(style, len(piece) - len(styled_word))
        if lines[-1].cell_len + 1 + chunk.cell_len > width and lines[-1].plain.strip():
            lines.append(Text("  "))
        elif lines[-1].plain and not lines[-1].plain.endswith(" "):
            lines[-1].append(" ")
        lines[-1].append_text(chunk)
    return lines


def text_report(
    stakemap: StakeMap,
    analysis: Analysis,
    *,
    findings: Sequence[Finding] | None = None,
    width: int = 80,
) -> list[Text]:
    """Lines for a terminal: health, departments, top people, findings by severity.

    Wrapped to ``width`` here (not by rich) so hanging indents stay readable
    at 80 columns; colour comes from the console, so piped output is plain.
    """
    shown = analysis.findings if findings is None else findings
    account = stakemap.account
    title = Text(account.account, style="bold")
    if account.initiative:
        title.append(f"  {account.initiative}", style="italic")
    out: list[Text] = [title]

    health = analysis.health
    line = Text("Deal health: ")
    line.append(health.status.value.upper(), style=HEALTH_STYLES[health.status])
    out.append(line)
    for reason in health.reasons:
        out.extend(_wrap(reason, width=width, indent=2, marker="• "))
    if analysis.departments:
        items = [(f"{d.name} {d.state}", d.state) for d in analysis.departments]
        out.extend(_joined("Departments:", items, width))
    if analysis.people:
        items = [(f"{p.name} {p.influence_score:.2f}", "") for p in analysis.people[:3]]
        out.extend(_joined("Most influential:", items, width))

    if not shown:
        out.extend([Text(""), Text("No findings.", style="green")])
        return out
    for severity in Severity:
        group = [f for f in shown if f.severity is severity]
        if not group:
            continue
        out.append(Text(""))
        out.append(
            Text(f"{severity.value.upper()} ({len(group)})", style=SEVERITY_STYLES[severity])
        )
        for finding in group:
            head = Text(" ● ", style=SEVERITY_STYLES[severity])
            head.append(finding.rule, style="bold")
            names = ", ".join(s.name for s in finding.subjects[:3])
            if len(finding.subjects) > 3:
                names += ", …"
            if names:
                head.append(f"  {names}")
            if finding.department:
                head.append(f"  [{finding.department}]", style="dim")
            head.truncate(width, overflow="ellipsis")
            out.append(head)
            out.extend(_wrap(finding.message, width=width, indent=3))
            out.extend(_wrap(finding.suggestion, width=width, indent=3, marker="→ ", style="cyan"))
    return out


def influence_table(stakemap: StakeMap, *, config: AnalysisConfig | None = None) -> Group:
    """Influence and broker scores for ``stakemap show``, then the formula in one line.

    Computes only the scores (no rules), so ``show`` stays fast.
    """
    ctx = Context(stakemap, today=date.today(), config=config or AnalysisConfig())
    table = Table(
        title="Influence",
        title_justify="left",
        box=None,
        pad_edge=False,
        header_style="bold underline",
    )
    table.add_column("Name", no_wrap=True, overflow="ellipsis")
    table.add_column("Influence", justify="right")
    table.add_column("Broker", justify="right")
    for score in ctx.scores:
        table.add_row(score.name, f"{score.influence_score:.2f}", f"{score.broker_score:.2f}")
    formula = Text(
        "influence = 1 - (1-declared)(1-veto)(1-role)(1-network), network from PageRank "
        "on influence and reporting links; broker = betweenness (README: Analysis)",
        style="dim",
    )
    return Group(table, formula)
