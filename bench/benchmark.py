"""Benchmark: load, analyse and save synthetic maps of 100, 1,000 and 10,000 people.

Not a test: it measures and prints a table (markdown, to paste into notes)::

    python bench/benchmark.py                  # 100, 1,000, 10,000 people
    python bench/benchmark.py --sizes 1000     # one size
    python bench/benchmark.py --only analysis  # one section
    python bench/benchmark.py --sizes 10000 --only timeline

Times are the best of ``--repeat`` runs (wall clock, ``perf_counter``), so a
busy machine inflates them less. Each size gets its own map file from
``bench/synthetic.py``. The JSON-parse row is the floor: the least any loader
of that file could cost. Targets (2-core machine): 1,000 people analysed in
under 0.3 s, 10,000 in under 2 s, load + analyse within 4x the floor.

The ``timeline`` section gives the map a past (ten touches per person and ten
weekly reviews, each after 1% of the people changed; 100,000 touches at
10,000 people) and times whole ``stakemap`` processes, as a rep runs them:
``log`` one touch, ``review``, ``diff --since last`` after 100 edits, each
against ``show --json`` on the same map (target: within 1.5x), and how much
one more review after 1% changes grows the file (target: under 5%). It needs
the ``log``, ``review`` and ``diff`` commands and says so if one is missing.

The ``merge`` section makes two teammates' copies of the map (1% of people
changed on each, five added, five removed, ten touches logged) and times a
whole ``stakemap merge`` process against loading the three files in process
(target: within 2x).

Adding a section: write ``def my_rows(bench: Bench) -> list[Row]`` and decorate
it with ``@section("name")``; it runs once per size, after the built-in ones,
and its rows join the table (the TUI's timings go here later).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import change_people, with_history, write_synthetic_map

from stakemap.analysis import RULES, AnalysisConfig, analyze
from stakemap.analysis.context import Context
from stakemap.analysis.plan import plan
from stakemap.analysis.scores import clear_caches
from stakemap.analysis.snapshot import record_review
from stakemap.cli.parser import COMMANDS
from stakemap.perf import paused_gc
from stakemap.store import MapStore

TODAY = date(2026, 11, 30)


@dataclass(frozen=True, slots=True)
class Row:
    """One measurement: seconds (``unit="s"``), megabytes, or a ratio."""

    label: str
    value: float
    unit: str = "s"


@dataclass
class Bench:
    """What a section gets: the size, the map file, and a timer."""

    size: int
    path: Path
    repeat: int
    notes: dict[str, Any] = field(default_factory=dict)

    def best(self, work: Callable[[], object], *, repeat: int | None = None) -> float:
        """Best wall-clock seconds of ``repeat`` runs of ``work``."""
        times = []
        for _ in range(repeat or self.repeat):
            gc.collect()
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
        return min(times)


Section = Callable[[Bench], list[Row]]
SECTIONS: dict[str, Section] = {}


def section(name: str) -> Callable[[Section], Section]:
    """Register a section of rows; sections run in registration order."""

    def register(fn: Section) -> Section:
        SECTIONS[name] = fn
        return fn

    return register


@section("files")
def files(bench: Bench) -> list[Row]:
    raw = bench.path.read_bytes()
    floor = bench.best(lambda: json.loads(raw))
    load = bench.best(lambda: MapStore(bench.path).load())
    bench.notes["floor"] = floor
    bench.notes["load"] = load
    return [
        Row("JSON parse of the file (floor)", floor),
        Row("load (MapStore.load)", load),
        Row("file size", len(raw) / 1e6, "MB"),
    ]


@section("analysis")
def analysis(bench: Bench) -> list[Row]:
    stakemap = MapStore(bench.path).load()
    config = AnalysisConfig()

    def scores() -> None:
        clear_caches()  # cold: measure the computation, not the memo
        with paused_gc():
            _ = Context(stakemap, today=TODAY, config=config).scores

    rows = [Row("scores: PageRank + betweenness", bench.best(scores))]
    for rule_id, rule in RULES.items():
        timings: list[float] = []

        # each rule on a context whose scores are already computed, so a row is
        # the rule's own work (shared paths are charged to the first rule using them)
        def one(
            check: Callable[[Context], object] = rule.check, timings: list[float] = timings
        ) -> None:
            ctx = Context(stakemap, today=TODAY, config=config)
            with paused_gc():
                _ = ctx.scores
                start = time.perf_counter()
                check(ctx)
                timings.append(time.perf_counter() - start)

        for _ in range(bench.repeat):
            one()
        rows.append(Row(f"  rule {rule_id}", min(timings)))

    def cold() -> None:
        clear_caches()
        analyze(stakemap, today=TODAY)

    whole = bench.best(cold)
    bench.notes["analysis"] = whole
    result = analyze(stakemap, today=TODAY)
    rows.append(Row("whole analysis (analyze)", whole))
    rows.append(Row("findings", len(result.findings), "n"))
    # What the app's Plan tab adds on top of the analysis it already has.
    rows.append(
        Row(
            "call plan from the analysis",
            bench.best(lambda: plan(stakemap, today=TODAY, analysis=result)),
        )
    )

    # What the app does after a stance step: links unchanged, network measures remembered.
    pid = stakemap.people[len(stakemap) // 3].id
    stances = iter(["champion", "opponent"] * 1000)

    def after_stance_edit() -> None:
        stakemap.update_person(pid, {"stance": next(stances)})
        analyze(stakemap, today=TODAY)

    rows.append(Row("re-analysis after a stance edit", bench.best(after_stance_edit)))
    if "floor" in bench.notes:
        total = bench.notes["load"] + whole
        rows.append(Row("load + analyse", total))
        rows.append(Row("load + analyse / parse floor", total / bench.notes["floor"], "x"))
    return rows


@section("save")
def save(bench: Bench) -> list[Row]:
    store = MapStore(bench.path)
    stakemap = store.load()
    pid = stakemap.people[len(stakemap) // 2].id
    flip = iter(range(10**9))

    def edit_and_save() -> None:
        stakemap.update_person(pid, {"notes": f"edit {next(flip)}"})
        store.save(stakemap)

    return [Row("save after one edit", bench.best(edit_and_save))]


@section("memory")
def memory(bench: Bench) -> list[Row]:
    gc.collect()
    tracemalloc.start()
    try:
        stakemap = MapStore(bench.path).load()
        held, load_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        analyze(stakemap, today=TODAY)
        _, analysis_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return [
        Row("memory: the loaded map (tracemalloc)", held / 1e6, "MB"),
        Row("peak memory: load", load_peak / 1e6, "MB"),
        Row("peak memory: load + analyse", max(load_peak, analysis_peak) / 1e6, "MB"),
    ]


#: The timeline's targets (issue 9): each command within this factor of ``show --json``...
COMMAND_TARGET = 1.5
#: ...and one review after 1% of people changed adds less than this share of the file.
GROWTH_TARGET = 0.05
TOUCHES_PER_PERSON = 10
REVIEWS = 10
EDITS_BEFORE_DIFF = 100


def _stakemap(*args: object) -> None:
    """One whole ``stakemap`` process, as a rep runs it (output discarded)."""
    done = subprocess.run(
        [sys.executable, "-m", "stakemap", *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"stakemap {args[0]} failed ({done.returncode}): {done.stderr.strip()}")


def _timed(prepare: Callable[[], object], work: Callable[[], object], repeat: int) -> float:
    """Best seconds of ``work``, each run after an untimed ``prepare``."""
    times = []
    for _ in range(repeat):
        prepare()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


@section("timeline")
def timeline(bench: Bench) -> list[Row]:
    missing = [c for c in ("log", "review", "diff") if c not in COMMANDS]
    if missing:
        print(f"timeline: skipped, no stakemap {' / '.join(missing)} command", file=sys.stderr)
        return []
    folder = bench.path.parent
    base = folder / f"timeline_{bench.size}.json"
    work = folder / f"timeline_{bench.size}.work.json"
    stakemap = with_history(
        MapStore(bench.path).load(), touches=TOUCHES_PER_PERSON * bench.size, reviews=REVIEWS
    )
    base.unlink(missing_ok=True)
    MapStore(base).create(stakemap)
    who = stakemap.people[len(stakemap) // 2].id
    today = TODAY.isoformat()

    def fresh() -> None:
        shutil.copyfile(base, work)

    load = bench.best(lambda: MapStore(base).load())
    show = bench.best(lambda: _stakemap("show", base, "--json"))
    log = _timed(
        fresh,
        lambda: _stakemap(
            "log", work, who, "--kind", "call", "--summary", "Bench call", "--date", today
        ),
        bench.repeat,
    )
    review = _timed(
        fresh, lambda: _stakemap("review", work, "--label", "Bench", "--today", today), bench.repeat
    )

    edited = folder / f"timeline_{bench.size}.edited.json"
    shutil.copyfile(base, edited)
    store = MapStore(edited)
    changed = store.load()
    rng = random.Random(7)
    for person in rng.sample(changed.people, min(EDITS_BEFORE_DIFF, len(changed))):
        changed.update_person(person.id, {"title": f"{person.title} (edited)"})
    store.save(changed)
    diff = bench.best(lambda: _stakemap("diff", edited, "--since", "last", "--today", today))

    # One more review after 1% of the people changed: only the review's own bytes count.
    grown = store.load()
    change_people(grown, 0.01, rng)
    store.save(grown)
    before = edited.stat().st_size
    record_review(grown, day=TODAY, label="1% later")
    store.save(grown)
    growth = (edited.stat().st_size - before) / before

    checks = bench.notes.setdefault("checks", [])
    for name, seconds in (("log", log), ("review", review), ("diff --since last", diff)):
        ratio = seconds / show
        verdict = "ok" if ratio <= COMMAND_TARGET else "MISSED"
        checks.append(
            f"{bench.size:,}: {name} = {ratio:.2f}x show --json "
            f"(target {COMMAND_TARGET}x): {verdict}"
        )
    verdict = "ok" if growth < GROWTH_TARGET else "MISSED"
    checks.append(
        f"{bench.size:,}: a review after 1% changes grows the file {growth:.2%} "
        f"(target < {GROWTH_TARGET:.0%}): {verdict}"
    )
    return [
        Row("timeline: touches on the map", len(stakemap.interactions), "n"),
        Row("timeline: reviews on the map", len(stakemap.reviews), "n"),
        Row("timeline: map file with history", base.stat().st_size / 1e6, "MB"),
        Row("timeline: load (MapStore.load, in process)", load),
        Row("process: stakemap show --json (baseline)", show),
        Row("process: stakemap log (one touch)", log),
        Row("process: stakemap review", review),
        Row(f"process: stakemap diff --since last ({EDITS_BEFORE_DIFF} edits)", diff),
        Row("  log / show --json", log / show, "x"),
        Row("  review / show --json", review / show, "x"),
        Row("  diff / show --json", diff / show, "x"),
        Row("file growth: one review after 1% changed", growth * 100, "%"),
    ]


#: ``stakemap merge`` of two copies with 1% of people changed each, against loading the three.
MERGE_TARGET = 2.0


def _teammate_copy(base: Path, path: Path, seed: int) -> None:
    """A teammate's copy of ``base``: 1% of people changed, a few added and removed,
    a few touches logged, saved by the store as ``stakemap`` saves it."""
    shutil.copyfile(base, path)
    store = MapStore(path)
    stakemap = store.load()
    rng = random.Random(seed)
    change_people(stakemap, 0.01, rng)
    people = stakemap.people
    for person in rng.sample(people, 5):
        stakemap.remove_person(person.id)
    for index in range(5):
        stakemap.add_person(name=f"New {seed}-{index}", department="Bench")
    for person in rng.sample(stakemap.people, 10):
        stakemap.add_interaction(
            person=person.id, date=TODAY.isoformat(), summary=f"call {seed}", kind="call"
        )
    store.save(stakemap)


@section("merge")
def merge(bench: Bench) -> list[Row]:
    if "merge" not in COMMANDS:
        print("merge: skipped, no stakemap merge command", file=sys.stderr)
        return []
    folder = bench.path.parent
    ours, theirs = folder / f"ours_{bench.size}.json", folder / f"theirs_{bench.size}.json"
    out = folder / f"merged_{bench.size}.json"
    _teammate_copy(bench.path, ours, 11)
    _teammate_copy(bench.path, theirs, 12)
    load = bench.best(lambda: [MapStore(p).load() for p in (bench.path, ours, theirs)])
    done = subprocess.run(
        [sys.executable, "-m", "stakemap", "merge", bench.path, ours, theirs, "-o", out],
        capture_output=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"stakemap merge failed ({done.returncode}): {done.stderr!r}")
    merge_s = bench.best(
        lambda: subprocess.run(
            [sys.executable, "-m", "stakemap", "merge", bench.path, ours, theirs, "-o", out],
            capture_output=True,
            check=False,
        )
    )
    ratio = merge_s / load
    verdict = "ok" if ratio <= MERGE_TARGET else "MISSED"
    bench.notes.setdefault("checks", []).append(
        f"{bench.size:,}: merge = {ratio:.2f}x loading the three files "
        f"(target {MERGE_TARGET}x): {verdict}"
    )
    return [
        Row("merge: load the three files (in process)", load),
        Row("process: stakemap merge BASE OURS THEIRS -o OUT", merge_s),
        Row("  merge / loading the three", ratio, "x"),
    ]


def _cell(row: Row) -> str:
    if row.unit == "s":
        return f"{row.value * 1000:,.1f} ms" if row.value < 1 else f"{row.value:,.2f} s"
    if row.unit == "MB":
        return f"{row.value:,.1f} MB"
    if row.unit == "x":
        return f"{row.value:.2f}x"
    if row.unit == "%":
        return f"{row.value:.2f}%"
    return f"{row.value:,.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=0, help="runs per timing (default by size)")
    parser.add_argument("--only", choices=list(SECTIONS), action="append")
    args = parser.parse_args(argv)
    columns: list[str] = []
    table: dict[str, dict[str, str]] = {}
    order: list[str] = []
    checks: list[str] = []
    with tempfile.TemporaryDirectory(prefix="stakemap-bench-") as folder:
        for size in args.sizes:
            path = Path(folder) / f"synthetic_{size}.json"
            stakemap = write_synthetic_map(path, size)
            column = f"{size:,} people / {len(stakemap.links):,} links"
            columns.append(column)
            repeat = args.repeat or (5 if size <= 1000 else 2)
            bench = Bench(size, path, repeat)
            for name, run in SECTIONS.items():
                if args.only and name not in args.only:
                    continue
                for row in run(bench):
                    if row.label not in table:
                        table[row.label] = {}
                        order.append(row.label)
                    table[row.label][column] = _cell(row)
            print(f"measured {size:,}", file=sys.stderr)
            if "analysis" in bench.notes:
                limit = {1000: 0.3, 10000: 2.0}.get(size)
                if limit:
                    verdict = "ok" if bench.notes["analysis"] < limit else "MISSED"
                    checks.append(
                        f"{size:,} analysed in {bench.notes['analysis']:.2f} s "
                        f"(target < {limit} s): {verdict}"
                    )
                if "floor" in bench.notes:
                    ratio = (bench.notes["load"] + bench.notes["analysis"]) / bench.notes["floor"]
                    verdict = "ok" if ratio <= 4 else "MISSED"
                    checks.append(
                        f"{size:,} load + analyse = {ratio:.1f}x floor (target 4x): {verdict}"
                    )
            checks += bench.notes.get("checks", [])
    print("| measurement | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for label in order:
        cells = [table[label].get(column, "") for column in columns]
        print(f"| {label} | " + " | ".join(cells) + " |")
    if checks:
        print()
        for line in checks:
            print(f"- {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
