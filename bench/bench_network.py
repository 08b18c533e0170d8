"""How long the network view takes to open on a big map, headless. Not a test: it prints.

    python bench/bench_network.py                # 10,000 people, about 50,000 links
    python bench/bench_network.py --people 2000

The app is opened on a synthetic map and left to settle (rows and findings
on screen); then ``6`` is pressed and the clock runs until

* **first paint**: the view has painted something (the "Laying out N
  people…" line, or the drawing itself) — the target is 1 s;
* **drawn**: the layout is done and the drawing is on screen;
* **route engine ready**: the layout worker has also built the route
  engine focus uses (it does so once the drawing is shown);
* **pan**: each of five ``l`` (a quarter screen right) repainted, the links on screen
  routed again;
* **focus**: space on the selected person, until the key is handled, and
  until the focus (their neighbourhood, and the champion route from
  ``analysis.routes``, built in a thread) is on screen.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_synthetic_map


async def _measure(path: Path, size: tuple[int, int]) -> dict[str, float]:
    from stakemap.tui.app import StakemapApp
    from stakemap.tui.widgets.network_view import NetworkView

    app = StakemapApp(path, today=date(2026, 11, 30), poll_interval=None, save_delay=None)
    out: dict[str, float] = {}
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.screen.query_one(NetworkView)
        painted: list[float] = []
        drawn: list[float] = []
        real = view.render_line

        def timed(y: int) -> Any:
            strip = real(y)
            now = time.perf_counter()
            if not painted:
                painted.append(now)
            if not drawn and view.built is not None and view._pending is None:
                drawn.append(now)
            return strip

        view.render_line = timed  # type: ignore[method-assign]
        start = time.perf_counter()
        await pilot.press("6")
        while not painted or not drawn:
            await asyncio.sleep(0.001)
        out["first paint"] = painted[0] - start
        out["drawn"] = drawn[0] - start
        await app.workers.wait_for_complete()
        await pilot.pause()
        out["route engine ready (for focus)"] = time.perf_counter() - start
        pans = []
        for _ in range(5):
            start = time.perf_counter()
            await pilot.press("l")
            await pilot.pause()
            pans.append(time.perf_counter() - start)
        out["pan (median of 5)"] = sorted(pans)[2]
        out["pan (slowest of 5)"] = max(pans)
        start = time.perf_counter()
        await pilot.press("space")
        await pilot.pause()
        out["focus key handled"] = time.perf_counter() - start
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.spotlight is not None
        out["focus shown"] = time.perf_counter() - start
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--width", type=int, default=120)
    parser.add_argument("--height", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.json"
        stakemap = write_synthetic_map(path, args.people)
        result = asyncio.run(_measure(path, (args.width, args.height)))
    print(
        f"network view, {len(stakemap):,} people / {len(stakemap.links):,} links, "
        f"{args.width}x{args.height}"
    )
    print("| step | ms |\n|---|---:|")
    for name, seconds in result.items():
        print(f"| {name} | {seconds * 1000:.0f} |")


if __name__ == "__main__":
    main()
