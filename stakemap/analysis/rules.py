"""The rules: each one a classic way a B2B deal dies, checked against a map.

A rule is a pure function ``Context -> list[Finding]``. ``RULES`` is the one
registry (id -> ``Rule``) that the CLI's ``--rule``, the docs and the TUI
list, in the order findings of equal severity are shown. Each rule's
docstring gives the domain reason; the README's Analysis section has the long form.

Rules are written to avoid false alarms a rep would roll their eyes at:
a skeptic with formal power is a blocker, never also a passive resister; the
unknown stance of a key player never met is low severity (the
``uncovered-key-player`` finding carries the weight); a broker who is
already a blocker or an uncovered key player is mentioned in that finding
instead of getting a second one; a one-person department is not reported
when a person rule already speaks for its member; map-level rules stay quiet
on an empty map.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from stakemap.analysis.context import DECIDING_ROLES, Context, Reach, helper_rank
from stakemap.analysis.followup import missed_cadence, overdue_next_step
from stakemap.analysis.movement import moved_away
from stakemap.analysis.ownership import orphaned_champion, team_thread, unowned_key_player
from stakemap.analysis.reframe import reframe_target
from stakemap.analysis.remedies import (
    champion_candidates,
    concerns_clause,
    listened_to_by,
    next_threads,
    role_remedy,
)
from stakemap.analysis.routes_rules import rivalry, route_through_opposition
from stakemap.analysis.types import Finding, Severity, Subject
from stakemap.analysis.wording import (
    a_stance,
    count,
    describe,
    field_evidence,
    hop_evidence,
    join,
    path_text,
    relation,
    role_phrase,
    subject,
    tagged,
)
from stakemap.records import Stakeholder
from stakemap.vocab import Coverage, Fear, Influence, Mode, Role, Stance

__all__ = ["RULES", "Rule"]

HIGH, MEDIUM, LOW = Severity.HIGH, Severity.MEDIUM, Severity.LOW

#: Roles of people who carry out, use, guard or assess the change without
#: formal power over it: the ones who drag their feet (``passive-resister``).
PASSIVE_ROLES: Final = (
    Role.IMPLEMENTER,
    Role.USER,
    Role.GATEKEEPER,
    Role.EVALUATOR,
    Role.TECHNICAL_EVALUATOR,
)

Check = Callable[[Context], list[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: its id, a title for lists, one line of why, and the check."""

    id: str
    title: str
    summary: str
    check: Check


def _finding(  # noqa: PLR0917 (the fields of a Finding, in its order)
    rule: str,
    severity: Severity,
    subjects: Sequence[Stakeholder | Subject],
    message: str,
    suggestion: str,
    evidence: Sequence[dict[str, Any]] = (),
    department: str | None = None,
) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        subjects=tuple(s if isinstance(s, Subject) else subject(s) for s in subjects),
        department=department,
        message=message,
        evidence=tuple(evidence),
        suggestion=suggestion,
    )


def _measure(ctx: Context, person: Stakeholder, name: str = "influence_score") -> dict[str, Any]:
    value = ctx.influence[person.id] if name == "influence_score" else ctx.broker[person.id]
    return {"id": person.id, "measure": name, "value": value}


def _power(ctx: Context, person: Stakeholder) -> list[str]:
    """Why a person can stop the deal, as phrases: "holds a veto", "is the economic buyer"…"""
    reasons = []
    if person.veto:
        reasons.append("holds a veto")
    if person.role in DECIDING_ROLES:
        reasons.append(f"is {role_phrase(person)}")
    if person.influence is Influence.HIGH:
        reasons.append("has high influence")
    elif ctx.network_lifted(person):
        reasons.append(
            f"has high influence through the people who listen to them "
            f"(influence score {ctx.influence[person.id]:.2f})"
        )
    return reasons


def _broker_phrase(ctx: Context, person: Stakeholder) -> str | None:
    info = ctx.brokers.get(person.id)
    if info is None:
        return None
    if len(info.departments) >= 2:
        return f"links {join(list(info.departments))}"
    if info.pieces:
        return f"holds together groups of {join([str(s) for s in info.pieces])} people"
    return "sits on many of the paths influence takes"


def _ask(ctx: Context, helper: Stakeholder, hop_pid: str, hop: Any) -> str:
    """ "Leah Park (supporter, influences Ingrid Halvorsen strongly)"."""
    link = relation(hop_pid, hop, ctx.by_id)
    if helper.stance is Stance.UNKNOWN:
        return f"{helper.name} ({link})"
    return f"{helper.name} ({helper.stance.value}, {link})"


def _path_advice(ctx: Context, target: Stakeholder, goal: str) -> tuple[str, list[dict[str, Any]]]:
    """The best champion-or-supporter route to ``target`` (``analysis.routes``: never
    between rivals), as a suggestion and evidence.

    A champion is not sent to turn their own manager who opposes: that puts
    the champion at risk. The advice says so and offers the next best route
    that does not use that reporting line, else a peer of the manager.
    """
    reach = ctx.reach(target.id)
    if reach is None:
        return (
            f"No champion or supporter on the map reaches {target.name}: find out whom "
            f"{target.name} listens to and add them and the link, or meet {target.name} "
            "yourself with proof that answers the objection."
        ), []
    boss_of = ctx.by_id[reach.hops[-1].source]
    if (
        target.is_opposed
        and boss_of.stance is Stance.CHAMPION
        and ctx.managers.get(boss_of.id) == target.id
    ):
        return _around_own_manager(ctx, target, goal, boss_of)
    return _route_text(ctx, target, goal, reach), hop_evidence(reach.hops)


