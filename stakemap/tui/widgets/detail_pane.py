"""Everything about the selected person: fields, priorities, links and findings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from stakemap.analysis.types import Analysis
from stakemap.model import StakeMap
from stakemap.records import Stakeholder
from stakemap.tui.format import finding_line, plain, shown, stance
from stakemap.tui.widgets.detail_touches import DetailTouches
from stakemap.tui.widgets.link_list import LinkList
from stakemap.vocab import Coverage, Fear, Mode, Role, label

__all__ = ["DetailPane"]


def _value(member: object, unknown: object = None) -> Content:
    text = label(member)  # type: ignore[arg-type]
    if member == unknown:
        return Content.styled(text.lower(), "$text-muted")
    return Content(text.lower())


def _fields(person: Stakeholder) -> Content:
    pairs: list[tuple[str, Content]] = [
        ("role", _value(person.role, Role.UNKNOWN)),
        ("stance", stance(person.stance)),
        (
            "influence",
            Content.assemble(
                person.influence.value, (" · veto" if person.veto else "", "bold $text-error")
            ),
        ),
        ("coverage", _value(person.coverage, Coverage.NONE)),
        ("mode", _value(person.mode, Mode.UNKNOWN)),
        ("fear of failure", _value(person.fear_of_failure, Fear.UNKNOWN)),
        ("last contact", Content(person.last_contact or "never")),
    ]
    if person.owner:
        # who on the team holds them, and how well (only when someone does)
        pairs.append(("owner", plain(f"{person.owner} · {person.relationship.value}")))
    if person.email:
        pairs.append(("email", plain(person.email)))
    lines = [Content.assemble((f"{name:>15} ", "$text-muted"), value) for name, value in pairs]
    return Content("\n").join(lines)


def _priorities(person: Stakeholder, initiative: str) -> Content:
    found = person.initiative_match(initiative)
    rank = None if found is None else found.rank
    head = Content.styled("Priorities", "bold")
    if not person.priorities:
        return Content.assemble(head, ("  none recorded", "$text-muted"))
    lines = [head]
    for index, item in enumerate(person.priorities, start=1):
        if index == rank:
            style = "bold $text-success" if index <= 3 else "bold $text-warning"
            how = "" if found is None or found.how == "exact" else f" ({found.how})"
            lines.append(plain(f" {index}. {item}  ◀ the initiative{how}", style))
        else:
            lines.append(plain(f" {index}. {item}"))
    if rank is None and initiative:
        lines.append(plain(f" ({initiative!r} is not in their list)", "$text-warning"))
    return Content("\n").join(lines)


def _texts(person: Stakeholder) -> Content:
    parts = []
    for name in ("drivers", "constraints", "fears", "notes"):
        text = getattr(person, name)
        if text:
            parts.append(
                Content.assemble((f"{name.capitalize()}: ", "bold"), shown(text, multiline=True))
            )
    return Content("\n").join(parts)


class DetailPane(VerticalScroll):
    """Shows one stakeholder; the links list inside is focusable for removal."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-head")
        yield Static(id="detail-findings")
        yield Static(id="detail-fields")
        yield DetailTouches(id="detail-touches")
        yield Static(id="detail-priorities")
        yield Static("Links", id="detail-links-title", classes="section")
        yield LinkList(id="detail-links")
        yield Static(id="detail-texts")

    def show(self, stakemap: StakeMap, pid: str | None, analysis: Analysis | None) -> None:
        head = self.query_one("#detail-head", Static)
        person = stakemap.person(pid) if pid is not None and pid in stakemap else None
        self.set_class(person is None, "-empty")
        links = self.query_one(LinkList)
        links.show_links(stakemap, pid if person else None)
        self.query_one(DetailTouches).show(stakemap, pid if person else None)
        if person is None:
            head.update(Content.styled("Nobody selected.", "$text-muted"))
            for part in ("#detail-fields", "#detail-priorities", "#detail-texts"):
                self.query_one(part, Static).update("")
            self.query_one("#detail-findings", Static).update("")
            return
        where = " · ".join(x for x in (person.title, person.department) if x)
        head.update(
            Content.assemble(
                (shown(person.name), "bold"),
                (shown(f"  {where}") if where else "", "$text-muted"),
            )
        )
        self.query_one("#detail-fields", Static).update(_fields(person))
        self.query_one("#detail-priorities", Static).update(
            _priorities(person, stakemap.account.initiative)
        )
        self.query_one("#detail-texts", Static).update(_texts(person))
        title = self.query_one("#detail-links-title", Static)
        count = links.option_count
        title.update(
            Content.assemble(
                ("Links", "bold"),
                (
                    f"  {count}: L here, e edits, x removes" if count else "  none: l adds one",
                    "$text-muted",
                ),
            )
        )
        findings = self.query_one("#detail-findings", Static)
        if analysis is None:
            findings.update(Content.styled("Findings: analysing…", "$text-muted"))
        else:
            mine = analysis.findings_for(person.id)
            findings.update(
                Content("\n").join(finding_line(f) for f in mine)
                if mine
                else Content.styled("No findings about them.", "$text-muted")
            )
