"""The ``markdown`` format: a deal-review document that pastes into GitHub,
GitLab, Notion or Obsidian.

Account and initiative, deal health with its reasons, department states, the
most influential people, the findings worst first with the next step for
each (those four sections are the analyzer's own, from
``stakemap.analysis.report``), the stakeholder table, the relationships, each
person's priorities, drivers, constraints and fears, and a Mermaid flowchart
of the map. With a history, it also says what changed since the last review
(right after the health), lists the open next steps (overdue first) and the
latest touches. Every user-typed string goes through the one Markdown escaper
(``stakemap.text.markdown_text``, here and in the analyzer's sections), so no
name becomes markup or raw HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from stakemap.analysis.planwords import TITLE as PLAN_TITLE
from stakemap.analysis.report import (
    departments_markdown,
    findings_markdown,
    health_markdown,
    people_markdown,
)
from stakemap.export import ExportOptions
from stakemap.export.document import (
    ANONYMIZED_NOTE,
    PERSON_COLUMNS,
    PLAN_COLUMNS,
    REDACTED_NOTE,
    STEP_COLUMNS,
    TEAM_COLUMNS,
    TOUCH_COLUMNS,
    changes_since_last_review,
    link_rows,
    open_step_rows,
    person_details,
    person_rows,
    plan_rows,
    recent_touch_rows,
    summary_rows,
    team_rows,
)
from stakemap.export.escape import markdown_text
from stakemap.export.mermaid import mermaid_flowchart
from stakemap.model import StakeMap
from stakemap.timeline.wording import changes_markdown

if TYPE_CHECKING:
    from stakemap.analysis.types import Analysis

__all__ = [
    "markdown_document",
    "markdown_table",
    "render_markdown",
    "since_last_review_markdown",
]


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A GitHub-flavoured table; cells are escaped here, so pass raw text."""
    lines = [
        "| " + " | ".join(markdown_text(h) for h in header) + " |",
        "|" + "|".join(" --- " for _ in header) + "|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(markdown_text(cell) or " " for cell in row) + " |")
    return lines


def since_last_review_markdown(
    stakemap: StakeMap, options: ExportOptions, analysis: Analysis | None = None
) -> str | None:
    """The body of "Since the last review", or ``None`` when the map has no review.

    The timeline's comparison in its own Markdown wording (``changes_markdown``,
    what ``stakemap diff --since last --format markdown`` prints); the document
    never compares maps itself. A caller that already has the section passes it
    to ``markdown_document(changes=...)`` instead.
    """
    changes = changes_since_last_review(stakemap, analysis, options.as_of())
    if changes is None:
        return None
    return changes_markdown(changes, heading_level=3)


_ANONYMIZED = f"_{ANONYMIZED_NOTE}_"
_REDACTED = f"_{REDACTED_NOTE}_"


def markdown_document(
    stakemap: StakeMap,
    *,
    analysis: Analysis | None,
    options: ExportOptions,
    changes: str | None = None,
) -> str:
    """The whole document; ``changes`` is an already rendered "Since the last
    review" body (Markdown), else ``since_last_review_markdown`` is asked."""
    today = options.as_of()
    if changes is None:
        changes = since_last_review_markdown(stakemap, options, analysis)
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
    if changes:
        out += ["", "## Since the last review", "", changes.strip("\n")]
    if analysis is not None:
        out += ["", "## Departments", "", departments_markdown(analysis).rstrip("\n")]
        out += ["", "## Most influential", "", people_markdown(analysis).rstrip("\n")]
        out += [
            "",
            f"## Findings ({len(analysis.findings)})",
            "",
            findings_markdown(analysis.findings, heading_level=3).rstrip("\n"),
        ]
        caption, plan = plan_rows(stakemap, today, analysis=analysis, config=options.config)
        out += ["", f"## {PLAN_TITLE}", "", markdown_text(caption)]
        if plan:
            out += ["", *markdown_table(PLAN_COLUMNS, plan)]

    steps = open_step_rows(stakemap, today)
    if steps:
        out += ["", f"## Open next steps ({len(steps)})", ""]
        out += markdown_table(STEP_COLUMNS, [cells for _, cells in steps])
    touches = recent_touch_rows(stakemap)
    if touches:
        out += ["", "## Recent touches", ""]
        out += markdown_table(TOUCH_COLUMNS, touches)
        if len(stakemap.interactions) > len(touches):
            out += ["", f"_The latest {len(touches)} of {len(stakemap.interactions)} touches._"]

    team = team_rows(stakemap)
    if team:
        out += ["", "## Team", ""]
        out += markdown_table(TEAM_COLUMNS, team)

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