def _route_text(ctx: Context, target: Stakeholder, goal: str, reach: Reach) -> str:
    hops = reach.hops
    source = ctx.by_id[reach.source]
    lead = "" if reach.from_champion else f"No champion reaches {target.name}; "
    if len(hops) == 1:
        text = f"Ask {_ask(ctx, source, source.id, hops[0])} to {goal}."
    else:
        relay = ctx.by_id[hops[-1].source]
        text = (
            f"Work the path {path_text(hops, ctx.by_id)}: ask {source.name} to enlist "
            f"{_ask(ctx, relay, relay.id, hops[-1])} to {goal}."
        )
    if lead:
        text = lead + text[0].lower() + text[1:]
    return text


def _around_own_manager(
    ctx: Context, target: Stakeholder, goal: str, champion: Stakeholder
) -> tuple[str, list[dict[str, Any]]]:
    """Advice for an opposed manager whose own report is the champion on the route."""
    risk = (
        f"Do not make {champion.name} turn their own manager {target.name}: pushing a boss "
        f"who opposes puts {champion.name} at risk."
    )
    between = {
        link.id for link in ctx.map.links if {link.source, link.target} == {champion.id, target.id}
    }
    other = ctx.router.route_to(target.id, avoid_links=between)
    if other is not None:
        return f"{risk} {_route_text(ctx, target, goal, other)}", hop_evidence(other.hops)
    above = ctx.managers.get(target.id)
    peers = sorted(
        (
            p
            for p in ctx.people
            if p.id != target.id
            and ctx.managers.get(p.id) == above
            and not p.is_opposed
            and not ctx.in_conflict(p.id, target.id)
        ),
        key=lambda p: helper_rank(p, ctx.influence),
    )
    if above is not None and peers:
        return (
            f"{risk} Work through a peer of {target.name} instead: {describe(peers[0])}, "
            f"who also reports to {ctx.by_id[above].name}."
        ), []
    return (
        f"{risk} Meet {target.name} yourself, with a sponsor from outside their line, "
        "and proof that answers the objection."
    ), []


def _introduction(ctx: Context, person: Stakeholder) -> str:
    """Who can introduce the rep to ``person``, as the start of a suggestion (never
    someone in conflict with them)."""
    found = ctx.introducer(person.id)
    if found is not None:
        helper, hop = found
        return f"Ask {_ask(ctx, helper, helper.id, hop)} to introduce you to {person.name}"
    best = ctx.champion_for(person.id)
    if best is not None:
        return (
            f"Nobody you know is placed to introduce you to {person.name}: ask {tagged(best)} "
            "for an introduction"
        )
    return (
        f"Nobody you know is placed to introduce you to {person.name}: find a reason that "
        "matters to them"
    )


# --- the rules -------------------------------------------------------------------------


def blocker(ctx: Context) -> list[Finding]:
    """A skeptic or opponent who can stop the deal: veto, deciding role or high influence.

    Why: one senior "no" ends a deal however many people like it. Opponents
    and the holders of a veto or a deciding role are high severity; a skeptic
    whose power is only influence is medium.
    """
    out = []
    for person in ctx.people:
        if not (person.is_opposed and ctx.is_key(person)):
            continue
        reasons = _power(ctx, person)
        broker = _broker_phrase(ctx, person)
        if broker:
            reasons.append(broker)
        severity = (
            HIGH
            if person.veto
            or person.role in (Role.ECONOMIC_BUYER, Role.DECISION_MAKER)
            or person.stance is Stance.OPPONENT
            else MEDIUM
        )
        advice, path = _path_advice(
            ctx, person, f"find out what {person.name} objects to and bring them round"
        )
        out.append(
            _finding(
                "blocker",
                severity,
                [person],
                f"{describe(person)} is {a_stance(person)} who can stop the deal: {join(reasons)}.",
                advice,
                [
                    *field_evidence(person, "stance", "veto", "role", "influence"),
                    _measure(ctx, person),
                    *path,
                ],
                person.department or None,
            )
        )
    return out


_PASSIVE_CLAUSE = {
    Role.IMPLEMENTER: "would have to carry out the change",
    Role.USER: "would have to work with it every day",
    Role.GATEKEEPER: "controls access to the people and information you need",
    Role.EVALUATOR: "is evaluating it",
    Role.TECHNICAL_EVALUATOR: "is evaluating it technically",
}


