"""Build the sample maps in ``sample_maps/`` from the tables in this file.

The maps are generated, never edited by hand, so they follow every change of the
file format: after changing the model or the store, run

    python scripts/make_sample_maps.py [OUTDIR]      # default: sample_maps/

and commit the result. Everything goes through the public model API
(``StakeMap.new``, ``add_person``, ``add_link``), so a sample that violates a
rule of the model fails here instead of in a user's hands.

The output is byte-for-byte reproducible: ids come from a seeded generator
(same shape as real ids: prefix + 8 Crockford base32 characters) and time from a
clock that starts at a fixed instant. ``tests/test_sample_maps.py`` regenerates
the maps and compares them with the committed files.

Each account is written as three tables a rep would recognise from a CRM
export: who the people are, where they stand, and how they are linked; the free
text (priorities, drivers, constraints, fears, notes) sits in a dict per person.
Contact dates are given in days before ``AS_OF``, the day the maps describe;
analyse them with ``--today 2026-11-30`` to see them as designed.

Each account also has a quarter of history (``History``): the touches the rep
logged, the edits made by hand and the deal reviews, played in date order
through the same functions the CLI uses (``timeline.interactions.log_touch``,
``close_step``, ``analysis.snapshot.record_review``). The tables above describe
the map at the end of the quarter; ``History.start`` says how the people who
moved stood when it began, and the generator checks that playing the history
lands exactly on the tables, so the two cannot drift apart.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from stakemap.analysis import snapshot
from stakemap.model import StakeMap
from stakemap.store import MapStore
from stakemap.timeline.interactions import close_step, log_touch

#: The day the sample maps describe: ``last_contact`` dates count back from it.
AS_OF: Final = date(2026, 11, 30)

#: Crockford's base32, as in ``stakemap.model.random_id``.
CROCKFORD: Final = "0123456789abcdefghjkmnpqrstvwxyz"

DEFAULT_OUTDIR: Final = Path(__file__).resolve().parent.parent / "sample_maps"


class SeededIds:
    """Ids shaped like ``random_id``'s, drawn from a generator seeded per map."""

    def __init__(self, seed: str) -> None:
        self._rng = random.Random(seed)

    def __call__(self, prefix: str) -> str:
        return prefix + "".join(self._rng.choice(CROCKFORD) for _ in range(8))


class SteppingClock:
    """A fixed starting instant that moves one minute per reading, so records get
    distinct, ordered timestamps that are the same on every run."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def __call__(self) -> str:
        stamp = self._now.strftime("%Y-%m-%dT%H:%M:%SZ")
        self._now += timedelta(minutes=1)
        return stamp


@dataclass(frozen=True, slots=True)
class History:
    """A quarter of an account's past, as tables (one event per line)."""

    #: key | stance | coverage: how the people who moved stood when the quarter
    #: began (blank cells: as in ``Sample.stand``). Everyone with a logged
    #: touch starts with no last contact and, unless given here, coverage none.
    start: str = ""
    #: day | key | kind | stance | summary | next_step | due | done
    #: (``stance``: the read at that touch, blank if none; ``done``: the day
    #: the next step was closed, blank while it is open)
    touches: str = ""
    #: private notes on some touches, by "day key" (the rep's own, never shared:
    #: ``--redact`` drops them from every export)
    notes: Mapping[str, str] = field(default_factory=dict)
    #: day | key | field | value: what the rep changed by hand that day
    edits: str = ""
    #: day | label: the deal reviews, recorded after that day's touches and edits
    reviews: str = ""


#: The fields a history moves; after playing it they must equal ``Sample.stand``.
MOVED_FIELDS: Final = ("stance", "coverage", "influence", "last_contact")


@dataclass(frozen=True, slots=True)
class Sample:
    """One account: its metadata and the tables that describe its people."""

    filename: str
    account: str
    initiative: str
    owner: str
    email_domain: str
    started: datetime
    #: key | name | title | department
    who: str
    #: key | role | stance | influence | veto | coverage | mode | fear | days_ago
    #: (``days_ago``: days between the last contact and ``AS_OF``; blank if never)
    stand: str
    #: one link per line: ``source kind target [strength]``
    links: str
    #: per key: priorities, drivers, constraints, fears, notes (and email to override)
    text: Mapping[str, Mapping[str, Any]]
    history: History = History()
    #: the selling team working the account (``Account.team``)
    team: tuple[str, ...] = ()
    #: key | owner | relationship: who on the team holds each person (blank: nobody)
    owners: str = ""


# --- table helpers -------------------------------------------------------------------


def parse_table(block: str) -> list[dict[str, str]]:
    """Rows of a ``|``-separated table whose first line is the header."""
    lines = [line for line in block.strip().splitlines() if line.strip()]
    header = [cell.strip() for cell in lines[0].split("|")]
    rows = []
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) != len(header):
            raise ValueError(f"table row has {len(cells)} cells, header {len(header)}: {line!r}")
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


_ASCII_FOLD: Final = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "ß": "ss", "æ": "ae", "ı": "i"})


def email_for(name: str, domain: str) -> str:
    """first.last@domain, with accents folded (Zoë -> zoe) as mail systems do."""
    plain = unicodedata.normalize("NFKD", name.translate(_ASCII_FOLD))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    parts = ["".join(c for c in word if c.isalnum()) for word in plain.lower().split()]
    return f"{parts[0]}.{parts[-1]}@{domain}"


