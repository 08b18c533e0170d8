"""The call plan: the next conversations, ranked; choosing one selects the person."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from stakemap.analysis.plan import Plan
from stakemap.analysis.planwords import EMPTY, TITLE, details, headline
from stakemap.tui.format import shown
from stakemap.tui.messages import PersonPicked

__all__ = ["PlanView"]


class PlanList(OptionList):
    """One option per conversation; the option id is the person's id."""


class PlanView(Vertical):
    """The caption ("7 of 12 conversations") over the ranked entries."""

    def compose(self) -> ComposeResult:
        yield Static(TITLE, id="plan-caption", classes="section", markup=False)
        yield PlanList(id="plan-list")

    def show_pending(self, text: str) -> None:
        self.query_one("#plan-caption", Static).update(Content(text))
        self.query_one(PlanList).clear_options()

    def show(self, plan: Plan) -> None:
        """Draw ``plan``, keeping the highlighted person if they are still in it."""
        options = self.query_one(PlanList)
        current = options.highlighted_option.id if options.highlighted_option else None
        today = plan.today.isoformat()
        caption = f"{TITLE}: {headline(len(plan.items), plan.total, today)}"
        if not plan.items:
            caption += f" {EMPTY}"
        self.query_one("#plan-caption", Static).update(Content(caption))
        options.clear_options()
        for n, item in enumerate(plan.items, 1):
            more = details(item.ask, item.through, item.by.isoformat(), today)
            prompt = Content.assemble(
                (f"{n}. ", "$text-muted"),
                (shown(item.name), "bold"),
                f": {shown(item.why)}\n   ",
                (shown(more), "$text-muted"),
            )
            options.add_option(Option(prompt, id=item.id))
        ids = [item.id for item in plan.items]
        if current in ids:
            options.highlighted = ids.index(current)
        elif ids:
            options.highlighted = 0

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(PersonPicked(event.option.id, open_detail=True))