def passive_resister(ctx: Context) -> list[Finding]:
    """A skeptic or opponent without formal power: an implementer, user, gatekeeper or
    evaluator with low or medium influence and no veto, or anyone opposed whom the
    economic buyer or a veto holder listens to strongly.

    Why: the staff who must carry a change out can drag their feet until it
    starves, just short of sabotage, and reps forget them because they cannot
    say no. The next step fits what they do (``remedies.role_remedy``): an
    implementer is brought into the rollout plan, a gatekeeper's process is
    started early with a sponsor, an evaluator gets their criteria answered
    in writing. Medium for opponents, implementers, people a decider listens
    to strongly and people whose manager holds a veto; low otherwise.
    """
    out = []
    for person in ctx.people:
        if not person.is_opposed or ctx.is_key(person):
            continue
        heard_by = listened_to_by(ctx, person)
        if person.role not in PASSIVE_ROLES and not heard_by:
            continue
        manager_id = ctx.managers.get(person.id)
        manager = ctx.by_id[manager_id] if manager_id else None
        vetoing_boss = manager is not None and manager.veto
        severity = (
            MEDIUM
            if person.stance is Stance.OPPONENT
            or person.role is Role.IMPLEMENTER
            or heard_by
            or vetoing_boss
            else LOW
        )
        clause = _PASSIVE_CLAUSE.get(person.role, "has no formal say")
        message = f"{describe(person)} is {a_stance(person)} and {clause}: "
        if heard_by:
            listener = heard_by[0]
            power = (
                role_phrase(listener)
                if listener.role is Role.ECONOMIC_BUYER
                else "who holds a veto"
            )
            message += (
                f"{listener.name}, {power}, listens to them strongly, so their doubts "
                "reach the decision."
            )
        else:
            message += "expect foot-dragging rather than an open no."
        if vetoing_boss and manager is not None:
            message += f" They report to {manager.name}, who holds a veto."
        advice = role_remedy(ctx, person)
        concerns = concerns_clause(person)
        if concerns:
            advice += f" {concerns}"
        path: list[dict[str, Any]] = []
        reach = ctx.reach(person.id)
        if reach is not None:
            helper = ctx.by_id[reach.source]
            advice += f" {helper.name} ({helper.stance.value}) can open that conversation"
            if len(reach.hops) > 1:
                advice += f", along {path_text(reach.hops, ctx.by_id)}"
            advice += "."
            path = hop_evidence(reach.hops)
        opener = reach.source if reach is not None else None
        if manager is not None and manager.id != opener and not manager.is_opposed:
            advice += f" Their manager is {tagged(manager)}."
        elif manager is not None and manager.is_opposed:
            advice += f" Their manager, {tagged(manager)}, is against it too."
        out.append(
            _finding(
                "passive-resister",
                severity,
                [person],
                message,
                advice,
                [
                    *field_evidence(person, "stance", "role", "influence", "veto"),
                    *path,
                ],
                person.department or None,
            )
        )
    return out


def _spoken_for(ctx: Context, person: Stakeholder) -> bool:
    """True if a person rule already reports this person (a one-person department's
    state would only repeat it)."""
    if ctx.is_key(person):
        return (
            person.coverage is Coverage.NONE or person.stance is Stance.UNKNOWN or person.is_opposed
        )
    return person.is_opposed and person.role in PASSIVE_ROLES


def unaligned_department(ctx: Context) -> list[Finding]:
    """Every department that is not aligned: split, opposed, neutral or unknown.

    Why: consensus across departments is an order of magnitude harder than
    inside one; a buyer who needs the change is stuck when one department will
    not adjust. Severity grows with the department's weight in the decision:
    high for an opposed department holding a key player; medium for an
    opposed one without, or a split/neutral/unknown one with a key player;
    low otherwise. A one-person department is left out when a person rule
    (blocker, passive resister, uncovered key player, unknown key stance)
    already reports its member.
    """
    out = []
    for group, state in zip(ctx.department_groups, ctx.departments, strict=True):
        if state.state == "aligned":
            continue
        members = group.members
        ranked = sorted(members, key=lambda p: (-ctx.influence[p.id], p.name.casefold(), p.id))
        if len(members) == 1 and _spoken_for(ctx, members[0]):
            continue
        has_key = any(ctx.is_key(p) for p in members)
        name = group.name
        backers = [p for p in ranked if p.is_supportive]
        resisters = [p for p in ranked if p.is_opposed]
        evidence: list[dict[str, Any]] = [
            {
                "department": name,
                "state": state.state,
                "support": state.support,
                "opposition": state.opposition,
                "members": len(members),
            }
        ]
        if state.state == "opposed":
            severity = HIGH if has_key else MEDIUM
            verb = "is" if len(resisters) == 1 else "are"
            if backers:
                backing = (
                    f"; {join([p.name for p in backers[:3]])} "
                    f"{'backs' if len(backers) == 1 else 'back'} it with {state.support:.0%}."
                )
            else:
                backing = ", and nobody there backs it."
            message = (
                f"{name} is opposed: {join([p.name for p in resisters[:4]])} {verb} against it, "
                f"with {state.opposition:.0%} of the department's weight{backing}"
            )
            lead = resisters[0]
            advice, path = _path_advice(
                ctx, lead, f"find out what {name} stands to lose and answer it with {lead.name}"
            )
            subjects = resisters[:4]
        elif state.state == "split":
            severity = MEDIUM if has_key else LOW
            message = (
                f"{name} is split: {join([p.name for p in backers[:3]])} for it, "
                f"{join([p.name for p in resisters[:3]])} against it."
            )
            lead = next((p for p in resisters if ctx.is_key(p)), resisters[0])
            advice, path = _path_advice(ctx, lead, f"bring {lead.name} round")
            subjects = [*backers[:3], *resisters[:3]]
        elif state.state == "neutral":
            severity = MEDIUM if has_key else LOW
            if resisters:
                verb = "doubts" if len(resisters) == 1 else "doubt"
                doubt = (
                    f"{join([tagged(p) for p in resisters[:3]])} {verb} it, with "
                    f"{state.opposition:.0%} of the department's weight"
                )
            else:
                doubt = "nobody there resists"
            message = f"{name} is neutral: {doubt}, but too few with weight back it."
            lead = ranked[0]
            advice = (
                f"Give {name} a reason to back it: start with {describe(lead)}, "
                f"{'the weightiest voice there' if len(members) > 1 else 'its only member'}"
            )
            advice += "." if ctx.met(lead) else (f". {_introduction(ctx, lead)}.")
            path = []
            subjects = [lead]
        else:  # unknown
            severity = MEDIUM if has_key else LOW
            people = (
                count(len(members), "person", "people") if len(members) > 1 else "its one person"
            )
            unread = [p.name for p in ranked if p.stance is Stance.UNKNOWN][:3]
            if not any(ctx.met(p) for p in members):
                message = (
                    f"Where {name} stands is unknown: you have not met anyone there ({people})."
                )
            elif unread:
                verb = "sees" if len(unread) == 1 else "see"
                message = (
                    f"Where {name} stands is unknown: you do not know how {join(unread)} {verb} it."
                )
            else:
                message = (
                    f"Where {name} stands is unknown: the stances there are second-hand, since "
                    f"no coverage is recorded for anyone there ({people})."
                )
            lead = ranked[0]
            voice = (
                f"the weightiest voice in {name}"
                if len(members) > 1
                else f"the only person on the map in {name}"
            )
            if not ctx.met(lead):
                advice = f"Start with {describe(lead)}, {voice}. {_introduction(ctx, lead)}."
            else:
                advice = (
                    f"Ask {describe(lead)}, the weightiest voice in {name}, where {name} stands."
                )
            path = []
            subjects = [lead]
        out.append(
            _finding(
                "unaligned-department",
                severity,
                subjects,
                message,
                advice,
                [*evidence, *path],
                name,
            )
        )
    return out


