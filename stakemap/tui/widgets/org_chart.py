"""The org chart: ``reports_to`` as a tree, dotted lines marked, the unmanaged at the roots.

Built lazily: a 10,000-person chart as one tree of expanded nodes took two
seconds to open (every label made, every line measured). The chart builds
the top of each tree, breadth first, up to ``EAGER_NODES`` people; a branch
below that is built when it is expanded, and the branches down to the
selected person when they are selected. A small map is built whole, as before.
Each node holds its label as plain text (what its width and tests read); the
styled label is made when the line is drawn, so only the lines on screen pay
for their colours.
"""

from __future__ import annotations

from collections import deque
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.widgets import Tree
from textual.widgets._tree import TOGGLE_STYLE
from textual.widgets.tree import TreeNode

from stakemap.model import StakeMap
from stakemap.perf import paused_gc
from stakemap.tui.format import stance, to_rich
from stakemap.tui.messages import PersonPicked
from stakemap.tui.viewmodel import OrgForest, org_forest
from stakemap.vocab import LINK_WORDS, LinkKind

__all__ = ["OrgChart"]


class OrgChart(Tree[str]):
    """One node per person (data = id); a dotted-line report also appears, marked ┄,
    under their dotted-line manager."""

    #: People built (and expanded) when the chart is drawn; the rest on demand.
    EAGER_NODES: ClassVar[int] = 400

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Organisation", id=id)
        self.show_root = False
        self.guide_depth = 3
        self._person_nodes: dict[str, TreeNode[str]] = {}
        self._map: StakeMap | None = None
        self._forest = OrgForest((), {}, {})
        self._dotted_reports: dict[str, list[str]] = {}
        self._manager: dict[str, str] = {}
        #: ids of the nodes whose children are not built yet
        self._unbuilt: set[int] = set()
        #: ids of the nodes that show a dotted-line report
        self._dotted_nodes: set[int] = set()
        #: node id -> its label in colour, made when it is first drawn
        self._styled: dict[int, Text] = {}

    @property
    def built_people(self) -> int:
        """How many people have a node so far (tests: the chart is built lazily)."""
        return len(self._person_nodes)

    def show_map(self, stakemap: StakeMap, selected: str | None) -> None:
        # Thousands of nodes and labels, none cyclic: no full collections meanwhile.
        with paused_gc():
            self._show_map(stakemap, selected)

    def _show_map(self, stakemap: StakeMap, selected: str | None) -> None:
        forest = org_forest(stakemap)
        self.clear()
        self._styled = {}
        self._dotted_nodes = set()
        self._map, self._forest = stakemap, forest
        self._person_nodes = {}
        self._unbuilt = set()
        self._manager = {
            report: manager for manager, reports in forest.reports.items() for report in reports
        }
        self._dotted_reports = {}
        for pid, managers in forest.dotted.items():
            for manager in managers:
                self._dotted_reports.setdefault(manager, []).append(pid)
        for reports in self._dotted_reports.values():
            reports.sort(key=lambda r: stakemap.person(r).name.casefold())

        queue = deque(self._add(self.root, root) for root in forest.roots)
        while queue:
            node = queue.popleft()
            pid = node.data or ""
            count = len(forest.reports.get(pid, ())) + len(self._dotted_reports.get(pid, ()))
            if node.id in self._unbuilt and len(self._person_nodes) + count <= self.EAGER_NODES:
                queue.extend(self._build_reports(node))
                node.expand()
        self.select_person(selected)

    def _parts(self, pid: str, dotted: bool) -> Content:
        """The label of ``pid``'s node (``dotted``: as a dotted-line report)."""
        assert self._map is not None
        stakemap = self._map
        person = stakemap.person(pid)
        managers = self._forest.dotted.get(pid, ())
        extra = ""
        if managers and not dotted:
            extra = f"  ┄ {LINK_WORDS[LinkKind.DOTTED_LINE].label} " + ", ".join(
                stakemap.person(m).name for m in managers
            )
        where = " · ".join(x for x in (person.title, person.department) if x)
        return Content.assemble(
            ("┄ " if dotted else "", "$text-muted"),
            (person.name, "italic" if dotted else "bold"),
            (f"  {where}" if where else "", "$text-muted"),
            "  ",
            stance(person.stance),
            (extra, "$text-accent"),
        )

    def _label(self, pid: str, *, dotted: bool = False) -> Text:
        """The node's label as plain text: cheap; ``render_label`` colours it."""
        return Text(self._parts(pid, dotted).plain)

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        styled = self._styled.get(node.id)
        pid, stakemap = node.data, self._map
        if styled is None and pid is not None and stakemap is not None and pid in stakemap:
            dotted = node.id in self._dotted_nodes
            styled = to_rich(self._parts(pid, dotted), self.app)
            self._styled[node.id] = styled
        if styled is None:
            return super().render_label(node, base_style, style)
        label = styled.copy()
        label.stylize(style)
        prefix = ("", base_style)
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
            prefix = (icon, base_style + TOGGLE_STYLE)
        return Text.assemble(prefix, label)

    def get_label_width(self, node: TreeNode[str]) -> int:
        # The plain label has the styled one's width: no styling to measure it.
        icon = cell_len(self.ICON_NODE) if node.allow_expand else 0
        label = node.label
        return icon + (label.cell_len if isinstance(label, Text) else cell_len(label))

    def _add(self, parent: TreeNode[str], pid: str) -> TreeNode[str]:
        """``pid``'s node under ``parent``; its own reports wait until it is built."""
        if self._forest.reports.get(pid) or self._dotted_reports.get(pid):
            node = parent.add(self._label(pid), data=pid, expand=False, allow_expand=True)
            self._unbuilt.add(node.id)
        else:
            node = parent.add_leaf(self._label(pid), data=pid)
        self._person_nodes[pid] = node
        return node

    def _build_reports(self, node: TreeNode[str]) -> list[TreeNode[str]]:
        """Add the reports of ``node``'s person (once); returns their nodes."""
        if node.id not in self._unbuilt or node.data is None:
            return []
        self._unbuilt.discard(node.id)
        children = [self._add(node, child) for child in self._forest.reports.get(node.data, ())]
        for report in self._dotted_reports.get(node.data, ()):
            leaf = node.add_leaf(self._label(report, dotted=True), data=report)
            self._dotted_nodes.add(leaf.id)
        return children

    def _node_for(self, pid: str) -> TreeNode[str] | None:
        """``pid``'s node, building the branches from its nearest built manager down."""
        chain: list[str] = []  # pid, their manager… up to the first one with a node
        current = pid
        while current not in self._person_nodes:
            chain.append(current)
            manager = self._manager.get(current)
            if manager is None or len(chain) > len(self._manager) + 1:
                return None  # not in the chart, or a cycle the model refuses anyway
            current = manager
        node: TreeNode[str] | None = self._person_nodes[current]
        for person in reversed(chain):
            assert node is not None
            self._build_reports(node)
            node.expand()
            node = self._person_nodes.get(person)
            if node is None:
                return None
        return node

    def select_person(self, pid: str | None) -> None:
        node = self._person_nodes.get(pid or "") or (self._node_for(pid) if pid else None)
        if node is None:
            return
        parent = node.parent
        while parent is not None and parent is not self.root:
            parent.expand()
            parent = parent.parent
        if self.cursor_node is not node:
            self.move_cursor(node)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        event.stop()
        self._build_reports(event.node)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()
        # Only the user's own moves change the selection, not a rebuild's.
        if event.node.data and self.has_focus:
            self.post_message(PersonPicked(event.node.data))

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data:
            self.post_message(PersonPicked(event.node.data, open_detail=True))