def keyed(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """Rows by their ``key`` column (removed from the row); a repeated key is an error."""
    out = {row.pop("key"): row for row in rows}
    if len(out) != len(rows):
        raise ValueError("a key is used twice in a table")
    return out


def build(sample: Sample) -> StakeMap:
    """Add the sample's people and links to a fresh map, in table order, then play
    its history; the result must match the tables (``ValueError`` if not)."""
    stakemap = StakeMap.new(
        sample.account,
        initiative=sample.initiative,
        owner=sample.owner,
        id_factory=SeededIds(sample.filename),
        clock=SteppingClock(sample.started),
    )
    if sample.team:
        stakemap.update_account(team=list(sample.team))
    owners = keyed(parse_table(sample.owners)) if sample.owners.strip() else {}
    who = keyed(parse_table(sample.who))
    stands = keyed(parse_table(sample.stand))
    stray = (set(who) ^ set(stands)) | ((set(sample.text) | set(owners)) - set(who))
    if stray:
        raise ValueError(f"{sample.filename}: keys missing from a table: {sorted(stray)}")
    history = sample.history
    touches = parse_table(history.touches) if history.touches.strip() else []
    start = keyed(parse_table(history.start)) if history.start.strip() else {}
    touched = {row["key"] for row in touches}
    stray = (touched | set(start)) - set(who)
    if stray:
        raise ValueError(f"{sample.filename}: history names unknown keys: {sorted(stray)}")
    stray = set(history.notes) - {f"{row['day']} {row['key']}" for row in touches}
    if stray:
        raise ValueError(f"{sample.filename}: notes for touches not logged: {sorted(stray)}")
    ids: dict[str, str] = {}
    final: dict[str, dict[str, str]] = {}
    for key, row in who.items():
        stand = stands[key]
        days = stand.pop("days_ago")
        fields: dict[str, Any] = {
            **row,
            **stand,
            "email": email_for(row["name"], sample.email_domain),
            "last_contact": (AS_OF - timedelta(days=int(days))).isoformat() if days else "",
            **sample.text.get(key, {}),
            **{name: value for name, value in owners.get(key, {}).items() if value},
        }
        fields["fear_of_failure"] = fields.pop("fear")
        final[key] = {name: str(fields[name]) for name in MOVED_FIELDS}
        if key in touched:  # the log gives them their last contact and coverage
            fields["last_contact"] = ""
            fields["coverage"] = "none"
        fields.update({k: v for k, v in start.get(key, {}).items() if v})
        ids[key] = stakemap.add_person(fields).id
    for line in sample.links.strip().splitlines():
        source, kind, target, *strength = line.split()
        stakemap.add_link(ids[source], ids[target], kind, strength[0] if strength else None)
    play(stakemap, history, ids, touches)
    drift = [
        f"{key}.{name}: {getattr(stakemap.person(ids[key]), name)!s} after the history, "
        f"{value or '(blank)'} in the tables"
        for key, values in final.items()
        for name, value in values.items()
        if str(getattr(stakemap.person(ids[key]), name)) != value
    ]
    if drift:
        raise ValueError(f"{sample.filename}: the history does not end on the tables: {drift}")
    return stakemap


def play(
    stakemap: StakeMap, history: History, ids: Mapping[str, str], touches: list[dict[str, str]]
) -> None:
    """Play the history in date order: on each day its touches, then the next
    steps closed, then the edits, then the review."""
    events: list[tuple[str, int, int, Any]] = []
    for index, row in enumerate(touches):
        events.append((row["day"], 0, index, ("touch", index)))
        if row["done"]:
            events.append((row["done"], 1, index, ("done", index)))
    if history.edits.strip():
        for index, row in enumerate(parse_table(history.edits)):
            events.append((row["day"], 2, index, ("edit", row)))
    if history.reviews.strip():
        for index, row in enumerate(parse_table(history.reviews)):
            events.append((row["day"], 3, index, ("review", row)))
    logged: dict[int, str] = {}
    for day, _, _, (kind, data) in sorted(events, key=lambda e: e[:3]):
        if kind == "touch":
            row = touches[data]
            fields = {
                name: row[name]
                for name in ("kind", "stance", "summary", "next_step", "due")
                if row[name]
            }
            fields["date"] = day
            note = history.notes.get(f"{day} {row['key']}")
            if note:
                fields["notes"] = note
            touch = log_touch(stakemap, ids[row["key"]], fields, today=date.fromisoformat(day))
            logged[data] = touch.interaction.id
        elif kind == "done":
            close_step(stakemap, logged[data])
        elif kind == "edit":
            stakemap.update_person(ids[data["key"]], {data["field"]: data["value"]})
        else:
            record_review(stakemap, date.fromisoformat(day), data["label"])


def record_review(stakemap: StakeMap, day: date, label: str) -> None:
    """Record a deal review of the map as it is on ``day`` (what ``stakemap review`` does)."""
    snapshot.record_review(stakemap, day=day, label=label)


# --- Northwind Logistics: the example account of DOMAIN.md ---------------------------

NW_INITIATIVE: Final = "Revenue operations platform"

NORTHWIND = Sample(
    filename="northwind.json",
    account="Northwind Logistics",
    initiative=NW_INITIATIVE,
    owner="Sam Okafor",
    team=("Sam Okafor", "Lena Brandt"),
    # Sam (account executive) holds the business side, Lena (solutions engineer)
    # the operations people she demos to; nobody has taken the CIO or the CEO.
    owners="""
    key        | owner       | relationship
    ea         | Sam Okafor  | acquainted
    cfo        | Sam Okafor  | acquainted
    controller | Sam Okafor  | trusted
    itops      | Lena Brandt | acquainted
    cmo        | Sam Okafor  | trusted
    marops     | Lena Brandt | acquainted
    salesops   | Lena Brandt | trusted
    analyst    | Lena Brandt | acquainted
    """,
    email_domain="northwind.example",
    started=datetime(2026, 11, 16, 9, 0, tzinfo=UTC),
    who="""
    key        | name              | title                          | department
    ceo        | Eleanor Whitcombe | Chief Executive Officer        | Executive
    ea         | Priya Natarajan   | Executive Assistant to the CEO | Executive
    cfo        | Henrik Aalto      | Chief Financial Officer        | Finance
    controller | Ana Ferreira      | Financial Controller           | Finance
    cio        | Graham Pryce      | Chief Information Officer      | IT
    itops      | Agnieszka Wójcik  | IT Operations Manager          | IT
    cmo        | Zoë Castellanos   | Chief Marketing Officer        | Marketing
    marops     | Kenji Watanabe    | Marketing Operations Manager   | Marketing
    hr         | Fiona MacLeod     | HR Director                    | HR
    salesops   | José Márquez      | Head of Sales Operations       | Sales Ops
    analyst    | Hannah Becker     | Sales Operations Analyst       | Sales Ops
    """,
    stand="""
    key        | role           | stance    | influence | veto | coverage | mode          | fear    | days_ago
    ceo        | approver       | unknown   | high      | no   | none     | unknown       | unknown |
    ea         | gatekeeper     | neutral   | low       | no   | brief    | unknown       | low     | 9
    cfo        | economic_buyer | skeptic   | high      | yes  | brief    | even_keel     | high    | 38
    controller | influencer     | supporter | medium    | no   | multiple | trouble       | low     | 6
    cio        | decision_maker | opponent  | high      | no   | brief    | overconfident | medium  | 24
    itops      | implementer    | skeptic   | medium    | no   | brief    | even_keel     | medium  | 24
    cmo        | decision_maker | champion  | high      | no   | in_depth | trouble       | medium  | 3
    marops     | user           | supporter | low       | no   | multiple | growth        | low     | 10
    hr         | influencer     | neutral   | medium    | no   | none     | unknown       | unknown |
    salesops   | evaluator      | supporter | medium    | no   | in_depth | trouble       | medium  | 2
    analyst    | user           | neutral   | low       | no   | brief    | even_keel     | low     | 17
    """,  # noqa: E501
    links="""
    ea         reports_to   ceo
    cfo        reports_to   ceo
    cio        reports_to   ceo
    cmo        reports_to   ceo
    hr         reports_to   ceo
    controller reports_to   cfo
    itops      reports_to   cio
    marops     reports_to   cmo
    salesops   reports_to   cmo
    analyst    reports_to   salesops
    analyst    dotted_line  controller
    cmo        influences   controller  3
    controller influences   cfo         3
    cfo        influences   ceo         3
    cio        influences   cfo         2
    cio        influences   itops       3
    ea         influences   ceo         1
    salesops   influences   controller  1
    cmo        conflicts    cio         3
    """,
    text={
        "ceo": {
            "priorities": [
                "Margin back to 8% after two flat years",
                "Integrate the Hanseatic Freight acquisition",
                "Customer retention in contract logistics",
            ],
            "drivers": "The board wants margin back; she said so on every earnings call this year.",
            "notes": "Never met her. Signs off anything over €250k (Zoë's words). Her priorities "
            "come from the annual report, not from her. Priya says she only takes vendor "
            "meetings that Henrik asks for.",
        },
        "ea": {
            "notes": "Runs Eleanor's calendar and the exec meeting agenda. Friendly, no opinion "
            "on the platform. Send the exec summary through her, not around her.",
        },
        "cfo": {
            "priorities": [
                "Cost reduction programme",
                "ERP migration",
                "External audit remediation",
                NW_INITIATIVE,
            ],
            "drivers": "Deliver the €12M cost-out he promised the board, and cut over to the "
            "new ERP without slipping a quarter-end.",
            "constraints": "Capex is frozen until the ERP goes live in Q3. Anything new needs "
            "a payback under 12 months and a line in his cost programme.",
            "fears": "He sponsored last year's warehouse-robotics pilot and it was written off. "
            "Another failed project with his name on it would cost him with the board.",
            "notes": "One 30-minute call. Polite, asked only about payback and who else runs "
            "it. Ranked us fourth, behind three things he cannot drop. Ana says he is not "
            "against it, he just cannot afford to be wrong twice: bring proof, not vision.",
        },
        "controller": {
            "priorities": [
                "Close the books in five days",
                "External audit remediation",
                NW_INITIATIVE,
            ],
            "drivers": "Month-end close takes nine days because bookings and commissions are "
            "reconciled by hand across three spreadsheets.",
            "constraints": "Her team is half on the ERP migration until Q3.",
            "fears": "Another audit finding on revenue recognition if reconciliation stays manual.",
            "notes": "Henrik listens to her: she prepares every number he takes to the board. "
            "Offered to put our ROI model in front of him if we rebuild it on her close data. "
            "She and Zoë co-own the bookings forecast. This is our path to the CFO.",
        },
        "cio": {
            "priorities": ["Cloud migration (phase 2)", "ERP migration", "Cybersecurity hardening"],
            "drivers": "Finish the data-centre exit by next summer; he committed to it in "
            "front of the board.",
            "constraints": "Every integration engineer is booked on the cloud migration "
            "through Q2.",
            "fears": "A marketing-bought platform turning into shadow IT that his team has to "
            "support at 3 a.m.",
            "notes": "Said in the steering meeting: 'we are not buying another SaaS tool this "
            "year'. Reads this as Zoë's land grab since sales ops moved under her. He has the "
            "CFO's ear through the ERP programme they run together.",
        },
        "itops": {
            "priorities": ["Keep the cloud migration on schedule", "Cut the on-call backlog"],
            "drivers": "A quieter on-call rota for a team of six.",
            "constraints": "No new headcount this year; whatever we sell lands on top of the "
            "cloud migration.",
            "fears": "Being left to run a platform marketing chose, with no budget or people.",
            "notes": "Never says no in a meeting, only 'we will need to look at capacity'. Her "
            "team would run the rollout and the integrations, so expect slow tickets rather "
            "than a veto. Reports to Graham and takes her lead from him.",
        },
        "cmo": {
            "priorities": [
                "Marketing-sourced pipeline up 25%",
                NW_INITIATIVE,
                "Brand consolidation after the Hanseatic acquisition",
            ],
            "drivers": "Prove marketing's share of revenue; attribution is a spreadsheet fight "
            "every quarter.",
            "constraints": "Her budget covers a pilot only; anything above €150k goes to Henrik "
            "and then to Eleanor.",
            "fears": "If the platform stalls, the sales-ops reorg she pushed for looks like a "
            "mistake.",
            "notes": "Our champion: she sells it in the exec meeting when I am not there. Weak "
            "spot: Graham sees her as empire-building. Has not spoken to Henrik about it "
            "directly; wants Ana to carry the numbers.",
        },
        "marops": {
            "priorities": [NW_INITIATIVE, "Lead-scoring rebuild"],
            "drivers": "Stop rebuilding the attribution report by hand every month.",
            "notes": "Sat through the full demo and asked good questions. Daily user-to-be.",
        },
        "hr": {
            "notes": "Nobody on our side has spoken to her. Sales compensation plans live in "
            "HR's system, so the commission module needs her data, and any change to how "
            "reps are measured will go past her.",
        },
        "salesops": {
            "priorities": [
                NW_INITIATIVE,
                "Territory redesign for 2027",
                "Forecast accuracy within 5%",
            ],
            "drivers": "Forecast calls take two days of merging spreadsheets; he wants one "
            "number everyone trusts.",
            "constraints": "Team of three; cannot run an implementation during the January "
            "territory redesign.",
            "notes": "My day-to-day contact. Ran the evaluation scorecard and shared it with "
            "me. Supportive but not senior enough to sell it upstairs.",
        },
        "analyst": {
            "drivers": "Keep the forecast model she built working through quarter-end.",
            "notes": "Built the current forecast spreadsheets and is proud of them. Bring her "
            "into the pilot design so the platform is not 'replacing her work'.",
        },
    },
    history=History(
        start="""
        key        | stance  | coverage | influence
        cmo        | supporter |        |
        controller | neutral |          | low
        cfo        | neutral |          |
        cio        | skeptic |          |
        itops      | neutral |          |
        """,
        touches="""
        day        | key        | kind     | stance    | summary                                                                  | next_step                                               | due        | done
        2026-09-03 | cmo        | meeting  | supporter | Discovery with Zoë: attribution is rebuilt by hand every month           | Send a discovery recap and a demo agenda                | 2026-09-07 | 2026-09-04
        2026-09-08 | salesops   | call     | supporter | José walked through the forecast: three days a month merging spreadsheets | Book a demo for the sales ops team                     | 2026-09-19 | 2026-09-10
        2026-09-10 | controller | call     | neutral   | Intro call with Ana: the month-end close takes nine days                 |                                                         |            |
        2026-09-22 | cmo        | demo     | champion  | Demo to Zoë and Kenji: the attribution dashboard landed                  | Share a pilot plan with success criteria                | 2026-09-30 | 2026-09-29
        2026-09-22 | marops     | demo     | supporter | Kenji sat through the demo and wants the campaign sync first             |                                                         |            |
        2026-09-24 | cio        | email    |           | Sent Graham the integration overview he asked for                        |                                                         |            |
        2026-10-01 | salesops   | workshop | supporter | Forecast workshop with José: three spreadsheets mapped to one model      |                                                         |            |
        2026-10-07 | controller | meeting  | supporter | ROI session with Ana: the faster close alone pays for year one           | Send Ana the ROI model in the finance template          | 2026-10-12 | 2026-10-09
        2026-10-14 | cmo        | workshop | champion  | Pilot scoping workshop with Zoë's team                                   |                                                         |            |
        2026-10-23 | cfo        | call     | skeptic   | 30 minutes with Henrik: he asked only about payback and who runs it      | Send Henrik a payback case with two reference customers | 2026-11-06 |
        2026-11-06 | cio        | meeting  | opponent  | Architecture review: Graham wants it after the cloud migration           |                                                         |            |
        2026-11-06 | itops      | meeting  | skeptic   | Agnieszka: her team cannot take on another rollout this year             | Draft a rollout plan that needs no IT ops headcount     | 2026-11-20 |
        2026-11-13 | analyst    | call     | neutral   | Hannah showed how the commission spreadsheets fit together               | Invite Hannah to the pilot design sessions              | 2026-11-27 | 2026-11-25
        2026-11-20 | marops     | call     | supporter | Kenji and I agreed the campaign sync spec                                |                                                         |            |
        2026-11-21 | ea         | call     | neutral   | Priya: the exec meeting agenda closes on 5 December                      | Send Priya the one-page exec summary                    | 2026-12-04 |
        2026-11-24 | controller | meeting  | supporter | Ana reviewed the business case draft and fixed two numbers               |                                                         |            |
        2026-11-27 | cmo        | meeting  | champion  | Zoë will raise it at the December exec meeting                           | Prepare the exec meeting slides with Zoë                | 2026-12-02 |
        2026-11-28 | salesops   | email    |           | José sent the Q4 forecast template for the pilot                         |                                                         |            |
        """,  # noqa: E501
        notes={
            "2026-10-23 cfo": "Off the record he said the board meets on 12 December and he "
            "will not bring anything new without a reference he can call himself.",
            "2026-11-06 itops": "She is interviewing for a job at a 3PL; if she leaves, "
            "the rollout owner changes.",
            "2026-11-27 cmo": "Zoë expects the CEO to ask about Graham's objection first.",
        },
        edits="""
        day        | key        | field     | value
        2026-10-01 | salesops   | coverage  | in_depth
        2026-10-07 | controller | influence | medium
        2026-10-14 | cmo        | coverage  | in_depth
        """,
        reviews="""
        day        | label
        2026-09-14 | Q3 kick-off review
        2026-10-19 | Mid-quarter deal review
        2026-11-16 | Forecast review
        """,
    ),
)


# --- Riverbend Health Partners: a large, political hospital group --------------------

RB_INITIATIVE: Final = "Clinical analytics platform"

RIVERBEND = Sample(
    filename="riverbend_health.json",
    account="Riverbend Health Partners",
    initiative=RB_INITIATIVE,
    owner="Marta Nilsen",
    team=("Marta Nilsen", "Tom Reyes", "Nadia Farouk"),
    # Kofi Mensah opened the account and moved to another territory in October:
    # the champion is still his on the map, and nobody has taken the COO or surgery.
    owners="""
    key        | owner        | relationship
    ceo        | Marta Nilsen | acquainted
    cos        | Marta Nilsen | acquainted
    cfo        | Marta Nilsen | acquainted
    revcycle   | Marta Nilsen | trusted
    fpa        | Marta Nilsen | acquainted
    cio        | Tom Reyes    | acquainted
    architect  | Tom Reyes    | trusted
    integr     | Tom Reyes    | acquainted
    ciso       | Tom Reyes    | acquainted
    cno        | Nadia Farouk | trusted
    dirnursing | Nadia Farouk | acquainted
    icu        | Nadia Farouk | trusted
    cmo        | Nadia Farouk | acquainted
    cardio     | Nadia Farouk | acquainted
    hospmed    | Nadia Farouk | acquainted
    cmio       | Tom Reyes    | trusted
    vpquality  | Nadia Farouk | trusted
    qanalytics | Kofi Mensah  | advisor
    registry   | Tom Reyes    | acquainted
    procure    | Marta Nilsen | acquainted
    gc         | Marta Nilsen | acquainted
    """,
    email_domain="riverbendhealth.example",
    started=datetime(2026, 11, 9, 8, 0, tzinfo=UTC),
    who="""
    key        | name               | title                                     | department
    ceo        | Catherine Ashworth | President and Chief Executive Officer     | Executive
    coo        | Marcus Oyelaran    | Chief Operating Officer                   | Executive
    cos        | Lena Hartmann      | Chief of Staff                            | Executive
    trustee    | Patrick Hale       | Trustee, Board Finance Committee          | Board
    cfo        | Richard Ngata      | Chief Financial Officer                   | Finance
    revcycle   | Gwen Adeyemi       | VP Revenue Cycle                          | Finance
    fpa        | Oskar Lindgren     | Director of Financial Planning & Analysis | Finance
    cio        | Bradley Kerr       | Chief Information Officer                 | IT
    architect  | Nadia Haddad       | Enterprise Architect                      | IT
    integr     | Łukasz Zieliński   | Director of Integration and Interfaces    | IT
    ciso       | Yusuf Demir        | Chief Information Security Officer        | IT
    ehrrep     | Priyanka Shah      | Manager, EHR Reporting                    | IT
    dataeng    | Tom Fairweather    | Data Engineering Lead                     | IT
    cno        | Maria Esposito     | Chief Nursing Officer                     | Nursing
    cnio       | Aisling Byrne      | Chief Nursing Informatics Officer         | Nursing
    cimgr      | Ngozi Eze          | Clinical Informatics Manager              | Clinical Informatics
    cispec     | Hiroshi Tanaka     | Clinical Informatics Specialist           | Clinical Informatics
    cibuild    | Brigid O'Sullivan  | Flowsheet and Order Set Analyst           | Clinical Informatics
    dirnursing | Grace Mwangi       | Director of Nursing, Northside Hospital   | Nursing
    icu        | Seán Doherty       | Nurse Manager, Intensive Care             | Nursing
    staffing   | Renée Lambert      | Nurse Staffing Manager                    | Nursing
    cmo        | Anil Kapoor        | Chief Medical Officer                     | Medical Staff
    cardio     | Helena Voss        | Chief of Cardiology                       | Medical Staff
    surgery    | Zoë Papadopoulos   | Chief of Surgery                          | Medical Staff
    hospmed    | Kwame Mensah       | Director of Hospital Medicine             | Medical Staff
    ed         | Sofía Ortega       | Medical Director, Emergency Department    | Medical Staff
    cmio       | Jonas Berg         | Chief Medical Information Officer         | Medical Staff
    vpquality  | Ruth Feldman       | VP Quality and Patient Safety             | Quality & Safety
    qanalytics | Daniel Osei        | Director of Clinical Quality Analytics    | Quality & Safety
    safety     | Chen Wei           | Patient Safety Officer                    | Quality & Safety
    registry   | Olamide Bakare     | Quality Registry Coordinator              | Quality & Safety
    procure    | Gary Whitlock      | Director of Procurement                   | Procurement
    contracts  | Inês Carvalho      | IT Contracts Manager                      | Procurement
    gc         | Victoria Sterling  | General Counsel                           | Legal & Compliance
    privacy    | Farah Qureshi      | Privacy Officer                           | Legal & Compliance
    learning   | Beatriz Souza      | Director of Learning and Development      | HR
    hrbp       | Malik Johnson      | HR Business Partner, Clinical Services    | HR
    """,  # noqa: E501
    stand="""
    key        | role                | stance    | influence | veto | coverage | mode          | fear    | days_ago
    ceo        | approver            | neutral   | high      | no   | brief    | growth        | medium  | 41
    coo        | decision_maker      | unknown   | high      | no   | none     | unknown       | unknown |
    cos        | gatekeeper          | neutral   | medium    | no   | brief    | unknown       | low     | 12
    trustee    | unknown             | unknown   | medium    | no   | none     | unknown       | unknown |
    cfo        | economic_buyer      | neutral   | high      | yes  | brief    | even_keel     | medium  | 75
    revcycle   | influencer          | supporter | medium    | no   | multiple | trouble       | low     | 8
    fpa        | evaluator           | neutral   | medium    | no   | brief    | even_keel     | low     | 22
    cio        | decision_maker      | opponent  | high      | yes  | multiple | overconfident | medium  | 15
    architect  | technical_evaluator | skeptic   | medium    | no   | multiple | even_keel     | low     | 15
    integr     | implementer         | skeptic   | medium    | no   | brief    | even_keel     | medium  | 33
    ciso       | gatekeeper          | neutral   | medium    | yes  | brief    | even_keel     | high    | 64
    ehrrep     | user                | opponent  | low       | no   | brief    | overconfident | high    | 33
    dataeng    | implementer         | neutral   | low       | no   | none     | unknown       | unknown |
    cno        | decision_maker      | supporter | high      | no   | multiple | trouble       | medium  | 11
    cnio       | influencer          | unknown   | medium    | no   | none     | unknown       | unknown |
    cimgr      | implementer         | unknown   | medium    | no   | none     | unknown       | unknown |
    cispec     | implementer         | unknown   | low       | no   | none     | unknown       | unknown |
    cibuild    | user                | unknown   | low       | no   | none     | unknown       | unknown |
    dirnursing | user                | supporter | medium    | no   | brief    | trouble       | low     | 26
    icu        | user                | supporter | low       | no   | multiple | trouble       | low     | 5
    staffing   | user                | neutral   | low       | no   | none     | even_keel     | low     |
    cmo        | decision_maker      | supporter | high      | no   | brief    | growth        | medium  | 47
    cardio     | influencer          | opponent  | high      | no   | brief    | overconfident | low     | 58
    surgery    | influencer          | neutral   | high      | no   | none     | even_keel     | unknown |
    hospmed    | user                | supporter | medium    | no   | multiple | trouble       | low     | 19
    ed         | user                | skeptic   | medium    | no   | brief    | even_keel     | medium  | 52
    cmio       | technical_evaluator | supporter | medium    | no   | multiple | growth        | medium  | 7
    vpquality  | evaluator           | supporter | medium    | no   | in_depth | trouble       | medium  | 4
    qanalytics | evaluator           | champion  | low       | no   | in_depth | trouble       | high    | 1
    safety     | user                | supporter | low       | no   | brief    | growth        | low     | 29
    registry   | user                | supporter | low       | no   | multiple | trouble       | low     | 13
    procure    | gatekeeper          | neutral   | medium    | no   | brief    | even_keel     | low     | 36
    contracts  | gatekeeper          | unknown   | low       | no   | none     | unknown       | unknown |
    gc         | approver            | neutral   | medium    | yes  | brief    | even_keel     | medium  | 96
    privacy    | gatekeeper          | skeptic   | low       | no   | brief    | even_keel     | medium  | 44
    learning   | implementer         | neutral   | low       | no   | brief    | growth        | low     | 61
    hrbp       | influencer          | neutral   | low       | no   | none     | unknown       | unknown |
    """,  # noqa: E501
    links="""
    coo        reports_to   ceo
    cos        reports_to   ceo
    cfo        reports_to   ceo
    cno        reports_to   ceo
    cmo        reports_to   ceo
    gc         reports_to   ceo
    cio        reports_to   coo
    procure    reports_to   cfo
    revcycle   reports_to   cfo
    fpa        reports_to   cfo
    contracts  reports_to   procure
    architect  reports_to   cio
    integr     reports_to   cio
    ciso       reports_to   cio
    ehrrep     reports_to   integr
    dataeng    reports_to   architect
    cnio       reports_to   cno
    cimgr      reports_to   cnio
    cispec     reports_to   cimgr
    cibuild    reports_to   cimgr
    dirnursing reports_to   cno
    staffing   reports_to   cno
    icu        reports_to   dirnursing
    cardio     reports_to   cmo
    surgery    reports_to   cmo
    hospmed    reports_to   cmo
    ed         reports_to   cmo
    cmio       reports_to   cmo
    vpquality  reports_to   cmo
    qanalytics reports_to   vpquality
    safety     reports_to   vpquality
    registry   reports_to   qanalytics
    privacy    reports_to   gc
    learning   reports_to   coo
    hrbp       reports_to   coo
    cnio       dotted_line  cio
    cmio       dotted_line  cio
    contracts  dotted_line  cio
    learning   dotted_line  cno
    hrbp       dotted_line  cno
    cfo        influences   ceo         3
    coo        influences   ceo         3
    ceo        influences   cfo         2
    cos        influences   ceo         1
    trustee    influences   cfo         2
    revcycle   influences   cfo         2
    fpa        influences   cfo         2
    procure    influences   cfo         1
    gc         influences   ceo         2
    privacy    influences   gc          2
    cio        influences   integr      3
    cio        influences   architect   2
    architect  influences   cio         2
    ciso       influences   cio         1
    ehrrep     influences   integr      2
    integr     influences   dataeng     2
    cno        influences   coo         2
    cno        influences   dirnursing  3
    cno        influences   cnio        2
    cnio       influences   cimgr       3
    dirnursing influences   icu         2
    staffing   influences   cno         1
    cnio       influences   cio         3
    cnio       influences   integr      2
    cmo        influences   ceo         2
    cardio     influences   cmo         3
    surgery    influences   cmo         2
    hospmed    influences   cmo         1
    ed         influences   cardio      1
    cmio       influences   cmo         2
    vpquality  influences   cmo         2
    qanalytics influences   vpquality   3
    qanalytics influences   cno         1
    registry   influences   qanalytics  1
    safety     influences   vpquality   1
    icu        influences   cnio        1
    learning   influences   cno         1
    cardio     conflicts    vpquality   3
    cardio     conflicts    cno         2
    cio        conflicts    qanalytics  2
    ehrrep     conflicts    qanalytics  2
    cfo        conflicts    cno         1
    """,
    text={
        "ceo": {
            "priorities": [
                "Operating margin back to 3%",
                "Open the Northside tower on time",
                "Nurse retention",
            ],
            "drivers": "Wants Riverbend in the state's top quartile on quality scores; it is "
            "in her contract with the board.",
            "notes": "Met her for ten minutes at the HFMA dinner. Warm, non-committal: 'bring it "
            "through Marcus and Richard'.",
        },
        "coo": {
            "notes": "Runs the four hospital presidents and the capital committee agenda. "
            "Nobody on our side has met him, and nothing reaches the CEO without him.",
        },
        "cos": {
            "drivers": "Keep the exec team's agenda short.",
            "notes": "Decides what goes on the executive committee agenda. Asked for a "
            "two-page summary, no slides.",
        },
        "trustee": {
            "email": "",
            "notes": "Name came up twice, both times next to 'capital'. Former CFO of a "
            "hospital system, reviews every capital ask over $1M. Not sure what part he "
            "plays in this one.",
        },
        "cfo": {
            "priorities": [
                "Return to a 3% operating margin",
                "Revenue cycle outsourcing",
                "Capital plan for the Northside tower",
            ],
            "drivers": "Margin, and proof that any new spend pays back inside the budget year.",
            "constraints": "Operating budget set in October; new spend before July means taking "
            "it from someone else's line.",
            "fears": "Funding a platform the clinicians then refuse to use.",
            "notes": "One meeting in September, then silence. Owns the budget and signs with "
            "the CEO. Has not heard the denials-reduction case from Gwen yet.",
        },
        "revcycle": {
            "priorities": ["Cut denials by 20%", RB_INITIATIVE, "Patient estimate accuracy"],
            "drivers": "Denials cost $14M last year; half are documentation gaps the platform "
            "would flag.",
            "notes": "Will co-sign the business case if the denials module is in phase one.",
        },
        "fpa": {
            "drivers": "A business case he can defend in the budget review.",
            "notes": "Will model the ROI for Richard. Wants our numbers in his template.",
        },
        "cio": {
            "priorities": [
                "EHR upgrade to the 2027 release",
                "Consolidate the two data centres",
                "Ransomware resilience",
            ],
            "drivers": "One EHR vendor for everything; fewer interfaces, fewer outages.",
            "constraints": "Interface team fully booked on the EHR upgrade until April.",
            "fears": "Owning another vendor's outage during a Joint Commission survey.",
            "notes": "Says the EHR vendor's analytics module 'will do all of this next year'. "
            "Chairs the IT steering committee, which must approve anything that touches the "
            "EHR: a real veto. Met three times; each time more dug in.",
        },
        "architect": {
            "drivers": "A clean reference architecture; no point-to-point feeds.",
            "constraints": "Any new data store needs to pass the architecture review board.",
            "notes": "Technical objections are fair (FHIR vs. flat-file feeds). Takes her cue "
            "from Bradley but will follow the evidence.",
        },
        "integr": {
            "drivers": "Get through the EHR upgrade without a go-live incident.",
            "constraints": "Eleven interface analysts, all on the upgrade.",
            "fears": "Three more feeds to keep alive on nights and weekends.",
            "notes": "Agreeable in meetings, then nothing happens: the test-feed request has "
            "sat in his queue for five weeks. He would build every interface we need.",
        },
        "ciso": {
            "constraints": "Every vendor holding PHI needs a HITRUST certificate and his risk "
            "assessment, which takes eight to twelve weeks.",
            "fears": "A breach through a third party. He was at a hospital that had one.",
            "notes": "Neutral on the product, absolute on the process. Start the security "
            "questionnaire now or it will be the critical path.",
        },
        "ehrrep": {
            "drivers": "Her team of five builds every quality report today.",
            "fears": "The platform replaces her team's work and her headcount with it.",
            "notes": "Told Daniel in a corridor that the platform is 'a solution looking for a "
            "problem'. Low rank but the reports her team builds are what clinicians trust.",
        },
        "dataeng": {
            "notes": "Would build the pipelines. Never met; ask Nadia to include him.",
        },
        "cno": {
            "priorities": [
                "Cut agency nurse spend",
                "Reduce 30-day readmissions",
                RB_INITIATIVE,
            ],
            "drivers": "Agency spend is $31M a year; she needs staffing tied to acuity data "
            "she cannot see today.",
            "constraints": "Capital requests go through Marcus; she has no discretionary "
            "budget of this size.",
            "fears": "Nurses burned by the last 'dashboard' project; she promised them no more "
            "clicks without a payoff.",
            "notes": "Our strongest executive ally. Will speak for it at the executive "
            "committee if the nursing use cases come first.",
        },
        "cnio": {
            "notes": "Sits between nursing and IT: reports to Maria, dotted line to Bradley, "
            "and chairs the nursing informatics council. Both sides trust her. We have "
            "never spoken to her.",
        },
        "cimgr": {
            "notes": "Her team builds every nursing flowsheet and order set in the EHR, so "
            "they would build ours. Only reachable through Aisling.",
        },
        "cibuild": {
            "email": "",
            "notes": "Name from the informatics council minutes; no email on file.",
        },
        "dirnursing": {
            "drivers": "Fewer surprise staffing gaps on nights.",
            "notes": "Liked the acuity demo. Busy; one meeting so far.",
        },
        "icu": {
            "drivers": "Catch deteriorating patients before a rapid-response call.",
            "notes": "Would pilot in the Northside ICU. Keen, low on the org chart.",
        },
        "staffing": {
            "notes": "Runs the staffing office on spreadsheets and a whiteboard. Not met.",
        },
        "cmo": {
            "priorities": [
                "Reduce 30-day readmissions",
                "Sepsis bundle compliance",
                "Physician burnout",
            ],
            "drivers": "Readmission penalties and the sepsis measure, both public.",
            "constraints": "Will not push a tool the department chiefs reject.",
            "notes": "Supportive in principle, listens hard to Helena. Last spoke in October.",
        },
        "cardio": {
            "priorities": ["Structural heart programme", "Cath lab expansion"],
            "drivers": "Her department's outcomes are top decile and she wants that known.",
            "fears": "Quality dashboards that make cardiology look worse than it is.",
            "notes": "Openly against it: 'we already know our numbers'. Feuds with Ruth over "
            "last year's readmission review. The most powerful chief; Anil defers to her.",
        },
        "surgery": {
            "notes": "Powerful and unread. Neutral according to Kwame. Nobody has met her.",
        },
        "hospmed": {
            "drivers": "Shorter length of stay on the medical wards.",
            "notes": "Would use it daily. Good reference-call partner for other physicians.",
        },
        "ed": {
            "drivers": "Door-to-doctor time, and nothing that slows the department down.",
            "notes": "Skeptical of anything that adds documentation. Follows Helena's lead.",
        },
        "cmio": {
            "priorities": ["Reduce EHR clicks for physicians", RB_INITIATIVE],
            "drivers": "Make the data physicians enter worth something back to them.",
            "notes": "Ally on the clinical side, dotted line to Bradley. Careful not to look "
            "like he is fighting the CIO in public.",
        },
        "vpquality": {
            "priorities": ["Top-quartile quality scores", RB_INITIATIVE, "Sepsis bundle"],
            "drivers": "Quality reporting takes her team three weeks a month by hand.",
            "notes": "Sponsors Daniel. Respected but does not control budget.",
        },
        "qanalytics": {
            "priorities": [RB_INITIATIVE, "Automate the CMS quality submissions"],
            "drivers": "Wants to stop hand-building quality reports and start analysing them.",
            "constraints": "Director level; cannot get onto the executive committee agenda "
            "himself.",
            "fears": "He pitched this internally; if it dies he wears it.",
            "notes": "Our champion, and he means it. Talks to us weekly. Problem: low weight, "
            "and Bradley sees him as the man building shadow reports.",
        },
        "safety": {
            "drivers": "Earlier signal on falls and pressure injuries.",
        },
        "registry": {
            "drivers": "Stop re-keying registry data from the EHR.",
            "notes": "Sends us the pain stories. Great for the business case.",
        },
        "procure": {
            "constraints": "RFP required above $500k; sole-source justification otherwise.",
            "notes": "Process is process. Wants the paperwork early.",
        },
        "contracts": {
            "notes": "Handles every IT contract; dotted line to Bradley. Unknown to us.",
        },
        "gc": {
            "constraints": "Will only sign a business associate agreement on Riverbend's paper.",
            "notes": "Can stop the contract over the BAA. One call in August; overdue.",
        },
        "privacy": {
            "fears": "Analytics copies of PHI outside the EHR's audit trail.",
            "notes": "Asked hard questions about de-identification. Not hostile, worried.",
        },
        "learning": {
            "drivers": "A training plan she can actually deliver across four hospitals.",
            "notes": "Would build the clinical training. Keen to be involved early.",
        },
        "hrbp": {
            "notes": "HR partner for nursing; would be involved if roles change. Not met.",
        },
    },
    history=History(
        start="""
        key       | stance    | coverage | influence
        cardio    | neutral   |          | medium
        ed        | supporter |          |
        cmo       | neutral   |          |
        cio       | skeptic   | multiple |
        architect |           | multiple |
        cno       |           | multiple |
        fpa       |           | brief    |
        """,
        touches="""
        day        | key        | kind     | stance    | summary                                                                | next_step                                 | due        | done
        2026-09-09 | qanalytics | meeting  | champion  | Daniel showed the readmission reports his team builds by hand          | Send Daniel the registry automation demo  | 2026-09-16 | 2026-09-15
        2026-09-16 | cfo        | call     | neutral   | Richard: nothing new gets funded before the FY27 budget round          |                                           |            |
        2026-09-23 | vpquality  | workshop | supporter | Quality measures workshop with Ruth and Daniel                         |                                           |            |
        2026-10-03 | cardio     | meeting  | opponent  | Helena: cardiology keeps its own registry and will not give it up      |                                           |            |
        2026-10-09 | ed         | call     | skeptic   | Sofía worried about one more screen in the ED workflow                 | Show Sofía the ED view with no extra clicks | 2026-11-06 |
        2026-10-14 | cmo        | meeting  | supporter | Anil will back it if cardiology is not forced onto it                  |                                           |            |
        2026-10-20 | ceo        | meeting  | neutral   | Ten minutes with Catherine after the quality committee                 |                                           |            |
        2026-11-08 | fpa        | email    |           | Oskar asked for the cost model behind our pricing                      | Send Oskar the cost model                 | 2026-11-13 | 2026-11-12
        2026-11-04 | dirnursing | demo     | supporter | Grace saw the nursing-sensitive indicators demo                        |                                           |            |
        2026-11-15 | cio        | meeting  | opponent  | Bradley: the platform must run on the EHR vendor's stack               | Send Nadia the EHR integration design     | 2026-11-22 |
        2026-11-15 | architect  | meeting  | skeptic   | Nadia wants the integration design before any pilot                    |                                           |            |
        2026-11-19 | cno        | call     | supporter | Maria will co-sponsor with quality if nursing gets the staffing views  |                                           |            |
        2026-11-26 | vpquality  | meeting  | supporter | Ruth put the platform on the quality committee agenda                  | Prepare the quality committee briefing    | 2026-12-08 |
        2026-11-29 | qanalytics | call     | champion  | Daniel rebuilt the sepsis measure with our sample data                 |                                           |            |
        """,  # noqa: E501
        notes={
            "2026-10-03 cardio": "Helena said Anil 'owes her one' over the cath lab budget; "
            "do not go around her to him.",
            "2026-11-15 cio": "Bradley is up for the COO role if Marcus retires next year.",
            "2026-11-19 cno": "Maria's staffing crisis on Northside is worse than the "
            "board has been told.",
        },
        edits="""
        day        | key        | field     | value
        2026-09-23 | qanalytics | coverage  | in_depth
        2026-09-23 | vpquality  | coverage  | in_depth
        2026-10-03 | cardio     | influence | high
        """,
        reviews="""
        day        | label
        2026-09-30 | Q3 account review
        2026-10-26 | Mid-quarter review
        2026-11-23 | Pre-budget review
        """,
    ),
)


# --- Aldermoor Precision: a healthy deal at a manufacturer ---------------------------

AP_INITIATIVE: Final = "Predictive maintenance for CNC lines"

ALDERMOOR = Sample(
    filename="aldermoor_precision.json",
    account="Aldermoor Precision",
    initiative=AP_INITIATIVE,
    owner="Ben Achterberg",
    team=("Ben Achterberg", "Clara Voigt", "Jonas Krüger"),
    # Every key player has an owner: Ben the executives, Clara the engineers,
    # Jonas (based in Chemnitz) the plant there and the works council.
    owners="""
    key        | owner          | relationship
    md         | Ben Achterberg | acquainted
    vpops      | Ben Achterberg | trusted
    sheffield  | Ben Achterberg | advisor
    chemnitz   | Jonas Krüger   | trusted
    maint      | Clara Voigt    | trusted
    reliab     | Clara Voigt    | trusted
    shift      | Clara Voigt    | acquainted
    eng        | Clara Voigt    | acquainted
    itdir      | Clara Voigt    | trusted
    otsec      | Clara Voigt    | acquainted
    findir     | Ben Achterberg | trusted
    fpa        | Ben Achterberg | acquainted
    purchasing | Ben Achterberg | acquainted
    quality    | Jonas Krüger   | acquainted
    council    | Jonas Krüger   | acquainted
    """,
    email_domain="aldermoor.example",
    started=datetime(2026, 11, 2, 10, 0, tzinfo=UTC),
    who="""
    key        | name             | title                             | department
    md         | Harriet Cole     | Managing Director                 | Executive
    vpops      | Jürgen Weiß      | VP Operations                     | Operations
    sheffield  | Siobhan Clarke   | Plant Manager, Sheffield          | Operations
    chemnitz   | Matthias Böhm    | Plant Manager, Chemnitz           | Operations
    maint      | Ravi Chandran    | Group Maintenance Manager         | Maintenance
    reliab     | Kofi Asante      | Reliability Engineer              | Maintenance
    shift      | Dave Pritchard   | Maintenance Shift Supervisor      | Maintenance
    eng        | Chloé Marchand   | Head of Manufacturing Engineering | Engineering
    itdir      | Tobias Lang      | IT Director                       | IT
    otsec      | Aleksandra Nowak | OT Security Lead                  | IT
    findir     | Elif Yıldız      | Finance Director                  | Finance
    fpa        | Liam O'Connor    | FP&A Analyst                      | Finance
    purchasing | Monika Schreiber | Purchasing Manager                | Procurement
    quality    | Sana Mirza       | Quality Manager                   | Quality
    council    | Klaus Hoffmann   | Works Council Chair, Chemnitz     | Works Council
    """,
    stand="""
    key        | role                | stance    | influence | veto | coverage | mode      | fear    | days_ago
    md         | approver            | supporter | high      | no   | brief    | growth    | low     | 20
    vpops      | economic_buyer      | supporter | high      | yes  | in_depth | growth    | medium  | 5
    sheffield  | decision_maker      | champion  | high      | no   | in_depth | trouble   | medium  | 2
    chemnitz   | decision_maker      | supporter | medium    | no   | multiple | growth    | low     | 12
    maint      | implementer         | champion  | medium    | no   | in_depth | trouble   | low     | 4
    reliab     | technical_evaluator | supporter | medium    | no   | multiple | trouble   | low     | 4
    shift      | user                | skeptic   | low       | no   | brief    | even_keel | medium  | 27
    eng        | technical_evaluator | supporter | medium    | no   | multiple | growth    | low     | 15
    itdir      | technical_evaluator | supporter | medium    | no   | multiple | growth    | low     | 9
    otsec      | gatekeeper          | neutral   | medium    | no   | brief    | even_keel | high    | 21
    findir     | approver            | supporter | high      | no   | multiple | growth    | low     | 14
    fpa        | evaluator           | supporter | low       | no   | brief    | growth    | low     | 14
    purchasing | gatekeeper          | neutral   | medium    | no   | multiple | even_keel | low     | 8
    quality    | user                | supporter | low       | no   | brief    | growth    | low     | 33
    council    | influencer          | supporter | medium    | yes  | brief    | unknown   | unknown | 30
    """,  # noqa: E501
    links="""
    vpops      reports_to   md
    findir     reports_to   md
    sheffield  reports_to   vpops
    chemnitz   reports_to   vpops
    eng        reports_to   vpops
    maint      reports_to   sheffield
    reliab     reports_to   maint
    shift      reports_to   maint
    quality    reports_to   sheffield
    itdir      reports_to   findir
    otsec      reports_to   itdir
    fpa        reports_to   findir
    purchasing reports_to   findir
    maint      dotted_line  chemnitz
    reliab     dotted_line  eng
    sheffield  influences   vpops       3
    maint      influences   sheffield   3
    reliab     influences   maint       2
    maint      influences   shift       2
    vpops      influences   md          3
    vpops      influences   findir      2
    findir     influences   md          2
    eng        influences   itdir       2
    itdir      influences   otsec       2
    chemnitz   influences   vpops       2
    council    influences   chemnitz    2
    fpa        influences   findir      1
    shift      conflicts    reliab      1
    """,
    text={
        "md": {
            "priorities": [
                "Unplanned downtime below 2%",
                "Ramp up the Chemnitz line",
                AP_INITIATIVE,
            ],
            "drivers": "A customer audit flagged late deliveries after two spindle failures.",
            "notes": "Backs Jürgen's plan. Wants a go/no-go after the Sheffield pilot.",
        },
        "vpops": {
            "priorities": [AP_INITIATIVE, "OEE to 85% at Sheffield", "Ramp up the Chemnitz line"],
            "drivers": "Downtime on the five-axis line cost €1.9M last year.",
            "constraints": "Wants it funded from the operations budget, not a capex request.",
            "fears": "A pilot that runs a year without a number he can show the board.",
            "notes": "Owns the budget and can stop it. Agreed the success criteria with us "
            "and put the pilot in his quarterly plan.",
        },
        "sheffield": {
            "priorities": ["Stop unplanned spindle failures", AP_INITIATIVE, "Overtime down 15%"],
            "drivers": "Three weekends lost to spindle failures this year.",
            "notes": "Our champion. Presented the pilot at the ops review herself.",
        },
        "chemnitz": {
            "priorities": ["Ramp up the Chemnitz line", AP_INITIATIVE],
            "drivers": "New line, new machines: wants monitoring from day one.",
            "constraints": "Any sensor data about machines operators run needs the works "
            "council's agreement.",
            "notes": "Supportive; brought Klaus into the conversation early, which was wise.",
        },
        "maint": {
            "priorities": [AP_INITIATIVE, "Spare-parts stock down 10%"],
            "drivers": "Move his teams from firefighting to planned work.",
            "notes": "Will run the rollout. Already picked the first 12 machines.",
        },
        "reliab": {
            "drivers": "Vibration data he can trust instead of the monthly walk-round.",
            "notes": "Checked our models against his failure log. Convinced.",
        },
        "shift": {
            "drivers": "Keep the night shift running with the people he has.",
            "fears": "Alerts nobody acts on, and being blamed when one is missed.",
            "notes": "'Thirty years of listening to machines.' Not hostile; worth a session "
            "where his crew sees a real catch.",
        },
        "eng": {
            "drivers": "Failure data feeding back into machine specs.",
        },
        "itdir": {
            "drivers": "One OT data platform instead of three plant-specific historians.",
            "constraints": "Two people for both plants' networks.",
            "notes": "Supportive once we agreed the edge gateway keeps data on-site.",
        },
        "otsec": {
            "constraints": "No CNC controller talks to the internet; gateways must pass her "
            "IEC 62443 checklist.",
            "fears": "Ransomware reaching the shop floor through a vendor connection.",
            "notes": "Process, not politics. Reviewing our architecture document now.",
        },
        "findir": {
            "priorities": [
                "Working capital down 10%",
                "18-month payback on every investment",
                AP_INITIATIVE,
            ],
            "drivers": "Signed off the ROI model: payback in 11 months on avoided downtime.",
            "notes": "Approves anything over €200k. Liam rebuilt our model in her template.",
        },
        "fpa": {
            "notes": "Rebuilt our ROI model in the finance template; numbers held up.",
        },
        "purchasing": {
            "constraints": "Three quotes above €100k; we are one of three.",
            "notes": "Fair and predictable. Needs the security annex before the PO.",
        },
        "quality": {
            "drivers": "Fewer scrap batches after unnoticed tool wear.",
        },
        "council": {
            "email": "betriebsrat.chemnitz@aldermoor.example",
            "constraints": "Co-determination on any technical system that could monitor "
            "employees (BetrVG §87).",
            "notes": "Can block the Chemnitz rollout until there is a works agreement. "
            "Supports it as long as the data is about machines, not people; the draft "
            "agreement says exactly that and is with him for signature.",
        },
    },
    history=History(
        start="""
        key     | stance  | coverage | influence
        itdir   | skeptic |          |
        findir  | neutral | multiple |
        council | neutral |          |
        shift   | neutral |          |
        otsec   | skeptic |          |
        reliab  |         | multiple |
        quality |         | brief    |
        """,
        touches="""
        day        | key       | kind    | stance    | summary                                                                  | next_step                                           | due        | done
        2026-09-07 | sheffield | meeting | champion  | Siobhan set out last year's spindle failures, line by line               | Send the pilot proposal for the five-axis line      | 2026-09-11 | 2026-09-10
        2026-09-15 | vpops     | meeting | supporter | Jürgen agreed the success criteria: downtime hours and spindle catches   |                                                     |            |
        2026-09-21 | itdir     | call    | skeptic   | Tobias is worried about machine data leaving the plant network           | Send the edge gateway architecture                  | 2026-09-25 | 2026-09-24
        2026-10-06 | itdir     | meeting | supporter | Architecture session: the edge gateway keeps data on-site                |                                                     |            |
        2026-10-13 | sheffield | meeting | champion  | Siobhan: the first spindle alert was caught on line 3 before a failure   |                                                     |            |
        2026-10-19 | vpops     | call    | supporter | Jürgen reviewed the pilot numbers with me: on track for the criteria     |                                                     |            |
        2026-10-20 | findir    | call    | neutral   | Elif wants a payback under 18 months before she signs anything           | Rebuild the ROI model in the finance template       | 2026-10-30 | 2026-10-29
        2026-10-28 | quality   | email   |           | Sana sent the scrap data from the last two tool-wear incidents           |                                                     |            |
        2026-10-31 | council   | meeting | supporter | Klaus: the draft works agreement is fine if the data is about machines   | Send Klaus the final works agreement for signature  | 2026-11-14 | 2026-11-13
        2026-11-03 | shift     | meeting | skeptic   | Dave: thirty years of listening to machines, and alerts nobody acts on   | Run a session where Dave's crew sees a real catch   | 2026-11-13 |
        2026-11-09 | otsec     | call    | neutral   | Aleksandra checked the design against IEC 62443: two open points         | Answer the two IEC 62443 points in writing          | 2026-12-04 |
        2026-11-10 | md        | meeting | supporter | Harriet wants a go/no-go after the Sheffield pilot                       |                                                     |            |
        2026-11-16 | findir    | meeting | supporter | Elif signed off the ROI model: payback in 11 months on avoided downtime  |                                                     |            |
        2026-11-16 | fpa       | call    | supporter | Liam's rebuild of the ROI model held up                                  |                                                     |            |
        2026-11-21 | itdir     | email   |           | Tobias confirmed the gateway VLAN at both plants                         |                                                     |            |
        2026-11-25 | vpops     | call    | supporter | Jürgen put the Chemnitz rollout in his Q1 plan                           | Send Jürgen the Chemnitz rollout timeline           | 2026-12-05 |
        2026-11-26 | reliab    | demo    | supporter | Kofi checked our predictions against his failure log: convinced          |                                                     |            |
        2026-11-28 | sheffield | call    | champion  | Siobhan presented the pilot at the ops review herself                    |                                                     |            |
        """,  # noqa: E501
        notes={
            "2026-11-03 shift": "Dave retires in March; his deputy is the one to win over.",
            "2026-11-10 md": "Harriet hinted the group may sell the Chemnitz plant in 2028.",
        },
        edits="""
        day        | key       | field    | value
        2026-09-15 | sheffield | coverage | in_depth
        2026-09-15 | vpops     | coverage | in_depth
        """,
        reviews="""
        day        | label
        2026-09-28 | Pilot go/no-go
        2026-11-02 | Mid-pilot review
        2026-11-23 | Rollout decision review
        """,
    ),
)

SAMPLES: Final = (NORTHWIND, RIVERBEND, ALDERMOOR)


def write_samples(outdir: Path) -> list[Path]:
    """Build every sample and write it to ``outdir``, replacing older versions."""
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for sample in SAMPLES:
        stakemap = build(sample)
        path = outdir / sample.filename
        MapStore(path).save(stakemap, force=True)
        written.append(path)
        print(f"wrote {path} ({len(stakemap)} stakeholders, {len(stakemap.links)} links)")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate the sample stakeholder maps.")
    parser.add_argument(
        "outdir",
        nargs="?",
        type=Path,
        default=DEFAULT_OUTDIR,
        help="folder to write into (default: sample_maps/ in the repository)",
    )
    args = parser.parse_args(argv)
    write_samples(args.outdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
