"""Maps built in code for the export and import tests: fixed ids and times, so output
is deterministic. A plain module (not a conftest) so test modules can import it."""

from __future__ import annotations

import itertools
from datetime import date

from stakemap.model import StakeMap

TODAY = date(2026, 11, 2)
CLOCK = "2026-10-01T09:00:00Z"

#: Names that try to break out of every format we write.
HOSTILE_NAMES = (
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    '"]; A-->B',
    "Robert'); DROP TABLE people;--",
    "+1 555 0100 & <b>bold</b>",
    "@SUM(A1:A9)",
    "-2+3",
    "\\N back\\slash \\l",
    "```\nfence",
    "}; digraph evil { x -> y",
    "&amp; &lt;ent&gt; #quot; %% comment",
    "Zoë O’Brien-Łukasz 漢字",
)


#: The names as stored: a name is one line, so the newline became a space.
HOSTILE_STORED = tuple(name.replace("\n", " ") for name in HOSTILE_NAMES)


def counter_ids() -> object:
    numbers = itertools.count(1)
    return lambda prefix: f"{prefix}{next(numbers):04d}"


def new_map(
    account: str = "Northwind Logistics",
    initiative: str = "RevOps platform",
    owner: str = "Sam Rep",
) -> StakeMap:
    return StakeMap.new(
        account,
        initiative=initiative,
        owner=owner,
        id_factory=counter_ids(),  # type: ignore[arg-type]
        clock=lambda: CLOCK,
    )


def build_northwind() -> StakeMap:
    """The domain brief's example account, with every field in use somewhere."""
    m = new_map()
    ceo = m.add_person(
        name="Olivia Grant",
        title="CEO",
        department="Executive",
        email="olivia.grant@northwind.example",
        role="approver",
        stance="unknown",
        influence="high",
        veto=True,
        coverage="none",
    )
    cfo = m.add_person(
        name="Ingrid Halvorsen",
        title="CFO",
        department="Finance",
        email="ingrid@northwind.example",
        role="economic_buyer",
        stance="skeptic",
        influence="high",
        veto=True,
        coverage="brief",
        mode="even_keel",
        fear_of_failure="high",
        priorities=["Cost cuts", "ERP migration", "Audit"],
        drivers="Predictable cash flow",
        constraints="Board-mandated cost freeze",
        fears="Another failed project after last year's CRM",
        notes="Prefers email; sponsor of the failed CRM rollout.",
        last_contact="2026-06-01",
    )
    controller = m.add_person(
        name="Leah Park",
        title="Financial Controller",
        department="Finance",
        email="leah.park@northwind.example",
        role="influencer",
        stance="supporter",
        influence="medium",
        coverage="multiple",
        mode="growth",
        last_contact="2026-10-20",
    )
    cmo = m.add_person(
        name="Maya Chen",
        title="CMO",
        department="Marketing",
        email="maya.chen@northwind.example",
        role="decision_maker",
        stance="champion",
        influence="high",
        coverage="in_depth",
        mode="trouble",
        fear_of_failure="low",
        priorities=["Pipeline growth", "RevOps platform", "Brand refresh"],
        drivers="Attribution she can defend to the board",
        last_contact="2026-10-28",
    )
    cio = m.add_person(
        name="Raj Patel",
        title="CIO",
        department="IT",
        email="raj.patel@northwind.example",
        role="decision_maker",
        stance="opponent",
        influence="high",
        coverage="brief",
        mode="overconfident",
        priorities=["Cloud migration", "Security"],
        constraints="Team fully booked on the cloud migration",
    )
    itops = m.add_person(
        name="Dana Kowalski",
        title="IT Operations Manager",
        department="IT",
        role="implementer",
        stance="skeptic",
        influence="medium",
        coverage="none",
        notes="Would run the rollout.\nQuietly against it.",
    )
    hr = m.add_person(
        name="Tom Becker",
        title="HR Director",
        department="HR",
        role="user",
        stance="neutral",
        influence="low",
    )
    m.add_link(cfo.id, ceo.id, "reports_to")
    m.add_link(cmo.id, ceo.id, "reports_to")
    m.add_link(cio.id, ceo.id, "reports_to")
    m.add_link(controller.id, cfo.id, "reports_to")
    m.add_link(itops.id, cio.id, "reports_to")
    m.add_link(hr.id, ceo.id, "dotted_line")
    m.add_link(controller.id, cfo.id, "influences", 3)
    m.add_link(cmo.id, controller.id, "influences", 2)
    m.add_link(cio.id, itops.id, "influences", 1)
    m.add_link(cmo.id, cio.id, "conflicts", 3)
    # A removed person leaves a retired id that exports and imports must keep.
    gone = m.add_person(name="Former Contact", department="Sales")
    m.remove_person(gone.id)
    return m


def build_hostile() -> StakeMap:
    """Every hostile name as a stakeholder, in departments and titles too, linked up."""
    m = new_map(
        account='<img src=x onerror=alert(1)> & "Co"',
        initiative="=cmd|' /C calc'!A0",
        owner="<style>*{display:none}</style>",
    )
    ids = []
    for index, name in enumerate(HOSTILE_NAMES):
        person = m.add_person(
            name=name.replace("\n", " "),
            title=HOSTILE_NAMES[(index + 1) % len(HOSTILE_NAMES)].replace("\n", " "),
            department=["<b>Dept</b>", '"]; end', "=1+1", ""][index % 4],
            email=f"p{index}@evil.example",
            stance=["champion", "opponent", "skeptic", "unknown"][index % 4],
            influence=["low", "medium", "high"][index % 3],
            priorities=[name.replace("\n", " "), "-x; y"],
            notes=name + "\n\x09tabbed",
            drivers="=1+2",
            veto=index == 1,
            role=["economic_buyer", "user", "unknown"][index % 3],
        )
        ids.append(person.id)
    for a, b in itertools.pairwise(ids):
        m.add_link(a, b, "influences", 3)
    m.add_link(ids[0], ids[-1], "conflicts", 1)
    m.add_link(ids[2], ids[3], "reports_to")
    m.add_link(ids[4], ids[5], "dotted_line")
    return m


