"""Next steps that fit the person: what a seasoned manager would tell the rep to do.

The rules find *who* is a problem; this module says *what to do about them*,
by what that person does in the decision (DOMAIN.md, "What good advice
sounds like"): an implementer who drags their feet is brought into the
rollout plan, a gatekeeper of a process is handled by starting the process
early with a sponsor, an evaluator is answered with their criteria in
writing. It also picks the next thread of a single-threaded deal (one rung
up, or a peer across the aisle, never the CEO through a junior contact) and
names the people who could give a weak champion weight.

Nothing here quotes the private fields (drivers, constraints, fears, notes):
``concern_topics`` reads them only to say what they are *about* ("workload
and timing"), so a redacted export or a pasted deal review leaks no words
the rep wrote about a real person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from stakemap.analysis.context import Context, helper_rank
from stakemap.analysis.network import Hop
from stakemap.analysis.wording import join, role_phrase
from stakemap.records import Stakeholder
from stakemap.vocab import Coverage, Influence, LinkKind, Role, Stance

__all__ = [
    "CONCERN_TOPICS",
    "PROCESSES",
    "champion_candidates",
    "concern_topics",
    "concerns_clause",
    "gatekept_process",
    "listened_to_by",
    "next_threads",
    "role_remedy",
    "sponsor",
]

#: What a recorded constraint or fear is about, by the word stems that give it away.
#: Ordered: the first topics are the ones a rollout plan can answer.
CONCERN_TOPICS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("workload", ("workload", "bandwidth", "overtime", "staff", "headcount", "capacity", "busy")),
    ("timing", ("deadline", "timeline", "timing", "quarter", "year-end", "freeze", "schedule")),
    ("budget", ("budget", "cost", "spend", "price", "money", "funding", "capex", "opex")),
    (
        "risk and compliance",
        ("risk", "security", "compliance", "audit", "regulat", "gdpr", "hipaa", "legal"),
    ),
    (
        "the systems they run",
        ("integration", "migration", "legacy", "downtime", "outage", "system", "data"),
    ),
    ("their own role", ("job", "career", "promotion", "replace", "redundan", "layoff", "status")),
)

#: Processes a gatekeeper guards, recognised in their title or department.
PROCESSES: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    (
        "vendor-risk review",
        ("vendor risk", "third-party risk", "third party risk", "supplier risk"),
    ),
    ("procurement process", ("procurement", "purchasing", "sourcing")),
    ("security review", ("security", "infosec", "ciso")),
    ("legal review", ("legal", "counsel", "contracts")),
    ("compliance review", ("compliance", "privacy", "data protection")),
)

_WORD = re.compile(r"[a-z][a-z-]*")


def concern_topics(person: Stakeholder) -> list[str]:
    """What ``person``'s recorded constraints and fears are about, as topic names.

    >>> from stakemap.records import Stakeholder
    >>> concern_topics(Stakeholder("p1", "Ivy", constraints="Team is short-staffed; Q4 freeze"))
    ['timing']
    >>> concern_topics(Stakeholder("p1", "Ivy", fears="Overtime during the migration"))
    ['workload', 'the systems they run']
    """
    words = _WORD.findall(f"{person.constraints}\n{person.fears}".casefold())
    found = []
    for topic, stems in CONCERN_TOPICS:
        if any(word.startswith(stems) for word in words):
            found.append(topic)
    return found


def concerns_clause(person: Stakeholder) -> str:
    """ "Their recorded constraints and fears are about workload and timing: answer those
    first." ("" when the map records none the topics recognise)."""
    topics = concern_topics(person)
    if not topics:
        return ""
    kinds = [
        name
        for name, text in (("constraints", person.constraints), ("fears", person.fears))
        if text.strip()
    ]
    return f"Their recorded {' and '.join(kinds)} are about {join(topics[:3])}: answer those first."


def gatekept_process(person: Stakeholder) -> str | None:
    """The process a gatekeeper guards, from their title or department ("procurement process")."""
    where = f"{person.title} {person.department}".casefold()
    for name, cues in PROCESSES:
        if any(cue in where for cue in cues):
            return name
    return None


#: The roles whose backing fast-tracks a process (``sponsor``).
SPONSOR_ROLES: Final = (Role.ECONOMIC_BUYER, Role.DECISION_MAKER)


def sponsor(ctx: Context, *, besides: str = "") -> Stakeholder | None:
    """Who can fast-track a process or vouch for the project: a supportive economic buyer or
    decision maker first, else the weightiest champion."""
    backers = [p for p in ctx.weightiest_supportive if p.id != besides]
    decider = next((p for p in backers if p.role in SPONSOR_ROLES), None)
    return decider or next((p for p in backers if p.stance is Stance.CHAMPION), None)


