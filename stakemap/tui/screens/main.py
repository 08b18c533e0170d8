"""The map screen: the table, the detail pane, the findings, and four more views.

Every edit goes through the ``Session`` (validated, undoable, autosaved); the
screen then redraws from the map and starts the analysis in a thread worker,
so typing and navigating never wait for the findings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.lazy import Lazy
from textual.widgets import Footer, TabbedContent, TabPane
from textual.worker import get_current_worker

from stakemap.analysis import AnalysisConfig, analyze
from stakemap.analysis.plan import plan
from stakemap.analysis.types import Analysis, Finding
from stakemap.errors import StakemapError
from stakemap.owners import off_team, owned_by
from stakemap.perf import paused_gc
from stakemap.session import DiskCheck, MapSnapshot, SaveState, Session
from stakemap.tui.messages import PersonPicked
from stakemap.tui.screens.account_form import AccountForm
from stakemap.tui.screens.confirm import ConfirmScreen
from stakemap.tui.screens.conflict import ConflictChoice, ConflictScreen
from stakemap.tui.screens.export import ExportScreen
from stakemap.tui.screens.findings import FindingsScreen
from stakemap.tui.screens.link_form import LinkForm
from stakemap.tui.screens.map_conflicts import MapConflicts
from stakemap.tui.screens.person_form import PersonForm
from stakemap.tui.screens.save_as import SaveAsScreen
from stakemap.tui.screens.unsaved import UnsavedChoice, UnsavedScreen
from stakemap.tui.timing import POLL_SECONDS, SAVE_DELAY_S
from stakemap.tui.widgets.conflicts_banner import ConflictsBanner
from stakemap.tui.widgets.consensus_strip import ConsensusStrip
from stakemap.tui.widgets.departments_view import NO_DEPARTMENT, DepartmentsView
from stakemap.tui.widgets.detail_pane import DetailPane
from stakemap.tui.widgets.filter_bar import FilterBar
from stakemap.tui.widgets.findings_panel import FULL_VIEW_KEY, FindingsPanel
from stakemap.tui.widgets.influence_view import InfluenceView
from stakemap.tui.widgets.link_list import LinkList
from stakemap.tui.widgets.network_view import NetworkView
from stakemap.tui.widgets.org_chart import OrgChart
from stakemap.tui.widgets.people_table import PeopleTable
from stakemap.tui.widgets.plan_view import PlanView
from stakemap.tui.widgets.power_grid import PowerGrid
from stakemap.tui.widgets.status_bar import StatusBar

__all__ = ["POLL_SECONDS", "SAVE_DELAY_S", "VIEWS", "MainScreen"]

#: tab id -> (tab label, the widget that takes focus there)
VIEWS: dict[str, tuple[str, str]] = {
    "people": ("1 People", "#table"),
    "org": ("2 Org chart", "#org-chart"),
    "grid": ("3 Power grid", "#power-grid"),
    "departments": ("4 Departments", "#departments-table"),
    "influence": ("5 Influence", "#influence-list"),
    "network": ("6 Network", "#network-view"),
    "plan": ("P Call plan", "#plan-list"),
}


_NEEDS_PERSON = {"edit_person", "delete_person", "add_link", "focus_links", "step", "log_touch"}


class MainScreen(MapConflicts):
    """One open map. ``selected`` is the person every view shows or highlights.

    The time keys (touches, next steps, reviews, changes) are ``MapTimeline``'s,
    the merge conflicts' banner and key ``MapConflicts``'.
    """

    # Textual declares this `ClassVar[...] | None`, which mypy reads as an instance
    # variable, so the (correct) ClassVar here is reported as an override.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [  # type: ignore[misc]
        (0, "-narrow"),
        (110, "-wide"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_person", "Add", tooltip="Add a stakeholder", id="person.add"),
        Binding("e", "edit_person", "Edit", tooltip="Edit the selected person", id="person.edit"),
        Binding(
            "d", "delete_person", "Delete", tooltip="Delete the selected person", id="person.delete"
        ),
        Binding(
            "l", "add_link", "Link", tooltip="Link the selected person to someone", id="link.add"
        ),
        Binding(
            "L",
            "focus_links",
            "Links",
            tooltip="Move to the selected person's links: e edits, x removes, g goes there",
            id="link.focus",
        ),
        Binding(
            "s",
            "step('stance', 1)",
            "Stance +",
            show=False,
            id="person.stance_up",
            tooltip="Step the stance up (toward champion)",
        ),
        Binding(
            "S",
            "step('stance', -1)",
            "Stance -",
            show=False,
            id="person.stance_down",
            tooltip="Step the stance down (toward opponent)",
        ),
        Binding(
            "c",
            "step('coverage', 1)",
            "Coverage +",
            show=False,
            id="person.coverage_up",
            tooltip="Step your coverage up (toward in depth)",
        ),
        Binding(
            "C",
            "step('coverage', -1)",
            "Coverage -",
            show=False,
            id="person.coverage_down",
            tooltip="Step your coverage down (toward none)",
        ),
        Binding(
            "slash", "filter", "Filter", tooltip="Filter the table by any text", id="view.filter"
        ),
        Binding("o", "sort", "Sort", show=False, tooltip="Sort by the next column", id="view.sort"),
        Binding(
            "O",
            "reverse_sort",
            "Reverse",
            show=False,
            tooltip="Reverse the sort order",
            id="view.sort_reverse",
        ),
        Binding(
            "g",
            "group",
            "Group",
            show=False,
            tooltip="Group the table by department",
            id="view.group",
        ),
        Binding(
            "m",
            "my_people",
            "My people",
            show=False,
            tooltip="Only the people you own (you: the account's owner); again shows everyone",
            id="view.my_people",
        ),
        Binding(
            "f",
            "focus_findings",
            "Findings",
            show=False,
            tooltip="Move to the findings panel",
            id="view.findings",
        ),
        Binding(
            FULL_VIEW_KEY,
            "read_findings",
            "All findings",
            show=False,
            tooltip="Every finding in full (message and next step); enter goes to its person",
            id="view.findings_full",
        ),
        Binding("1", "view('people')", "People", show=False, id="view.people"),
        Binding("2", "view('org')", "Org chart", show=False, id="view.org"),
        Binding("3", "view('grid')", "Power grid", show=False, id="view.grid"),
        Binding("4", "view('departments')", "Departments", show=False, id="view.departments"),
        Binding("5", "view('influence')", "Influence", show=False, id="view.influence"),
        Binding(
            "6",
            "view('network')",
            "Network",
            show=False,
            tooltip="The map drawn: people as boxes, links as lines; pan, zoom, focus",
            id="view.network",
        ),
        Binding(
            "P",
            "view('plan')",
            "Call plan",
            show=False,
            tooltip="The next conversations, ranked: who, why, through whom, by when",
            id="view.plan",
        ),
        Binding("ctrl+z", "undo", "Undo", tooltip="Undo the last edit", id="map.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, tooltip="Redo", id="map.redo"),
        Binding(
            "ctrl+s",
            "save",
            "Save",
            show=False,
            tooltip="Save now (or resolve a conflict)",
            id="map.save",
        ),
        Binding(
            "A",
            "edit_account",
            "Account",
            show=False,
            tooltip="Edit the account and initiative",
            id="map.account",
        ),
        Binding(
            "ctrl+o", "open_picker", "Open", show=False, tooltip="Open another map", id="map.open"
        ),
        Binding(
            "ctrl+e",
            "export",
            "Export",
            show=False,
            tooltip="Export the map (markdown, html, csv, graphml…)",
            id="map.export",
        ),
    ]

    def __init__(
        self,
        session: Session,
        *,
        today: date | None = None,
        poll_interval: float | None = POLL_SECONDS,
        save_delay: float | None = SAVE_DELAY_S,
    ) -> None:
        super().__init__()
        self.session = session
        #: seconds between disk checks; ``None``: only when ``poll_disk`` is called.
        self.poll_interval = poll_interval
        #: seconds from an edit to its save; ``None``: saved straight away.
        self.save_delay = save_delay
        # Each edit is saved by ``after_edit``, just after the analysis starts.
        session.autosave = False
        self.today = today
        self.analysis: Analysis | None = None
        self.selected: str | None = None
        #: bumped on every change; an analysis of an older generation is dropped.
        self.generation = 0
        #: the generation the findings on screen belong to (== generation: up to date).
        self.analysed_generation = -1
        self._fresh_views: set[str] = set()
        self._conflict_open = False
        #: the user chose "later": do not ask again until they press ctrl+s.
        self._conflict_deferred = False
        self._last_failure: str | None = None
        #: the map object on screen: another one means the session reloaded the file.
        self._drawn_map = session.map
        #: the user chose to leave without saving: nothing is written on unmount.
        self._discarded = False
        self._asking_to_leave = False
        #: the team's thresholds (``stakemap.config``): the findings here are
        #: the ones ``stakemap analyze`` and the exports give for this map.
        self.config, self.config_problem = _load_config(session.path)

    # --- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield ConflictsBanner(id="merge-banner")
        yield ConsensusStrip(id="consensus")
        with TabbedContent(initial="people", id="views"):
            with TabPane(VIEWS["people"][0], id="people"):
                yield FilterBar(id="filter")
                with Grid(id="people-body"):
                    yield PeopleTable(id="table")
                    yield DetailPane(id="detail")
                    yield FindingsPanel(id="findings")
            # The other views mount right after the first paint (Lazy): the
            # table is on screen sooner, and they are ready before a key is hit.
            with TabPane(VIEWS["org"][0], id="org"):
                yield Lazy(OrgChart(id="org-chart"))
            with TabPane(VIEWS["grid"][0], id="grid"):
                yield Lazy(PowerGrid(id="power-grid"))
            with TabPane(VIEWS["departments"][0], id="departments"):
                yield Lazy(DepartmentsView(id="departments-view"))
            with TabPane(VIEWS["influence"][0], id="influence"):
                yield Lazy(InfluenceView(id="influence-view"))
            with TabPane(VIEWS["network"][0], id="network"):
                yield Lazy(NetworkView(id="network-view"))
            with TabPane(VIEWS["plan"][0], id="plan"):
                yield Lazy(PlanView(id="plan-view"))
        yield Footer()

    def on_mount(self) -> None:
        bar = self.query_one(FilterBar)
        bar.display = False
        bar.cursor_blink = getattr(self.app, "CURSOR_BLINK", True)
        self.redraw(analyse=False)
        # The analysis thread would compete with the first paint for the GIL:
        # show the map first, then analyse it.
        self.call_after_refresh(self.start_analysis)
        self.query_one(PeopleTable).focus()
        if self.poll_interval is not None:
            self.set_interval(self.poll_interval, self.poll_disk)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.announce_steps()
        if self.config_problem:
            self.notify(
                self.config_problem + " Using the default thresholds until it is fixed.",
                title="Config file not used",
                severity="error",
                timeout=15,
                markup=False,
            )

    def _theme_changed(self, _theme: object) -> None:
        """Tree labels carry resolved colours: redraw them in the new theme's."""
        if self.analysis is not None:
            self.query_one(FindingsPanel).show(self.analysis)
        self._fresh_views.discard("org")
        self.refresh_view()

    @property
    def table(self) -> PeopleTable:
        return self.query_one(PeopleTable)

    @property
    def active_view(self) -> str:
        return self.query_one(TabbedContent).active or "people"

    # --- drawing ---------------------------------------------------------------------

    def redraw(self, *, analyse: bool = True) -> None:
        """Show the map as it is now and start analysing it."""
        stakemap = self.session.map
        self._drawn_map = stakemap
        self.generation += 1
        self._fresh_views.clear()
        self.app.sub_title = str(self.session.path)
        self.show_account()
        self.show_save_state()
        self.show_conflicts_banner()
        table = self.table
        table.set_people(stakemap.people)
        if self.selected not in stakemap:
            self.selected = table.cursor_pid
        elif self.selected is not None:
            table.select(self.selected)
        if self.analysis is None:
            self.query_one(ConsensusStrip).show_departments(None, stakemap.departments())
        self.query_one(DetailPane).show(stakemap, self.selected, self.analysis)
        self.refresh_view()
        if analyse:
            self.start_analysis()

    def show_account(self) -> None:
        """The status line: the account, and the owner filter while one is on."""
        stakemap, owner = self.session.map, self.table.owner_filter
        owned = len(owned_by(stakemap.people, owner)) if owner is not None else 0
        self.query_one(StatusBar).show_account(
            stakemap.account, len(stakemap), owner=owner, owned=owned
        )

    def refresh_view(self, view: str | None = None) -> None:
        """Rebuild the active view if the map changed since it was drawn."""
        view = view or self.active_view
        stakemap = self.session.map
        if view == "influence":
            self.query_one(InfluenceView).show_map(stakemap, self.selected)
            return
        if view == "network":  # it keeps its own layout until the map changes
            self.query_one(NetworkView).show_map(stakemap, self.selected)
            return
        if view in self._fresh_views:
            self._select_in_view(view)
            return
        if view == "org":
            self.query_one(OrgChart).show_map(stakemap, self.selected)
        elif view == "grid":
            self.query_one(PowerGrid).show_map(stakemap, self.selected)
        elif view == "departments":
            self.query_one(DepartmentsView).show_map(stakemap, self.analysis, self.selected)
        elif view == "plan":
            self.show_plan()
        self._fresh_views.add(view)

    def show_plan(self) -> None:
        """The call plan of the map on screen, from the analysis already made (the
        plan is drawn again when a newer analysis arrives)."""
        view = self.query_one(PlanView)
        if self.analysis is None:
            view.show_pending("Analysing…")
            return
        today = self.today or date.today()
        view.show(plan(self.session.map, today=today, analysis=self.analysis, config=self.config))

    def _select_in_view(self, view: str) -> None:
        if view == "org":
            self.query_one(OrgChart).select_person(self.selected)
        elif view == "grid":
            self.query_one(PowerGrid).select_person(self.selected)

    def show_save_state(self) -> None:
        session = self.session
        self.query_one(StatusBar).show_saved(session.state, session.error)
        if session.state is SaveState.FAILED and session.error != self._last_failure:
            self.notify(session.error or "", title="Not saved", severity="error", timeout=10)
        self._last_failure = session.error if session.state is SaveState.FAILED else None
        if session.state is SaveState.CONFLICT and not self._conflict_deferred:
            self.resolve_conflict()

    # --- analysis ----------------------------------------------------------------------

    def start_analysis(self) -> None:
        self._analyse(self.generation, self.session.snapshot())

    # A description: without one Textual writes the repr of the arguments, a
    # whole snapshot (0.4 s on the UI thread at 10,000 people).
    @work(
        thread=True, exclusive=True, group="analysis", exit_on_error=False, description="analysis"
    )
    def _analyse(self, generation: int, snapshot: MapSnapshot) -> None:
        worker = get_current_worker()
        try:
            # The collector paused, as the analysis itself does: rebuilding a
            # map allocates thousands of records that would trigger full scans.
            with paused_gc():
                copy = snapshot.build()
            result = analyze(copy, today=self.today, config=self.config)
        except Exception as exc:  # whatever goes wrong, the app stays up and says so
            if not worker.is_cancelled:
                self.app.call_from_thread(self._analysis_failed, generation, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._analysis_ready, generation, result)

    def _analysis_ready(self, generation: int, analysis: Analysis) -> None:
        if generation != self.generation:
            return
        self.analysis = analysis
        self.analysed_generation = generation
        stakemap = self.session.map
        # Thousands of tree nodes at once on a big account: the collector
        # paused, as for the org chart (half the time at 10,000 people).
        with paused_gc():
            self.query_one(FindingsPanel).show(analysis)
            self.query_one(StatusBar).show_health(analysis.health)
            self.query_one(ConsensusStrip).show_departments(
                analysis.departments, stakemap.departments()
            )
            self.query_one(DetailPane).show(stakemap, self.selected, analysis)
        self._fresh_views.discard("departments")
        self._fresh_views.discard("plan")
        if self.active_view in ("departments", "plan"):
            self.refresh_view()

    def _analysis_failed(self, generation: int, reason: str) -> None:
        if generation == self.generation:
            self.query_one(FindingsPanel).show_pending(f"Analysis unavailable: {reason}")

    # --- selection -----------------------------------------------------------------------

    def select(self, pid: str | None, *, show: bool = False) -> None:
        if pid is not None and pid not in self.session.map:
            return
        table = self.table
        if pid is not None and not table.select(pid):
            if table.query_text:
                self.set_filter("")
            if table.owner_filter is not None:
                self.set_owner_filter(None)
            if table.select(pid):
                self.notify("Filter cleared to show the selected person.", timeout=3)
        self._set_selected(pid)
        if show and self.active_view != "people":
            self.query_one(TabbedContent).active = "people"
            table.focus()

    def _set_selected(self, pid: str | None) -> None:
        if pid == self.selected:
            return
        had_selection, self.selected = self.selected is not None, pid
        self.query_one(DetailPane).show(self.session.map, pid, self.analysis)
        view = self.active_view
        if view == "influence":
            self.refresh_view(view)
        elif view == "network":
            self.query_one(NetworkView).select_person(pid)
        if had_selection != (pid is not None):
            # Person keys dim in the footer without a selection; refreshing the
            # bindings recomposes the footer, so only do it when that changes.
            self.refresh_bindings()

    @on(PeopleTable.Highlighted)
    def _table_moved(self, event: PeopleTable.Highlighted) -> None:
        self._set_selected(event.pid)

    @on(PeopleTable.Chosen)
    async def _table_chosen(self, event: PeopleTable.Chosen) -> None:
        self._set_selected(event.pid)
        await self.action_edit_person()

    @on(PersonPicked)
    def _picked(self, event: PersonPicked) -> None:
        event.stop()
        self.select(event.pid, show=event.open_detail)

    @on(LinkList.FollowRequested)
    def _follow(self, event: LinkList.FollowRequested) -> None:
        self.select(event.person_id)
        self.table.focus()

    @on(FindingsPanel.Jump)
    def _jump(self, event: FindingsPanel.Jump) -> None:
        self.jump_to(event.finding)

    def jump_to(self, finding: Finding) -> None:
        """A finding about people selects the first one; one about a department opens it."""
        for subject in finding.subjects:
            if subject.id in self.session.map:
                self.select(subject.id, show=True)
                self.table.focus()
                return
        if finding.department is not None:
            self.action_view("departments")
            self.query_one(DepartmentsView).select_department(finding.department or NO_DEPARTMENT)

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_view(event.pane.id)

    # --- filter / sort / group -----------------------------------------------------------

    def action_filter(self) -> None:
        self.action_view("people")
        bar = self.query_one(FilterBar)
        bar.display = True
        bar.focus()

    def set_filter(self, text: str) -> None:
        bar = self.query_one(FilterBar)
        bar.value = text
        self.table.set_query(text)
        bar.display = bool(text) or bar.has_focus

    @on(FilterBar.Changed)
    def _filter_typed(self, event: FilterBar.Changed) -> None:
        self.table.set_query(event.value)

    @on(FilterBar.Done)
    def _filter_done(self, event: FilterBar.Done) -> None:
        bar = self.query_one(FilterBar)
        if event.cleared or not bar.value:
            bar.display = False
        self.table.focus()

    def action_my_people(self) -> None:
        """Toggle "my people": the account's owner is "me" (a map is one rep's copy)."""
        if self.table.owner_filter is not None:
            self.set_owner_filter(None)
            return
        me = self.session.map.account.owner
        if not me.strip():
            self.notify(
                "Put your name in the account's owner (A) to see your people, or pick a "
                "teammate in the palette: view: people owned by…",
                severity="warning",
                timeout=6,
            )
            return
        self.set_owner_filter(me)

    def set_owner_filter(self, owner: str | None) -> None:
        """Show only ``owner``'s people (``owners.NOBODY``: the unowned); ``None``: everyone."""
        self.action_view("people")
        self.table.set_owner(owner)
        self.show_account()
        self._set_selected(self.table.cursor_pid)

    def action_sort(self) -> None:
        self.action_view("people")
        key = self.table.next_sort()
        self.notify(f"Sorted by {key}", timeout=2)

    def action_reverse_sort(self) -> None:
        self.action_view("people")
        self.table.sort_by(self.table.sort_key)

    def action_group(self) -> None:
        self.action_view("people")
        self.table.set_grouped(not self.table.grouped)

    def action_focus_findings(self) -> None:
        self.action_view("people")
        self.query_one(FindingsPanel).findings_tree.focus()

    def action_read_findings(self) -> None:
        """Every finding whole, over the map; the one chosen is jumped to as in the panel."""
        if self.analysis is None:
            self.notify("The findings are still being worked out: try again in a moment.")
            return

        def chosen(finding: Finding | None) -> None:
            if finding is not None:
                self.action_view("people")
                self.jump_to(finding)

        self.app.push_screen(FindingsScreen(self.analysis.findings), chosen)

    def action_view(self, view: str) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active != view:
            tabs.active = view
            self.refresh_view(view)
        if view == "grid":
            self.query_one(PowerGrid).focus_selected()
        else:
            self.query_one(VIEWS[view][1]).focus()

    # --- editing -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NEEDS_PERSON and self.selected is None:
            return None  # shown dimmed in the footer
        return True

    # The actions that open a form await it: keys typed right after the one that
    # opened it wait until its first field has the focus (``tui.typeahead``).

    async def action_add_person(self) -> None:
        stakemap = self.session.map
        defaults = {}
        if self.selected is not None and self.table.grouped:
            defaults["department"] = stakemap.person(self.selected).department
        await self.app.push_screen(
            PersonForm(
                lambda fields, _keep: self.session.add_person(fields),
                departments=stakemap.departments(),
                defaults=defaults,
                team=stakemap.account.team,
            ),
            self._edited,
        )

    async def action_edit_person(self) -> None:
        pid = self.selected
        if pid is None:
            return
        person = self.session.map.person(pid)
        await self.app.push_screen(
            PersonForm(
                lambda fields, keep: self.session.update_person(
                    pid, fields, base=person, keep=keep
                ),
                person=person,
                departments=self.session.map.departments(),
                team=self.session.map.account.team,
            ),
            self._edited,
        )

    def _edited(self, person: Any) -> None:
        if person is not None:
            self.selected = person.id
            account = self.session.map.account
            problem = off_team(account, person.owner)
            if problem is not None:
                self.notify(
                    f"{problem}; add them in the account form (A).", severity="warning", timeout=6
                )
        self.after_form(person is not None)

    def after_form(self, saved: bool) -> None:
        """Redraw after a form; the session may have taken in an outside change first."""
        reloaded = self.session.map is not self._drawn_map
        if reloaded:
            self.analysis = None
            self.notify(
                f"{self.session.path.name} had changed on disk; "
                + ("your edit was saved on top of it." if saved else "showing the new version."),
                title="Reloaded",
                timeout=4,
            )
        if saved:
            self.after_edit(self.selected)
        elif reloaded:
            self.redraw()

    def action_delete_person(self) -> None:
        pid = self.selected
        if pid is None:
            return
        person = self.session.map.person(pid)
        count = len(self.session.map.links_of(pid))
        links = f"{count} link{'s' if count != 1 else ''} go{'es' if count == 1 else ''} too"
        detail = f"{links if count else 'They have no links'}. ctrl+z undoes it."

        def answered(yes: bool | None) -> None:
            if yes:
                self.edit(lambda: self.session.remove_person(pid), f"Deleted {person.name}")

        self.app.push_screen(
            ConfirmScreen(f"Delete {person.name}?", detail, yes="Delete"), answered
        )

    async def action_add_link(self) -> None:
        pid = self.selected
        if pid is None:
            return
        if len(self.session.map) < 2:
            self.notify("Add a second person first: a link joins two people.", severity="warning")
            return

        def done(link: Any) -> None:
            if link is not None:
                self.notify(f"Linked: {self.session.describe_link(link)}", timeout=3)
                self.after_edit(pid)

        await self.app.push_screen(LinkForm(self.session.map, pid, self.session.add_link), done)

    @on(LinkList.EditRequested)
    async def _edit_link(self, event: LinkList.EditRequested) -> None:
        pid, lid = self.selected, event.link_id
        if pid is None:
            return

        def done(link: Any) -> None:
            if link is not None:
                self.notify(f"Changed: {self.session.describe_link(link)}", timeout=3)
            self.after_form(link is not None)

        await self.app.push_screen(LinkForm.editing_link(self.session, pid, lid), done)

    @on(LinkList.RemoveRequested)
    def _remove_link(self, event: LinkList.RemoveRequested) -> None:
        description = self.session.describe_link(self.session.map.link(event.link_id))
        self.edit(lambda: self.session.remove_link(event.link_id), f"Removed: {description}")
        self.query_one(LinkList).focus()

    def action_step(self, field: str, delta: int) -> None:
        pid = self.selected
        if pid is not None:
            self.edit(lambda: self.session.step(pid, field, delta))

    async def action_edit_account(self) -> None:
        def done(account: Any) -> None:
            self.after_form(account is not None)

        base = self.session.map.account
        await self.app.push_screen(
            AccountForm(
                base, lambda fields, keep: self.session.update_account(fields, base=base, keep=keep)
            ),
            done,
        )

    def action_undo(self) -> None:
        self._replay(self.session.undo, "Undone", "Nothing to undo.")

    def action_redo(self) -> None:
        self._replay(self.session.redo, "Redone", "Nothing to redo.")

    def _replay(self, step: Any, verb: str, nothing: str) -> None:
        try:
            edit = step()
        except StakemapError as exc:
            self.notify(str(exc), title=f"{verb} failed", severity="error")
            return
        if edit is None:
            self.notify(nothing, timeout=2)
            return
        self.notify(f"{verb}: {edit.label}", timeout=3)
        self.after_edit(edit.focus if edit.focus in self.session.map else self.selected)

    def edit(self, change: Any, message: str | None = None) -> None:
        """Run one session edit; a refused edit is one notification, nothing changes."""
        try:
            change()
        except StakemapError as exc:
            self.notify(str(exc), title="Not changed", severity="error")
            return
        if message:
            self.notify(message, timeout=3)
        self.after_edit(self.selected)

    def after_edit(self, focus: str | None) -> None:
        """Redraw after an edit, then save it.

        The save waits a few milliseconds, until the analysis worker this
        redraw starts is running: the file is then written while the findings
        are computed (the fsync releases the GIL) instead of before. Leaving
        the screen saves anything still pending.
        """
        if focus is not None and focus in self.session.map:
            self.selected = focus
        self.redraw()
        if self.selected is not None:
            self.table.select(self.selected)
        if self.save_delay is None:
            self.save_pending()
        else:
            # After the frame that shows the edit too: a big map's save takes a
            # fifth of a second, and the key's effect must not wait for it.
            self.set_timer(self.save_delay, lambda: self.call_after_refresh(self.save_pending))

    def save_pending(self) -> None:
        # A failed save is retried after each edit; a conflict waits for the user.
        if self.session.state in (SaveState.UNSAVED, SaveState.FAILED):
            self.session.save()
        self.show_save_state()

    def on_unmount(self) -> None:
        # Opening another map right after an edit: write it first.
        if not self._discarded and self.session.state in (SaveState.UNSAVED, SaveState.FAILED):
            self.session.save()

    def leave(self, then: Callable[[], object], *, intent: str = "quit") -> None:
        """Run ``then`` (quit, open another map) unless it would drop unsaved edits.

        A pending save is written first. If the map is still not on disk (the
        save failed, or a conflict is open), the user chooses: save as, retry
        or discard; only discard lets the edits go, and "stay" cancels.
        """
        session = self.session
        if session.state in (SaveState.UNSAVED, SaveState.FAILED):
            session.save()
            self.query_one(StatusBar).show_saved(session.state, session.error)
        if not session.dirty or self._discarded:
            then()
            return
        if self._asking_to_leave:
            return
        self._asking_to_leave = True

        def again() -> None:
            self.leave(then, intent=intent)

        def saved_as(path: Path | None) -> None:
            if path is None:
                again()
                return
            try:
                session.save_as(path)
            except StakemapError as exc:
                self.notify(str(exc), title="Not saved", severity="error")
                again()
                return
            then()

        def chosen(choice: UnsavedChoice | None) -> None:
            self._asking_to_leave = False
            if choice is UnsavedChoice.DISCARD:
                self._discarded = True
                then()
            elif choice is UnsavedChoice.RETRY:
                if session.save() is SaveState.SAVED:
                    then()
                    return
                self.query_one(StatusBar).show_saved(session.state, session.error)
                self.notify(session.error or "", title="Still not saved", severity="error")
                again()
            elif choice is UnsavedChoice.SAVE_AS:
                folder = session.path.parent if session.path.parent.is_dir() else Path.cwd()
                suggestion = folder / f"{session.path.stem}-unsaved{session.path.suffix}"
                self.app.push_screen(SaveAsScreen(suggestion), saved_as)

        self.app.push_screen(UnsavedScreen(str(session.path), session.error, intent=intent), chosen)

    # --- saving and conflicts --------------------------------------------------------------

    def action_save(self) -> None:
        if self.session.state is SaveState.CONFLICT:
            self._conflict_deferred = False
            self.resolve_conflict()
            return
        state = self.session.save()
        self.show_save_state()
        if state is SaveState.SAVED:
            self.notify(f"Saved {self.session.path}", timeout=2)

    def poll_disk(self) -> None:
        try:
            check = self.session.poll()
        except StakemapError as exc:
            self.notify(str(exc), severity="error")
            return
        if check is DiskCheck.RELOADED:
            self.notify(
                f"{self.session.path.name} changed on disk; showing the new version.",
                title="Reloaded",
                timeout=4,
            )
            self.analysis = None
            self.redraw()
        elif check is DiskCheck.CONFLICT:
            self.show_save_state()

    def resolve_conflict(self) -> None:
        if self._conflict_open:
            return
        self._conflict_open = True
        self.app.push_screen(
            ConflictScreen(str(self.session.path), self.session.error), self._conflict_chosen
        )

    def _conflict_chosen(self, choice: ConflictChoice | None) -> None:
        self._conflict_open = False
        self._conflict_deferred = choice is ConflictChoice.LATER
        session = self.session
        if choice is ConflictChoice.RELOAD:
            try:
                session.reload()
            except StakemapError as exc:
                self.notify(str(exc), title="Cannot reload", severity="error")
                return
            self.notify("Reloaded the file; your unsaved edits were dropped.", timeout=4)
            self.analysis = None
            self.redraw()
        elif choice is ConflictChoice.KEEP_MINE:
            if session.save(force=True) is SaveState.SAVED:
                self.notify(f"Saved your version over {session.path.name}.", timeout=4)
            self.show_save_state()
        elif choice is ConflictChoice.SAVE_AS:
            suggestion = session.path.with_name(f"{session.path.stem}-mine{session.path.suffix}")
            self.app.push_screen(SaveAsScreen(suggestion), self._saved_as)
        else:
            self.query_one(StatusBar).show_saved(session.state, session.error)

    def _saved_as(self, path: Path | None) -> None:
        if path is None:
            self.query_one(StatusBar).show_saved(self.session.state, self.session.error)
            return
        try:
            self.session.save_as(path)
        except StakemapError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            self.resolve_conflict()
            return
        self.notify(f"Saved as {path}; editing continues there.", timeout=5)
        self.redraw()

    def action_export(self, fmt: str = "markdown") -> None:
        def done(paths: list[Path] | None) -> None:
            if paths:
                written = ", ".join(str(p) for p in paths)
                self.notify(f"Exported {written}", title="Export", timeout=6)

        self.app.push_screen(
            ExportScreen(
                self.session,
                fmt=fmt,
                analysis=self.analysis,
                today=self.today,
                config=self.config,
            ),
            done,
        )

    def action_open_picker(self) -> None:
        self.app.action_open_picker()  # type: ignore[attr-defined]

    # --- helpers for the command palette (``stakemap.tui.commands``) -------------------

    def sort_by_column(self, key: str) -> None:
        self.action_view("people")
        self.table.sort_by(key)

    def focus_table(self) -> None:
        self.table.focus()

    def focus_links(self) -> None:
        self.action_view("people")
        self.query_one(LinkList).focus()

    def action_focus_links(self) -> None:
        self.focus_links()

    def reload_from_disk(self) -> None:
        self._conflict_chosen(ConflictChoice.RELOAD)


def _load_config(path: Path) -> tuple[AnalysisConfig, str | None]:
    """The settings for the map at ``path``; a broken file gives the defaults and its sentence.

    The app stays open on a bad config file (the CLI refuses to run): the
    rep still sees the map, and the notification says why the thresholds
    are the defaults.
    """
    from stakemap.config import ConfigError, load_settings  # noqa: PLC0415

    try:
        return load_settings(path).analysis, None
    except ConfigError as exc:
        return AnalysisConfig(), str(exc)
