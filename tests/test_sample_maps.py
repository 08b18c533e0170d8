"""The sample maps: reproducible from their script, loadable, and telling the stories
the docs (and the analyzer tests) rely on.

Facts are looked up by title, role and department, never by id, so the tests
keep holding when the maps are regenerated.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import itertools
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import networkx as nx
import pytest

from stakemap.model import StakeMap
from stakemap.records import Stakeholder, initiative_rank
from stakemap.store import MapStore
from stakemap.timeline.interactions import next_steps
from stakemap.timeline.reviews import iter_review_states
from stakemap.vocab import Coverage, Fear, Influence, LinkKind, Mode, Role, Stance

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_maps"
SCRIPT = REPO / "scripts" / "make_sample_maps.py"
REGENERATE = "run python scripts/make_sample_maps.py and commit sample_maps/"
AS_OF = date(2026, 11, 30)  # the day the samples describe (the script's AS_OF)

CROCKFORD_ID = re.compile(r"^[pl][0-9abcdefghjkmnpqrstvwxyz]{8}$")
FREE_TEXT = ("drivers", "constraints", "fears", "notes")


def entries_of(stakemap, rid):
    """A review's stored entries, unpacked, as (section, key, value) records."""
    from types import SimpleNamespace

    from stakemap.timeline.reviews import review_entries

    return [
        SimpleNamespace(section=section, key=key, value=value)
        for section, pairs in review_entries(stakemap.review(rid)).items()
        for key, value in pairs
    ]


def committed_maps() -> list[Path]:
    return sorted(SAMPLES.glob("*.json"))


def load(name: str) -> StakeMap:
    return MapStore(SAMPLES / name).load()


def only(people: list[Stakeholder], what: str) -> Stakeholder:
    assert len(people) == 1, f"expected one {what}, found {[p.name for p in people]}"
    return people[0]


def by_title(stakemap: StakeMap, words: str) -> Stakeholder:
    return only([p for p in stakemap.people if words.casefold() in p.title.casefold()], words)


