"""The org chart: ``reports_to`` as a tree, dotted lines marked, the unmanaged at the roots.

Built lazily: a 10,000-person chart as one tree of expanded nodes took two
seconds to open (every label made, every line measured). The chart builds
the top of each tree, breadth first, up to ``EAGER_NODES`` people; a branch
below that is built when it is expanded, and the branches down to the
selected person when they are selected. A small map is built whole, as before.
"""

from __future__ import annotations

from collections import deque
from typing import ClassVar

from rich.text import Text
from textual.content import Content
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from stakemap.model import StakeMap
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

    @property
    def built_people(self) -> int:
        """How many people have a node so far (tests: the chart is built lazily)."""
        return len(self._person_nodes)

    def show_map(self, stakemap: StakeMap, selected: str | None) -> None:
        forest = org_forest(stakemap)
        self.clear()
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
        while queue and len(self._person_nodes) < self.EAGER_NODES:
            node = queue.popleft()
            if node.id in self._unbuilt:
                queue.extend(self._build_reports(node))
                node.expand()
        self.select_person(selected)

    def _label(self, pid: str, *, dotted: bool = False) -> Text:
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
        return to_rich(
            Content.assemble(
                ("┄ " if dotted else "", "$text-muted"),
                (person.name, "italic" if dotted else "bold"),
                (f"  {where}" if where else "", "$text-muted"),
                "  ",
                stance(person.stance),
                (extra, "$text-accent"),
            ),
            self.app,
        )

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
            node.add_leaf(self._label(report, dotted=True), data=report)
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