def role_remedy(ctx: Context, person: Stakeholder) -> str:
    """The next step for someone who resists without formal power, by what they do.

    One sentence, ending in a full stop, naming ``person``.
    """
    name = person.name
    role = person.role
    if role is Role.IMPLEMENTER:
        return (
            f"Bring {name} into the rollout plan: ask them to help set the schedule, the "
            "cut-over and the training, so the plan becomes partly theirs."
        )
    if role is Role.USER:
        return (
            f"Put {name} in the pilot group and let their feedback shape the set-up: show "
            "what gets easier in their day, not what the dashboard shows their boss."
        )
    if role is Role.GATEKEEPER:
        process = gatekept_process(person)
        backer = sponsor(ctx, besides=person.id)
        who = (
            f"{backer.name} ({role_phrase(backer)})"
            if backer is not None and backer.role is not Role.INFLUENCER
            else backer.name
            if backer is not None
            else "a senior sponsor"
        )
        if process:
            return (
                f"Start the {process} now rather than at the end, give {name} everything it "
                f"asks for up front, and ask {who} to have it fast-tracked."
            )
        return (
            f"Ask {name} what their approval needs and start it now, and ask {who} to "
            "make it a priority for them."
        )
    if role is Role.TECHNICAL_EVALUATOR:
        return (
            f"Agree {name}'s technical criteria in writing, then prove them in a small, "
            "scoped proof of concept they help design."
        )
    if role is Role.EVALUATOR:
        return (
            f"Ask {name} for their evaluation criteria and answer each one in writing, "
            "with the evidence they would accept."
        )
    return (
        f"Meet {name} to hear the objection in full, and answer it before it reaches the "
        "people who listen to them."
    )


def listened_to_by(ctx: Context, person: Stakeholder) -> list[Stakeholder]:
    """The economic buyers and veto holders ``person`` influences strongly (strength 3)."""
    found: dict[str, Stakeholder] = {}
    for link in ctx.map.links_of(person.id):
        if link.kind is not LinkKind.INFLUENCES or link.source != person.id or link.strength < 3:
            continue
        target = ctx.by_id[link.target]
        if target.role is Role.ECONOMIC_BUYER or target.veto:
            found[target.id] = target
    return sorted(found.values(), key=lambda p: (-ctx.influence[p.id], p.name.casefold(), p.id))


def _weighty(ctx: Context, person: Stakeholder) -> bool:
    return ctx.is_key(person) or person.influence is Influence.HIGH


def next_threads(ctx: Context, thread: Stakeholder) -> list[tuple[Stakeholder, str]]:
    """Whom the rep's one contact can bring in next: ``(person, "manager" | "peer")``.

    One rung at a time: the contact's own manager first, then peers in other
    departments who carry weight and work with the contact (a link between
    them). Never someone opposed, never someone the contact is in conflict
    with, and never a decider the contact has no tie to: a junior contact
    can introduce their manager, rarely the CEO.
    """
    deep = {p.id for p in ctx.people if p.coverage in (Coverage.MULTIPLE, Coverage.IN_DEPTH)}
    rivals = {
        link.target if link.source == thread.id else link.source
        for link in ctx.map.links_of(thread.id)
        if link.kind is LinkKind.CONFLICTS
    }
    out: list[tuple[Stakeholder, str]] = []
    manager_id = ctx.managers.get(thread.id)
    if manager_id and manager_id not in deep and manager_id not in rivals:
        manager = ctx.by_id[manager_id]
        if not manager.is_opposed:
            out.append((manager, "manager"))
    peers: list[tuple[Stakeholder, Hop]] = [
        (person, hop)
        for person, hop in ctx.contacts_of(thread.id)
        if person.id not in deep
        and person.id not in rivals
        and person.id != manager_id
        and not person.is_opposed
        and _weighty(ctx, person)
        and (person.department or "").casefold() != (thread.department or "").casefold()
    ]
    out.extend((person, "peer") for person, _ in peers[:2])
    return out


def champion_candidates(ctx: Context, deciders: Sequence[Stakeholder]) -> list[Stakeholder]:
    """Supporters who could give a weak champion weight: those the deciders listen to
    (a direct link to a decider), then key players, then the most influential.

    Only people with weight (key, high or medium influence) or a direct tie to
    a decider are named: "find a champion with more weight" is not advice.
    """
    decider_ids = {d.id for d in deciders}
    near: set[str] = set()
    for person in ctx.supportive:
        if person.stance is not Stance.SUPPORTER:
            continue
        for other, _ in ctx.contacts_of(person.id):
            if other.id in decider_ids:
                near.add(person.id)
    pool = [
        p
        for p in ctx.supportive
        if p.stance is Stance.SUPPORTER
        and p.id not in decider_ids
        and (p.id in near or _weighty(ctx, p) or p.influence is Influence.MEDIUM)
    ]
    pool.sort(key=lambda p: (p.id not in near, not ctx.is_key(p), *helper_rank(p, ctx.influence)))
    return pool[:3]
