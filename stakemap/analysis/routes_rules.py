"""Rules about routes: deciders reached only through opposition, and rivalries.

Both read the one route engine (``analysis.routes`` through ``Context``);
``rules._RULE_LIST`` registers them. They live here, not in ``rules.py``,
because they are one topic: who can carry the message to whom.
"""

from __future__ import annotations

from typing import Any

from stakemap.analysis.context import Context, helper_rank
from stakemap.analysis.network import Hop
from stakemap.analysis.routes import Route
from stakemap.analysis.types import Finding, Severity
from stakemap.analysis.wording import (
    a_stance,
    hop_evidence,
    join,
    path_text,
    relation,
    subject,
    tagged,
)
from stakemap.records import Stakeholder
from stakemap.vocab import Coverage, LinkKind, Role, Stance

__all__ = ["rivalry", "route_through_opposition"]


def _holds_the_decision(person: Stakeholder) -> bool:
    return person.role is Role.ECONOMIC_BUYER or person.veto


def _voice(ctx: Context, helper: Stakeholder, hop: Hop) -> str:
    """ "Sue Support (supporter, influences Eve Buyer strongly)"."""
    link = relation(helper.id, hop, ctx.by_id)
    if helper.stance is Stance.UNKNOWN:
        return f"{helper.name} ({link})"
    return f"{helper.name} ({helper.stance.value}, {link})"


def listeners(ctx: Context, pid: str, exclude: set[str]) -> list[tuple[Stakeholder, Hop]]:
    """The people ``pid`` listens to directly and who are not opposed or in conflict
    with them: supportive first, then the strongest link, then ``helper_rank``."""
    found: dict[str, tuple[Stakeholder, Hop]] = {}
    for _, _, hop in ctx.network.inbound[ctx.network.index[pid]]:
        helper = ctx.by_id[hop.source]
        if helper.is_opposed or helper.id in exclude or ctx.in_conflict(helper.id, pid):
            continue
        seen = found.get(helper.id)
        if seen is None or hop.strength > seen[1].strength:
            found[helper.id] = (helper, hop)
    rows = list(found.values())
    rows.sort(
        key=lambda row: (
            not row[0].is_supportive,
            -row[1].strength,
            helper_rank(row[0], ctx.influence),
        )
    )
    return rows


def _alternative(ctx: Context, target: Stakeholder, blocked: tuple[str, ...]) -> str:
    """The best way to ``target`` that does not lean on the opposed relays."""
    rows = listeners(ctx, target.id, set(blocked))
    if not rows:
        return (
            f"Nobody else {target.name} listens to can carry it: find out whom "
            f"{target.name} trusts and add them, or ask a sponsor to take you to "
            f"{target.name} directly."
        )
    helper, hop = rows[0]
    if helper.is_supportive:
        text = f"Take it to {target.name} through {_voice(ctx, helper, hop)} instead"
        if helper.coverage is Coverage.NONE:
            return f"{text}: meet {helper.name} first, then ask them to carry it."
        return f"{text}."
    return (
        f"Win over {_voice(ctx, helper, hop)}, whom {target.name} listens to, "
        f"and let them carry it to {target.name}."
    )


def route_through_opposition(ctx: Context) -> list[Finding]:
    """The economic buyer or a veto holder whom champions reach only through opposition.

    A skeptic or opponent does not carry the message (``analysis.routes``),
    so the route the rep thinks they have is not one. It fires when no clean
    route exists from champions (else supporters) but one would if the
    opposed person relayed; it names them and proposes who else the decider
    listens to.
    """
    out: list[Finding] = []
    router = ctx.router
    for person in ctx.people:
        if not _holds_the_decision(person) or person.is_supportive:
            continue
        for from_champion in (True, False):
            if router.route_to(person.id, from_champion=from_champion) is not None:
                break
            bent = router.route_to(person.id, from_champion=from_champion, through_opposition=True)
            if bent is None:
                continue
            out.append(_through_opposition(ctx, person, bent))
            break
    return out


def _through_opposition(ctx: Context, person: Stakeholder, route: Route) -> Finding:
    opposed = tuple(pid for pid in route.relays if ctx.by_id[pid].is_opposed)
    who = join([tagged(ctx.by_id[pid]) for pid in opposed])
    sources = "champions" if route.from_champion else "no champion reaches them; supporters"
    message = (
        f"{person.name}: {sources} reach them only through people who oppose the deal, "
        f"the best such route through {who}, who will not carry your case."
    )
    suggestion = (
        f"Do not rely on {join([ctx.by_id[pid].name for pid in opposed])} to relay it. "
        + _alternative(ctx, person, opposed)
    )
    evidence: list[dict[str, Any]] = [
        {"id": pid, "field": "stance", "value": ctx.by_id[pid].stance.value} for pid in opposed
    ]
    return Finding(
        rule="route-through-opposition",
        severity=Severity.HIGH,
        subjects=(subject(person), *(subject(ctx.by_id[pid]) for pid in opposed)),
        department=person.department or None,
        message=message,
        evidence=(*evidence, *hop_evidence(route.hops)),
        suggestion=suggestion,
    )


def rivalry(ctx: Context) -> list[Finding]:
    """A conflict between someone who opposes and someone who backs the deal, one of them key.

    The opposition may be personal: about the backer rather than the offer.
    Sending the backer to argue makes it worse, so the advice keeps them out
    and uses a route that does not pass through them.
    """
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for link in ctx.map.links:
        if link.kind is not LinkKind.CONFLICTS:
            continue
        a, b = ctx.by_id[link.source], ctx.by_id[link.target]
        if a.is_opposed and b.is_supportive:
            opposed, backer = a, b
        elif b.is_opposed and a.is_supportive:
            opposed, backer = b, a
        else:
            continue
        if (opposed.id, backer.id) in seen or not (ctx.is_key(opposed) or ctx.is_key(backer)):
            continue
        seen.add((opposed.id, backer.id))
        severity = Severity.HIGH if _holds_the_decision(opposed) else Severity.MEDIUM
        route = ctx.router.route_to(opposed.id, avoid_people={backer.id})
        if route is not None and len(route.hops) == 1:
            way = f"ask {tagged(ctx.by_id[route.source])} to carry it instead."
            path = hop_evidence(route.hops)
        elif route is not None:
            way = f"work the path {path_text(route.hops, ctx.by_id)} instead."
            path = hop_evidence(route.hops)
        else:
            way = (
                f"meet {opposed.name} yourself on their own concerns, without {backer.name}'s "
                "name attached."
            )
            path = []
        out.append(
            Finding(
                rule="rivalry",
                severity=severity,
                subjects=(subject(opposed), subject(backer)),
                department=opposed.department or None,
                message=(
                    f"{opposed.name}'s opposition may be about {backer.name}, who backs it. "
                    f"They are in conflict, and {opposed.name} is {a_stance(opposed)}."
                ),
                evidence=(
                    {
                        "link": link.id,
                        "source": link.source,
                        "target": link.target,
                        "kind": link.kind.value,
                    },
                    *path,
                ),
                suggestion=(
                    f"Keep {backer.name} out of the conversations with {opposed.name}; " + way
                ),
            )
        )
    return out
