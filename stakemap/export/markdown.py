"""The ``markdown`` format: a deal-review document that pastes into GitHub,
GitLab, Notion or Obsidian.

Account and initiative, deal health with its reasons, department states, the
most influential people, the findings worst first with the next step for
each (those four sections are the analyzer's own, from
``stakemap.analysis.report``), the stakeholder table, the relationships, each
person's priorities, drivers, constraints and fears, and a Mermaid flowchart
of the map. Every user-typed string goes through the one Markdown escaper
(``stakemap.text.markdown_text``, here and in the analyzer's sections), so no
name becomes markup or raw HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from stakemap.analysis.report import (
    departments_markdown,
    findings_markdown,
    health_markdown,
    people_markdown,
)
from stakemap.export import ExportOptions
from stakemap.export.document import (
    PERSON_COLUMNS,
    link_rows,
    person_details,
    person_rows,
    summary_rows,
)
from stakemap.export.escape import markdown_text
from stakemap.export.mermaid import mermaid_flowchart
from stakemap.model import StakeMap

if TYPE_CHECKING:
    from stakemap.analysis.types import Analysis

__all__ = ["markdown_document", "markdown_table", "render_markdown"]


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A GitHub-flavoured table; cells are escaped here, so pass raw text."""
    lines = [
        "| " + " | ".join(markdown_text(h) for h in header) + " |",
        "|" + "|".join(" --- " for _ in header) + "|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(markdown_text(cell) or " " for cell in row) + " |")
    return lines


_ANONYMIZED = "_Anonymized: names are replaced by role and department; private fields removed._"
_REDACTED = "_Redacted: notes, drivers, constraints, fears and emails removed._"


def markdown_document(
    stakemap: StakeMap, *, analysis: Analysis | None, options: ExportOptions
) -> str:
    today = options.as_of()
    out = [f"# Deal review: {markdown_text(stakemap.account.account)}", ""]
    for name, value in summary_rows(stakemap, today)[1:]:  # the account is the heading
        out.append(f"- **{name}:** {markdown_text(value)}")
    if options.anonymize:
        out += ["", _ANONYMIZED]
    elif options.redact:
        out += ["", _REDACTED]

    if analysis is not None:
        # The analyzer's own Markdown sections, so this document and
        # ``stakemap analyze --format markdown`` say the same thing the same way.
        out += ["", health_markdown(analysis).rstrip("\n")]  # "**Deal health: AMBER**"
        out += ["", "## Departments", "", departments_markdown(analysis).rstrip("\n")]
        out += ["", "## Most influential", "", people_markdown(analysis).rstrip("\n")]
        out += [
            "",
            f"## Findings ({len(analysis.findings)})",
            "",
            findings_markdown(analysis.findings, heading_level=3).rstrip("\n"),
        ]

    out += ["", "## Stakeholders", ""]
    rows = [cells for _, cells in person_rows(stakemap)]
    if rows:
        out += markdown_table(PERSON_COLUMNS, rows)
    else:
        out.append("No stakeholders on this map yet.")

    links = link_rows(stakemap)
    if links:
        out += ["", "## Relationships", ""]
        out += markdown_table(("From", "Relationship", "To", "Strength"), links)

    details = person_details(stakemap)
    if details:
        out += ["", "## What drives each person", ""]
        for detail in details:
            out.append(f"### {markdown_text(detail.person.name)}")
            out.append("")
            out += [f"- **{name}:** {markdown_text(value)}" for name, value in detail.facts]
            out.append("")
        out.pop()

    out += ["", "## Map", "", "```mermaid", mermaid_flowchart(stakemap).rstrip("\n"), "```", ""]
    out.append(
        "_Colour is stance (green supports, red opposes, grey unknown); larger text is higher "
        "influence; double circles can veto; dotted arrows are dotted lines; two-way arrows "
        "are conflicts._"
    )
    return "\n".join(out) + "\n"


def render_markdown(
    stakemap: StakeMap, *, analysis: Analysis | None = None, options: ExportOptions
) -> str:
    return markdown_document(stakemap, analysis=analysis, options=options)
