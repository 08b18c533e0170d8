"""The SVG is the network view's drawing: its lines run between the cards, never across one."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from network_cases import CASES

from stakemap.drawing.layout import Zoom, layout_grid
from stakemap.export.svg import CELL_H, CELL_W, svg_drawing

SVG = "{http://www.w3.org/2000/svg}"


def _cards(root) -> dict[str, tuple[float, float, float, float]]:
    out = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == "sm-person":
            rect = g.find(f"{SVG}rect")
            x, y = float(rect.get("x")), float(rect.get("y"))
            w, h = float(rect.get("width")), float(rect.get("height"))
            out[g.get("id")[3:]] = (x, y, x + w, y + h)
    return out


def _segments(path: str) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    points = [tuple(map(float, p)) for p in re.findall(r"([\d.]+),([\d.]+)", path)]
    return list(itertools.pairwise(points))


def _crosses(seg, card) -> bool:
    """True if the straight piece enters the card's inside (touching its edge is fine)."""
    (x0, y0), (x1, y1) = seg
    left, top, right, bottom = card
    lo_x, hi_x = sorted((x0, x1))
    lo_y, hi_y = sorted((y0, y1))
    return lo_x < right and hi_x > left and lo_y < bottom and hi_y > top


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_line_crosses_a_card(case):
    stakemap = CASES[case]()
    root = ET.fromstring(svg_drawing(stakemap, title_block=True))
    cards = _cards(root)
    paths = [p for p in root.iter(f"{SVG}path") if "sm-link" in (p.get("class") or "")]
    assert len(paths) == len(stakemap.links)
    for path in paths:
        segments = _segments(path.get("d"))
        for seg in segments:
            (x0, y0), (x1, y1) = seg
            assert x0 == x1 or y0 == y1, "orthogonal lines only"
            for pid, card in cards.items():
                assert not _crosses(seg, card), (stakemap.person(pid).name, path.get("d"))


def test_the_cards_sit_where_the_network_view_puts_the_boxes():
    stakemap = CASES["tree"]()
    grid = layout_grid(stakemap, zoom=Zoom.FULL)
    root = ET.fromstring(svg_drawing(stakemap))
    for pid, (left, top, _right, _bottom) in _cards(root).items():
        box = grid.boxes[pid]
        assert (left, top) == (box.x * CELL_W, box.y * CELL_H)
