"""The ``html`` format: one self-contained page a teammate opens offline.

The page carries the same facts as the Markdown document (see ``document``:
what changed since the last review, open next steps and recent touches
included) plus the map drawn as inline SVG. It has no scripts, fetches nothing (no web
fonts, no images, no links to stylesheets) and prints well: the drawing
scales to the page, tables do not split rows, and the colours print.

A Content-Security-Policy ``<meta>`` forbids scripts and every network
request, as a second line of defence behind escaping: even if a name ever
slipped through unescaped, the browser would neither run it nor fetch for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from stakemap.analysis.planwords import TITLE as PLAN_TITLE
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
    department_rows,
    findings_by_severity,
    link_rows,
    open_step_rows,
    person_details,
    person_rows,
    plan_rows,
    recent_touch_rows,
    rule_title,
    summary_rows,
    team_rows,
)
from stakemap.export.escape import xml_text
from stakemap.export.style import HEALTH_COLOUR, STANCE_COLOUR, STANCE_TEXT
from stakemap.export.svg import STATE_COLOUR, svg_drawing
from stakemap.model import StakeMap
from stakemap.timeline.wording import change_lines
from stakemap.vocab import label

if TYPE_CHECKING:
    from stakemap.analysis.types import Analysis

__all__ = ["html_document", "html_head", "html_table", "render_html", "since_last_review_html"]

CSP: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

SEVERITY_COLOUR: Final = {"High": "#d1242f", "Medium": "#bf8700", "Low": "#57606a"}

STYLE: Final = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  color: #24292f; margin: 2rem auto; max-width: 72rem; padding: 0 1.5rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: .3rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem;
  margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
.badge { display: inline-block; padding: .1rem .6rem; border-radius: 1rem; color: #fff;
  font-weight: 700; text-transform: uppercase; font-size: .85rem; vertical-align: middle; }
.note { color: #57606a; font-style: italic; }
.map { overflow-x: auto; border: 1px solid #d0d7de; border-radius: 8px; padding: .5rem; }
.map svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
tr { break-inside: avoid; page-break-inside: avoid; }
.stance { display: inline-block; padding: 0 .45rem; border-radius: .7rem; white-space: nowrap; }
ul.findings { list-style: none; padding-left: 0; }
ul.findings li { border-left: 4px solid #d0d7de; padding: .3rem .8rem; margin: .5rem 0;
  break-inside: avoid; page-break-inside: avoid; }
.next { color: #0550ae; }
.overdue { color: #d1242f; font-weight: 600; }
ul.changes { list-style: none; padding-left: .5rem; }
ul.changes .mark { display: inline-block; width: 1em; font-weight: 700; }
.details dt { font-weight: 600; }
.details dd { margin: 0 0 .3rem 1rem; white-space: pre-wrap; }
footer { margin-top: 3rem; color: #57606a; font-size: .8rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  .map { border: none; overflow: visible; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".strip()


def html_head(title: str) -> list[str]:
    """The page up to ``<body>``: the one head (CSP, style) every stakemap page has."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="generator" content="stakemap">',
        f"<title>{xml_text(title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
    ]