def no_champion(ctx: Context) -> list[Finding]:
    """Nobody is a champion.

    Why: a champion sells the initiative inside when the rep is absent; without
    one, every internal meeting about the deal happens without an advocate.
    """
    if not ctx.people or ctx.champions:
        return []
    supporters = sorted(
        (p for p in ctx.people if p.stance is Stance.SUPPORTER),
        key=lambda p: (not ctx.is_key(p), *helper_rank(p, ctx.influence)),
    )
    if supporters:
        best = supporters[0]
        advice = (
            f"Develop {describe(best)}, a supporter with influence score "
            f"{ctx.influence[best.id]:.2f}, into a champion: help them see a personal win "
            "and give them what they need to sell it internally."
        )
        subjects = [best]
    else:
        receptive = sorted(
            (p for p in ctx.people if p.mode in (Mode.GROWTH, Mode.TROUBLE) and not p.is_opposed),
            key=lambda p: helper_rank(p, ctx.influence),
        )
        if receptive:
            names = [f"{p.name} ({p.mode.value})" for p in receptive[:3]]
            advice = f"Look for a champion among the people who see a gap to close: {join(names)}."
            subjects = receptive[:3]
        else:
            advice = (
                "Find someone with a personal stake in the change (a problem it solves for "
                "them) and add them to the map."
            )
            subjects = []
    return [
        _finding(
            "no-champion",
            HIGH,
            subjects,
            "Nobody on the map is a champion: no one will sell the initiative when you are "
            "not in the room.",
            advice,
            [{"measure": "champions", "value": 0}],
        )
    ]


def weak_champion(ctx: Context) -> list[Finding]:
    """Champions exist, but all have low influence, or none reaches an economic buyer or
    decision maker through influence or reporting links.

    A champion has low influence when the rep rated it low and nothing else
    (a veto, a deciding role, a central network position) makes them a key
    player. People who listen to a champion raise their ``influence_score``
    but not to "key": reaching many people is not the same as weight.

    Why: what gets funded follows a champion's political weight more than
    merit; a champion nobody powerful listens to cannot carry the deal.
    """
    champions = ctx.champions
    if not champions:
        return []
    weak = all(c.influence is Influence.LOW and not ctx.is_key(c) for c in champions)
    deciders = [p for p in ctx.people if p.role in (Role.ECONOMIC_BUYER, Role.DECISION_MAKER)]
    reached = [d for d in deciders if d.stance is Stance.CHAMPION or backed_reach(ctx, d)]
    cut_off = bool(deciders) and not reached
    if not weak and not cut_off:
        return []
    names = join([c.name for c in champions])
    parts = []
    if weak:
        verb = "has" if len(champions) == 1 else "have"
        noun = "champion" if len(champions) == 1 else "champions"
        parts.append(f"your {noun} {names} {verb} little influence")
    if cut_off:
        if any(ctx.champion_paths.reaches(d.id) for d in deciders):
            parts.append(
                f"no champion reaches {join([d.name for d in deciders])} except through "
                "people who do not back it"
            )
        else:
            parts.append(
                f"no champion reaches {join([d.name for d in deciders])} through the people "
                "they influence or report to"
            )
    message = join(parts) + "."
    message = message[0].upper() + message[1:]
    champ = min(champions, key=lambda p: helper_rank(p, ctx.influence))
    advice_parts = []
    if cut_off:
        target = min(deciders, key=lambda p: (-ctx.influence[p.id], p.name.casefold(), p.id))
        reach = ctx.reach(target.id)
        if reach is not None:
            source = ctx.by_id[reach.source]
            advice_parts.append(
                f"{path_text(reach.hops, ctx.by_id)} already reaches {target.name}: "
                f"get {champ.name} working with {source.name}"
            )
        else:
            advice_parts.append(
                f"ask {champ.name} who {target.name} listens to, and add that person and "
                "link to the map"
            )
    if weak or cut_off:
        candidates = champion_candidates(ctx, deciders)
        if candidates:
            named = [f"{describe(p)} ({_weight_phrase(ctx, p, deciders)})" for p in candidates]
            advice_parts.append(
                f"pair {champ.name} with {join(named)}: "
                f"{'a supporter' if len(named) == 1 else 'supporters'} with the weight or the "
                "ear of the deciders"
            )
        elif weak:
            advice_parts.append(
                f"no supporter on the map has more weight yet: ask {champ.name} who else "
                "needs this problem solved, starting with the people the deciders listen to"
            )
    advice = "; ".join(advice_parts)
    advice = advice[0].upper() + advice[1:] + "."
    return [
        _finding(
            "weak-champion",
            MEDIUM,
            champions,
            message,
            advice,
            [_measure(ctx, c) for c in champions],
        )
    ]


