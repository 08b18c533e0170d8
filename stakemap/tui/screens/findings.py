"""Every finding in full: the whole message and next step of each, wrapped.

Opened over the map (``F``) when the panel's one line per finding is not
enough: at 80x24 the panel shows one finding whole at a time, this screen all
of them, in the panel's order (by severity, then as the analysis lists them).
The words are the analysis' own (``findings_panel.finding_detail``). Enter
returns the finding, and the map jumps to it as the panel's Enter does.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from stakemap.analysis.types import Finding
from stakemap.tui.format import SEVERITY_STYLE
from stakemap.tui.widgets.findings_panel import (
    NO_FINDINGS,
    by_severity,
    finding_detail,
    severity_heading,
)

__all__ = ["FindingList", "FindingsScreen"]


class FindingList(OptionList):
    """Option ids are positions in the screen's ``findings``; headings are disabled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select",
            "Go to",
            tooltip="Close and select the finding's person (or department) on the map",
            id="findings.go",
        ),
    ]


def _option(index: int, finding: Finding) -> Option:
    prompt = Content.assemble(
        (finding.rule, f"{SEVERITY_STYLE[finding.severity]} underline"),
        "\n",
        finding_detail(finding),
    )
    return Option(prompt, id=str(index))


class FindingsScreen(Screen[Finding | None]):
    """Returns the finding to jump to, or ``None`` (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,F", "back", "Back", tooltip="Back to the map", id="findings.back"),
    ]

    def __init__(self, findings: tuple[Finding, ...] | list[Finding]) -> None:
        super().__init__()
        groups = by_severity(findings)
        #: in the order shown: severity first, then the analysis' order.
        self.findings: list[Finding] = [f for group in groups.values() for f in group]
        self._groups = groups

    def compose(self) -> ComposeResult:
        counts = [
            (f"{len(group)} {severity.value}", SEVERITY_STYLE[severity])
            for severity, group in self._groups.items()
            if group
        ]
        head: list[tuple[str, str] | str] = [("Findings  ", "bold")]
        for i, count in enumerate(counts):
            head.extend([(" · ", "$text-muted")] if i else [])
            head.append(count)
        yield Static(Content.assemble(*head), id="findings-head", classes="timeline-head")
        yield FindingList(*self._options(), id="findings-list")
        empty = Static(Content.styled(NO_FINDINGS, "$text-success"), classes="timeline-empty")
        empty.display = not self.findings
        yield empty
        yield Footer()

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = []
        index = 0
        for severity, group in self._groups.items():
            if not group:
                continue
            if options:
                options.append(None)
            options.append(Option(severity_heading(severity, len(group)), disabled=True))
            for finding in group:
                options.append(_option(index, finding))
                index += 1
        return options

    def on_mount(self) -> None:
        findings_list = self.query_one(FindingList)
        findings_list.display = bool(self.findings)
        findings_list.focus()

    @on(OptionList.OptionSelected, "#findings-list")
    def _go(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.findings[int(event.option.id)])

    def action_back(self) -> None:
        self.dismiss(None)
