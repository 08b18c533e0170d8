"""What a deal-review document says, independent of how it is marked up.

The Markdown and HTML exports show the same facts: the account, the deal's
health, what changed since the last review, each department's state, the
findings worst first with their next steps, the open next steps owed to the
buyer (overdue first), the latest touches, a stakeholder table, the
relationships and each person's priorities, drivers, constraints and fears.
This module computes those as plain rows of text once; ``markdown`` and
``html`` only escape and format them.

"Since the last review" is the timeline's comparison (``timeline.changes``,
worded by ``timeline.wording``: the same lines as ``stakemap diff --since
last``), from the latest review to the map as the document shows it; this
module only picks the two states.

The touches come from the map given, which for a redacted or anonymized
export is the transformed one: an interaction's private notes never reach a
document (only its one-line summary and next step do), and the names in
those lines are already scrubbed.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Final

from stakemap.analysis.plan import plan
from stakemap.analysis.planwords import EMPTY, headline, when_text
from stakemap.analysis.snapshot import current_state, map_state, review_label
from stakemap.model import StakeMap
from stakemap.owners import NOBODY, off_team, owned_by, owner_names, worked_as_team
from stakemap.records import Interaction, Stakeholder
from stakemap.timeline.changes import Changes, compare_states
from stakemap.timeline.interactions import next_steps
from stakemap.timeline.reviews import review_state
from stakemap.vocab import LINK_WORDS, LinkKind, Stance, label

if TYPE_CHECKING:
    from stakemap.analysis.config import AnalysisConfig
    from stakemap.analysis.types import Analysis, Finding

__all__ = [
    "ANONYMIZED_NOTE",
    "PERSON_COLUMNS",
    "PLAN_COLUMNS",
    "RECENT_TOUCHES",
    "REDACTED_NOTE",
    "STEP_COLUMNS",
    "TOUCH_COLUMNS",
    "Detail",
    "changes_since_last_review",
    "department_rows",
    "findings_by_severity",
    "link_rows",
    "open_step_rows",
    "person_details",
    "person_rows",
    "plan_rows",
    "recent_touch_rows",
    "rule_title",
    "summary_rows",
    "team_rows",
]

PERSON_COLUMNS: Final = (
    "Name",
    "Title",
    "Department",
    "Role",
    "Stance",
    "Influence",
    "Veto",
    "Coverage",
    "Mode",
    "Fear of failure",
    "Initiative rank",
    "Last contact",
)

#: What a transformed document says about itself (Markdown and HTML alike).
ANONYMIZED_NOTE: Final = (
    "Anonymized: names are replaced by role and department; private fields removed."
)
REDACTED_NOTE: Final = (
    "Redacted: notes (the touches' notes too), drivers, constraints, fears and emails "
    "removed; each touch's one-line summary is kept."
)

#: How many touches "Recent touches" lists (the latest, across the whole map).
RECENT_TOUCHES: Final = 10
TOUCH_COLUMNS: Final = ("Date", "Person", "Kind", "Summary", "Stance read", "Next step")
STEP_COLUMNS: Final = ("Due", "Person", "Next step", "Logged", "Status")
TEAM_COLUMNS: Final = ("Teammate", "Holds")


def rule_title(rule: str) -> str:
    """``"passive-resister"`` -> ``"Passive resister"``."""
    text = rule.replace("-", " ").replace("_", " ")
    return text[:1].upper() + text[1:]


def summary_rows(stakemap: StakeMap, today: date) -> list[tuple[str, str]]:
    account = stakemap.account
    departments = stakemap.departments()
    people = len(stakemap)
    rows = [("Account", account.account)]
    if account.initiative:
        rows.append(("Initiative", account.initiative))
    if account.owner:
        rows.append(("Owner", account.owner))
    rows.append(("As of", today.isoformat()))
    rows.append(
        (
            "Stakeholders",
            f"{people} {'person' if people == 1 else 'people'} in "
            f"{len(departments)} {'department' if len(departments) == 1 else 'departments'}",
        )
    )
    return rows


def team_rows(stakemap: StakeMap) -> list[list[str]]:
    """Who on the team holds whom, for the deal review's "Team" section (the
    handover in one table): each teammate (the team's order, then owners off
    the team, marked) with their people and the relationship, then the people
    nobody holds. Empty when the map is not worked as a team."""
    account = stakemap.account
    people = stakemap.people
    if not worked_as_team(account, people):
        return []
    rows = []
    for name in owner_names(account, people):
        held = sorted(owned_by(people, name), key=lambda p: (p.name.casefold(), p.id))
        who = name
        if off_team(account, name):
            who += " (not on the team)"
        rows.append([who, ", ".join(f"{p.name} ({p.relationship.value})" for p in held)])
    nobody = sorted(owned_by(people, NOBODY), key=lambda p: (p.name.casefold(), p.id))
    if nobody:
        rows.append(["Nobody", ", ".join(p.name for p in nobody)])
    return rows


def _rank(person: Stakeholder, initiative: str) -> str:
    if not person.priorities:
        return ""
    found = person.initiative_match(initiative)
    if found is None:
        return f"not in top {len(person.priorities)}"
    # "exact" needs no note; a mark or a word match says how the row was read
    how = "" if found.how == "exact" else f" ({found.how})"
    return f"#{found.rank} of {len(person.priorities)}{how}"


def person_rows(stakemap: StakeMap) -> list[tuple[Stakeholder, list[str]]]:
    """One row per person in ``PERSON_COLUMNS`` order, sorted by department then name."""
    initiative = stakemap.account.initiative
    people = sorted(
        stakemap.people,
        key=lambda p: (p.department == "", p.department.casefold(), p.name.casefold(), p.id),
    )
    rows = []
    for p in people:
        rows.append(
            (
                p,
                [
                    p.name,
                    p.title,
                    p.department,
                    label(p.role),
                    label(p.stance),
                    label(p.influence),
                    "yes" if p.veto else "",
                    label(p.coverage),
                    label(p.mode),
                    label(p.fear_of_failure),
                    _rank(p, initiative),
                    p.last_contact,
                ],
            )
        )
    return rows


def link_rows(stakemap: StakeMap) -> list[list[str]]:
    """``[from, relation, to, strength]``, grouped by kind in a fixed order."""
    order = list(LinkKind)
    names = {p.id: p.name for p in stakemap.people}
    rows = []
    for link in sorted(
        stakemap.links,
        key=lambda link: (
            order.index(link.kind),
            names[link.source].casefold(),
            names[link.target].casefold(),
            link.id,
        ),
    ):
        words = LINK_WORDS[link.kind]
        strength = str(link.strength) if words.weighted else ""
        rows.append([names[link.source], words.label, names[link.target], strength])
    return rows


def department_rows(stakemap: StakeMap, analysis: Analysis) -> list[list[str]]:
    names = {p.id: p.name for p in stakemap.people}
    rows = []
    for dept in analysis.departments:
        members = ", ".join(names.get(pid, pid) for pid in dept.members)
        rows.append(
            [
                dept.name or "(no department)",
                dept.state,
                f"{dept.support:.0%}",
                f"{dept.opposition:.0%}",
                members,
            ]
        )
    return rows


def findings_by_severity(analysis: Analysis) -> list[tuple[str, list[Finding]]]:
    """``[("High", [...]), ("Medium", [...]), ("Low", [...])]`` without empty groups."""
    groups: dict[str, list[Finding]] = {}
    for finding in sorted(analysis.findings, key=lambda f: f.severity.rank):
        groups.setdefault(label(finding.severity), []).append(finding)
    return list(groups.items())


@dataclass(frozen=True, slots=True)
class Detail:
    """A person's strategic-empathy fields that are not empty."""

    person: Stakeholder
    facts: tuple[tuple[str, str], ...]