def backed_reach(ctx: Context, person: Stakeholder) -> bool:
    """A champion reaches ``person`` through backers only (champions and supporters).

    A champion whose message to the economic buyer passes through a neutral
    manager has not reached the buyer: the manager has, and may not carry it.
    """
    others = [p.id for p in ctx.people if not p.is_supportive and p.id != person.id]
    route = ctx.router.route_to(person.id, from_champion=True, avoid_people=others)
    return route is not None


def _weight_phrase(ctx: Context, person: Stakeholder, deciders: Sequence[Stakeholder]) -> str:
    """Why a supporter could carry a weak champion's case: "influences Eve Buyer strongly"."""
    ids = {d.id for d in deciders}
    for other, hop in ctx.contacts_of(person.id):
        if other.id in ids:
            return relation(person.id, hop, ctx.by_id)
    if person.influence is Influence.HIGH or ctx.is_key(person):
        return "high influence"
    return f"influence score {ctx.influence[person.id]:.2f}"


def no_economic_buyer(ctx: Context) -> list[Finding]:
    """Nobody on the map owns the budget or holds a veto.

    Why: an initiative that no budget owner has signed up for is unfunded;
    until the rep knows who signs, every forecast is a guess.
    """
    if not ctx.people or any(p.role is Role.ECONOMIC_BUYER or p.veto for p in ctx.people):
        return []
    helpers = sorted(
        (p for p in ctx.people if not p.is_opposed and ctx.met(p)),
        key=lambda p: helper_rank(p, ctx.influence),
    )
    deciders = [p.name for p in ctx.people if p.role is Role.DECISION_MAKER]
    extra = f" ({join(deciders)} decides, but who pays?)" if deciders else ""
    if helpers:
        advice = (
            f"Ask {tagged(helpers[0])} who owns the budget for this and who could stop it"
            f"{extra}, then add them to the map."
        )
        subjects = [helpers[0]]
    else:
        advice = (
            f"Find out who owns the budget for this and who could stop it{extra}, then add "
            "them to the map."
        )
        subjects = []
    return [
        _finding(
            "no-economic-buyer",
            HIGH,
            subjects,
            "Nobody on the map owns the budget or holds a veto: you do not know who signs.",
            advice,
            [{"measure": "economic_buyers", "value": 0}, {"measure": "vetoes", "value": 0}],
        )
    ]


def uncovered_key_player(ctx: Context) -> list[Finding]:
    """A key player (veto, economic buyer, decision maker, approver, or high influence)
    whose coverage is ``none``.

    Why: being one-up takes access; a key player the rep has not met decides
    on second-hand information. High for a veto, the economic buyer or a
    decision maker; medium otherwise. When the map records contact all the
    same (a logged touch, a last-contact date, a teammate's relationship:
    ``Context.met``), the rep has met them and only the coverage is stale,
    so the finding is low and asks for the coverage to be set.
    """
    out = []
    for person in ctx.people:
        if person.coverage is not Coverage.NONE or not ctx.is_key(person):
            continue
        if ctx.met(person):
            out.append(_stale_coverage(ctx, person))
            continue
        who = role_phrase(person) if person.role in DECIDING_ROLES else "someone"
        withs = []
        if person.veto:
            withs.append("a veto")
        if person.influence is Influence.HIGH or ctx.network_lifted(person):
            withs.append("high influence")
        if withs:
            who += f" with {join(withs)}"
        if person.stance is Stance.UNKNOWN:
            who += " whose stance is unknown"
        elif person.is_opposed:
            who += f" who is {a_stance(person)}"
        else:
            who += f", reportedly {a_stance(person)}"
        broker = _broker_phrase(ctx, person)
        if broker:
            who += f", who {broker}"
        severity = (
            HIGH
            if person.veto or person.role in (Role.ECONOMIC_BUYER, Role.DECISION_MAKER)
            else MEDIUM
        )
        out.append(
            _finding(
                "uncovered-key-player",
                severity,
                [person],
                f"Coverage of {describe(person)}, {who}, is not recorded: as far as the map "
                "knows, nobody has met them.",
                _introduction(ctx, person) + ".",
                [
                    *field_evidence(person, "coverage", "role", "veto", "influence", "stance"),
                    _measure(ctx, person),
                ],
                person.department or None,
            )
        )
    return out


def _stale_coverage(ctx: Context, person: Stakeholder) -> Finding:
    """The low ``uncovered-key-player`` finding for someone met whose coverage says none."""
    if person.id in ctx.last_touch:
        record = f"Touches with {person.name} are logged"
        fields: tuple[str, ...] = ("coverage",)
    elif person.last_contact:
        record = f"A last contact with {person.name} on {person.last_contact} is recorded"
        fields = ("coverage", "last_contact")
    else:
        record = f"{person.name} is recorded as {person.relationship.value} to your team"
        fields = ("coverage", "relationship")
    touches = len(ctx.map.interactions_of(person.id))
    return _finding(
        "uncovered-key-player",
        LOW,
        [person],
        f"{record} but coverage says none: set how well you know them.",
        f"Set the coverage of {person.name} (brief, multiple or in depth), so the analysis "
        "weighs your access to them rightly.",
        [
            *field_evidence(person, *fields),
            *([{"id": person.id, "measure": "touches", "value": touches}] if touches else []),
        ],
        person.department or None,
    )


