"""The network view: the map drawn as boxes and lines, panned, zoomed and focused.

The widget only paints: where people go, how lines run and which cell is
what come from ``stakemap.drawing`` (the same layout for every picture),
and the route a focus highlights comes from ``analysis.routes``. It is a
Line API ``ScrollView``: each repaint rasterises only the cells on screen,
so a 10,000-person map scrolls as fast as a 10-person one. A big map is
laid out in a thread worker behind a "Laying out N people…" line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Final

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingType
from textual.geometry import Region as ScreenRegion
from textual.geometry import Size
from textual.markup import parse_style
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from stakemap.analysis.routes import Router
from stakemap.drawing.canvas import Canvas, Cell, Role, rasterize
from stakemap.drawing.focus import Focus, focus_on
from stakemap.drawing.layout import (
    GEOMETRY,
    GridLayout,
    Region,
    Zoom,
    column_order_sizes,
    columns_per_band,
    fit_zoom,
    layout_grid,
    layout_size,
)
from stakemap.drawing.routing import Route, route_links
from stakemap.model import StakeMap
from stakemap.records import Link
from stakemap.tui.format import STANCE_STYLE
from stakemap.tui.messages import PersonPicked
from stakemap.vocab import LinkKind

__all__ = ["NetworkView"]

#: Maps up to this size are laid out and routed whole, on the UI thread.
SMALL_MAP: Final = 400
#: Focus steps the view offers (``<`` and ``>``).
MAX_STEPS: Final = 4

#: Theme styles per kind of cell (``$text-muted`` becomes "dim": see ``format.to_rich``).
_LINE_STYLE: Final[dict[LinkKind, str]] = {
    LinkKind.REPORTS_TO: "$foreground",
    LinkKind.DOTTED_LINE: "$text-muted",
    LinkKind.INFLUENCES: "$text-primary",
    LinkKind.CONFLICTS: "$text-error",
}
_ROLE_STYLE: Final[dict[Role, str]] = {
    Role.FRAME: "$text-muted",
    Role.HEADER: "bold $text-secondary",
    Role.BOX: "$text-muted",
}
_SELECTED: Final = "bold reverse"
_ROUTE: Final = "bold $text-warning"


@dataclass(frozen=True, slots=True)
class _Built:
    """One map at one zoom: its layout, and every line when the map is small."""

    stakemap: StakeMap
    revision: int
    layout: GridLayout
    routes: list[Route] | None
    #: how many department columns each band holds (the window's width decides).
    across: int


class NetworkView(ScrollView, can_focus=True):
    """The stakeholder network; ``selected`` is shared with the other views."""

    DEFAULT_CSS = """
    NetworkView {
        background: $surface;
        color: $foreground;
    }
    NetworkView:focus {
        background-tint: $foreground 3%;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "up,k",
            "pan(0, -1)",
            "Pan",
            show=False,
            id="network.pan_up",
            tooltip="Pan the network up",
        ),
        Binding(
            "down,j",
            "pan(0, 1)",
            "Pan",
            show=False,
            id="network.pan_down",
            tooltip="Pan the network down",
        ),
        Binding(
            "left,h",
            "pan(-1, 0)",
            "Pan",
            show=False,
            id="network.pan_left",
            tooltip="Pan the network left",
        ),
        Binding(
            "right,l",
            "pan(1, 0)",
            "Pan",
            show=False,
            id="network.pan_right",
            tooltip="Pan the network right",
        ),
        Binding(
            "shift+up",
            "move(0, -1)",
            "Select",
            show=False,
            id="network.select_up",
            tooltip="Select the person above",
        ),
        Binding(
            "shift+down",
            "move(0, 1)",
            "Select",
            show=False,
            id="network.select_down",
            tooltip="Select the person below",
        ),
        Binding(
            "shift+left",
            "move(-1, 0)",
            "Select",
            show=False,
            id="network.select_left",
            tooltip="Select the nearest person in the department to the left",
        ),
        Binding(
            "shift+right",
            "move(1, 0)",
            "Select",
            show=False,
            id="network.select_right",
            tooltip="Select the nearest person in the department to the right",
        ),
        Binding(
            "right_square_bracket",
            "step(1)",
            "Next",
            id="network.next",
            tooltip="Select the next person (column by column)",
        ),
        Binding(
            "left_square_bracket",
            "step(-1)",
            "Prev",
            show=False,
            id="network.previous",
            tooltip="Select the previous person",
        ),
        Binding(
            "plus,equals_sign",
            "zoom(1)",
            "Zoom",
            id="network.zoom_in",
            tooltip="Zoom in: dots, one-line labels, boxes",
        ),
        Binding(
            "minus", "zoom(-1)", "Zoom -", show=False, id="network.zoom_out", tooltip="Zoom out"
        ),
        Binding(
            "0",
            "fit",
            "Fit",
            show=False,
            id="network.fit",
            tooltip="Zoom so the whole map fits (as far as it can)",
        ),
        Binding(
            "space",
            "toggle_focus",
            "Focus",
            id="network.focus",
            tooltip="Focus on the selected person: their neighbourhood and the route "
            "from the nearest champion; the rest dimmed",
        ),
        Binding(
            "greater_than_sign",
            "steps(1)",
            "Steps +",
            show=False,
            id="network.steps_up",
            tooltip="Widen the focus by one link",
        ),
        Binding(
            "less_than_sign",
            "steps(-1)",
            "Steps -",
            show=False,
            id="network.steps_down",
            tooltip="Narrow the focus by one link",
        ),
        Binding(
            "enter",
            "choose",
            "Details",
            show=False,
            id="network.choose",
            tooltip="Show the selected person in the people view",
        ),
    ]

    class Progress(Message):
        """The layout of a big map started (``done`` False) or finished."""

        def __init__(self, done: bool) -> None:
            super().__init__()
            self.done = done

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stakemap: StakeMap | None = None
        self.selected: str | None = None
        self.zoom: Zoom = Zoom.FULL
        self.focus_mode = False
        self.focus_steps = 1
        self.built: _Built | None = None
        self.spotlight: Focus | None = None
        #: the zoom follows the window until the user picks one.
        self._auto_zoom = True
        self._pending: str | None = None
        self._canvas: Canvas | None = None
        self._canvas_key: tuple[Any, ...] | None = None
        self._styles: dict[Any, Style] = {}
        self._styles_theme = ""
        self._router: tuple[tuple[int, int], Router] | None = None
        self._drag: tuple[int, int, float, float] | None = None
        self._dragged = False

    # --- what is shown ------------------------------------------------------------------

    def show_map(self, stakemap: StakeMap, selected: str | None) -> None:
        """Draw ``stakemap`` (again, if it changed) with ``selected`` chosen."""
        self.stakemap = stakemap
        self.selected = selected if selected in stakemap else None
        if self._auto_zoom and self.size.width:
            self.zoom = self._initial_zoom(stakemap)
        self._build()

    def select_person(self, pid: str | None) -> None:
        """Another view moved the selection: follow it."""
        if pid == self.selected or self.stakemap is None:
            return
        self.selected = pid if pid in self.stakemap else None
        self._refocus()
        self._reveal()
        self._invalidate()

    def _initial_zoom(self, stakemap: StakeMap) -> Zoom:
        """The most detail that shows the whole map; never bare dots to start with:
        names are what make the picture readable, so a map that only fits as dots
        starts with one-line labels, to pan around (``0`` fits it)."""
        width, height = max(1, self.size.width - 2), self.size.height
        return max(fit_zoom(stakemap, width, height, wrap=True), Zoom.COMPACT)

    def _wrap(self) -> int | None:
        """The width the columns wrap to: the window's (less room for a scrollbar) when
        the wrapped map then fits the window; None (one band, pan across) when not: a
        big map keeps its departments side by side, where their links can be seen."""
        if self.stakemap is None:
            return None
        width = max(1, self.size.width - 2)
        sizes = column_order_sizes(self.stakemap)
        _, height = layout_size(sizes, self.zoom, width)
        # The whole height: a map that fits needs no scrollbar to take a row back.
        return width if height <= self.size.height else None

    def _across(self) -> int:
        if self.stakemap is None:
            return 1
        columns = len(column_order_sizes(self.stakemap))
        return columns_per_band(columns, GEOMETRY[self.zoom], self._wrap())

    def _build(self) -> None:
        stakemap = self.stakemap
        if stakemap is None:
            return
        built = self.built
        if (
            built is not None
            and built.stakemap is stakemap
            and built.revision == stakemap.revision
            and built.layout.zoom == self.zoom
            and built.across == self._across()
        ):
            self._refocus()
            self._reveal()
            self._invalidate()
            return
        if len(stakemap) <= SMALL_MAP:
            self._built(_make_built(stakemap, self.zoom, self._wrap()))
            return
        self._pending = f"Laying out {len(stakemap):,} people…"
        self.virtual_size = Size(self.size.width, self.size.height)
        self._invalidate()
        self._lay_out(stakemap, self.zoom, self._wrap())

    @work(thread=True, exclusive=True, group="network-layout", exit_on_error=False)
    def _lay_out(self, stakemap: StakeMap, zoom: Zoom, width: int | None) -> None:
        worker = get_current_worker()
        built = _make_built(stakemap, zoom, width)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._built, built)
        # The route engine, ready before the first focus asks for it: built
        # while the rep looks at the drawing, not after they press the key.
        key = (id(stakemap), stakemap.revision)
        if not worker.is_cancelled and (self._router is None or self._router[0] != key):
            router = Router(stakemap)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._router_ready, key, router)

    def _router_ready(self, key: tuple[int, int], router: Router) -> None:
        stakemap = self.stakemap
        if stakemap is not None and key == (id(stakemap), stakemap.revision):
            self._router = (key, router)

    def _built(self, built: _Built) -> None:
        if built.stakemap is not self.stakemap or built.layout.zoom != self.zoom:
            return
        self._pending = None
        self.built = built
        layout = built.layout
        self.virtual_size = Size(layout.width, layout.height)
        self._refocus()
        self._reveal(centre=True)
        self._invalidate()

    def _refocus(self) -> None:
        """The focus on the selected person, worked out again (the map or the person changed).

        A big map's route engine takes a second to build: that happens in a
        thread, and the focus shows when it is ready.
        """
        stakemap, pid = self.stakemap, self.selected
        if not self.focus_mode or stakemap is None or pid is None or pid not in stakemap:
            self.spotlight = None
            return
        key = (id(stakemap), stakemap.revision)
        if len(stakemap) > SMALL_MAP:
            self._focus_later(stakemap, pid, self.focus_steps)
            return
        if self._router is None or self._router[0] != key:
            self._router = (key, Router(stakemap))
        self.spotlight = focus_on(stakemap, pid, self.focus_steps, self._router[1])

    @work(thread=True, exclusive=True, group="network-focus", exit_on_error=False)
    def _focus_later(self, stakemap: StakeMap, pid: str, steps: int) -> None:
        worker = get_current_worker()
        key = (id(stakemap), stakemap.revision)
        router = self._router[1] if self._router and self._router[0] == key else Router(stakemap)
        focus = focus_on(stakemap, pid, steps, router)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._focused, key, router, focus)

    def _focused(self, key: tuple[int, int], router: Router, focus: Focus) -> None:
        self._router = (key, router)
        if self.focus_mode and focus.pid == self.selected and focus.steps == self.focus_steps:
            self.spotlight = focus
            self._invalidate()

    def _invalidate(self) -> None:
        self._canvas_key = None
        self.refresh()

    def _reveal(self, *, centre: bool = False) -> None:
        """Scroll so the selected person is on screen (centred after a zoom)."""
        if self.built is None or self.selected is None:
            return
        box = self.built.layout.boxes.get(self.selected)
        if box is None:
            return
        region = ScreenRegion(box.x - 2, box.y - 1, box.w + 4, box.h + 2)
        if centre:
            width, height = self.scrollable_content_region.size
            self.scroll_to(
                max(0, box.x + box.w // 2 - width // 2),
                max(0, box.y + box.h // 2 - height // 2),
                animate=False,
                force=True,
            )
        else:
            self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def on_resize(self, _event: events.Resize) -> None:
        if self.stakemap is None:
            return
        zoom = self._initial_zoom(self.stakemap) if self._auto_zoom else self.zoom
        built = self.built
        if zoom != self.zoom or built is None or built.across != self._across():
            self.zoom = zoom
            self._build()
            return
        self._invalidate()

    # --- painting -----------------------------------------------------------------------

    def _style(self, spec: str) -> Style:
        theme = self.app.theme
        if theme != self._styles_theme:
            self._styles, self._styles_theme = {}, theme
        style = self._styles.get(spec)
        if style is None:
            parsed = parse_style(spec.replace("$text-muted", "dim"), self.app.theme_variables)
            style = self.rich_style + parsed.rich_style
            self._styles[spec] = style
        return style

    def _current_canvas(self) -> Canvas | None:
        built = self.built
        if built is None:
            return None
        scroll_x, scroll_y = self.scroll_offset
        width, height = self.scrollable_content_region.size
        key = (id(built), scroll_x, scroll_y, width, height, self.spotlight, self.selected)
        if key == self._canvas_key and self._canvas is not None:
            return self._canvas
        region = Region(scroll_x, scroll_y, width, height)
        routes = built.routes
        if routes is None:
            routes = _routes_near(built, region, self.spotlight)
        self._canvas = rasterize(built.layout, routes, region)
        self._canvas_key = key
        return self._canvas

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        empty = self.stakemap is not None and not len(self.stakemap)
        if self._pending is not None or self.built is None or empty:
            text = self._pending if y == 0 and self._pending else ""
            if y == 0 and empty:
                text = "No stakeholders on this map yet: press a to add one."
            return Strip([Segment(text, self._style("$text-muted"))]).adjust_cell_length(
                width, self.rich_style
            )
        canvas = self._current_canvas()
        if canvas is None or y >= len(canvas.rows):
            return Strip.blank(width, self.rich_style)
        segments: list[Segment] = []
        run: list[str] = []
        run_spec: str | None = None
        for cell in canvas.rows[y]:
            spec = self._cell_spec(cell)
            if spec != run_spec and run:
                segments.append(Segment("".join(run), self._style(run_spec or "")))
                run = []
            run_spec = spec
            run.append(cell.char)
        if run:
            segments.append(Segment("".join(run), self._style(run_spec or "")))
        # Measured, not assumed: a terminal may draw an odd character in a
        # name wider or narrower than the grid counted; the line stays its width.
        return Strip(segments).adjust_cell_length(width, self.rich_style)

    def _cell_spec(self, cell: Cell) -> str:
        """The theme style of one cell: what it is, and how focus sees it."""
        role = cell.role
        if role is Role.EMPTY:
            return ""
        focus = self.spotlight
        if cell.person is not None:
            if cell.person == self.selected:
                return _SELECTED
            if focus is not None and cell.person not in focus.people:
                return "dim"
            if focus is not None and cell.person in focus.route_people and role is Role.LABEL:
                return _ROUTE
            if role is Role.LABEL and cell.stance is not None:
                return STANCE_STYLE[cell.stance]
            return _ROLE_STYLE[Role.BOX]
        if cell.link is not None and cell.kind is not None:
            if focus is not None:
                if cell.link in focus.route_links:
                    return _ROUTE
                if cell.link not in focus.links:
                    return "dim"
            base = _LINE_STYLE[cell.kind]
            return (
                f"bold {base}" if cell.kind is LinkKind.INFLUENCES and cell.strength >= 3 else base
            )
        if focus is not None:
            return "dim"
        return _ROLE_STYLE.get(role, "")

    # --- keys and mouse -----------------------------------------------------------------

    def action_pan(self, dx: int, dy: int) -> None:
        step_x = max(1, self.scrollable_content_region.width // 4)
        step_y = max(1, self.scrollable_content_region.height // 4)
        self.scroll_to(self.scroll_x + dx * step_x, self.scroll_y + dy * step_y, animate=False)

    def _pick(self, pid: str | None, *, open_detail: bool = False) -> None:
        if pid is None:
            return
        self.selected = pid
        self._refocus()
        self._reveal()
        self._invalidate()
        self.post_message(PersonPicked(pid, open_detail=open_detail))

    def action_move(self, dx: int, dy: int) -> None:
        built = self.built
        if built is None:
            return
        if self.selected is None or self.selected not in built.layout.boxes:
            self._pick(next(built.layout.in_order(), None))
            return
        self._pick(built.layout.nearest(self.selected, dx, dy))

    def action_step(self, delta: int) -> None:
        built = self.built
        if built is None:
            return
        order = list(built.layout.in_order())
        if not order:
            return
        at = order.index(self.selected) if self.selected in order else -delta
        self._pick(order[(at + delta) % len(order)])

    def action_zoom(self, delta: int) -> None:
        zoom = Zoom(max(Zoom.DOTS, min(Zoom.FULL, self.zoom + delta)))
        self._auto_zoom = False
        if zoom != self.zoom:
            self.zoom = zoom
            self._build()

    def action_fit(self) -> None:
        if self.stakemap is None:
            return
        self._auto_zoom = False
        width, height = max(1, self.size.width - 2), self.size.height
        self.zoom = fit_zoom(self.stakemap, width, height, wrap=True)
        self._build()

    def action_toggle_focus(self) -> None:
        self.focus_mode = not self.focus_mode
        self._refocus()
        self._invalidate()
        if self.focus_mode and self.selected is None:
            self.notify("Select a person first (] or a click): focus is around someone.", timeout=3)

    def action_steps(self, delta: int) -> None:
        self.focus_steps = max(1, min(MAX_STEPS, self.focus_steps + delta))
        if not self.focus_mode:
            self.focus_mode = True
        self._refocus()
        self._invalidate()
        self.notify(
            f"Focus: {self.focus_steps} step{'s' if self.focus_steps > 1 else ''}", timeout=2
        )

    def action_choose(self) -> None:
        if self.selected is not None:
            self.post_message(PersonPicked(self.selected, open_detail=True))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._drag = (event.screen_x, event.screen_y, self.scroll_x, self.scroll_y)
        self._dragged = False
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag is None:
            return
        x0, y0, sx, sy = self._drag
        dx, dy = event.screen_x - x0, event.screen_y - y0
        if dx or dy:
            self._dragged = True
            self.scroll_to(sx - dx, sy - dy, animate=False)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self.release_mouse()
        dragged, self._drag = self._dragged, None
        if dragged or self.built is None:
            return
        x, y = event.x + int(self.scroll_x), event.y + int(self.scroll_y)
        pid = self.built.layout.box_at(x, y)
        if pid is not None:
            self.focus()
            self._pick(pid)


def _make_built(stakemap: StakeMap, zoom: Zoom, width: int | None) -> _Built:
    """The layout at ``zoom`` wrapped to ``width``; a small map's lines too (all, once)."""
    layout = layout_grid(stakemap, zoom=zoom, width=width)
    routes = route_links(layout, stakemap.links) if len(stakemap) <= SMALL_MAP else None
    across = columns_per_band(len(layout.columns), layout.geometry, width)
    return _Built(stakemap, stakemap.revision, layout, routes, across)


def _routes_near(built: _Built, region: Region, focus: Focus | None) -> list[Route]:
    """A big map's lines for one screen: those between people on or near it, and the focus's.

    The people near the screen (within a screen's width and height of it) are
    found from the layout, their links from the graph: a pan costs what the
    screen holds, not what the map holds. A line to someone far off is left
    out (thousands of them pass any screen of a 10,000-person map, and they
    would hide everything); focus on a person draws all of theirs.
    """
    layout, stakemap = built.layout, built.stakemap
    near = Region(
        region.x - region.width, region.y - region.height, region.width * 3, region.height * 3
    )
    here = set(layout.people_in(near))
    links: dict[str, Link] = {}
    for pid in layout.people_in(region):
        for link in stakemap.links_of(pid):
            if link.source in here and link.target in here:
                links[link.id] = link
    if focus is not None:
        for lid in focus.links | focus.route_links:
            links.setdefault(lid, stakemap.link(lid))
    return route_links(layout, sorted(links.values(), key=lambda link: link.id))