def person_details(stakemap: StakeMap) -> list[Detail]:
    """Priorities, drivers, constraints, fears, notes and email, for people who have any."""
    details = []
    for person, _ in person_rows(stakemap):
        facts = []
        if person.priorities:
            facts.append(
                (
                    "Priorities",
                    "; ".join(f"{n}. {item}" for n, item in enumerate(person.priorities, 1)),
                )
            )
        for name, value in (
            ("Drivers", person.drivers),
            ("Constraints", person.constraints),
            ("Fears", person.fears),
            ("Notes", person.notes),
            ("Email", person.email),
        ):
            if value:
                facts.append((name, value))
        if facts:
            details.append(Detail(person, tuple(facts)))
    return details


def _newest_first(touch: Interaction) -> tuple[str, str, str]:
    return (touch.date, touch.created, touch.id)


def recent_touch_rows(stakemap: StakeMap, limit: int = RECENT_TOUCHES) -> list[list[str]]:
    """The latest ``limit`` touches across the map, newest first, in ``TOUCH_COLUMNS``.

    Ties on a day go to the one logged last; the stance column is empty when
    the rep did not read the person's stance on that touch.
    """
    names = {p.id: p.name for p in stakemap.people}
    touches = sorted(stakemap.interactions, key=_newest_first, reverse=True)[:limit]
    return [
        [
            touch.date,
            names.get(touch.person, touch.person),
            label(touch.kind),
            touch.summary,
            "" if touch.stance is Stance.UNKNOWN else label(touch.stance),
            touch.next_step,
        ]
        for touch in touches
    ]