def single_threaded(ctx: Context) -> list[Finding]:
    """The rep's ``multiple``/``in_depth`` coverage rests on one person or nobody, or
    (on a team) every one of those people is held by the same teammate.

    Why: a deal that hangs on one contact is fragile: if they leave, go quiet
    or lose a political fight, the deal goes dark. The same holds for one
    seller: see ``ownership.team_thread``.
    """
    if not ctx.people:
        return []
    deep = [p for p in ctx.people if p.coverage in (Coverage.MULTIPLE, Coverage.IN_DEPTH)]
    if len(deep) > 1:
        on_one_seller = team_thread(ctx, deep)
        return [on_one_seller] if on_one_seller else []
    deep_ids = {p.id for p in deep}
    wanted = sorted(
        (p for p in ctx.people if p.id not in deep_ids and (ctx.is_key(p) or p.is_supportive)),
        key=lambda p: (not ctx.is_key(p), *helper_rank(p, ctx.influence)),
    )[:3]
    # Coverage lags the log: people touched twice or more are met more than once,
    # whatever their coverage says, and the message must not deny it.
    retouched = [
        p.name
        for p in ctx.people
        if p.id not in deep_ids and len(ctx.map.interactions_of(p.id)) >= 2
    ]
    unrecorded = (
        f" (touches with {join(retouched[:3])} are logged more than once, but coverage "
        "does not say so yet: set it)"
        if retouched
        else ""
    )
    if deep:
        thread = deep[0]
        message = (
            f"Your access rests on {describe(thread)} alone{unrecorded}: if they leave or go "
            "quiet, the deal goes dark."
        )
        threads = next_threads(ctx, thread)
        if threads:
            # the people to reach next are the ones the advice names
            wanted = [p for p, _ in threads]
            asks = [
                f"bring their manager, {tagged(p)}, into the next meeting"
                if how == "manager"
                else f"introduce you to {describe(p)}, whom they work with"
                for p, how in threads
            ]
            advice = f"Ask {thread.name} to {join(asks)}."
        else:
            advice = f"Ask {thread.name} who else is involved in the decision, and meet them."
    else:
        if retouched:
            message = (
                f"Nobody on the map has coverage beyond brief{unrecorded}: the deal has no "
                "recorded thread into the account yet."
            )
        else:
            message = (
                "You have not met anyone on the map more than once: the deal has no thread "
                "into the account yet."
            )
        if wanted:
            advice = f"Deepen contact with {join([describe(p) for p in wanted])} first."
        else:
            advice = "Find the people involved in the decision and meet them more than once."
    return [
        _finding(
            "single-threaded",
            HIGH,
            [*deep, *wanted],
            message,
            advice,
            [{"measure": "people_met_more_than_once", "value": len(deep)}]
            + [e for p in deep for e in field_evidence(p, "coverage")],
        )
    ]


def priority_gap(ctx: Context) -> list[Finding]:
    """The initiative is outside the top three priorities of an economic buyer, decision
    maker or approver (low severity when their priorities are unknown).

    Why: executives back about three initiatives and compete for funding; an
    initiative outside the top three of the people who fund it starves,
    however good it is. High for the economic buyer, medium for the others.
    """
    deciders = [p for p in ctx.people if p.role in DECIDING_ROLES]
    if not deciders:
        return []
    initiative = ctx.map.account.initiative
    if not initiative.strip():
        return [
            _finding(
                "priority-gap",
                LOW,
                [],
                "The account has no initiative set, so stakemap cannot check where it ranks "
                "in the deciders' priorities.",
                "Set it with 'stakemap account set PATH --initiative TEXT'.",
                [{"field": "initiative", "value": ""}],
            )
        ]
    top = ctx.config.top_priorities
    out = []
    for person in deciders:
        taken = person.initiative_match(initiative)
        rank = None if taken is None else taken.rank
        if person.priorities and rank is not None and rank <= top:
            continue
        if not person.priorities:
            severity = LOW
            message = (
                f"The priorities of {describe(person)}, {role_phrase(person)}, are unknown, "
                "so you cannot tell whether the initiative is among them."
            )
            advice = f"Ask {person.name} what their top {top} priorities are this year"
            found = ctx.introducer(person.id) if person.coverage is Coverage.NONE else None
            if found is not None:
                helper, hop = found
                advice = (
                    f"Ask {_ask(ctx, helper, helper.id, hop)} what {person.name}'s top {top} "
                    "priorities are this year"
                )
            advice += "."
        else:
            severity = HIGH if person.role is Role.ECONOMIC_BUYER else MEDIUM
            listed = join([f"'{item}'" for item in person.priorities[:top]])
            if rank is None:
                message = (
                    f"The initiative is not among the priorities of {describe(person)}, "
                    f"{role_phrase(person)}, whose top {min(top, len(person.priorities))} "
                    f"{'is' if min(top, len(person.priorities)) == 1 else 'are'} {listed}."
                )
            elif taken is not None and taken.how == "matched":
                message = (
                    f"The initiative (taken to be '{taken.priority}', #{rank}) is below the top "
                    f"{top} priorities of {describe(person)}, {role_phrase(person)}, where the "
                    "funding goes."
                )
            else:
                message = (
                    f"The initiative is only #{rank} in the priorities of {describe(person)}, "
                    f"{role_phrase(person)}: below the top {top}, where the funding goes."
                )
            advice = "Reframe it as serving " + reframe_target(
                person.priorities[:top], initiative, person.drivers
            )
            reach = ctx.reach(person.id)
            if reach is not None and len(reach.hops) == 1:
                source = ctx.by_id[reach.source]
                asked = _ask(ctx, source, source.id, reach.hops[0])
                advice += f", and ask {asked} to make that case"
            elif reach is not None:
                advice += f", and have it carried along {path_text(reach.hops, ctx.by_id)}"
            advice += "."
        out.append(
            _finding(
                "priority-gap",
                severity,
                [person],
                message,
                advice,
                [
                    *field_evidence(person, "role", "priorities"),
                    {"field": "initiative", "value": initiative},
                    {"id": person.id, "measure": "initiative_rank", "value": rank},
                ],
                person.department or None,
            )
        )
    return out


