"""The org chart: ``reports_to`` as a tree, dotted lines marked, the unmanaged at the roots."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from stakemap.model import StakeMap
from stakemap.tui.format import stance, to_rich
from stakemap.tui.messages import PersonPicked
from stakemap.tui.viewmodel import org_forest
from stakemap.vocab import LINK_WORDS, LinkKind

__all__ = ["OrgChart"]


class OrgChart(Tree[str]):
    """One node per person (data = id); a dotted-line report also appears, marked ┄,
    under their dotted-line manager."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Organisation", id=id)
        self.show_root = False
        self.guide_depth = 3
        self._person_nodes: dict[str, TreeNode[str]] = {}

    def show_map(self, stakemap: StakeMap, selected: str | None) -> None:
        forest = org_forest(stakemap)
        self.clear()
        self._person_nodes = {}

        def label(pid: str, *, dotted: bool = False) -> Text:
            person = stakemap.person(pid)
            managers = forest.dotted.get(pid, ())
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

        dotted_reports: dict[str, list[str]] = {}
        for pid, managers in forest.dotted.items():
            for manager in managers:
                dotted_reports.setdefault(manager, []).append(pid)

        def add(parent: TreeNode[str], pid: str) -> None:
            children = forest.reports.get(pid, ())
            extra = dotted_reports.get(pid, [])
            if children or extra:
                node = parent.add(label(pid), data=pid, expand=True)
                for child in children:
                    add(node, child)
                for report in sorted(extra, key=lambda r: stakemap.person(r).name.casefold()):
                    node.add_leaf(label(report, dotted=True), data=report)
            else:
                node = parent.add_leaf(label(pid), data=pid)
            self._person_nodes[pid] = node

        for root in forest.roots:
            add(self.root, root)
        self.select_person(selected)

    def select_person(self, pid: str | None) -> None:
        node = self._person_nodes.get(pid or "")
        if node is not None and self.cursor_node is not node:
            self.move_cursor(node)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()
        # Only the user's own moves change the selection, not a rebuild's.
        if event.node.data and self.has_focus:
            self.post_message(PersonPicked(event.node.data))

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data:
            self.post_message(PersonPicked(event.node.data, open_detail=True))
