"""A 10,000-person, 50,000-link map: laid out whole, routed only where the screen is.

Measured, not asserted (a loaded machine is slow, not wrong): the numbers
go to the test's report (``-rP`` or ``-s`` shows them). What is asserted is
the behaviour a big map relies on: a region routes a small share of the
links, and none of them lands on a name.
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest

from stakemap.drawing.canvas import rasterize
from stakemap.drawing.layout import Region, Zoom, layout_grid
from stakemap.drawing.routing import route_links

_SYNTHETIC = Path(__file__).resolve().parents[2] / "bench" / "synthetic.py"


def _synthetic_map(n: int):
    spec = importlib.util.spec_from_file_location("bench_synthetic", _SYNTHETIC)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.synthetic_map(n)


@pytest.mark.slow
def test_a_ten_thousand_person_map_is_laid_out_and_a_screen_routed():
    m = _synthetic_map(10_000)
    links = m.links
    assert len(m) == 10_000 and len(links) >= 45_000
    timings: dict[str, float] = {}
    start = time.perf_counter()
    grid = layout_grid(m, zoom=Zoom.FULL)
    timings["layout"] = time.perf_counter() - start
    centre = grid.boxes[m.people[5000].id]
    region = Region(max(0, centre.x - 100), max(0, centre.y - 30), 200, 60)
    start = time.perf_counter()
    routes = route_links(grid, links, region=region, ends_only=True)
    timings["route 200x60"] = time.perf_counter() - start
    start = time.perf_counter()
    passing = route_links(grid, links, region=region)
    timings["route every line through 200x60"] = time.perf_counter() - start
    start = time.perf_counter()
    canvas = rasterize(grid, routes, region)
    timings["rasterize 200x60"] = time.perf_counter() - start
    assert canvas.collisions == 0
    assert 0 < len(routes) < len(links) / 20 < len(passing)
    print(
        f"\n10,000 people / {len(links)} links: "
        + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in timings.items())
        + f"; {len(routes)} links with an end on screen, {len(passing)} passing it"
    )