def open_step_rows(
    stakemap: StakeMap, today: date, *, people: Collection[str] | None = None
) -> list[tuple[bool, list[str]]]:
    """Every next step not done yet as ``(overdue, cells in STEP_COLUMNS)``, in the
    timeline's order (overdue first, the latest at the top; then by due date;
    undated last) and with its wording of when each is due; only those promised
    to ``people`` (ids) when given, as a handover of one seller's people needs."""
    return [
        (
            step.overdue,
            [
                step.interaction.due,
                step.person.name,
                step.interaction.next_step,
                step.interaction.date,
                step.when(),
            ],
        )
        for step in next_steps(stakemap, today=today)
        if people is None or step.person.id in people
    ]


#: The call plan's table: one conversation a row, best first.
PLAN_COLUMNS: Final = ("#", "Who", "Why", "Ask or bring", "Through", "By")


def plan_rows(
    stakemap: StakeMap,
    today: date,
    *,
    analysis: Analysis | None = None,
    config: AnalysisConfig | None = None,
) -> tuple[str, list[list[str]]]:
    """The call plan (top entries) as ``(caption, cells in PLAN_COLUMNS)``.

    Planned from the map given, which for a redacted or anonymized export is
    the transformed one, so the names are already the document's; the plan's
    wording never quotes private fields. ``analysis`` (of the same map, as of
    ``today``, every rule) is reused when given; ``config`` is the team's.
    """
    result = plan(stakemap, today=today, analysis=analysis, config=config)
    day = today.isoformat()
    rows = [
        [str(n), item.name, item.why, item.ask, item.through, when_text(item.by.isoformat(), day)]
        for n, item in enumerate(result.items, 1)
    ]
    caption = headline(len(result.items), result.total, day)
    return (caption if rows else f"{caption} {EMPTY}"), rows


def changes_since_last_review(
    stakemap: StakeMap, analysis: Analysis | None, today: date
) -> Changes | None:
    """What changed from the latest review to the map now, or ``None`` without a review.

    ``analysis`` (of ``stakemap``, as of ``today``) is reused for the current
    state when given, so a document costs one analysis; for a redacted or
    anonymized export both the map and its reviews are the transformed ones,
    so the comparison names nobody the document hides.
    """
    if not stakemap.reviews:
        return None
    review = stakemap.reviews[-1]
    old = review_state(stakemap, review.id)
    if analysis is not None:
        new = map_state(stakemap, analysis)
    else:
        new = current_state(stakemap, today=today)
    return compare_states(
        old, new, old_label=review_label(review), new_label=f"now ({today.isoformat()})"
    )
