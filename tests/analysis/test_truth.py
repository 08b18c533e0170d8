"""Every sentence the analysis says is true of the map it was said about.

The first tests pin the cases a sales manager caught (a department called
aligned by weight while its key player opposes, "you have never met" someone
the log shows a meeting with, health reasons naming one person for a
map-wide problem, "1 people"). The property test then runs ``analyze`` over
random small maps and checks each claim pattern ("nobody", "no one",
"never", "only"…) against the map's facts, one checker per pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stakemap.analysis import AnalysisConfig, Severity, analyze
from stakemap.analysis.context import Context
from stakemap.errors import ValidationError
from stakemap.model import StakeMap
from tests.analysis.conftest import TODAY

SAM = {
    "name": "Sam Skeptic",
    "title": "CIO",
    "department": "IT",
    "role": "decision_maker",
    "stance": "skeptic",
    "influence": "medium",
    "coverage": "brief",
    "priorities": ["RevOps platform"],
}
UNA = {
    "name": "Una User",
    "department": "IT",
    "role": "user",
    "stance": "supporter",
    "influence": "low",
    "coverage": "brief",
}
IVY = {
    "name": "Ivy Ops",
    "department": "IT",
    "role": "implementer",
    "stance": "skeptic",
    "influence": "medium",
    "coverage": "brief",
}
NED = {
    "name": "Ned Neutral",
    "department": "IT",
    "role": "implementer",
    "stance": "neutral",
    "influence": "medium",
    "coverage": "brief",
}


def dept_finding(stakemap: StakeMap, department: str = "IT") -> Any:
    found = [
        f
        for f in analyze(stakemap, today=TODAY, rules=["unaligned-department"]).findings
        if f.department == department
    ]
    assert len(found) == 1, found
    return found[0]


def state_of(stakemap: StakeMap, department: str = "IT") -> str:
    result = analyze(stakemap, today=TODAY)
    return next(d.state for d in result.departments if d.name == department)


# --- split: a key player against, someone for --------------------------------------


def test_key_opponent_and_a_light_supporter_make_a_split_department(baseline):
    # by weight alone the supporter holds under a quarter: "opposed, nobody backs it"
    stakemap = baseline(people=[SAM, UNA])
    assert state_of(stakemap) == "split"
    finding = dept_finding(stakemap)
    assert finding.message.startswith("IT is split: Una User for it, Sam Skeptic against it")
    assert "nobody" not in finding.message


def test_a_non_key_skeptic_with_a_light_supporter_is_opposed_and_names_the_backer(baseline):
    stakemap = baseline(people=[IVY, UNA, NED])
    assert state_of(stakemap) == "opposed"
    finding = dept_finding(stakemap)
    assert "nobody there backs it" not in finding.message
    assert "Una User" in finding.message


def test_an_opposed_department_with_no_backer_still_says_so(baseline):
    finding = dept_finding(baseline(people=[IVY, NED]))
    assert finding.message.endswith("and nobody there backs it.")


def test_a_neutral_department_names_its_light_skeptic(baseline):
    light = {**IVY, "name": "Lou Light", "role": "user", "influence": "low"}
    other = {**NED, "name": "Nia Neutral", "role": "evaluator"}
    stakemap = baseline(people=[light, NED, other])
    assert state_of(stakemap) == "neutral"
    finding = dept_finding(stakemap)
    assert "nobody there resists" not in finding.message
    assert "Lou Light" in finding.message


def test_a_neutral_department_with_no_skeptic_says_nobody_resists(baseline):
    other = {**NED, "name": "Nia Neutral", "role": "evaluator"}
    finding = dept_finding(baseline(people=[NED, other]))
    assert "nobody there resists" in finding.message


# --- never met: only when nothing records contact ----------------------------------

CLEO = {"name": "Cleo Chief", "title": "CEO", "role": "approver", "influence": "high"}


def uncovered(stakemap: StakeMap) -> list[Any]:
    return list(analyze(stakemap, today=TODAY, rules=["uncovered-key-player"]).findings)


def test_unrecorded_coverage_says_not_recorded_instead_of_never_met(baseline):
    [finding] = uncovered(baseline(people=[CLEO]))
    assert finding.message.startswith("Coverage of Cleo Chief (CEO), an approver")
    assert finding.message.endswith(
        "is not recorded: as far as the map knows, nobody has met them."
    )
    assert "never" not in finding.message
    assert finding.severity is Severity.MEDIUM


def test_logged_touches_turn_never_met_into_a_low_ask_to_record_coverage(baseline):
    stakemap = baseline(people=[CLEO])
    cleo = stakemap.resolve("Cleo Chief")
    stakemap.add_interaction(person=cleo.id, date="2026-11-02", summary="Intro call")
    [finding] = uncovered(stakemap)
    assert finding.severity is Severity.LOW
    assert finding.message == (
        "Touches with Cleo Chief are logged but coverage says none: set how well you know them."
    )


def test_a_last_contact_date_counts_as_contact(baseline):
    [finding] = uncovered(baseline(people=[{**CLEO, "last_contact": "2026-11-01"}]))
    assert finding.severity is Severity.LOW
    assert "not recorded" not in finding.message
    assert "2026-11-01" in finding.message


def test_a_team_relationship_counts_as_contact(baseline):
    [finding] = uncovered(baseline(people=[{**CLEO, "relationship": "acquainted"}]))
    assert finding.severity is Severity.LOW
    assert "acquainted" in finding.message


def test_context_met_reads_every_record_of_contact(baseline):
    stakemap = baseline(
        people=[
            CLEO,
            {"name": "Lea Last", "last_contact": "2026-10-01"},
            {"name": "Rae Rel", "relationship": "trusted"},
            {"name": "Tom Touch"},
            {"name": "Bri Brief", "coverage": "brief"},
        ]
    )
    stakemap.add_interaction(
        person=stakemap.resolve("Tom Touch").id, date="2026-11-02", summary="Call"
    )
    ctx = Context(stakemap, today=TODAY, config=AnalysisConfig())
    met = {p.name for p in ctx.people if ctx.met(p)}
    assert met == {
        "Eve Buyer",
        "Chad Champion",
        "Lea Last",
        "Rae Rel",
        "Tom Touch",
        "Bri Brief",
    }


def test_unknown_department_with_logged_touches_does_not_say_not_met(baseline):
    hr = [
        {"name": "Hana HR", "department": "HR", "stance": "neutral", "role": "evaluator"},
        {"name": "Hugo HR", "department": "HR", "stance": "unknown"},
    ]
    stakemap = baseline(people=hr)
    stakemap.add_interaction(
        person=stakemap.resolve("Hugo HR").id, date="2026-11-02", summary="Call"
    )
    finding = dept_finding(stakemap, "HR")
    assert "not met anyone" not in finding.message


# --- health reasons and counts -------------------------------------------------------


def test_map_wide_high_findings_are_attributed_to_the_map(baseline):
    result = analyze(baseline(chad={"coverage": "brief"}), today=TODAY)
    line = next(r for r in result.health.reasons if "single-threaded" in r)
    assert line == "High: single-threaded (the map)"


def test_person_findings_are_still_attributed_to_their_person(baseline):
    cio = {**SAM, "stance": "opponent", "veto": True}
    result = analyze(baseline(people=[cio]), today=TODAY)
    line = next(r for r in result.health.reasons if r.startswith("High: blocker"))
    assert line == "High: blocker (Sam Skeptic)"


def test_a_high_finding_with_no_subject_is_attributed_to_the_map():
    from stakemap.analysis.engine import _high_summary
    from stakemap.analysis.types import Finding, Subject

    def high(rule: str, *subjects: Subject, department: str | None = None) -> Finding:
        return Finding(rule, Severity.HIGH, subjects, department, "m", (), "s")

    ann = Subject("p1", "Ann Lee")
    assert _high_summary([high("priority-gap")]) == ["High: priority gap (the map)"]
    assert _high_summary([high("no-champion", ann)]) == ["High: no champion (the map)"]
    assert _high_summary([high("unaligned-department", ann, department="IT")]) == [
        "High: unaligned department (IT)"
    ]


def test_counts_read_one_person(baseline):
    config = AnalysisConfig().with_overrides({"no_opposition_size": 2})
    result = analyze(baseline(), today=TODAY, config=config, rules=["no-visible-opposition"])
    [finding] = result.findings
    assert "the 2 people on the map" in finding.message
    solo = StakeMap.new("Solo Co", initiative="RevOps platform")
    solo.add_person({"name": "Solo", "stance": "supporter", "coverage": "brief"})
    config = AnalysisConfig().with_overrides({"no_opposition_size": 1})
    [finding] = analyze(solo, today=TODAY, config=config, rules=["no-visible-opposition"]).findings
    assert "the 1 person on the map" in finding.message
    assert "1 people" not in finding.message


def test_single_threaded_does_not_deny_touches_logged_more_than_once(baseline):
    stakemap = baseline(chad={"coverage": "brief"})
    chad = stakemap.resolve("Chad Champion")
    for day in ("2026-11-02", "2026-11-09"):
        stakemap.add_interaction(person=chad.id, date=day, summary="Call")
    [finding] = analyze(stakemap, today=TODAY, rules=["single-threaded"]).findings
    assert "touches with Chad Champion are logged more than once" in finding.message
    solo = baseline(eve={"coverage": "brief"}, chad={"coverage": "brief"})
    for day in ("2026-11-02", "2026-11-09"):
        solo.add_interaction(person=solo.resolve("Eve Buyer").id, date=day, summary="Call")
    [finding] = analyze(solo, today=TODAY, rules=["single-threaded"]).findings
    assert "not met anyone on the map more than once" not in finding.message
    assert finding.message.startswith("Nobody on the map has coverage beyond brief")


def test_wording_count():
    from stakemap.analysis.wording import count

    assert count(1, "person", "people") == "1 person"
    assert count(0, "person", "people") == "0 people"
    assert count(3, "person", "people") == "3 people"


# --- the property: every claim holds on random maps -------------------------------------

NAMES = ["Ann", "Ben", "Cai", "Dee", "Eli", "Fay", "Gus", "Hal"]
ROLES = [
    "economic_buyer",
    "decision_maker",
    "approver",
    "technical_evaluator",
    "evaluator",
    "influencer",
    "user",
    "implementer",
    "gatekeeper",
    "unknown",
]
STANCES = ["champion", "supporter", "neutral", "neutral", "skeptic", "opponent", "unknown"]
COVERAGE = ["none", "none", "brief", "brief", "multiple", "in_depth"]
DEPARTMENTS = ["", "IT", "IT", "IT", "Finance", "Ops"]
KINDS = ["reports_to", "dotted_line", "influences", "conflicts"]

person_fields = st.fixed_dictionaries(
    {
        "role": st.sampled_from(ROLES),
        "stance": st.sampled_from(STANCES),
        "influence": st.sampled_from(["low", "low", "medium", "high"]),
        "coverage": st.sampled_from(COVERAGE),
        "veto": st.sampled_from([False, False, False, True]),
        "department": st.sampled_from(DEPARTMENTS),
        "last_contact": st.sampled_from(["", "", "2026-06-01", "2026-11-20"]),
        "relationship": st.sampled_from(["none", "none", "none", "acquainted"]),
        "mode": st.sampled_from(["growth", "trouble", "even_keel", "overconfident", "unknown"]),
    }
)


@st.composite
def maps(draw: st.DrawFn) -> StakeMap:
    fields = draw(st.lists(person_fields, min_size=2, max_size=len(NAMES)))
    stakemap = StakeMap.new("Random Co", initiative="RevOps platform")
    ids = []
    for name, person in zip(NAMES, fields, strict=False):
        ids.append(stakemap.add_person({"name": name, **person}).id)
    pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.sampled_from(KINDS))
    for source, target, kind in draw(st.lists(pairs, max_size=10)):
        if source == target or stakemap.find_links(source, target):
            continue
        if kind == "reports_to" and stakemap.manager_of(source):
            continue
        strength = draw(st.integers(1, 3)) if kind == "influences" else None
        try:
            stakemap.add_link(source, target, kind, strength)
        except ValidationError:  # a link the model refuses, e.g. a reporting cycle
            continue
    for pid in draw(st.lists(st.sampled_from(ids), max_size=3)):
        stakemap.add_interaction(person=pid, date="2026-11-01", summary="Call")
    return stakemap


Checker = Callable[[Context, re.Match[str]], bool]


def _no_backed_route(ctx: Context, people: list[Any]) -> bool:
    """No champion is among ``people`` or reaches one along champions and supporters only
    (a plain breadth-first walk over the influence channels, conflicts excluded)."""
    if any(p.stance.value == "champion" for p in people):
        return False
    network = ctx.network
    wanted = {network.index[p.id] for p in people}
    start = [network.index[p.id] for p in ctx.people if p.stance.value == "champion"]
    seen, queue = set(start), list(start)
    while queue:
        v = queue.pop()
        for w, _, hop in network.channels[v]:
            if w in seen or ctx.in_conflict(hop.source, hop.target):
                continue
            if w in wanted:
                return False
            if ctx.people[w].is_supportive:
                seen.add(w)
                queue.append(w)
    return True


def _person(ctx: Context, name: str) -> Any:
    return next(p for p in ctx.people if p.name == name)


def _dept(ctx: Context, name: str) -> list[Any]:
    group = next(g for g in ctx.department_groups if g.name == name)
    return list(group.members)


def _linked(ctx: Context, pid: str) -> list[Any]:
    return [p for p, _ in ctx.contacts_of(pid)]


def _deep(ctx: Context) -> list[Any]:
    return [p for p in ctx.people if p.coverage.value in ("multiple", "in_depth")]


#: claim pattern -> what must be true of the map when it is said.
CLAIMS: list[tuple[str, Checker]] = [
    (
        r"^(?P<d>.+?) is neutral: nobody there resists",
        lambda ctx, m: not any(p.is_opposed for p in _dept(ctx, m["d"])),
    ),
    (
        r"^(?P<d>.+?) is opposed: .*and nobody there backs it",
        lambda ctx, m: not any(p.is_supportive for p in _dept(ctx, m["d"])),
    ),
    (
        r"Where (?P<d>.+?) stands is unknown: you have not met anyone there",
        lambda ctx, m: not any(ctx.met(p) for p in _dept(ctx, m["d"])),
    ),
    (
        r"Where (?P<d>.+?) stands is unknown: .*no coverage is recorded for anyone there",
        lambda ctx, m: all(p.coverage.value == "none" for p in _dept(ctx, m["d"])),
    ),
    (
        r"You have never met (?P<n>[A-Z][a-z]+)",
        lambda ctx, m: not ctx.met(_person(ctx, m["n"])),
    ),
    (
        r"Coverage of (?P<n>[A-Z][a-z]+)\b.*is not recorded: as far as the map knows, nobody",
        lambda ctx, m: not ctx.met(_person(ctx, m["n"])),
    ),
    (
        r"(?P<n>[A-Z][a-z]+) \([^)]*\) .*, and the map records no meeting with them",
        lambda ctx, m: not ctx.met(_person(ctx, m["n"])),
    ),
    (
        r"Nobody on the map is a champion",
        lambda ctx, m: not ctx.champions,
    ),
    (
        r"Nobody on the map owns the budget or holds a veto",
        lambda ctx, m: not any(p.role.value == "economic_buyer" or p.veto for p in ctx.people),
    ),
    (
        r"Nobody among the \d+ (people|person) on the map is a skeptic",
        lambda ctx, m: not any(p.is_opposed for p in ctx.people),
    ),
    (
        r"Your access rests on (?P<n>[A-Z][a-z]+)\b.* alone",
        lambda ctx, m: [p.name for p in _deep(ctx)] == [m["n"]],
    ),
    (
        r"You have not met anyone on the map more than once",
        lambda ctx, m: (
            not _deep(ctx) and all(len(ctx.map.interactions_of(p.id)) < 2 for p in ctx.people)
        ),
    ),
    (
        r"Nobody on the map has coverage beyond brief",
        lambda ctx, m: not _deep(ctx),
    ),
    (
        r"Nobody you know is linked to (?P<n>[A-Z][a-z]+)",
        lambda ctx, m: (
            not any(ctx.met(p) and not p.is_opposed for p in _linked(ctx, _person(ctx, m["n"]).id))
        ),
    ),
    (
        r"No champion or supporter on the map reaches (?P<n>[A-Z][a-z]+)",
        lambda ctx, m: ctx.reach(_person(ctx, m["n"]).id) is None,
    ),
    (
        r"^No champion reaches (?P<n>[A-Z][a-z]+);",
        lambda ctx, m: not ctx.champion_reaches(_person(ctx, m["n"]).id),
    ),
    (
        r"^Give (?P<d>.+?) a reason to back it: .*its only member",
        lambda ctx, m: len(_dept(ctx, m["d"])) == 1,
    ),
    (
        r"the only person on the map in (?P<d>[A-Z][A-Za-z]+)\.",
        lambda ctx, m: len(_dept(ctx, m["d"])) == 1,
    ),
    (
        r"No key player supports the initiative",
        lambda ctx, m: not any(p.is_supportive and ctx.is_key(p) for p in ctx.people),
    ),
    (
        r"(?P<n>[A-Z][a-z]+) can stop the deal and no champion or supporter reaches",
        lambda ctx, m: ctx.reach(_person(ctx, m["n"]).id) is None,
    ),
    (
        r"[Nn]o champion reaches (?P<names>[A-Z][a-z]+(?:(?:, | and )[A-Z][a-z]+)*) through",
        lambda ctx, m: (
            not any(
                p.stance.value == "champion" or ctx.champion_paths.reaches(p.id)
                for p in (_person(ctx, n) for n in re.split(r", | and ", m["names"]))
            )
        ),
    ),
    (
        r"[Nn]o champion reaches (?P<names>[A-Z][a-z]+(?:(?:, | and )[A-Z][a-z]+)*) except "
        r"through people who do not back it",
        lambda ctx, m: _no_backed_route(
            ctx, [_person(ctx, n) for n in re.split(r", | and ", m["names"])]
        ),
    ),
    (
        r"No economic buyer or decision maker supports it yet",
        lambda ctx, m: (
            not any(
                p.is_supportive and p.role.value in ("economic_buyer", "decision_maker")
                for p in ctx.people
            )
        ),
    ),
    (
        r"Touches with (?P<n>[A-Z][a-z]+) are logged but coverage says none",
        lambda ctx, m: (
            (p := _person(ctx, m["n"])).id in ctx.last_touch and p.coverage.value == "none"
        ),
    ),
    (
        r"A last contact with (?P<n>[A-Z][a-z]+) on (?P<day>[0-9-]+) is recorded but coverage "
        r"says none",
        lambda ctx, m: (
            (p := _person(ctx, m["n"])).last_contact == m["day"] and p.coverage.value == "none"
        ),
    ),
    (
        r"(?P<n>[A-Z][a-z]+) is recorded as (?P<rel>[a-z]+) to your team but coverage says none",
        lambda ctx, m: (
            (p := _person(ctx, m["n"])).relationship.value == m["rel"]
            and p.coverage.value == "none"
        ),
    ),
    (
        r"^(?P<d>.+?) is split: (?P<for>.+?) for it, (?P<against>.+?) against it\.",
        lambda ctx, m: (
            all(_person(ctx, n).is_supportive for n in re.split(r", | and ", m["for"]))
            and all(_person(ctx, n).is_opposed for n in re.split(r", | and ", m["against"]))
        ),
    ),
    (
        r"^High: (single-threaded|no champion|no economic buyer|weak champion|"
        r"no visible opposition) \((?P<who>[^)]*)\)$",
        lambda ctx, m: m["who"] == "the map",
    ),
    (r"\b1 people\b", lambda ctx, m: False),
]


def _sentences(result: Any) -> list[str]:
    out = list(result.health.reasons)
    for finding in result.findings:
        out += [finding.message, finding.suggestion]
    return out


@settings(
    derandomize=True,
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(maps())
def test_every_claim_holds_on_the_map(stakemap: StakeMap) -> None:
    result = analyze(stakemap, today=TODAY)
    ctx = Context(stakemap, today=TODAY, config=AnalysisConfig())
    for sentence in _sentences(result):
        for pattern, holds in CLAIMS:
            for match in re.finditer(pattern, sentence):
                assert holds(ctx, match), f"false claim: {sentence!r}"
