"""The call plan: the next conversations, ranked, one per person.

Findings say how a deal dies; a rep's week is made of conversations. The plan
turns the findings (and, on a healthy deal, the weakest remaining links) into
a short ranked list: with whom, why, what to ask or bring, through whom, and
by when. Deal killers and the people who sign or veto come first, because a
week spent elsewhere is a week the deal can die in; then the most influential.
Pure and headless like the rest of ``analysis``: the CLI, the exports and the
app render the same ``Plan``. The words live in ``planwords``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from stakemap.analysis.config import AnalysisConfig
from stakemap.analysis.context import Context
from stakemap.analysis.engine import analyze
from stakemap.analysis.planwords import DIRECTLY, ask_for, keep_words, promised_first, why_for
from stakemap.analysis.rules import RULES
from stakemap.analysis.types import Analysis, Finding, Severity
from stakemap.model import StakeMap
from stakemap.records import Stakeholder
from stakemap.vocab import Coverage, Role, Stance

__all__ = ["DEFAULT_LIMIT", "Plan", "PlanItem", "finding_key", "plan"]

#: A week holds five to ten conversations that matter; more is a list, not a plan.
DEFAULT_LIMIT = 7

#: How soon to hold a conversation, by the worst finding behind it.
HORIZON_DAYS = {Severity.HIGH: 7, Severity.MEDIUM: 14, Severity.LOW: 30}
#: A contact gone stale or off rhythm: this week.
STALE_DAYS = 7
#: Keeping a healthy deal healthy: within two weeks.
KEEP_DAYS = 14

_RULE_ORDER = {rule_id: i for i, rule_id in enumerate(RULES)}
_TIMING_RULES = frozenset({"stale-contact", "missed-cadence"})
#: Findings about a group the person belongs to, not about the person.
_GROUP_RULES = frozenset({"unaligned-department"})


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One conversation: who, why, what to bring, through whom, by when."""

    id: str
    name: str
    why: str
    ask: str
    through: str  # a name, or "directly"
    through_id: str | None
    by: date
    rules: tuple[str, ...]  # the findings' rules, most urgent first ("" none: keep healthy)
    keys: tuple[str, ...]  # ``finding_key`` of each finding behind it
    reasons: tuple[str, ...]  # why, one line per finding, most urgent first
    severity: Severity | None
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "why": self.why,
            "ask": self.ask,
            "through": self.through,
            "through_id": self.through_id,
            "by": self.by.isoformat(),
            "rules": list(self.rules),
            "keys": list(self.keys),
            "reasons": list(self.reasons),
            "severity": self.severity.value if self.severity else None,
            "score": self.score,
        }


@dataclass(frozen=True, slots=True)
class Plan:
    """The ranked conversations (capped) and how many there were in all."""

    today: date
    items: tuple[PlanItem, ...]
    total: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "total": self.total,
            "shown": len(self.items),
            "items": [item.to_dict() for item in self.items],
        }


def finding_key(finding: Finding) -> str:
    """A finding's identity, as ``sort_findings`` deduplicates it: rule, subjects, department."""
    key = f"{finding.rule}:{'+'.join(s.id for s in finding.subjects)}"
    return f"{key}@{finding.department}" if finding.department else key


def _target(finding: Finding) -> str | None:
    """Whom the finding sends the rep to talk to.

    A single-threaded deal lists the one thread first and the people to reach
    after it: the conversation is with the next thread, not the existing one.
    """
    if not finding.subjects:
        return None
    if finding.rule == "single-threaded" and len(finding.subjects) > 1:
        return finding.subjects[1].id
    return finding.subjects[0].id


def _deciding(person: Stakeholder) -> bool:
    return person.role is Role.ECONOMIC_BUYER or person.veto


def _through(ctx: Context, person: Stakeholder) -> Stakeholder | None:
    """Who opens the door: an introducer for someone never met; for someone opposed, the
    last person on the route to them (the one they listen to: the champion at the
    route's start enlists them); nobody (directly) otherwise."""
    if not ctx.met(person):
        found = ctx.introducer(person.id)
        if found is not None:
            return found[0]
        return ctx.champion_for(person.id)  # as the findings advise
    if not person.is_opposed:
        return None
    reach = ctx.reach(person.id)
    if reach is not None and reach.hops:
        relay = reach.hops[-1].source
        if relay != person.id:
            return ctx.by_id[relay]
    return None


def _days_since(ctx: Context, person: Stakeholder) -> int | None:
    last = ctx.last_contact(person)
    return (ctx.today - date.fromisoformat(last)).days if last else None


def _by(ctx: Context, person: Stakeholder, rules: set[str], horizon: int) -> date:
    """A concrete date: today for an overdue promise, this week for a contact gone
    stale, the next promise's due date if sooner than the horizon."""
    today = ctx.today
    steps = ctx.steps_by_person.get(person.id, [])
    if any(s.overdue for s in steps):
        return today
    by = today + timedelta(days=horizon)
    since = _days_since(ctx, person)
    if rules & _TIMING_RULES or (since is not None and since > ctx.config.stale_days):
        by = min(by, today + timedelta(days=STALE_DAYS))
    dues = [s.due for s in steps if s.due is not None and s.due >= today]
    return min([by, *dues])


def _score(ctx: Context, person: Stakeholder, worst: Severity | None) -> float:
    """Higher first. The people who sign or veto, and any deal killer, lead; then the
    worst finding; then the signer or vetoer; then influence (0 to 1)."""
    deciding = _deciding(person)
    score = ctx.influence.get(person.id, 0.0)
    if worst is not None:
        score += (len(Severity) - worst.rank) * 10
        if deciding or worst is Severity.HIGH:
            score += 100
    if deciding:
        score += 5
    return round(score, 4)