def html_table(header: Sequence[str], rows: Sequence[Sequence[str]], *, raw_cols: int = -1) -> str:
    """A table of escaped cells; ``raw_cols`` names one column already rendered as HTML."""
    head = "".join(f"<th>{xml_text(h)}</th>" for h in header)
    body = []
    for row in rows:
        cells = "".join(
            f"<td>{cell if index == raw_cols else xml_text(cell)}</td>"
            for index, cell in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


#: How a change line looks on the page (its style from ``timeline.wording``).
CHANGE_COLOUR: Final = {
    "added": "#1a7f37",
    "better": "#1a7f37",
    "removed": "#d1242f",
    "worse": "#d1242f",
    "changed": "#0550ae",
    "plain": "#24292f",
}
_CHANGE_MARK: Final = {"added": "+", "better": "↑", "removed": "−", "worse": "↓", "changed": "~"}


def since_last_review_html(
    stakemap: StakeMap, options: ExportOptions, analysis: Analysis | None = None
) -> str | None:
    """The body of "Since the last review" as HTML, or ``None`` when the map has no review.

    The HTML twin of ``markdown.since_last_review_markdown``: the timeline's
    lines (``change_lines``, the wording ``stakemap diff`` uses), escaped here,
    each marked and coloured by its style so the page reads without colour too.
    A caller that already has the section passes escaped HTML to
    ``html_document(changes_html=...)`` instead.
    """
    changes = changes_since_last_review(stakemap, analysis, options.as_of())
    if changes is None:
        return None
    out: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            out.append('<ul class="changes">' + "".join(items) + "</ul>")
            items.clear()

    for index, line in enumerate(change_lines(changes)):
        if line.style == "heading":
            flush()
            tag = "p" if index == 0 else "h3"
            out.append(f"<{tag}><strong>{xml_text(line.text)}</strong></{tag}>")
            continue
        mark = _CHANGE_MARK.get(line.style, "")
        colour = CHANGE_COLOUR.get(line.style, CHANGE_COLOUR["plain"])
        sign = f'<span class="mark">{mark}</span> ' if mark else ""
        items.append(f'<li style="color:{colour}">{sign}{xml_text(line.text)}</li>')
    flush()
    return "\n".join(out)


def html_document(
    stakemap: StakeMap,
    *,
    analysis: Analysis | None,
    options: ExportOptions,
    changes_html: str | None = None,
) -> str:
    account = stakemap.account.account
    today = options.as_of()
    if changes_html is None:
        changes_html = since_last_review_html(stakemap, options, analysis)
    out = [
        *html_head(f"Deal review: {account}"),
        f"<header><h1>Deal review: {xml_text(account)}</h1>",
        '<dl class="summary">',
    ]
    for name, value in summary_rows(stakemap, today):
        out.append(f"<dt>{xml_text(name)}</dt><dd>{xml_text(value)}</dd>")
    out.append("</dl>")
    if options.anonymize:
        out.append(f'<p class="note">{xml_text(ANONYMIZED_NOTE)}</p>')
    elif options.redact:
        out.append(f'<p class="note">{xml_text(REDACTED_NOTE)}</p>')
    out.append("</header>")

    if analysis is not None:
        status = analysis.health.status
        colour = HEALTH_COLOUR.get(status.value, "#57606a")
        out.append(
            f'<section id="health"><h2>Deal health: <span class="badge" '
            f'style="background:{colour}">{xml_text(label(status))}</span></h2>'
        )
        reasons = "".join(f"<li>{xml_text(reason)}</li>" for reason in analysis.health.reasons)
        out.append(f"<ul>{reasons}</ul></section>" if reasons else "</section>")

    if changes_html:
        out.append('<section id="changes"><h2>Since the last review</h2>')
        out.append(changes_html)
        out.append("</section>")

    out.append('<section id="map"><h2>Map</h2><div class="map">')
    out.append(svg_drawing(stakemap, analysis=analysis))
    out.append("</div></section>")

    if analysis is not None:
        out.append('<section id="departments"><h2>Departments</h2>')
        rows = []
        for row in department_rows(stakemap, analysis):
            state = row[1]
            colour = STATE_COLOUR.get(state, "#57606a")
            rows.append(
                [row[0], f'<strong style="color:{colour}">{xml_text(state)}</strong>', *row[2:]]
            )
        if rows:
            header = ("Department", "State", "Support", "Opposition", "People")
            out.append(html_table(header, rows, raw_cols=1))
        else:
            out.append("<p>No departments on the map yet.</p>")
        out.append("</section>")

        out.append('<section id="findings"><h2>Findings</h2>')
        groups = findings_by_severity(analysis)
        if not groups:
            out.append("<p>No findings: nothing on this map matches a known way deals die.</p>")
        for severity, findings in groups:
            colour = SEVERITY_COLOUR.get(severity, "#57606a")
            out.append(f"<h3>{xml_text(severity)} ({len(findings)})</h3>")
            out.append('<ul class="findings">')
            for finding in findings:
                where = f" ({xml_text(finding.department)})" if finding.department else ""
                title = xml_text(rule_title(finding.rule))
                item = (
                    f'<li style="border-left-color:{colour}"><strong>{title}</strong>'
                    f"{where}: {xml_text(finding.message)}"
                )
                if finding.suggestion:
                    item += (
                        f'<br><span class="next">Next step: {xml_text(finding.suggestion)}</span>'
                    )
                out.append(item + "</li>")
            out.append("</ul>")
        out.append("</section>")

        caption, plan = plan_rows(stakemap, today, analysis=analysis, config=options.config)
        out.append(f'<section id="plan"><h2>{xml_text(PLAN_TITLE)}</h2>')
        out.append(f"<p>{xml_text(caption)}</p>")
        if plan:
            out.append(html_table(PLAN_COLUMNS, plan))
        out.append("</section>")

    steps = open_step_rows(stakemap, today)
    if steps:
        out.append(f'<section id="next-steps"><h2>Open next steps ({len(steps)})</h2>')
        status_col = STEP_COLUMNS.index("Status")
        rows = [
            [
                *cells[:status_col],
                f'<span class="overdue">{xml_text(cells[status_col])}</span>'
                if overdue
                else xml_text(cells[status_col]),
            ]
            for overdue, cells in steps
        ]
        out.append(html_table(STEP_COLUMNS, rows, raw_cols=status_col))
        out.append("</section>")
    touches = recent_touch_rows(stakemap)
    if touches:
        out.append('<section id="touches"><h2>Recent touches</h2>')
        out.append(html_table(TOUCH_COLUMNS, touches))
        if len(stakemap.interactions) > len(touches):
            out.append(
                f'<p class="note">The latest {len(touches)} of '
                f"{len(stakemap.interactions)} touches.</p>"
            )
        out.append("</section>")

    team = team_rows(stakemap)
    if team:
        out.append('<section id="team"><h2>Team</h2>')
        out.append(html_table(TEAM_COLUMNS, team))
        out.append("</section>")

    out.append('<section id="stakeholders"><h2>Stakeholders</h2>')
    rows = []
    stance_col = PERSON_COLUMNS.index("Stance")
    for person, cells in person_rows(stakemap):
        chip = (
            f'<span class="stance" style="background:{STANCE_COLOUR[person.stance]};'
            f'color:{STANCE_TEXT[person.stance]}">{xml_text(cells[stance_col])}</span>'
        )
        rows.append([*cells[:stance_col], chip, *cells[stance_col + 1 :]])
    if rows:
        out.append(html_table(PERSON_COLUMNS, rows, raw_cols=stance_col))
    else:
        out.append("<p>No stakeholders on this map yet.</p>")
    out.append("</section>")

    links = link_rows(stakemap)
    if links:
        out.append('<section id="relationships"><h2>Relationships</h2>')
        out.append(html_table(("From", "Relationship", "To", "Strength"), links))
        out.append("</section>")

    details = person_details(stakemap)
    if details:
        out.append('<section id="people"><h2>What drives each person</h2>')
        for detail in details:
            out.append(f'<h3>{xml_text(detail.person.name)}</h3><dl class="details">')
            for name, value in detail.facts:
                out.append(f"<dt>{xml_text(name)}</dt><dd>{xml_text(value)}</dd>")
            out.append("</dl>")
        out.append("</section>")

    out.append(f"<footer>Made with stakemap on {today.isoformat()}.</footer>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def render_html(
    stakemap: StakeMap, *, analysis: Analysis | None = None, options: ExportOptions
) -> str:
    return html_document(stakemap, analysis=analysis, options=options)