_MODE_CLAUSE = {
    Mode.EVEN_KEEL: "sees no need to change (even keel)",
    Mode.OVERCONFIDENT: "believes things are fine as they are (overconfident)",
}


def do_nothing_risk(ctx: Context) -> list[Finding]:
    """A decision-maker with high fear of failure, or in ``even_keel``/``overconfident`` mode.

    Why: when a decision is uncertain, doing nothing feels safest; a decider
    who backed a failed project risks political capital. Medium; high when no
    champion reaches them, because then nobody inside is creating certainty.
    """
    out = []
    for person in ctx.deciders:
        afraid = person.fear_of_failure is Fear.HIGH
        content = person.mode in (Mode.EVEN_KEEL, Mode.OVERCONFIDENT)
        if not (afraid or content):
            continue
        reasons = []
        if afraid:
            reasons.append("has a lot to lose if it fails (fear of failure high)")
        if content:
            reasons.append(_MODE_CLAUSE[person.mode])
        champion_near = person.stance is Stance.CHAMPION or ctx.champion_reaches(person.id)
        severity = MEDIUM if champion_near else HIGH
        remedies = []
        if afraid:
            remedies += ["a reference from a similar company", "a small, safe first step"]
        if content:
            remedies.append("the cost of standing still in their own numbers")
        advice, path = _path_advice(
            ctx, person, f"vouch for the project with {person.name} and back a safe first step"
        )
        advice = f"Create certainty for {person.name} with {join(remedies)}. {advice}"
        out.append(
            _finding(
                "do-nothing-risk",
                severity,
                [person],
                f"{describe(person)} {join(reasons)}: doing nothing is the safest choice for them.",
                advice,
                [*field_evidence(person, "role", "veto", "fear_of_failure", "mode"), *path],
                person.department or None,
            )
        )
    return out


def unknown_key_stance(ctx: Context) -> list[Finding]:
    """A key player whose stance is unknown.

    Why: the rep cannot plan around a key player without knowing which way
    they lean. Medium when the rep has met them (they could have asked); low
    when not, since ``uncovered-key-player`` already carries the weight.
    """
    out = []
    for person in ctx.people:
        if person.stance is not Stance.UNKNOWN or not ctx.is_key(person):
            continue
        power = join(_power(ctx, person))
        met = ctx.met(person)
        contacts = [
            (p, hop) for p, hop in ctx.contacts_of(person.id) if p.is_supportive and ctx.met(p)
        ]
        asked = ""
        if contacts:
            helper, hop = contacts[0]
            asked = f"ask {_ask(ctx, helper, helper.id, hop)} how {person.name} sees it"
        if met:
            message = (
                f"You have met {describe(person)}, who {power}, but do not know where they stand."
            )
            advice = f"Ask {person.name} directly how the initiative fits their plans"
            advice += f", or {asked}." if asked else "."
        else:
            message = f"The stance of {describe(person)}, who {power}, is unknown."
            advice = (
                f"Before you meet {person.name}, {asked}."
                if asked
                else f"Find out from anyone who works with {person.name} how they see it."
            )
        out.append(
            _finding(
                "unknown-key-stance",
                MEDIUM if met else LOW,
                [person],
                message,
                advice,
                [*field_evidence(person, "stance", "coverage", "role", "veto", "influence")],
                person.department or None,
            )
        )
    return out


def no_visible_opposition(ctx: Context) -> list[Finding]:
    """A map of eight or more people with no skeptic or opponent.

    Why: every organisation's immune system attacks change; on a map this size
    opposition is usually unseen, not absent.
    """
    people = ctx.people
    if len(people) < ctx.config.no_opposition_size or any(p.is_opposed for p in people):
        return []
    suspects = sorted(
        (
            p
            for p in people
            if p.stance in (Stance.UNKNOWN, Stance.NEUTRAL)
            and (
                p.role in (Role.IMPLEMENTER, Role.USER, Role.GATEKEEPER)
                or p.mode in (Mode.EVEN_KEEL, Mode.OVERCONFIDENT)
            )
        ),
        key=lambda p: (-ctx.influence[p.id], p.name.casefold(), p.id),
    )[:3]
    if suspects:
        advice = (
            f"Probe for hidden resistance, starting with {join([describe(p) for p in suspects])}: "
            "the people who must change most, or who see no need to."
        )
    elif ctx.champions:
        champ = min(ctx.champions, key=lambda p: helper_rank(p, ctx.influence))
        advice = f"Ask {champ.name} who stands to lose if this goes ahead, and add them."
    else:
        advice = "Ask your contacts who stands to lose if this goes ahead, and add them."
    return [
        _finding(
            "no-visible-opposition",
            MEDIUM,
            suspects,
            f"Nobody among the {count(len(people), 'person', 'people')} on the map is a skeptic "
            "or opponent: "
            "opposition is usually unseen, not absent.",
            advice,
            [{"measure": "people", "value": len(people)}, {"measure": "opposed", "value": 0}],
        )
    ]


