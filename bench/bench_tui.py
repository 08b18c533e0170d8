"""Benchmark the app, headless: start-up, keys, the org chart and the picker, per map size.

Not a test: it measures and prints one markdown table::

    python bench/bench_tui.py                       # 1,000 and 10,000 people, 3 repeats
    python bench/bench_tui.py --people 1000 --repeat 5

The maps are generated into a temporary folder (``synthetic.py``: about five
links per person, so 10,000 people have about 50,000 links) and deleted after.

What is measured (wall clock, the median of ``--repeat`` runs; the machine is
shared, so the median is steadier than the best or the mean):

* **whole process**: a fresh Python process per run, from launch (before the
  interpreter starts) to the first frame drawn in which a condition holds,
  driven by ``App.run_test`` (``Frames``). Conditions: a bare Textual app (one
  ``Label``) is on screen; any first frame of stakemap (a loading line for a
  big map); the map screen; the people table with its rows; the findings
  panel with the analysis. Targets: rows ≤ 1.5 s and findings ≤ 3 s at 10,000
  people; rows within 1.5x the bare app at 1,000.
* **keys**: in one process, each key pressed with ``Pilot.press`` and followed
  by ``Pilot.pause`` (the key handled and the screen repainted): the cursor
  down, a character typed into the ``/`` filter, ``s`` (stance up) until the
  table shows it, and the same key until the findings panel has the edited
  map's analysis. An unbound key measured the same way is the harness's own
  floor. Target: ≤ 100 ms per key.
* **org chart**: ``2`` until the chart shows people. Target ≤ 1 s.
* **picker**: the picker opened on a folder holding the map and a small map,
  until every row shows its account and people count. The picker must not
  wait for the big map's whole parse.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

TODAY = date(2026, 11, 30)
SIZE = (120, 40)
#: whole-process conditions, in the order they are reached
STAGES = ("paint", "screen", "rows", "findings")


class Frames:
    """When the app drew the first frame in which a condition held.

    Wraps the app's ``_display`` (every frame the compositor renders passes
    through it, headless too): each frame checks the conditions waited for, so
    a time is the moment the user would have seen the change, not when a
    polling loop happened to look.
    """

    def __init__(self, app: Any, clock: Callable[[], float] = time.perf_counter) -> None:
        self.app = app
        self.clock = clock
        self._waits: list[tuple[Callable[[], bool], list[float]]] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None:
                return
            now = self.clock()
            for condition, seen in self._waits:
                if not seen and condition():
                    seen.append(now)

        app._display = display

    async def drawn(self, condition: Callable[[], bool], timeout: float = 120.0) -> float:
        """The clock at the first frame drawn (from now on) in which ``condition`` held."""
        seen: list[float] = []
        entry = (condition, seen)
        self._waits.append(entry)
        deadline = time.perf_counter() + timeout
        try:
            while not seen:
                if time.perf_counter() > deadline:
                    raise TimeoutError("the condition was never drawn")
                await asyncio.sleep(0.001)
        finally:
            self._waits.remove(entry)
        return seen[0]


def _send_key(app: Any, key: str) -> None:
    """Deliver one key as the terminal driver would, without Pilot's idle waits."""
    from textual import events

    char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


# --- children: each runs in a fresh process and prints numbers ----------------------


def _child_bare(started: float) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("hello")

    async def run() -> None:
        app = Bare()
        frames = Frames(app, time.time)
        async with app.run_test(size=SIZE):
            painted = await frames.drawn(lambda: bool(app.screen.query(Label)))
            print("painted", painted - started)

    asyncio.run(run())


def _child_map(started: float, path: str) -> None:
    # Only the app: the screens are found by name, so this process imports
    # no more before the first frame than ``stakemap PATH`` does.
    from stakemap.tui.app import StakemapApp

    def screen() -> Any:
        current = app.screen
        return current if type(current).__name__ == "MainScreen" else None

    def has_rows() -> bool:
        current = screen()
        return current is not None and bool(current.query("PeopleTable").first().rows)

    def has_findings() -> bool:
        current = screen()
        return current is not None and current.analysis is not None

    async def run() -> None:
        async with app.run_test(size=SIZE):
            waits = [frames.drawn(lambda: True), frames.drawn(lambda: screen() is not None)]
            waits += [frames.drawn(has_rows), frames.drawn(has_findings)]
            for name, when in zip(STAGES, await asyncio.gather(*waits), strict=True):
                print(name, when - started)

    app = StakemapApp(Path(path), today=TODAY, poll_interval=None)
    frames = Frames(app, time.time)
    asyncio.run(run())


def _spawn(*args: str) -> dict[str, float]:
    """``{stage: seconds from launch}`` for one fresh process."""
    started = time.time()
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args, str(started)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    stages = {}
    for line in out.splitlines():
        name, _, value = line.partition(" ")
        if name in (*STAGES, "painted"):
            stages[name] = float(value)
    return stages


# --- in-process measurements --------------------------------------------------------------


