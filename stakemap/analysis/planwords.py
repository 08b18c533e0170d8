"""The call plan's words, in one place: why each conversation, what to bring.

Phrases name people by name, title and role only. They never quote the
private fields (drivers, constraints, fears, notes, email), because a plan is
read aloud in pipeline reviews and pasted into shared deal documents; the
rep who needs the detail finds it on the person's card.
"""

from __future__ import annotations

from typing import Any, Final

from stakemap.analysis.wording import describe, role_phrase
from stakemap.records import Stakeholder
from stakemap.text import markdown_text

__all__ = [
    "ASK",
    "DEFAULT_ASK",
    "DEFAULT_WHY",
    "DIRECTLY",
    "EMPTY",
    "KEEP",
    "TITLE",
    "WHY",
    "WHY_MET",
    "ask_for",
    "count_caption",
    "details",
    "headline",
    "keep_words",
    "plan_markdown",
    "promised_first",
    "when_text",
    "why_for",
]

#: Rule id -> why this conversation, one line. ``{who}``: "Ann Lee (CFO)";
#: ``{role}``: "the economic buyer".
WHY: Final[dict[str, str]] = {
    "blocker": "{who} opposes the initiative and can stop the deal.",
    "passive-resister": "{who} resists and can slow the rollout down.",
    "unaligned-department": "The department of {who} is not behind the initiative yet.",
    "no-champion": "Nobody sells the initiative when you are not there; {who} could.",
    "weak-champion": "Your champion lacks weight or reach; {who} can carry more.",
    "orphaned-champion": "No active teammate owns the champion {who}.",
    "no-economic-buyer": "Nobody on the map owns the budget; {who} may know who does.",
    "uncovered-key-player": "{who} is {role} and the map records no meeting with them.",
    "unowned-key-player": "{who} is {role} and no teammate owns the relationship.",
    "single-threaded": "Your access rests on one thread; {who} is the next one.",
    "priority-gap": "The initiative is not among {who}'s top priorities.",
    "do-nothing-risk": "For {who}, doing nothing looks safest.",
    "unknown-key-stance": "{who} is {role} and you cannot yet read where they stand.",
    "no-visible-opposition": "Nobody on the map resists; {who} may know who does.",
    "moved-away": "{who} moved since the last review: the deal may have lost ground.",
    "stale-contact": "You have not spoken to {who} for a long while.",
    "overdue-next-step": "A next step you promised {who} is overdue.",
    "missed-cadence": "{who} has not heard from you on rhythm.",
    "broker": "{who} connects groups the deal needs and is not on side yet.",
}

#: Rule id -> what to ask or bring to that conversation.
ASK: Final[dict[str, str]] = {
    "blocker": "Ask what would have to be true for them to back it; bring the case for "
    "their department.",
    "passive-resister": "Ask what the change costs them; offer them a part in the rollout plan.",
    "unaligned-department": "Ask what the department needs from the change; bring its numbers.",
    "no-champion": "Ask whether they would sponsor it inside, and what they need to do so.",
    "weak-champion": "Ask them to sponsor it next to your champion; bring what the deciders need.",
    "orphaned-champion": "Agree who on your team owns them, and book the next touch.",
    "no-economic-buyer": "Ask who signs off the budget, and how they decide.",
    "uncovered-key-player": "Ask how they will judge the decision and what it must deliver.",
    "unowned-key-player": "Name the teammate who owns them, and book the next touch.",
    "single-threaded": "Ask for an introduction one rung up, or to a peer with weight.",
    "priority-gap": "Tie the initiative to one of their priorities, in their words.",
    "do-nothing-risk": "Bring the cost of waiting, and a small first step with little risk.",
    "unknown-key-stance": "Ask directly where they stand and what would change their view.",
    "no-visible-opposition": "Ask who will be hurt by the change, and who has said no before.",
    "moved-away": "Ask who now holds their part of the decision, and meet that person.",
    "stale-contact": "Share what has moved since you last spoke; ask what changed for them.",
    "overdue-next-step": "Do the promised step, or call to own the slip and give a new date.",
    "missed-cadence": "Say where the deal stands and agree the next thing they will do.",
    "broker": "Ask how the groups they connect see the initiative.",
}