def _urgency(finding: Finding) -> tuple[int, bool, int]:
    """Most urgent first: severity; then what is about the person before what is about
    their department (the conversation is with them); then the rules' order."""
    return (
        finding.severity.rank,
        finding.rule in _GROUP_RULES,
        _RULE_ORDER.get(finding.rule, len(_RULE_ORDER)),
    )


def _ask(finding: Finding, person: Stakeholder) -> str:
    """What to ask or bring: the finding's own next step, which names the route and the
    remedy that fits the person (``rules``, ``remedies``); the rule's general advice
    when the finding is about the person's department rather than them."""
    if finding.rule in _GROUP_RULES or not finding.suggestion:
        return ask_for(finding.rule, person)
    return finding.suggestion


def _items_from_findings(ctx: Context, findings: tuple[Finding, ...]) -> list[PlanItem]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        pid = _target(finding)
        if pid is not None and pid in ctx.by_id:
            grouped.setdefault(pid, []).append(finding)
    helpers = {pid: _through(ctx, ctx.by_id[pid]) for pid in grouped}
    relays = {helper.id for helper in helpers.values() if helper is not None}
    items = []
    for pid, found in grouped.items():
        person = ctx.by_id[pid]
        found.sort(key=_urgency)
        # Someone whose only finding is their department's, and who already carries
        # another conversation (the route to a decider runs through them), is met
        # as part of that one: a second entry would send the rep to them twice.
        if pid in relays and all(f.rule in _GROUP_RULES for f in found):
            continue
        rules = list(dict.fromkeys(f.rule for f in found))
        worst = found[0].severity
        helper = helpers[pid]
        if found[0].rule == "single-threaded" and found[0].subjects[0].id in ctx.by_id:
            helper = ctx.by_id[found[0].subjects[0].id]  # the one thread brings them in
        ask = _ask(found[0], person)
        late = [s for s in ctx.steps_by_person.get(pid, []) if s.overdue]
        if late and found[0].rule != "overdue-next-step":
            ask = f"{promised_first(late[0].interaction.next_step, late[0].when())} {ask}"
        items.append(
            PlanItem(
                id=pid,
                name=person.name,
                why=why_for(rules[0], person, met=ctx.met(person)),
                ask=ask,
                through=helper.name if helper else DIRECTLY,
                through_id=helper.id if helper else None,
                by=_by(ctx, person, set(rules), HORIZON_DAYS[worst]),
                rules=tuple(rules),
                keys=tuple(dict.fromkeys(finding_key(f) for f in found)),
                reasons=tuple(
                    dict.fromkeys(why_for(r, person, met=ctx.met(person)) for r in rules)
                ),
                severity=worst,
                score=_score(ctx, person, worst),
            )
        )
    return items


def _keep_healthy(ctx: Context) -> list[PlanItem]:
    """No findings: the weakest remaining links, so a healthy deal still has a next step."""
    chosen: list[tuple[str, Stakeholder]] = []
    by_weight = sorted(
        ctx.people, key=lambda p: (-ctx.influence.get(p.id, 0.0), p.name.casefold(), p.id)
    )
    shallow = [p for p in by_weight if p.is_supportive and p.coverage is not Coverage.IN_DEPTH]
    if shallow:
        chosen.append(("deepen", shallow[0]))
    key = [p for p in by_weight if ctx.is_key(p)]
    # Never touched sorts first ("" is the smallest day), then the longest ago.
    key.sort(key=ctx.last_contact)
    if key:
        chosen.append(("touch", key[0]))
    chosen.extend(("champion", p) for p in by_weight if p.stance is Stance.CHAMPION)
    items: list[PlanItem] = []
    seen: set[str] = set()
    for kind, person in chosen:
        if person.id in seen:
            continue
        seen.add(person.id)
        why, ask = keep_words(kind, person)
        helper = _through(ctx, person)
        items.append(
            PlanItem(
                id=person.id,
                name=person.name,
                why=why,
                ask=ask,
                through=helper.name if helper else DIRECTLY,
                through_id=helper.id if helper else None,
                by=_by(ctx, person, set(), KEEP_DAYS),
                rules=(),
                keys=(),
                reasons=(why,),
                severity=None,
                score=_score(ctx, person, None),
            )
        )
    return items


def plan(
    stakemap: StakeMap,
    *,
    today: date,
    config: AnalysisConfig | None = None,
    limit: int | None = DEFAULT_LIMIT,
    analysis: Analysis | None = None,
) -> Plan:
    """The next conversations, best first, at most ``limit`` (None: all).

    Built from every rule's findings (the plan does not get shorter for
    looking at part of the deal); ``analysis``, an ``analyze`` of the same map
    with every rule as of ``today``, is reused when given (the app has one).
    Ties break on name, then id, so the same
    map gives the same plan. ``total`` counts every entry before the cap.
    """
    if limit is not None and limit < 1:
        raise ValueError("limit must be at least 1")
    cfg = config or AnalysisConfig()
    if analysis is None:
        analysis = analyze(stakemap, today=today, config=cfg)
    ctx = Context(stakemap, today=today, config=cfg)
    items = _items_from_findings(ctx, analysis.findings) or _keep_healthy(ctx)
    items.sort(key=lambda i: (-i.score, i.name.casefold(), i.name, i.id))
    shown = items if limit is None else items[:limit]
    return Plan(today=today, items=tuple(shown), total=len(items))
