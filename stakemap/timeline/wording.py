"""The one wording of ``Changes``: the CLI's ``diff``, the app's Changes view and the
exports' "Since the last review" all read these lines.

Each ``Line`` carries a style (so a front end colours it without parsing the
text) and, when it is about one person, that person's id (so the app can jump
to them). The text holds the user's values raw; each front end makes them
safe its own way (``text.terminal_text`` on a terminal, ``markdown_text`` in
``changes_markdown``).

Sentences are written for a deal review: "Dana Whitfield: skeptic → supporter",
"Raj Menon joined (Finance, economic buyer)". A stance moving towards
champion reads as better, away from it as worse; so does the initiative
climbing or falling in someone's priorities, the health, and findings
appearing (worse) or being resolved (better).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from stakemap.records import PRIVATE_FIELDS
from stakemap.text import markdown_text
from stakemap.timeline.changes import Changes, LinkRef, PersonChange, PersonRef
from stakemap.timeline.compare import FieldChange
from stakemap.vocab import LinkKind, Stance, link_sentence

__all__ = ["MARKS", "STYLES", "Line", "change_lines", "changes_markdown"]

#: Every style a line can have; front ends map each to a colour.
STYLES: Final = ("heading", "added", "removed", "changed", "better", "worse", "plain")
#: The mark before a line of each style, so the kinds of change stay apart
#: without colour (piped, printed, colour-blind): the CLI and the app show these.
MARKS: Final[dict[str, str]] = {
    "heading": "",
    "added": "+ ",
    "removed": "- ",
    "changed": "~ ",
    "better": "↑ ",
    "worse": "↓ ",
    "plain": "  ",
}

#: The stance scale, worst first; ``unknown`` is off the scale (a move to or from
#: it is neither better nor worse).
_STANCE_SCALE: Final = tuple(s.value for s in Stance if s is not Stance.UNKNOWN)
_HEALTH_SCALE: Final = ("red", "amber", "green")
_COVERAGE_SCALE: Final = ("none", "brief", "multiple", "in_depth")
#: Fields worded elsewhere in a person's lines (or not at all).
_SPECIAL: Final = ("name", "priorities", "veto")
_TOP: Final = 3


@dataclass(frozen=True)
class Line:
    """One line of a change list: its text, how to show it, and who it is about."""

    text: str
    style: str = "plain"
    person: str | None = None


def _words(value: object) -> str:
    """A stored vocabulary value as words: ``economic_buyer`` → ``economic buyer``."""
    if value is None or value == "":
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_", " ")


def _direction(scale: tuple[str, ...], old: object, new: object) -> str:
    if old in scale and new in scale:
        return "better" if scale.index(str(new)) > scale.index(str(old)) else "worse"
    return "changed"


def _who(person: PersonRef) -> str:
    parts = [p for p in (person.department, _words(person.role)) if p and p != "unknown"]
    return f" ({', '.join(parts)})" if parts else ""


def _rank(rank: int | None) -> str:
    return "not in their priorities" if rank is None else f"#{rank}"


def _person_lines(change: PersonChange) -> list[Line]:
    pid, name = change.id, change.name
    lines: list[Line] = []
    rename = change.get("name")
    if rename is not None:
        lines.append(Line(f"{rename.old} is now called {rename.new}", "changed", pid))
    for field in change.fields:
        if field.field in _SPECIAL:
            continue
        lines.append(_field_line(name, pid, field))
    veto = change.get("veto")
    if veto is not None:
        text = f"{name}: can now veto" if veto.new else f"{name}: can no longer veto"
        lines.append(Line(text, "worse" if veto.new else "better", pid))
    if change.priorities is not None:
        p = change.priorities
        if p.reordered:
            lines.append(Line(f"{name}: priorities reordered ({'; '.join(p.new)})", "changed", pid))
        else:
            parts = []
            if p.added:
                parts.append("added " + "; ".join(p.added))
            if p.removed:
                parts.append("dropped " + "; ".join(p.removed))
            lines.append(Line(f"{name}: priorities {', '.join(parts)}", "changed", pid))
    if change.initiative_rank is not None:
        before, after = change.initiative_rank
        if after is not None and (before is None or after < before):
            style = "better"
        elif before is not None and (after is None or after > before):
            style = "worse"
        else:  # pragma: no cover - equal ranks are not a change
            style = "changed"
        note = ""
        if after is not None and after <= _TOP and (before is None or before > _TOP):
            note = " (now in their top 3)"
        elif before is not None and before <= _TOP and (after is None or after > _TOP):
            note = " (out of their top 3)"
        lines.append(
            Line(f"{name}: the initiative ranks {_rank(before)} → {_rank(after)}{note}", style, pid)
        )
    return lines


def _field_line(name: str, pid: str, field: FieldChange) -> Line:
    label = field.field.replace("_", " ")
    if field.field == "stance":
        style = _direction(_STANCE_SCALE, field.old, field.new)
        return Line(f"{name}: {_words(field.old)} → {_words(field.new)}", style, pid)
    if field.field in PRIVATE_FIELDS:
        # Notes and contact details are never echoed: these lines also go into
        # exports a rep shares (and --redact must not have to parse them).
        return Line(f"{name}: {label} edited", "changed", pid)
    style = "changed"
    if field.field == "coverage":
        style = _direction(_COVERAGE_SCALE, field.old, field.new)
    return Line(f"{name}: {label} {_words(field.old)} → {_words(field.new)}", style, pid)


def _link_text(link: LinkRef) -> str:
    try:
        kind = LinkKind(link.kind)
    except ValueError:
        return f"{link.source_name} {_words(link.kind)} {link.target_name}"
    return link_sentence(link.source_name, kind, link.target_name, link.strength)


def _health(status: Any) -> str:
    return str(status) if status else "not judged"


def change_lines(changes: Changes) -> list[Line]:
    """Every change as lines: a title, the health, then one section per kind of change.

    Sections with nothing in them are left out; with no changes at all the
    title says so and only the health follows.
    """
    title = f"Changes from {changes.old_label} to {changes.new_label}"
    if changes.is_empty():
        title = f"No changes from {changes.old_label} to {changes.new_label}"
    lines = [Line(title, "heading")]
    before, after = changes.health_before.get("status"), changes.health_after.get("status")
    if changes.health_changed:
        style = _direction(_HEALTH_SCALE, before, after)
        lines.append(Line(f"Health: {_health(before)} → {_health(after)}", style))
        lines += [Line(str(reason)) for reason in changes.health_after.get("reasons") or ()]
    else:
        lines.append(Line(f"Health: {_health(after)} (unchanged)"))

    if changes.account:
        lines.append(Line("Account", "heading"))
        for field in changes.account:
            label = field.field.replace("_", " ").capitalize()
            lines.append(Line(f"{label}: {_words(field.old)} → {_words(field.new)}", "changed"))

    people: list[Line] = []
    for person in changes.people_added:
        people.append(Line(f"{person.name} joined{_who(person)}", "added", person.id))
    for person in changes.people_removed:
        people.append(Line(f"{person.name} left the map{_who(person)}", "removed", person.id))
    for change in changes.people_changed:
        people += _person_lines(change)
    if people:
        lines.append(Line("People", "heading"))
        lines += people

    links: list[Line] = []
    for link in changes.links_added:
        links.append(Line(f"New link: {_link_text(link)}", "added", link.source))
    for link in changes.links_removed:
        links.append(Line(f"Link removed: {_link_text(link)}", "removed", link.source))
    for link_change in changes.links_changed:
        link = link_change.link
        ends = {f.field: f for f in link_change.fields if f.field in ("source", "target")}
        # an edited direction swaps the ends: say so, not as two changed ids
        swapped = len(ends) == 2 and ends["source"].old == ends["target"].new
        parts = ["direction reversed"] if swapped else []
        parts += [
            f"{f.field} {_words(f.old)} → {_words(f.new)}"
            for f in link_change.fields
            if f.field in ("strength", "kind") or (f.field in ends and not swapped)
        ]
        text = f"{_link_text(link)}: {', '.join(parts)}" if parts else _link_text(link)
        links.append(Line(text, "changed", link.source))
    if links:
        lines.append(Line("Links", "heading"))
        lines += links

    findings: list[Line] = []
    for finding in changes.findings_appeared:
        first = finding.subjects[0][0] if finding.subjects else None
        findings.append(Line(f"New ({finding.severity}): {finding.message}", "worse", first))
    for finding in changes.findings_resolved:
        first = finding.subjects[0][0] if finding.subjects else None
        findings.append(Line(f"Resolved: {finding.message}", "better", first))
    for moved in changes.findings_changed:
        finding = moved.finding
        first = finding.subjects[0][0] if finding.subjects else None
        style = "worse" if moved.worse else "better"
        text = f"Now {finding.severity} (was {moved.old_severity}): {finding.message}"
        findings.append(Line(text, style, first))
    if findings:
        lines.append(Line("Findings", "heading"))
        lines += findings

    if changes.departments:
        lines.append(Line("Departments", "heading"))
        for dept in changes.departments:
            if dept.before is None:
                lines.append(Line(f"{dept.name}: new, {_words(dept.after)}", "added"))
            elif dept.after is None:
                lines.append(Line(f"{dept.name}: gone (was {_words(dept.before)})", "removed"))
            else:
                order = {"aligned": 2, "split": 1, "unknown": 1, "opposed": 0}
                old, new = order.get(dept.before, 1), order.get(dept.after, 1)
                how = "better" if new > old else "worse" if new < old else "changed"
                lines.append(Line(f"{dept.name}: {dept.before} → {dept.after}", how))
    return lines


def changes_markdown(changes: Changes, *, heading_level: int = 2) -> str:
    """The same lines as Markdown, to paste into review notes: the title at
    ``heading_level``, sections one level below, changes as bullets."""
    level = max(1, min(heading_level, 5))
    out: list[str] = []
    for index, line in enumerate(change_lines(changes)):
        text = markdown_text(line.text)
        if line.style == "heading":
            hashes = "#" * (level if index == 0 else level + 1)
            if out:
                out.append("")
            out.append(f"{hashes} {text}")
            out.append("")
        else:
            out.append(f"- {text}")
    return "\n".join(out).rstrip() + "\n"
