"""The analysis findings, grouped by severity; choosing one jumps to who it is about.

The tree shows one line per finding (cut at the panel's width); the strip
under it shows the highlighted finding whole: its message and its next step,
wrapped, in the analysis' own words. While the panel has focus it takes more
of the screen (``-reading-findings`` on its parent, styled in main.tcss), so
at 80x24 a finding is read without the palette or the full view (``F``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Self

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from stakemap.analysis.types import Analysis, Finding, Severity
from stakemap.text import terminal_text
from stakemap.tui.format import SEVERITY_STYLE, shown, to_rich

__all__ = [
    "FULL_VIEW_KEY",
    "NO_FINDINGS",
    "FindingsPanel",
    "by_severity",
    "finding_detail",
    "severity_heading",
]

FindingNode = Finding | Severity

NO_FINDINGS = "No findings: nothing obvious kills this deal."
#: The map screen's key for every finding in full (``view.findings_full``); the
#: panel's title names it, with the user's keymap applied.
FULL_VIEW_KEY = "F"


def by_severity(findings: Iterable[Finding]) -> dict[Severity, list[Finding]]:
    """The findings per severity, most severe first, each in the analysis' order:
    the panel and the full view list them alike."""
    groups: dict[Severity, list[Finding]] = {s: [] for s in Severity}
    for finding in findings:
        groups[finding.severity].append(finding)
    return groups


def severity_heading(severity: Severity, count: int) -> Content:
    """ "High (5)"."""
    return Content.assemble(
        (severity.value.capitalize(), SEVERITY_STYLE[severity]),
        (f" ({count})", "$text-muted"),
    )


def finding_detail(finding: Finding) -> Content:
    """The whole finding, as the analysis words it: the message, then "→ next step"."""
    return Content.assemble(
        (shown(finding.message), SEVERITY_STYLE[finding.severity]),
        "\n",
        ("→ ", "$text-muted"),
        shown(finding.suggestion),
    )


class FindingsTree(Tree[FindingNode]):
    """A tree with one branch per severity and one leaf per finding.

    A big account has thousands of findings and the panel shows a dozen: each
    leaf holds its line as plain text (cheap to build and to measure) and is
    coloured when it is first drawn, as the org chart does.
    """

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(label, id=id)
        self._styled: dict[int, Text] = {}

    def clear(self) -> Self:
        self._styled.clear()
        return super().clear()

    def add_finding(self, branch: TreeNode[FindingNode], finding: Finding) -> TreeNode[FindingNode]:
        plain = Text(terminal_text(f"{finding.rule}: {finding.message}"), end="")
        return branch.add_leaf(plain, data=finding)

    def get_label_width(self, node: TreeNode[FindingNode]) -> int:
        # The plain line has the coloured one's width: no need to colour it to measure.
        label = node.label
        if isinstance(node.data, Finding) and isinstance(label, Text):
            return label.cell_len
        return super().get_label_width(node)

    def render_label(self, node: TreeNode[FindingNode], base_style: Style, style: Style) -> Text:
        finding = node.data
        if not isinstance(finding, Finding):
            return super().render_label(node, base_style, style)
        styled = self._styled.get(node.id)
        if styled is None:
            line = Content.assemble((f"{finding.rule}: ", "$text-muted"), finding.message)
            styled = self._styled[node.id] = to_rich(line, self.app)
        label = styled.copy()
        label.stylize(style)
        return label


class FindingsPanel(Vertical):
    #: the finding the strip shows (set on each highlight); ``None``: a heading or nothing.
    _detail_of: Finding | None = None

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
        overrides: dict[str, str] = getattr(self.app, "keymap_overrides", {})
        key = overrides.get("view.findings_full", FULL_VIEW_KEY).split(",")[0]
        shown_key = self.app.get_key_display(Binding(key, "read_findings"))
        self.border_title = Content.assemble(
            (shown_key, "bold $text-accent"), (" every finding in full", "$text-muted")
        )

    @property
    def findings_tree(self) -> FindingsTree:
        # Not ``tree``: that is Textual's DOM-debugging property on every widget.
        return self.query_one(FindingsTree)

    def show_pending(self, text: str) -> None:
        tree = self.findings_tree
        tree.clear()
        tree.root.add_leaf(to_rich(Content.styled(text, "$text-muted"), self.app))
        self._show_detail(None)

    def show(self, analysis: Analysis) -> None:
        tree = self.findings_tree
        cursor = tree.cursor_node.data if tree.cursor_node is not None else None
        collapsed = {node.data for node in tree.root.children if not node.is_expanded and node.data}
        tree.clear()
        if not analysis.findings:
            tree.root.add_leaf(to_rich(Content.styled(NO_FINDINGS, "$text-success"), self.app))
            self._show_detail(None)
            return
        restore = None
        for severity, findings in by_severity(analysis.findings).items():
            if not findings:
                continue
            branch = tree.root.add(
                to_rich(severity_heading(severity, len(findings)), self.app),
                data=severity,
                expand=severity not in collapsed,
            )
            for finding in findings:
                leaf = tree.add_finding(branch, finding)
                if finding == cursor:
                    restore = leaf
        # The strip follows the cursor; a finding that is gone takes its text along.
        self._show_detail(restore.data if restore is not None else None)
        if restore is not None:
            tree.move_cursor(restore)

    @property
    def shown_finding(self) -> Finding | None:
        """The finding the strip shows (the highlighted one), if any."""
        return self._detail_of

    def _show_detail(self, data: FindingNode | None) -> None:
        detail = self.query_one("#finding-detail", Static)
        self._detail_of = data if isinstance(data, Finding) else None
        if self._detail_of is not None:
            detail.update(finding_detail(self._detail_of))
        else:
            detail.update("")
        # Empty, the strip takes no line from the tree (main.tcss).
        detail.set_class(self._detail_of is None, "-empty")

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[FindingNode]) -> None:
        event.stop()
        self._show_detail(event.node.data)

    def _reading(self, reading: bool) -> None:
        if self.parent is not None:
            self.parent.set_class(reading, "-reading-findings")

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        self._reading(True)

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        self._reading(False)

    def on_tree_node_selected(self, event: Tree.NodeSelected[FindingNode]) -> None:
        event.stop()
        if isinstance(event.node.data, Finding):
            self.post_message(self.Jump(event.node.data))