def stale_contact(ctx: Context) -> list[Finding]:
    """A key player last contacted more than ``stale_days`` (60) days ago, or more than
    their role's limit (``stale_days_by_role``, the config file's ``[stale_contact]``).

    Why: deals move while the rep is away; a key player not heard from in two
    months may have changed priorities, or been won by the status quo. Low;
    medium beyond twice the threshold. The last contact is the later of the
    recorded date and the latest logged touch.
    """
    out = []
    for person in ctx.people:
        last = ctx.last_contact(person)
        if not last or not ctx.is_key(person):
            continue
        limit = ctx.config.stale_limit(person.role.value)
        days = (ctx.today - date.fromisoformat(last)).days
        if days <= limit:
            continue
        severity = MEDIUM if days > 2 * limit else LOW
        logged = ctx.last_touch.get(person.id)
        out.append(
            _finding(
                "stale-contact",
                severity,
                [person],
                f"You last spoke to {describe(person)} on {last}, {days} days ago.",
                f"Book a short check-in with {person.name}: share what has moved since "
                f"{last} and ask what has changed on their side.",
                [
                    *field_evidence(person, "last_contact"),
                    *(
                        [{"id": person.id, "measure": "last_touch", "value": logged}]
                        if logged
                        else []
                    ),
                    {"measure": "days_since_contact", "value": days},
                    {"measure": "stale_days", "value": limit},
                ],
                person.department or None,
            )
        )
    return out


def broker(ctx: Context) -> list[Finding]:
    """A broker (top betweenness, or whose removal splits the influence network into
    groups) who opposes or whom the rep has never met.

    Why: influence between departments flows through a few people; an opposed
    broker filters what each side hears, an unmet one is a door the rep has
    not opened. Medium when opposed, low when only unmet. Brokers already
    reported as blockers or uncovered key players are mentioned there instead.
    """
    out = []
    for pid, info in ctx.brokers.items():
        person = ctx.by_id[pid]
        opposed = person.is_opposed
        unmet = not ctx.met(person)
        if not (opposed or unmet) or ctx.is_key(person):
            continue
        where = _broker_phrase(ctx, person)
        score = f"broker score {info.score:.2f}"
        if opposed:
            message = (
                f"{describe(person)} {where} ({score}) and is {a_stance(person)}: they can "
                "filter what each side hears."
            )
            advice, path = _path_advice(
                ctx, person, f"win {person.name} over before the doubts spread"
            )
        else:
            message = (
                f"{describe(person)} {where} ({score}), and the map records no meeting with them."
            )
            advice, path = _introduction(ctx, person) + ".", []
        out.append(
            _finding(
                "broker",
                MEDIUM if opposed else LOW,
                [person],
                message,
                advice,
                [
                    _measure(ctx, person, "broker_score"),
                    {"id": pid, "measure": "split_groups", "value": list(info.pieces)},
                    *field_evidence(person, "stance", "coverage"),
                    *path,
                ],
                person.department or None,
            )
        )
    return out


_RULE_LIST: Final = (
    Rule("blocker", "Blocker", "opposes and can stop the deal", blocker),
    Rule(
        "passive-resister",
        "Passive resister",
        "opposes without formal power: drags their feet",
        passive_resister,
    ),
    Rule(
        "unaligned-department",
        "Unaligned department",
        "a department that is split, opposed, neutral or unknown",
        unaligned_department,
    ),
    Rule("no-champion", "No champion", "nobody sells it when you are not there", no_champion),
    Rule(
        "weak-champion",
        "Weak champion",
        "champions lack weight or do not reach the deciders",
        weak_champion,
    ),
    Rule(
        "orphaned-champion",
        "Orphaned champion",
        "a champion no active teammate owns",
        orphaned_champion,
    ),
    Rule(
        "no-economic-buyer",
        "No economic buyer",
        "nobody owns the budget or holds a veto",
        no_economic_buyer,
    ),
    Rule(
        "uncovered-key-player",
        "Uncovered key player",
        "a key player nobody has met, as far as the map records",
        uncovered_key_player,
    ),
    Rule(
        "unowned-key-player",
        "Unowned key player",
        "a key player nobody on the team owns",
        unowned_key_player,
    ),
    Rule(
        "single-threaded",
        "Single-threaded",
        "your access rests on one person, or on one teammate",
        single_threaded,
    ),
    Rule(
        "priority-gap",
        "Priority gap",
        "the initiative is outside a decider's top priorities",
        priority_gap,
    ),
    Rule(
        "do-nothing-risk",
        "Do-nothing risk",
        "a decider for whom no decision is safest",
        do_nothing_risk,
    ),
    Rule(
        "unknown-key-stance",
        "Unknown key stance",
        "a key player you met but cannot read",
        unknown_key_stance,
    ),
    Rule(
        "no-visible-opposition",
        "No visible opposition",
        "a large map with no skeptic: opposition is unseen",
        no_visible_opposition,
    ),
    Rule(
        "moved-away",
        "Moved away",
        "a key player who moved away since the last review",
        moved_away,
    ),
    Rule("stale-contact", "Stale contact", "a key player not contacted lately", stale_contact),
    Rule(
        "overdue-next-step",
        "Overdue next step",
        "a next step you promised is past its due date",
        overdue_next_step,
    ),
    Rule(
        "missed-cadence",
        "Missed cadence",
        "a champion or the economic buyer not touched on rhythm",
        missed_cadence,
    ),
    Rule("broker", "Broker", "a go-between who opposes or whom nobody has met", broker),
    Rule(
        "route-through-opposition",
        "Route through opposition",
        "a decider reached only through someone opposed",
        route_through_opposition,
    ),
    Rule(
        "rivalry",
        "Rivalry",
        "an opposed key player in conflict with a backer",
        rivalry,
    ),
)

#: id -> Rule, in display order. The one list of rules everywhere.
RULES: Final[dict[str, Rule]] = {rule.id: rule for rule in _RULE_LIST}
