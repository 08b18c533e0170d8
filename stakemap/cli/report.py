"""The analysis on a terminal: coloured, wrapped rich text for ``analyze`` and ``show``.

Here, not in ``stakemap.analysis``, so the analysis stays free of terminal
libraries; every user value (names, departments, findings that quote them)
goes through ``output.user`` so it prints as text, never as markup or
terminal controls.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date
from typing import Final

from rich.console import Group
from rich.text import Text

from stakemap.analysis.config import AnalysisConfig
from stakemap.analysis.context import Context
from stakemap.analysis.types import Analysis, Finding, HealthStatus, Severity
from stakemap.cli.output import titled_table, user
from stakemap.model import StakeMap
from stakemap.text import terminal_text

__all__ = ["HEALTH_STYLES", "SEVERITY_STYLES", "influence_table", "text_report"]

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


def _wrap(body: str, *, width: int, indent: int, marker: str = "", style: str = "") -> list[Text]:
    """Lines of ``body`` wrapped to ``width`` under a hanging indent, with an optional
    styled marker ("→ ") in front of the first line. No trailing spaces, so piped
    output diffs cleanly."""
    pad = " " * indent
    room = max(20, width - indent - len(marker))
    lines = textwrap.wrap(terminal_text(body), room, break_on_hyphens=False) or [""]
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
        piece = ("· " if index else "") + terminal_text(plain)
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
    title = user(account.account, style="bold")
    if account.initiative:
        title.append_text(user(f"  {account.initiative}", style="italic"))
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
                head.append_text(user(f"  {names}"))
            if finding.department:
                head.append_text(user(f"  [{finding.department}]", style="dim"))
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
    table = titled_table("Influence")
    table.add_column("Name", no_wrap=True, overflow="ellipsis")
    table.add_column("Influence", justify="right")
    table.add_column("Broker", justify="right")
    for score in ctx.scores:
        table.add_row(user(score.name), f"{score.influence_score:.2f}", f"{score.broker_score:.2f}")
    formula = Text(
        "influence = 1 - (1-declared)(1-veto)(1-role)(1-network), network from PageRank "
        "on influence and reporting links; broker = betweenness (README: Analysis)",
        style="dim",
    )
    return Group(table, formula)
