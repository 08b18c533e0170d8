"""The analysis findings, grouped by severity; choosing one jumps to who it is about."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static, Tree

from stakemap.analysis.types import Analysis, Finding, Severity
from stakemap.tui.format import SEVERITY_STYLE, shown, to_rich

__all__ = ["FindingsPanel"]

FindingNode = Finding | Severity


class FindingsTree(Tree[FindingNode]):
    """A tree with one branch per severity and one leaf per finding."""


class FindingsPanel(Vertical):
    class Jump(Message):
        """The user chose a finding: show its person, or its department."""

        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def compose(self) -> ComposeResult:
        tree = FindingsTree("Findings", id="findings-tree")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree
        yield Static(id="finding-detail")

    def on_mount(self) -> None:
        self.show_pending("Analysing…")

    @property
    def findings_tree(self) -> FindingsTree:
        # Not ``tree``: that is Textual's DOM-debugging property on every widget.
        return self.query_one(FindingsTree)

    def show_pending(self, text: str) -> None:
        tree = self.findings_tree
        tree.clear()
        tree.root.add_leaf(to_rich(Content.styled(text, "$text-muted"), self.app))
        self.query_one("#finding-detail", Static).update("")

    def show(self, analysis: Analysis) -> None:
        tree = self.findings_tree
        cursor = tree.cursor_node.data if tree.cursor_node is not None else None
        collapsed = {node.data for node in tree.root.children if not node.is_expanded and node.data}
        tree.clear()
        if not analysis.findings:
            tree.root.add_leaf(
                to_rich(
                    Content.styled(
                        "No findings: nothing obvious kills this deal.", "$text-success"
                    ),
                    self.app,
                )
            )
            self.query_one("#finding-detail", Static).update("")
            return
        by_severity: dict[Severity, list[Finding]] = {s: [] for s in Severity}
        for finding in analysis.findings:
            by_severity[finding.severity].append(finding)
        restore = None
        for severity, findings in by_severity.items():
            if not findings:
                continue
            branch = tree.root.add(
                to_rich(
                    Content.assemble(
                        (severity.value.capitalize(), SEVERITY_STYLE[severity]),
                        (f" ({len(findings)})", "$text-muted"),
                    ),
                    self.app,
                ),
                data=severity,
                expand=severity not in collapsed,
            )
            for finding in findings:
                leaf = branch.add_leaf(
                    to_rich(
                        Content.assemble((f"{finding.rule}: ", "$text-muted"), finding.message),
                        self.app,
                    ),
                    data=finding,
                )
                if finding == cursor:
                    restore = leaf
        if restore is not None:
            tree.move_cursor(restore)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[FindingNode]) -> None:
        event.stop()
        detail = self.query_one("#finding-detail", Static)
        data = event.node.data
        if isinstance(data, Finding):
            detail.update(
                Content.assemble(
                    (shown(data.message), SEVERITY_STYLE[data.severity]),
                    "\n",
                    ("→ ", "$text-muted"),
                    shown(data.suggestion),
                )
            )
        else:
            detail.update("")

    def on_tree_node_selected(self, event: Tree.NodeSelected[FindingNode]) -> None:
        event.stop()
        if isinstance(event.node.data, Finding):
            self.post_message(self.Jump(event.node.data))