#: Private interaction notes on ``build_with_history``: no redacted export may hold them.
PRIVATE_TOUCH_NOTES = (
    "PRIVATE-TOUCH-1 she hinted the budget is 300k",
    "PRIVATE-TOUCH-2 he is interviewing elsewhere",
    "PRIVATE-TOUCH-3 Raj called the CRM project a disaster",
)


def build_with_history() -> StakeMap:
    """Northwind with a quarter's touches (twelve, two of them with overdue next
    steps as of ``TODAY``) and two reviews whose snapshots remember a person who
    has left, an earlier stance and the names in findings and the label."""
    m = build_northwind()
    who = {p.name.split()[0]: p for p in m.people}
    touches = [
        ("Maya", "2026-09-08", "meeting", "Discovery with Maya Chen: pipeline visibility", {
            "stance": "supporter", "notes": PRIVATE_TOUCH_NOTES[0],
            "next_step": "Send Ingrid Halvorsen the ROI model", "due": "2026-09-20",
            "done": True}),
        ("Leah", "2026-09-15", "call", "Close process walk-through with Leah", {}),
        ("Maya", "2026-09-29", "demo", "Demo to Maya's marketing ops team", {
            "stance": "champion"}),
        ("Ingrid", "2026-10-06", "call", "Budget call with Ingrid Halvorsen", {
            "stance": "skeptic", "notes": PRIVATE_TOUCH_NOTES[1],
            "next_step": "Book a reference call for Ingrid", "due": "2026-10-20"}),
        ("Raj", "2026-10-09", "meeting", "Architecture review with Raj Patel", {
            "stance": "opponent", "notes": PRIVATE_TOUCH_NOTES[2],
            "next_step": "Send Raj the security pack", "due": "2026-10-30"}),
        ("Leah", "2026-10-12", "workshop", "Month-end close workshop", {
            "next_step": "Ask Leah Park to introduce Olivia Grant"}),
        ("Dana", "2026-10-14", "email", "Sent Dana Kowalski the rollout outline", {}),
        ("Maya", "2026-10-19", "meeting", "Weekly sync with Maya", {
            "next_step": "Draft the exec summary with Maya", "due": "2026-11-06"}),
        ("Leah", "2026-10-20", "call", "Leah checked the ROI numbers", {"stance": "supporter"}),
        ("Tom", "2026-10-22", "event", "Met Tom Becker at the HR summit", {}),
        ("Maya", "2026-10-28", "call", "Maya will raise it at the exec meeting", {
            "next_step": "Prepare the exec meeting slides", "due": "2026-11-02"}),
        ("Raj", "2026-10-30", "email", "Raj asked for the SOC 2 report", {
            "next_step": "Send the SOC 2 report", "done": True}),
    ]  # fmt: skip
    for first, day, kind, summary, extra in touches:
        m.add_interaction(
            {"person": who[first].id, "date": day, "kind": kind, "summary": summary, **extra}
        )
    gone = next(iter(m.retired))  # Former Contact's id
    account = m.account.to_dict()
    _add_review(
        m,
        {"date": "2026-09-01", "label": "Kick-off with Ingrid Halvorsen", "health": "red"},
        [
            {"section": "account", "key": "account", "value": account},
            *(
                {"section": "people", "key": p.id, "value": p.to_dict()}
                for p in m.people
                if p.id != who["Maya"].id
            ),
            {
                "section": "people",
                "key": who["Maya"].id,
                "value": {**who["Maya"].to_dict(), "stance": "supporter", "notes": "old secret"},
            },
            {
                "section": "people",
                "key": gone,
                "value": {
                    "id": gone,
                    "name": "Former Contact",
                    "department": "Sales",
                    "role": "user",
                    "notes": "PRIVATE-REVIEW-NOTE about Former Contact",
                    "email": "former.contact@northwind.example",
                },
            },
            {
                "section": "findings",
                "key": f"blocker:{who['Ingrid'].id}",
                "value": {
                    "rule": "blocker",
                    "subjects": [{"id": who["Ingrid"].id, "name": "Ingrid Halvorsen"}],
                    "message": "Ingrid Halvorsen can veto the deal",
                },
            },
            {
                "section": "health",
                "key": "health",
                "value": {"status": "red", "reasons": ["Maya Chen is the only supporter"]},
            },
        ],
    )
    _add_review(
        m,
        {"date": "2026-10-15", "label": "Mid-quarter review", "health": "amber"},
        [
            {"section": "people", "key": gone, "value": None},
            {
                "section": "people",
                "key": who["Maya"].id,
                "value": who["Maya"].to_dict(),
            },
        ],
    )
    return m


def _add_review(m, fields, entries):
    """A hand-made review: ``entries`` as (section, key, value) dicts, packed as stored."""
    from stakemap.timeline.reviews import pack

    sections: dict = {}
    for entry in entries:
        sections.setdefault(entry["section"], []).append((entry["key"], entry["value"]))
    return m.add_review(
        {**fields, "changes": {name: pack(pairs) for name, pairs in sections.items()}}
    )
