"""The handover: what a teammate needs to take an account, or one seller's people, over.

A handover is where deals lose what was learned: the seller who leaves knew
that the CFO fears a second failed project and that the champion wants a
promotion, and none of it is in the CRM. This document carries it: the
account, the deal's health (the analysis' own), the promises still open to
the buyer, and each handed-over person with their role, stance and the
team's relationship, their last few touches, what drives them and what they
fear. Those last are private (``records.PRIVATE_FIELDS``): the document
says at the top that it is for the deal team, and with ``redact`` the map
goes through ``privacy.redact`` first, so they are simply not there.

The facts are computed once (``handover``) and rendered as plain text (the
terminal), Markdown or HTML with the deal review's own helpers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Final

from stakemap.analysis.wording import describe
from stakemap.errors import ValidationError
from stakemap.export.document import REDACTED_NOTE, STEP_COLUMNS, open_step_rows
from stakemap.export.escape import markdown_text, xml_text
from stakemap.export.html import html_head, html_table
from stakemap.export.markdown import markdown_table
from stakemap.export.style import HEALTH_COLOUR
from stakemap.model import StakeMap
from stakemap.owners import NOBODY, fold_name, owned_by, owner_names, spell_owner, team_spelling
from stakemap.timeline.interactions import recent_touches
from stakemap.vocab import Role, Stance, label

if TYPE_CHECKING:
    from stakemap.analysis.types import Analysis
    from stakemap.records import Stakeholder

__all__ = [
    "FOR_THE_TEAM",
    "HANDOVER_FORMATS",
    "HANDOVER_TOUCHES",
    "Handover",
    "HandoverPerson",
    "handover",
    "render_handover",
]

#: How many of each person's touches the handover lists (the latest).
HANDOVER_TOUCHES: Final = 3
HANDOVER_FORMATS: Final = ("text", "markdown", "html")
#: What every handover says first: who may read it, and why.
FOR_THE_TEAM: Final = (
    "For the deal team only: this handover holds private notes about real people "
    "(drivers, constraints, fears, notes). Do not forward it outside the team."
)
_REDACTED_FOR_THE_TEAM: Final = f"For the deal team. {REDACTED_NOTE}"
_UNOWNED: Final = "Key players nobody on the team holds yet: "
_PRIVATE: Final = (("Drivers", "drivers"), ("Constraints", "constraints"), ("Fears", "fears"))


@dataclass(frozen=True, slots=True)
class HandoverPerson:
    person: Stakeholder
    #: role, stance, relationship... as ``(label, text)``, empty ones left out.
    facts: tuple[tuple[str, str], ...]
    #: the latest touches as ``(date, kind, summary)``, newest first.
    touches: tuple[tuple[str, str, str], ...]
    #: drivers, constraints, fears and notes that are not empty (none when redacted).
    private: tuple[tuple[str, str], ...]
    #: the findings about this person, as "Title: message Next step: ...".
    findings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Handover:
    title: str
    note: str
    summary: tuple[tuple[str, str], ...]
    health: str
    reasons: tuple[str, ...]
    steps: tuple[tuple[bool, list[str]], ...]
    people: tuple[HandoverPerson, ...]
    #: key players nobody holds, as "Name (title)", when the whole account is handed over.
    unowned: tuple[str, ...] = ()


def _owner_fact(person: Stakeholder) -> str:
    relationship = label(person.relationship).lower()
    return f"{person.owner} ({relationship})" if person.owner else "nobody"


def _facts(person: Stakeholder) -> tuple[tuple[str, str], ...]:
    influence = label(person.influence) + (", holds a veto" if person.veto else "")
    pairs = [
        ("Title", person.title),
        ("Department", person.department),
        ("Role", "" if person.role is Role.UNKNOWN else label(person.role)),
        ("Stance", "" if person.stance is Stance.UNKNOWN else label(person.stance)),
        ("Influence", influence),
        ("Coverage", label(person.coverage)),
        ("Owner", _owner_fact(person)),
        ("Last contact", person.last_contact),
        ("Priorities", "; ".join(f"{n}. {p}" for n, p in enumerate(person.priorities, 1))),
    ]
    return tuple((name, value) for name, value in pairs if value)


def _handed_over(stakemap: StakeMap, giver: str | None) -> list[Stakeholder]:
    if giver is None:
        people = [p for p in stakemap.people if p.owner.strip()]
    else:
        people = owned_by(stakemap.people, giver)
        if not people:
            owners = ", ".join(owner_names(stakemap.account, stakemap.people)) or "nobody yet"
            raise ValidationError(
                "--from", giver, reason=f"nobody on the map is owned by {giver} (owners: {owners})"
            )
    return sorted(
        people,
        key=lambda p: (fold_name(p.owner), not p.is_key_player, p.name.casefold(), p.id),
    )


def handover(
    stakemap: StakeMap,
    analysis: Analysis,
    *,
    to: str,
    giver: str | None = None,
    today: date,
    redacted: bool = False,
    touches: int = HANDOVER_TOUCHES,
) -> Handover:
    """The facts of a handover of ``giver``'s people (everyone owned, when ``None``) to ``to``.

    ``stakemap`` is the map as it may be shown (already redacted when
    ``redacted``) and ``analysis`` its analysis as of ``today``. A ``giver``
    who owns nobody is refused: an empty handover would look like a clean one.
    """
    account = stakemap.account
    recipient = spell_owner(account.team, to)
    people = _handed_over(stakemap, giver)
    # as the team spells them, or as the map does (someone who left the team)
    sender = (team_spelling(account, giver) or people[0].owner) if giver else None
    ids = {p.id for p in people}
    title = f"Handover: {account.account} to {recipient}"
    if sender:
        title += f", from {sender}"
    summary = [("Account", account.account)]
    if account.initiative:
        summary.append(("Initiative", account.initiative))
    if account.team:
        summary.append(("Team", ", ".join(account.team)))
    summary.append(("As of", today.isoformat()))
    noun = "person" if len(people) == 1 else "people"
    whose = f"owned by {sender}" if sender else "owned on the team"
    summary.append(("Handed over", f"{len(people)} {noun} {whose}"))
    steps = open_step_rows(stakemap, today, people=ids if sender else None)
    by_person: dict[str, list[str]] = {}
    for finding in analysis.findings:
        line = f"{label(finding.severity)}: {finding.message} Next step: {finding.suggestion}"
        for subject in finding.subjects:
            by_person.setdefault(subject.id, []).append(line)
    handed = []
    for person in people:
        logged = recent_touches(stakemap, person.id, limit=touches)
        private = [(name, getattr(person, key)) for name, key in _PRIVATE]
        private.append(("Notes", person.notes))
        handed.append(
            HandoverPerson(
                person=person,
                facts=_facts(person),
                touches=tuple((t.date, label(t.kind), t.summary) for t in logged),
                private=tuple((name, value) for name, value in private if value),
                findings=tuple(by_person.get(person.id, ())),
            )
        )
    unowned = (
        ()
        if sender
        else tuple(
            describe(p)
            for p in sorted(owned_by(stakemap.people, NOBODY), key=lambda p: p.name.casefold())
            if p.is_key_player
        )
    )
    return Handover(
        unowned=unowned,
        title=title,
        note=_REDACTED_FOR_THE_TEAM if redacted else FOR_THE_TEAM,
        summary=tuple(summary),
        health=label(analysis.health.status),
        reasons=analysis.health.reasons,
        steps=tuple(steps),
        people=tuple(handed),
    )


# --- renderers ---------------------------------------------------------------------------


def _text(doc: Handover) -> str:
    out = [doc.title, "=" * len(doc.title), "", doc.note, ""]
    out += [f"{name}: {value}" for name, value in doc.summary]
    out += ["", f"Deal health: {doc.health.upper()}"]
    out += [f"  - {reason}" for reason in doc.reasons]
    if doc.steps:
        out += ["", f"Open next steps ({len(doc.steps)})"]
        for overdue, (_due, who, step, _logged, when) in doc.steps:
            out.append(f"  {'!' if overdue else '-'} {who}: {step} ({when})")
    for entry in doc.people:
        heading = entry.person.name
        out += ["", heading, "-" * len(heading)]
        out += [f"  {name}: {value}" for name, value in entry.facts]
        for name, value in entry.private:
            out.append(f"  {name}: {value}")
        if entry.touches:
            out.append("  Last touches:")
            out += [f"    {day} {kind}: {summary}" for day, kind, summary in entry.touches]
        if entry.findings:
            out.append("  Findings:")
            out += [f"    - {line}" for line in entry.findings]
    if not doc.people:
        out += ["", "Nobody on the map has an owner yet."]
    if doc.unowned:
        out += ["", _UNOWNED + ", ".join(doc.unowned) + "."]
    return "\n".join(out) + "\n"


def _markdown(doc: Handover) -> str:
    out = [f"# {markdown_text(doc.title)}", "", f"_{markdown_text(doc.note)}_", ""]
    out += [f"- **{name}:** {markdown_text(value)}" for name, value in doc.summary]
    out += ["", f"**Deal health: {markdown_text(doc.health.upper())}**", ""]
    out += [f"- {markdown_text(reason)}" for reason in doc.reasons]
    if doc.steps:
        out += ["", f"## Open next steps ({len(doc.steps)})", ""]
        out += markdown_table(STEP_COLUMNS, [cells for _, cells in doc.steps])
    out += ["", "## People", ""]
    if not doc.people:
        out.append("Nobody on the map has an owner yet.")
    for entry in doc.people:
        out += [f"### {markdown_text(entry.person.name)}", ""]
        facts = (*entry.facts, *entry.private)
        out += [f"- **{name}:** {markdown_text(value)}" for name, value in facts]
        if entry.touches:
            out += ["", "Last touches:", ""]
            out += markdown_table(("Date", "Kind", "Summary"), entry.touches)
        if entry.findings:
            out += ["", "Findings:", ""]
            out += [f"- {markdown_text(line)}" for line in entry.findings]
        out.append("")
    if doc.unowned:
        out += ["", f"_{markdown_text(_UNOWNED + ', '.join(doc.unowned))}._"]
    return "\n".join(out).rstrip("\n") + "\n"


def _html(doc: Handover) -> str:
    colour = HEALTH_COLOUR.get(doc.health.lower(), "#57606a")
    out = [*html_head(doc.title), f"<header><h1>{xml_text(doc.title)}</h1>"]
    out.append(f'<p class="note"><strong>{xml_text(doc.note)}</strong></p>')
    out.append('<dl class="summary">')
    out += [f"<dt>{xml_text(name)}</dt><dd>{xml_text(value)}</dd>" for name, value in doc.summary]
    out.append("</dl></header>")
    out.append(
        f'<section id="health"><h2>Deal health: <span class="badge" style="background:{colour}">'
        f"{xml_text(doc.health)}</span></h2>"
    )
    reasons = "".join(f"<li>{xml_text(reason)}</li>" for reason in doc.reasons)
    out.append(f"<ul>{reasons}</ul></section>" if reasons else "</section>")
    if doc.steps:
        out.append(f'<section id="next-steps"><h2>Open next steps ({len(doc.steps)})</h2>')
        out.append(html_table(STEP_COLUMNS, [cells for _, cells in doc.steps]))
        out.append("</section>")
    out.append('<section id="people"><h2>People</h2>')
    if not doc.people:
        out.append("<p>Nobody on the map has an owner yet.</p>")
    for entry in doc.people:
        out.append(f'<h3>{xml_text(entry.person.name)}</h3><dl class="details">')
        for name, value in (*entry.facts, *entry.private):
            out.append(f"<dt>{xml_text(name)}</dt><dd>{xml_text(value)}</dd>")
        out.append("</dl>")
        if entry.touches:
            out.append(html_table(("Date", "Kind", "Summary"), entry.touches))
        if entry.findings:
            items = "".join(f"<li>{xml_text(line)}</li>" for line in entry.findings)
            out.append(f"<ul>{items}</ul>")
    if doc.unowned:
        out.append(f'<p class="note">{xml_text(_UNOWNED + ", ".join(doc.unowned))}.</p>')
    out.append("</section>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def render_handover(doc: Handover, fmt: str) -> str:
    """``doc`` as ``text``, ``markdown`` or ``html``."""
    renderers = {"text": _text, "markdown": _markdown, "html": _html}
    try:
        return renderers[fmt](doc)
    except KeyError:
        raise ValidationError(
            "--format",
            fmt,
            reason=f"{fmt!r} is not a handover format; use one of: " + ", ".join(HANDOVER_FORMATS),
        ) from None
