"""Synthetic stakeholder maps of any size, for benchmarks (and anyone who needs bulk).

``synthetic_map(n)`` builds a reproducible map of ``n`` people in 12
departments with about five links each and every field in use: reporting
trees per department, dotted lines, influence (mostly inside a department,
some across) and conflicts. Records are validated (``from_dict``) and
assembled with ``StakeMap.from_records``, the same path a file load takes.

    python bench/synthetic.py 1000 /tmp/big.json   # write one to a file

``with_history(map, touches=..., reviews=...)`` gives such a map a past: a
log of touches spread over half a year and reviews recorded with the real
engine, each after 1% of the people changed, for the timeline benchmark.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from stakemap.analysis.snapshot import record_review
from stakemap.model import StakeMap
from stakemap.records import Account, Interaction, Link, Stakeholder
from stakemap.store import MapStore
from stakemap.vocab import Coverage, Fear, Influence, Mode, Role, Stance, TouchKind, step

__all__ = [
    "DEPARTMENTS",
    "INITIATIVE",
    "change_people",
    "synthetic_map",
    "with_history",
    "write_synthetic_map",
]

INITIATIVE = "RevOps platform"
DEPARTMENTS = (
    "Executive",
    "Finance",
    "IT",
    "Marketing",
    "Sales",
    "Operations",
    "HR",
    "Legal",
    "Procurement",
    "Customer Success",
    "Product",
    "Security",
)
_FIRST = [
    "Ana",
    "Ben",
    "Chloé",
    "Dmitri",
    "Elif",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kavya",
    "Liam",
    "Maja",
    "Noor",
    "Oskar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoë",
]
_LAST = [
    "Aalto",
    "Berg",
    "Castellanos",
    "Dubois",
    "Eze",
    "Fischer",
    "García",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lee",
    "Müller",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quist",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Umarov",
    "Varga",
    "Wójcik",
    "Xu",
    "Yilmaz",
    "Zieliński",
]
_PRIORITIES = (
    "Cost cuts",
    "ERP migration",
    "Audit remediation",
    "Cloud migration",
    "Customer retention",
    "Security hardening",
    "Hiring plan",
    "New market entry",
    "Pricing review",
    INITIATIVE,
)
_CLOCK = "2026-11-30T09:00:00Z"
_TODAY = date(2026, 11, 30)


def _weighted(rng: random.Random, options: list[tuple[Any, int]]) -> Any:
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights)[0]


def _person(rng: random.Random, index: int, department: str, level: int) -> Stakeholder:
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    senior = level == 0
    role = (
        _weighted(
            rng,
            [(Role.ECONOMIC_BUYER, 2), (Role.DECISION_MAKER, 3), (Role.APPROVER, 2)],
        )
        if senior
        else _weighted(
            rng,
            [
                (Role.INFLUENCER, 4),
                (Role.USER, 6),
                (Role.IMPLEMENTER, 3),
                (Role.EVALUATOR, 2),
                (Role.TECHNICAL_EVALUATOR, 2),
                (Role.GATEKEEPER, 1),
                (Role.UNKNOWN, 2),
            ],
        )
    )
    priorities = rng.sample(_PRIORITIES, rng.randint(0, 5))
    return Stakeholder.from_dict(
        {
            "id": f"p{index:06d}",
            "name": f"{first} {last} {index}",
            "title": f"{'Head' if senior else 'Manager' if level == 1 else 'Specialist'}, "
            f"{department}",
            "department": department,
            "email": f"{first.lower()}.{index}@example.com",
            "role": role,
            "stance": _weighted(
                rng,
                [
                    (Stance.CHAMPION, 1),
                    (Stance.SUPPORTER, 4),
                    (Stance.NEUTRAL, 5),
                    (Stance.SKEPTIC, 3),
                    (Stance.OPPONENT, 1),
                    (Stance.UNKNOWN, 3),
                ],
            ),
            "influence": Influence.HIGH
            if senior
            else _weighted(rng, [(Influence.LOW, 6), (Influence.MEDIUM, 3), (Influence.HIGH, 1)]),
            "veto": senior and rng.random() < 0.3,
            "coverage": _weighted(
                rng,
                [
                    (Coverage.NONE, 5),
                    (Coverage.BRIEF, 3),
                    (Coverage.MULTIPLE, 2),
                    (Coverage.IN_DEPTH, 1),
                ],
            ),
            "mode": rng.choice(list(Mode)),
            "fear_of_failure": rng.choice(list(Fear)),
            "priorities": priorities,
            "drivers": f"Wants {rng.choice(_PRIORITIES).lower()} to land this year.",
            "constraints": "Budget frozen until Q3; two open roles.",
            "fears": "Another failed rollout on their watch.",
            "notes": f"Met at the {rng.choice(['kick-off', 'QBR', 'dinner'])}.\nFollow up.",
            "last_contact": (_TODAY - timedelta(days=rng.randint(0, 200))).isoformat()
            if rng.random() < 0.7
            else "",
            "created": _CLOCK,
            "modified": _CLOCK,
        }
    )


def synthetic_map(n: int, *, seed: int = 1, links_per_person: float = 5.0) -> StakeMap:
    """A reproducible ``n``-person map with about ``links_per_person`` links each."""
    rng = random.Random(seed)
    account = Account.from_dict(
        {
            "account": f"Synthetic {n}",
            "initiative": INITIATIVE,
            "owner": "Bench Rep",
            "created": _CLOCK,
            "modified": _CLOCK,
        }
    )
    members: dict[str, list[str]] = {d: [] for d in DEPARTMENTS}
    people: list[Stakeholder] = []
    managers: dict[str, str] = {}
    for index in range(n):
        department = DEPARTMENTS[index % len(DEPARTMENTS)]
        group = members[department]
        level = 0 if not group else 1 if len(group) < 4 else 2
        person = _person(rng, index, department, level)
        if group:
            # a reporting tree: managers are earlier people of the department
            manager = group[0] if level == 1 else group[rng.randint(1, min(len(group), 4) - 1)]
            managers[person.id] = manager
        group.append(person.id)
        people.append(person)

    links: list[Link] = []
    seen: set[tuple[str, str, str]] = set()

    def add(source: str, target: str, kind: str, strength: int = 2) -> None:
        key = (source, target, kind)
        if (
            source == target
            or key in seen
            or (kind == "conflicts" and (target, source, kind) in seen)
        ):
            return
        seen.add(key)
        links.append(
            Link.from_dict(
                {
                    "id": f"l{len(links):07d}",
                    "source": source,
                    "target": target,
                    "kind": kind,
                    "strength": strength,
                    "created": _CLOCK,
                    "modified": _CLOCK,
                }
            )
        )

    for pid, manager in managers.items():
        add(pid, manager, "reports_to")
    heads = [group[0] for group in members.values() if group]
    ids = [p.id for p in people]
    extra = max(0, round(links_per_person * n) - len(links))
    for _ in range(extra):
        source = rng.choice(ids)
        department = people[int(source[1:])].department
        roll = rng.random()
        if roll < 0.70:
            target = rng.choice(members[department])
            kind = "influences"
        elif roll < 0.88:
            target = rng.choice(ids)
            kind = "influences"
        elif roll < 0.95:
            target = rng.choice(heads)
            kind = "dotted_line" if source not in heads else "influences"
        else:
            target = rng.choice(ids)
            kind = "conflicts"
        add(source, target, kind, rng.randint(1, 3))
    return StakeMap.from_records(account, people, links)


_SUMMARIES = (
    "Walked through the pilot plan",
    "Answered questions on pricing",
    "Demo of the forecasting view",
    "Sent the security questionnaire",
    "Check-in on the budget round",
    "Workshop on the rollout plan",
)


def _touches(people: list[Stakeholder], count: int, rng: random.Random) -> list[Interaction]:
    kinds = list(TouchKind)
    stances = [s for s in Stance if s is not Stance.UNKNOWN]
    out = []
    for index in range(count):
        day = _TODAY - timedelta(days=rng.randint(0, 180))
        step_due = rng.random() < 0.2
        out.append(
            Interaction.from_dict(
                {
                    "id": f"i{index:07d}",
                    "person": rng.choice(people).id,
                    "date": day.isoformat(),
                    "summary": f"{rng.choice(_SUMMARIES)} ({index})",
                    "kind": rng.choice(kinds),
                    "notes": "Private: they are under pressure from the board."
                    if index % 3
                    else "",
                    "stance": rng.choice(stances) if rng.random() < 0.3 else Stance.UNKNOWN,
                    "next_step": "Send the follow-up pack" if step_due else "",
                    "due": (day + timedelta(days=14)).isoformat() if step_due else "",
                    "done": step_due and rng.random() < 0.5,
                    "created": _CLOCK,
                    "modified": _CLOCK,
                }
            )
        )
    return out


def change_people(stakemap: StakeMap, share: float, rng: random.Random) -> int:
    """Move ``share`` of the people one stance step (and some one coverage step);
    returns how many were changed. What a busy month does to a map."""
    people = stakemap.people
    chosen = rng.sample(people, max(1, round(len(people) * share)))
    for person in chosen:
        changes: dict[str, object] = {"stance": step(person.stance, rng.choice((-1, 1)))}
        if rng.random() < 0.3:
            changes["coverage"] = step(person.coverage, 1)
        stakemap.update_person(person.id, changes)
    return len(chosen)


def with_history(
    stakemap: StakeMap, *, touches: int, reviews: int, seed: int = 1, share: float = 0.01
) -> StakeMap:
    """A copy of ``stakemap`` with ``touches`` logged touches and ``reviews`` reviews,
    recorded weekly with the real engine after ``share`` of the people changed."""
    rng = random.Random(seed)
    people = stakemap.people
    out = StakeMap.from_records(
        stakemap.account,
        people,
        stakemap.links,
        retired=stakemap.retired,
        interactions=_touches(people, touches, rng),
        clock=lambda: _CLOCK,
    )
    for index in range(reviews):
        if index:
            change_people(out, share, rng)
        day = _TODAY - timedelta(days=7 * (reviews - index))
        record_review(out, day=day, label=f"Weekly review {index + 1}")
    return out


def write_synthetic_map(path: Path, n: int, *, seed: int = 1) -> StakeMap:
    """Write a synthetic map to a new map file (replacing one left from a previous run)."""
    stakemap = synthetic_map(n, seed=seed)
    path.unlink(missing_ok=True)
    MapStore(path).create(stakemap)
    return stakemap


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"synthetic_{size}.json")
    made = write_synthetic_map(target, size)
    print(f"wrote {target}: {len(made)} people, {len(made.links)} links")