def influences(stakemap: StakeMap, source: Stakeholder, target: Stakeholder) -> bool:
    return bool(stakemap.find_links(source.id, target.id, LinkKind.INFLUENCES))


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The script's output; run twice into one folder so overwriting is covered too."""
    out = tmp_path_factory.mktemp("samples")
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, str(SCRIPT), str(out)], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def script() -> ModuleType:
    """The generator imported as a module, to test its helpers directly."""
    spec = importlib.util.spec_from_file_location("make_sample_maps", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


# --- reproducibility -----------------------------------------------------------------


def test_script_output_matches_the_committed_maps_byte_for_byte(regenerated: Path) -> None:
    made = sorted(p.name for p in regenerated.glob("*.json"))
    committed = [p.name for p in committed_maps()]
    assert made == committed, (
        f"sample_maps/ holds {committed}, the script makes {made}: {REGENERATE}"
    )
    for name in made:
        assert (regenerated / name).read_bytes() == (SAMPLES / name).read_bytes(), (
            f"sample_maps/{name} differs from what the script produces now: {REGENERATE}"
        )


def test_generated_files_are_private(regenerated: Path) -> None:
    for path in regenerated.glob("*.json"):
        assert path.stat().st_mode & 0o777 == 0o600, path


def test_email_addresses_fold_accents_like_mail_systems(script: ModuleType) -> None:
    assert script.email_for("Zoë Castellanos", "x.example") == "zoe.castellanos@x.example"
    assert script.email_for("Łukasz Zieliński", "x.example") == "lukasz.zielinski@x.example"
    assert script.email_for("Liam O'Connor", "x.example") == "liam.oconnor@x.example"


def test_a_person_missing_from_one_table_is_refused(script: ModuleType) -> None:
    who = script.NORTHWIND.who.rstrip() + "\n    ghost | Ghost | Nobody | HR\n"
    broken = dataclasses.replace(script.NORTHWIND, who=who)
    with pytest.raises(ValueError, match="ghost"):
        script.build(broken)


def test_a_history_that_does_not_end_on_the_tables_is_refused(script: ModuleType) -> None:
    edits = "day | key | field | value\n2026-10-01 | salesops | coverage | multiple\n"
    history = dataclasses.replace(script.NORTHWIND.history, edits=edits)
    with pytest.raises(ValueError, match=r"salesops.coverage: multiple after the history"):
        script.build(dataclasses.replace(script.NORTHWIND, history=history))


# --- every sample ----------------------------------------------------------------------


def test_there_are_at_least_three_accounts_in_different_industries() -> None:
    maps = [MapStore(path).load() for path in committed_maps()]
    assert len(maps) >= 3
    assert len({m.account.account for m in maps}) == len(maps)
    assert len({m.account.initiative for m in maps}) == len(maps)


@pytest.mark.parametrize("path", committed_maps(), ids=lambda p: p.name)
def test_each_sample_loads_and_looks_like_a_real_map(path: Path) -> None:
    stakemap = MapStore(path).load()
    assert stakemap.account.initiative and stakemap.account.owner
    assert len(stakemap) >= 8
    for record in [*stakemap.people, *stakemap.links]:
        assert CROCKFORD_ID.match(record.id), record.id
    domains = {p.email.rsplit("@", 1)[1] for p in stakemap.people if p.email}
    assert domains and all(d.endswith(".example") for d in domains), domains
    # The initiative is typed exactly as on the account wherever someone ranks it.
    ranked = [
        p for p in stakemap.people if initiative_rank(p.priorities, stakemap.account.initiative)
    ]
    assert ranked
    for person in ranked:
        assert stakemap.account.initiative in person.priorities, person.name


@pytest.mark.parametrize("path", committed_maps(), ids=lambda p: p.name)
def test_each_sample_has_a_quarter_of_touches(path: Path) -> None:
    """What a newcomer sees first in the log: about a dozen touches over a
    quarter, of several kinds, with stance reads and next steps, some done and
    one or two overdue on the day the sample describes."""
    stakemap = MapStore(path).load()
    touches = stakemap.interactions
    assert len(touches) >= 12
    days = sorted(date.fromisoformat(t.date) for t in touches)
    assert days[-1] <= AS_OF and (AS_OF - days[0]).days >= 80
    assert {"meeting", "call", "demo", "email"} <= {t.kind.value for t in touches}
    assert sum(t.stance is not Stance.UNKNOWN for t in touches) >= 5
    assert sum(t.done for t in touches) >= 2
    overdue = [s for s in next_steps(stakemap, today=AS_OF) if s.overdue]
    assert 1 <= len(overdue) <= 2, [s.describe() for s in overdue]
    for touch in touches:
        assert touch.summary and len(touch.summary) <= 80, touch.summary
        assert not touch.done or touch.next_step
    for person in stakemap.people:
        own = [t.date for t in stakemap.interactions_of(person.id)]
        if own:  # the log is what set the last contact
            assert person.last_contact == max(own), person.name


@pytest.mark.parametrize("path", committed_maps(), ids=lambda p: p.name)
def test_each_sample_has_three_reviews_with_people_moving_between_them(path: Path) -> None:
    stakemap = MapStore(path).load()
    reviews = stakemap.reviews
    assert len(reviews) == 3
    days = [date.fromisoformat(r.date) for r in reviews]
    assert days == sorted(days) and (days[-1] - days[0]).days >= 50
    assert all(r.label for r in reviews) and days[-1] < AS_OF  # something changed since
    states = [state for _, state in iter_review_states(stakemap)]
    for older, newer in itertools.pairwise(states):
        moved = [
            pid
            for pid, person in newer.people.items()
            if person["stance"] != older.people[pid]["stance"]
        ]
        assert moved, "a review where nobody moved shows no history"
    # A later review stores what changed, not another copy of the map.
    sizes = [len(entries_of(stakemap, r.id)) for r in reviews]
    assert sizes[1] < sizes[0] and sizes[2] < sizes[0]


def test_samples_use_unicode_names() -> None:
    names = [p.name for path in committed_maps() for p in MapStore(path).load().people]
    assert any(not name.isascii() for name in names)


# --- the large map -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def large() -> StakeMap:
    return max((MapStore(p).load() for p in committed_maps()), key=len)


def test_large_map_size_and_departments(large: StakeMap) -> None:
    assert len(large) >= 30
    assert len(large.departments()) >= 6
    assert all(p.department for p in large.people)


def test_large_map_uses_every_link_kind(large: StakeMap) -> None:
    assert {link.kind for link in large.links} == set(LinkKind)
    strengths = {link.strength for link in large.links if link.kind is LinkKind.INFLUENCES}
    assert strengths == {1, 2, 3}


@pytest.mark.parametrize(
    ("field", "vocabulary"),
    [
        ("role", Role),
        ("stance", Stance),
        ("influence", Influence),
        ("coverage", Coverage),
        ("mode", Mode),
        ("fear_of_failure", Fear),
        ("veto", (True, False)),
    ],
)
def test_large_map_uses_every_value_of(large: StakeMap, field: str, vocabulary: object) -> None:
    used = {getattr(p, field) for p in large.people}
    assert used == set(vocabulary), f"{field}: unused {set(vocabulary) - used}"


@pytest.mark.parametrize(
    "field", [*FREE_TEXT, "priorities", "email", "last_contact", "title", "department"]
)
def test_large_map_uses_every_free_field(large: StakeMap, field: str) -> None:
    assert any(getattr(p, field) for p in large.people), field
    if field in ("email", "last_contact"):  # and leaves it blank somewhere, as CRMs do
        assert not all(getattr(p, field) for p in large.people), field


def test_large_map_has_the_politics_the_docs_describe(large: StakeMap) -> None:
    champions = [p for p in large.people if p.stance is Stance.CHAMPION]
    assert champions and all(p.influence is Influence.LOW for p in champions)
    by_dept: dict[str, set[Stance]] = {}
    for person in large.people:
        by_dept.setdefault(person.department, set()).add(person.stance)
    supportive, opposed = {Stance.CHAMPION, Stance.SUPPORTER}, {Stance.SKEPTIC, Stance.OPPONENT}
    # An opposed department (nobody supportive) and a split one (both sides).
    assert any(s & opposed and not s & supportive for s in by_dept.values())
    assert any(s & opposed and s & supportive for s in by_dept.values())
    resisters = [
        p
        for p in large.people
        if p.is_opposed
        and p.role in (Role.IMPLEMENTER, Role.USER, Role.GATEKEEPER, Role.EVALUATOR)
        and p.influence is not Influence.HIGH
        and not p.veto
    ]
    assert len(resisters) >= 2
    assert any(p.is_key_player and p.coverage is Coverage.NONE for p in large.people)
    # A broker: an uncovered person whose influence links span their own department
    # and another, with a dotted line into that other group.
    broker = by_title(large, "Nursing Informatics")
    assert broker.coverage is Coverage.NONE
    reached = {
        large.person(other).department
        for link in large.links_of(broker.id)
        if link.kind is LinkKind.INFLUENCES
        for other in (link.source, link.target)
    }
    assert broker.department in reached and len(reached) >= 2
    dotted = [link for link in large.links_of(broker.id) if link.kind is LinkKind.DOTTED_LINE]
    assert any(large.person(link.target).department != broker.department for link in dotted)
    # ...the only influence bridge: without her the influence links fall apart...
    influence = nx.Graph([(a, b) for a, b, _ in large.iter_edges(LinkKind.INFLUENCES)])
    assert broker.id in set(nx.articulation_points(influence))
    # ...and, counting reporting lines too, the only way to a team of three or more.
    kinds = (LinkKind.INFLUENCES, LinkKind.REPORTS_TO, LinkKind.DOTTED_LINE)
    network = nx.Graph([(a, b) for a, b, _ in large.iter_edges(*kinds)])
    network.remove_node(broker.id)
    pieces = [len(piece) for piece in nx.connected_components(network)]
    assert sum(size >= 3 for size in pieces) >= 2, pieces


# --- Northwind: the example of DOMAIN.md ---------------------------------------------------


@pytest.fixture(scope="module")
def northwind() -> StakeMap:
    return load("northwind.json")


def test_northwind_account_and_shape(northwind: StakeMap) -> None:
    assert northwind.account.account == "Northwind Logistics"
    assert "revenue" in northwind.account.initiative.casefold()
    assert 8 <= len(northwind) <= 12
    departments = {d.casefold() for d in northwind.departments()}
    assert {"finance", "it", "marketing", "hr", "executive", "sales ops"} <= departments
    assert all(p.email.endswith("@northwind.example") for p in northwind.people)


def test_northwind_cmo_is_the_champion_with_it_in_her_top_three(northwind: StakeMap) -> None:
    cmo = by_title(northwind, "Chief Marketing Officer")
    assert cmo.department == "Marketing"
    assert cmo.stance is Stance.CHAMPION
    rank = initiative_rank(cmo.priorities, northwind.account.initiative)
    assert rank is not None and rank <= 3
    assert only([p for p in northwind.people if p.stance is Stance.CHAMPION], "champion") == cmo


def test_northwind_cfo_holds_the_budget_and_a_veto_but_ranks_it_low(northwind: StakeMap) -> None:
    cfo = by_title(northwind, "Chief Financial Officer")
    assert cfo.role is Role.ECONOMIC_BUYER and cfo.veto
    assert cfo.stance in (Stance.SKEPTIC, Stance.OPPONENT)
    assert cfo.fear_of_failure is Fear.HIGH
    assert "failed" in cfo.fears or "written off" in cfo.fears
    top3 = " ".join(cfo.priorities[:3]).casefold()
    assert len(cfo.priorities) >= 3 and all(w in top3 for w in ("cost", "erp", "audit"))
    rank = initiative_rank(cfo.priorities, northwind.account.initiative)
    assert rank is None or rank > 3


def test_northwind_cio_opposes_and_his_it_ops_manager_quietly_resists(
    northwind: StakeMap,
) -> None:
    cio = by_title(northwind, "Chief Information Officer")
    assert cio.stance is Stance.OPPONENT and cio.department == "IT"
    assert "cloud" in cio.priorities[0].casefold()
    ops = by_title(northwind, "IT Operations Manager")
    assert northwind.manager_of(ops.id) == cio.id
    assert ops.role is Role.IMPLEMENTER
    assert ops.stance is Stance.SKEPTIC
    assert ops.influence in (Influence.LOW, Influence.MEDIUM) and not ops.veto
    it = [p for p in northwind.people if p.department == "IT"]
    assert it and all(p.is_opposed for p in it)


def test_northwind_hr_is_neutral_and_unreached(northwind: StakeMap) -> None:
    hr = [p for p in northwind.people if p.department == "HR"]
    assert hr
    assert all(p.stance is Stance.NEUTRAL and p.coverage is Coverage.NONE for p in hr)
    assert all(not p.last_contact for p in hr)


def test_northwind_finance_is_split_and_the_cfo_listens_to_the_controller(
    northwind: StakeMap,
) -> None:
    cfo = by_title(northwind, "Chief Financial Officer")
    controller = by_title(northwind, "Financial Controller")
    assert controller.department == cfo.department == "Finance"
    assert controller.is_supportive and cfo.is_opposed
    assert influences(northwind, controller, cfo)


def test_northwind_ceo_is_an_uncontacted_approver(northwind: StakeMap) -> None:
    ceo = by_title(northwind, "Chief Executive Officer")
    assert ceo.role is Role.APPROVER and ceo.department == "Executive"
    assert ceo.coverage is Coverage.NONE and not ceo.last_contact


def test_northwind_champion_reaches_the_cfo_through_the_controller(northwind: StakeMap) -> None:
    cmo = by_title(northwind, "Chief Marketing Officer")
    controller = by_title(northwind, "Financial Controller")
    cfo = by_title(northwind, "Chief Financial Officer")
    assert influences(northwind, cmo, controller) and influences(northwind, controller, cfo)
    assert not influences(northwind, cmo, cfo)  # the only way is through her


def test_northwind_notes_are_filled_in(northwind: StakeMap) -> None:
    for field in FREE_TEXT:
        assert sum(bool(getattr(p, field)) for p in northwind.people) >= 3, field


# --- the healthy map -------------------------------------------------------------------------


def test_the_manufacturer_is_the_healthy_case() -> None:
    stakemap = load("aldermoor_precision.json")
    assert 12 <= len(stakemap) <= 20
    buyers = [p for p in stakemap.people if p.role is Role.ECONOMIC_BUYER]
    assert buyers and all(p.is_supportive for p in buyers)
    for buyer in buyers:
        rank = initiative_rank(buyer.priorities, stakemap.account.initiative)
        assert rank is not None and rank <= 3
    key_players = [p for p in stakemap.people if p.is_key_player]
    assert all(p.coverage is not Coverage.NONE and p.last_contact for p in key_players)
    assert not any(p.is_opposed for p in key_players)
    deep = [p for p in stakemap.people if p.coverage in (Coverage.MULTIPLE, Coverage.IN_DEPTH)]
    assert len(deep) >= 5
    assert any(
        p.stance is Stance.CHAMPION and p.influence is Influence.HIGH for p in stakemap.people
    )