async def _keys(path: Path, repeat: int) -> dict[str, list[float]]:
    from stakemap.tui.app import StakemapApp
    from stakemap.tui.screens.main import MainScreen
    from stakemap.tui.widgets.org_chart import OrgChart
    from stakemap.tui.widgets.people_table import PeopleTable
    from stakemap.vocab import Stance

    results: dict[str, list[float]] = {
        k: [] for k in ("down", "filter", "stance", "stance_findings", "org")
    }
    app = StakemapApp(path, today=TODAY, poll_interval=None)
    frames = Frames(app)
    async with app.run_test(size=SIZE) as pilot:
        await frames.drawn(lambda: isinstance(app.screen, MainScreen))
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await frames.drawn(lambda: screen.analysis is not None)

        async def settle() -> None:
            await app.workers.wait_for_complete()
            await pilot.pause()

        async def key(name: str, into: str, condition: Callable[[], bool]) -> None:
            started = time.perf_counter()
            _send_key(app, name)
            results[into].append(await frames.drawn(condition) - started)
            await settle()

        await settle()
        table = screen.query_one(PeopleTable)
        for _ in range(repeat * 3):
            target = table.cursor + 1
            await key("down", "down", lambda target=target: table.cursor == target)

        await pilot.press("slash")
        await settle()
        typed = ""
        for char in "sales"[: max(repeat, 3)]:
            typed += char
            await key(char, "filter", lambda typed=typed: table.query_text == typed)
        await pilot.press("escape")
        screen.set_filter("")
        table.focus()
        await settle()

        for index in range(repeat):
            pid = screen.selected
            assert pid is not None
            before = screen.session.map.person(pid).stance
            up = before not in (Stance.CHAMPION, Stance.UNKNOWN) and index % 2 == 0
            started = time.perf_counter()
            _send_key(app, "s" if up else "S")
            shown = await frames.drawn(
                lambda pid=pid, before=before: screen.session.map.person(pid).stance != before
            )
            results["stance"].append(shown - started)
            analysed = await frames.drawn(
                lambda: (
                    screen.analysis is not None and screen.analysed_generation == screen.generation
                )
            )
            results["stance_findings"].append(analysed - started)
            await settle()

        def chart_shown() -> bool:
            charts = screen.query(OrgChart)
            return (
                screen.active_view == "org" and bool(charts) and bool(charts.first().root.children)
            )

        for _ in range(repeat):
            started = time.perf_counter()
            _send_key(app, "2")
            results["org"].append(await frames.drawn(chart_shown) - started)
            await settle()
            await pilot.press("1")
            # Drawn again only after a change: an edit makes the next open rebuild it.
            await pilot.press("s")
            await settle()
    return results


async def _picker(folder: Path, repeat: int) -> list[float]:
    from stakemap.tui.app import StakemapApp
    from stakemap.tui.screens.picker import PickerScreen

    class Folder(StakemapApp):
        def folders(self) -> dict[str, Path]:
            return {"here": folder}

    def listed(app: StakemapApp) -> bool:
        screen = app.screen
        return (
            isinstance(screen, PickerScreen)
            and bool(screen.entries)
            and all(e.error or e.people is not None for e in screen.entries.values())
        )

    times = []
    for _ in range(repeat):
        app = Folder(None, today=TODAY, cwd=folder, poll_interval=None)
        frames = Frames(app)
        started = time.perf_counter()
        async with app.run_test(size=SIZE):
            times.append(await frames.drawn(lambda app=app: listed(app)) - started)
    return times


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _measure(people: int, repeat: int, bare: float) -> list[tuple[str, str, str]]:
    from synthetic import write_synthetic_map

    median = statistics.median
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / f"synthetic-{people}.json"
        write_synthetic_map(path, people)
        write_synthetic_map(folder / "small.json", 10, seed=2)
        _spawn("map", str(path), "warm-up")  # page cache and bytecode
        runs = [_spawn("map", str(path)) for _ in range(repeat)]
        keys = asyncio.run(_keys(path, repeat))
        picker = asyncio.run(_picker(folder, repeat))
    stage = {name: median(run[name] for run in runs) for name in STAGES}
    label = f"{people:,}"

    def per_key(name: str) -> str:
        return f"max {_ms(max(keys[name]))}; target ≤ 100 ms"

    return [
        (
            f"{label}: first paint",
            _s(stage["paint"]),
            f"{stage['paint'] / bare:.2f}x bare; the first frame (a loading line or the map)",
        ),
        (f"{label}: map screen on screen", _s(stage["screen"]), "launch → the map screen"),
        (
            f"{label}: first paint with rows",
            _s(stage["rows"]),
            f"{stage['rows'] / bare:.2f}x bare"
            + (" (target ≤ 1.5x)" if people <= 1000 else " (target ≤ 1.5 s)"),
        ),
        (
            f"{label}: findings shown",
            _s(stage["findings"]),
            "target ≤ 3 s" if people > 1000 else "",
        ),
        (f"{label}: cursor down, per key", _ms(median(keys["down"])), per_key("down")),
        (f"{label}: filter typing, per key", _ms(median(keys["filter"])), per_key("filter")),
        (f"{label}: stance step (s), per key", _ms(median(keys["stance"])), per_key("stance")),
        (
            f"{label}: stance step → findings updated",
            _ms(median(keys["stance_findings"])),
            f"max {_ms(max(keys['stance_findings']))}",
        ),
        (f"{label}: org chart open (2)", _ms(median(keys["org"])), f"max {_ms(max(keys['org']))}"),
        (
            f"{label}: picker lists the folder",
            _ms(median(picker)),
            "the map and a 10-person map: account and people count shown",
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "bare":
            _child_bare(float(rest[-1]))
        else:
            _child_map(float(rest[-1]), rest[0])
        return 0

    _spawn("bare", "warm-up")  # the first run compiles bytecode; do not count it
    bare = statistics.median(_spawn("bare")["painted"] for _ in range(args.repeat))
    rows = [("bare Textual app: first paint", _s(bare), "launch → a Label on screen")]
    for people in args.people:
        rows += _measure(people, args.repeat, bare)
    print(
        f"stakemap app benchmark: median of {args.repeat}, headless {SIZE[0]}x{SIZE[1]}, "
        "times from launch for whole-process rows\n"
    )
    print("| measurement | time | note |")
    print("|---|---:|---|")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
