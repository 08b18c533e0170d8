"""Run the rules over a map, order the findings, and judge the deal's health."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import date
from functools import partial
from typing import Final

from stakemap.analysis.config import AnalysisConfig
from stakemap.analysis.context import Context
from stakemap.analysis.rules import RULES
from stakemap.analysis.types import Analysis, Finding, Health, HealthStatus, Severity
from stakemap.analysis.wording import join
from stakemap.errors import ValidationError
from stakemap.model import StakeMap
from stakemap.perf import paused_gc
from stakemap.vocab import Role

__all__ = [
    "analyze",
    "check_rule_ids",
    "filter_findings",
    "judge_health",
    "run_rules",
    "sort_findings",
]

_RULE_ORDER = {rule_id: index for index, rule_id in enumerate(RULES)}


def check_rule_ids(rules: Iterable[str]) -> list[str]:
    """Validate rule ids (a user error names the unknown one and lists the known ones)."""
    wanted = []
    for rule_id in rules:
        if rule_id not in RULES:
            raise ValidationError(
                "rule", rule_id, reason=f"{rule_id!r} is not a rule; known: {', '.join(RULES)}"
            )
        if rule_id not in wanted:
            wanted.append(rule_id)
    return wanted


def run_rules(ctx: Context, rules: Iterable[str] | None = None) -> list[Finding]:
    """Findings of the given rules (all when None), deduplicated and sorted."""
    ids = list(RULES) if rules is None else check_rule_ids(rules)
    findings: list[Finding] = []
    for rule_id in ids:
        findings.extend(RULES[rule_id].check(ctx))
    return sort_findings(findings, weigh=partial(_weigh, ctx))


#: Rules whose findings are about the whole map, not one person: their subjects
#: are only the people the suggestion starts with, so a health reason names
#: "the map", and within a severity they follow the findings about the deciders.
MAP_WIDE_RULES: Final = frozenset(
    {
        "single-threaded",
        "no-champion",
        "no-economic-buyer",
        "weak-champion",
        "no-visible-opposition",
    }
)


def _weigh(ctx: Context, finding: Finding) -> tuple[int, float]:
    """Where a finding goes within its severity: (tier, -influence).

    Tier 0: it names the economic buyer or a veto holder (the people who can
    end the deal); 1: it is about the whole deal; 2: the rest. Then the most
    influential subject first, because a rep's hour is best spent where the
    weight is.
    """
    people = [ctx.by_id[s.id] for s in finding.subjects if s.id in ctx.by_id]
    if finding.rule in MAP_WIDE_RULES or not people:
        tier = 1
    elif any(p.role is Role.ECONOMIC_BUYER or p.veto for p in people):
        tier = 0
    else:
        tier = 2
    weight = max((ctx.influence[p.id] for p in people), default=0.0)
    return tier, -weight


def _no_weight(_finding: Finding) -> tuple[int, float]:
    return 0, 0.0


def _sort_key(
    finding: Finding, weigh: Callable[[Finding], tuple[int, float]]
) -> tuple[object, ...]:
    first = finding.subjects[0] if finding.subjects else None
    name = first.name if first else ""
    return (
        finding.severity.rank,
        *weigh(finding),
        _RULE_ORDER.get(finding.rule, len(_RULE_ORDER)),
        name.casefold(),
        name,
        first.id if first else "",
        finding.department or "",
        finding.message,
    )


def sort_findings(
    findings: Iterable[Finding], *, weigh: Callable[[Finding], tuple[int, float]] | None = None
) -> list[Finding]:
    """Worst first: severity, then (with ``weigh``, as an analysis passes it) the
    findings about the deciders and the weightiest people, then rule (registry
    order), subject name and id.

    Duplicates (same rule, same subjects, same department) are dropped, keeping
    the most severe, so the same map gives the same list byte for byte.
    """
    key = partial(_sort_key, weigh=weigh or _no_weight)
    out: list[Finding] = []
    seen: set[tuple[object, ...]] = set()
    for finding in sorted(findings, key=key):
        ident = (finding.rule, tuple(s.id for s in finding.subjects), finding.department)
        if ident not in seen:
            seen.add(ident)
            out.append(finding)
    return out


def filter_findings(
    findings: Iterable[Finding], *, min_severity: Severity | None = None
) -> list[Finding]:
    """Findings at ``min_severity`` or worse (all when None)."""
    if min_severity is None:
        return list(findings)
    return [f for f in findings if f.severity.rank <= min_severity.rank]


def judge_health(ctx: Context, findings: Collection[Finding]) -> Health:
    """Red, amber or green, with the reasons a deal review would ask for.

    Red: nobody on the map, no supportive key player, or a high-severity
    blocker no champion or supporter reaches. Amber: support exists but
    high-severity findings remain, or no economic buyer or decision maker
    supports it yet. Green: a supportive economic buyer or decision maker and
    no high-severity findings. ``findings`` must be the findings of *all*
    rules, whatever the caller chose to display.
    """
    if not ctx.people:
        return Health(
            HealthStatus.RED, ("The map is empty: add the people involved in the decision.",)
        )
    red: list[str] = []
    backers = [p for p in ctx.people if p.is_supportive and ctx.is_key(p)]
    if not backers:
        red.append("No key player supports the initiative.")
    for finding in findings:
        if finding.rule == "blocker" and finding.severity is Severity.HIGH:
            person = ctx.by_id[finding.subjects[0].id]
            if ctx.reach(person.id) is None:
                red.append(
                    f"{person.name} can stop the deal and no champion or supporter reaches "
                    f"{person.name}."
                )
    high = [f for f in findings if f.severity is Severity.HIGH]
    summary = _high_summary(high)
    if red:
        return Health(HealthStatus.RED, tuple(red + summary))
    deciders = [p for p in backers if p.role in (Role.ECONOMIC_BUYER, Role.DECISION_MAKER)]
    if high or not deciders:
        more = " and others" if len(backers) > 3 else ""
        reasons = [f"Key support: {join([p.name for p in backers[:3]])}{more}."]
        reasons.extend(summary)
        if not deciders:
            reasons.append("No economic buyer or decision maker supports it yet.")
        return Health(HealthStatus.AMBER, tuple(reasons))
    names = join([f"{p.name} ({p.role.value.replace('_', ' ')})" for p in deciders[:3]])
    return Health(
        HealthStatus.GREEN,
        (
            f"{names} {'supports' if len(deciders) == 1 else 'support'} it.",
            "No high-severity findings.",
        ),
    )


THE_MAP = "the map"


def _finding_label(finding: Finding) -> str:
    """What a finding is about, in a few words: the map, its department or first subject."""
    if finding.rule in MAP_WIDE_RULES or (not finding.subjects and not finding.department):
        return THE_MAP
    if finding.department and (finding.rule == "unaligned-department" or not finding.subjects):
        return finding.department
    return finding.subjects[0].name


def _high_summary(high: list[Finding]) -> list[str]:
    """One reason per rule with high findings: "High: blocker (Frank Ortiz, Ray Cole)",
    "High: single-threaded (the map)"."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in high:
        by_rule.setdefault(finding.rule, []).append(finding)
    lines = []
    for rule_id, items in by_rule.items():
        names = list(dict.fromkeys(_finding_label(f) for f in items))
        title = RULES[rule_id].title.lower() if rule_id in RULES else rule_id
        lines.append(f"High: {title} ({join(names)})")
    return lines


def analyze(
    stakemap: StakeMap,
    *,
    today: date | None = None,
    config: AnalysisConfig | None = None,
    rules: Collection[str] | None = None,
) -> Analysis:
    """Analyse a map: health, department states, per-person scores and findings.

    ``today`` (default: the local date) is what ``stale-contact`` counts from;
    pass it for reproducible output. ``rules`` limits the *findings* to those
    rule ids (unknown ids raise ``ValidationError``); health is always judged
    on every rule, because a deal is not healthier for being looked at
    partially. The map is only read.
    """
    wanted = None if rules is None else check_rule_ids(rules)
    ctx = Context(stakemap, today=today or date.today(), config=config or AnalysisConfig())
    with paused_gc():
        every = run_rules(ctx)
        health = judge_health(ctx, every)
        departments, people = ctx.departments, ctx.scores
    shown = every if wanted is None else [f for f in every if f.rule in wanted]
    return Analysis(
        health=health,
        departments=departments,
        people=people,
        findings=tuple(shown),
        extra={"today": ctx.today.isoformat(), "config": ctx.config.to_dict()},
    )