DEFAULT_WHY: Final = "{who} matters to the decision."
DEFAULT_ASK: Final = "Ask how the decision is going from where they sit."

#: Keeping a healthy deal healthy: kind -> (why, ask).
KEEP: Final[dict[str, tuple[str, str]]] = {
    "deepen": (
        "{who} supports the initiative but you have not met them in depth.",
        "Meet them properly: ask what they will say for it inside, and to whom.",
    ),
    "touch": (
        "Of the key players, {who} is the one you have not touched the longest.",
        "Check in: share what has moved and confirm nothing changed on their side.",
    ),
    "champion": (
        "Keep your champion {who} selling while the deal is healthy.",
        "Agree the next step they will take inside, and what you bring them for it.",
    ),
}


def _fill(template: str, person: Stakeholder) -> str:
    return template.format(who=describe(person), role=role_phrase(person))


#: Why, when the map records contact with the person although their coverage
#: says none (``uncovered-key-player``'s low case): the other wording would lie.
WHY_MET: Final[dict[str, str]] = {
    "uncovered-key-player": "You have met {who}, {role}, but their coverage is not recorded.",
}


def why_for(rule: str, person: Stakeholder, *, met: bool = False) -> str:
    """Why this conversation, for one finding's rule (``met``: the map records contact)."""
    template = WHY_MET.get(rule) if met else None
    return _fill(template or WHY.get(rule, DEFAULT_WHY), person)


def ask_for(rule: str, person: Stakeholder) -> str:
    """What to ask or bring, for one finding's rule."""
    return _fill(ASK.get(rule, DEFAULT_ASK), person)


def promised_first(step: str, when: str) -> str:
    """'First do what you promised, 24 days late (due 2026-11-06): "Send the case".'"""
    return f'First do what you promised, {when}: "{step}".'


def keep_words(kind: str, person: Stakeholder) -> tuple[str, str]:
    """(why, ask) of a keep-healthy entry."""
    why, ask = KEEP[kind]
    return _fill(why, person), _fill(ask, person)


#: Labels of a plan entry's parts, shared by the CLI, the exports and the app.
THROUGH_LABEL: Final = "through"
BY_LABEL: Final = "by"
DIRECTLY: Final = "directly"
TITLE: Final = "Call plan"
#: A plan with no one in it: the map itself is the next step.
EMPTY: Final = "No one to talk to yet: add the people involved in the decision."


def count_caption(shown: int, total: int) -> str:
    """ "3 conversations", or "7 of 12 conversations" when capped."""
    noun = "conversation" if total == 1 else "conversations"
    return f"{total} {noun}" if shown >= total else f"{shown} of {total} {noun}"


def when_text(by: str, today: str) -> str:
    """ "today" or the date itself: a date is what a rep writes in the diary."""
    return "today" if by == today else by


def headline(shown: int, total: int, today: str) -> str:
    """ "7 of 12 conversations, as of 2026-11-30."""
    return f"{count_caption(shown, total)}, as of {today}."


def details(ask: str, through: str, by: str, today: str) -> str:
    """The second line of an entry: what to bring, through whom, by when."""
    how = DIRECTLY if through == DIRECTLY else f"{THROUGH_LABEL} {through}"
    return f"{ask} ({how}, {BY_LABEL} {when_text(by, today)})"


def plan_markdown(data: dict[str, Any], *, heading: str = "##") -> str:
    """A plan (its ``to_dict()``) as a Markdown section; every user value escaped."""
    today = data["today"]
    lines = [f"{heading} {TITLE}", "", headline(data["shown"], data["total"], today), ""]
    for n, item in enumerate(data["items"], 1):
        name = markdown_text(item["name"])
        lines.append(f"{n}. **{name}**: {markdown_text(item['why'])}")
        more = details(item["ask"], item["through"], item["by"], today)
        lines.append(f"   {markdown_text(more)}")
    if not data["items"]:
        lines.append(EMPTY)
    lines.append("")
    return "\n".join(lines)
