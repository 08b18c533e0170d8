"""The app's time side: log a touch, next steps, reviews and the changes view.

Driven by keys like a user (no pause between opening a form and typing into
it), each edit checked against the saved file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stakemap.model import StakeMap
from stakemap.store import MapStore
from stakemap.timeline.interactions import log_touch
from stakemap.tui.screens.changes import ChangesScreen
from stakemap.tui.screens.main import MainScreen
from stakemap.tui.screens.next_steps import NextStepsScreen
from stakemap.tui.screens.review_form import ReviewForm
from stakemap.tui.screens.review_picker import ReviewPicker
from stakemap.tui.screens.touch_form import TouchForm
from stakemap.tui.widgets.change_list import ChangeList
from stakemap.tui.widgets.detail_touches import DetailTouches
from stakemap.tui.widgets.step_list import StepList
from stakemap.vocab import Coverage, Stance, TouchKind

from .conftest import TODAY, app_for, build_deal, saved, settle


def _toasts(app: object) -> str:
    return " ".join(str(toast.render()) for toast in app.screen.query("Toast"))  # type: ignore[attr-defined]


def _text(widget: object) -> str:
    return str(widget.render())  # type: ignore[attr-defined]


async def test_log_a_touch_moves_the_person_and_shows_it(deal_path):
    fiona = saved(deal_path).resolve("Fiona MacLeod")
    assert fiona.coverage is Coverage.NONE and not fiona.last_contact
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.screen.select(fiona.id)
        # No pause between opening the form and typing: the summary has the focus.
        await pilot.press("t", *"Intro call about onboarding", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        stored = saved(deal_path)
        (touch,) = stored.interactions_of(fiona.id)
        assert touch.summary == "Intro call about onboarding"
        assert touch.kind is TouchKind.MEETING
        assert touch.date == TODAY.isoformat()
        after = stored.person(fiona.id)
        assert after.coverage is Coverage.BRIEF
        assert after.last_contact == TODAY.isoformat()
        assert "Fiona MacLeod: coverage none → brief, last contact 2026-11-30" in _toasts(app)
        pane = _text(app.screen.query_one(DetailTouches))
        assert "2026-11-30 meeting  Intro call about onboarding" in pane
        assert "1 ·" in pane

        await pilot.press("ctrl+z")  # one undo takes the touch and its effects back
        await settle(pilot)
        undone = saved(deal_path)
        assert undone.interactions_of(fiona.id) == []
        assert undone.person(fiona.id).coverage is Coverage.NONE


async def test_touch_with_a_stance_read_and_a_next_step(deal_path):
    henrik = saved(deal_path).resolve("Henrik Aalto")
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.select(henrik.id)
        await pilot.press("t", *"Budget review")
        form = app.screen
        assert isinstance(form, TouchForm)
        form.query_one("#field-kind").value = "call"
        form.query_one("#field-stance").value = "neutral"
        await pilot.press("tab", "tab", "tab", "tab", *"Send the ROI model", "tab", *"2026-12-04")
        await pilot.press("ctrl+s")
        await settle(pilot)
        stored = saved(deal_path)
        (touch,) = stored.interactions_of(henrik.id)
        assert (touch.kind, touch.stance) == (TouchKind.CALL, Stance.NEUTRAL)
        assert (touch.next_step, touch.due) == ("Send the ROI model", "2026-12-04")
        assert stored.person(henrik.id).stance is Stance.NEUTRAL
        pane = _text(app.screen.query_one(DetailTouches))
        assert "→ Send the ROI model (due 2026-12-04)" in pane


@pytest.mark.parametrize(
    ("keys", "field", "words"),
    [
        (["tab", "ctrl+u", *"2026-13-01"], "date", "is not a date; use YYYY-MM-DD"),
        (["tab", "ctrl+u", *"2026-12-25"], "date", "is after today"),
        (["tab"] * 5 + [*"2026-12-04"], "due", "needs a next step"),
    ],
    ids=["malformed-date", "future-date", "due-without-step"],
)
async def test_bad_touch_keeps_the_form_open_and_the_file_unchanged(deal_path, keys, field, words):
    before = deal_path.read_bytes()
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t", *"Coffee", *keys, "ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TouchForm)  # still open
        assert words in _text(form.query_one(f"#error-{field}"))
        assert app.focused is form.query_one(f"#field-{field}")
        await pilot.press("escape")
    assert deal_path.read_bytes() == before


async def test_empty_summary_is_refused_on_the_field(deal_path):
    before = deal_path.read_bytes()
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t", "enter")
        form = app.screen
        assert isinstance(form, TouchForm)
        assert "summary: is required" in _text(form.query_one("#error-summary"))
        await pilot.press(*"Lunch")  # typing clears the error
        assert not form.errors
        await pilot.press("escape")
    assert deal_path.read_bytes() == before


# --- next steps ---------------------------------------------------------------------------


@pytest.fixture
def steps_path(tmp_path: Path, make_map) -> Path:
    """The deal with three open steps (two overdue on TODAY) and one closed."""
    stakemap: StakeMap = build_deal(make_map())
    ids = {p.name.split()[0]: p.id for p in stakemap.people}

    def touch(who: str, day: str, step: str, due: str, **more: object) -> None:
        fields = {"summary": f"{who} touch", "kind": "call", "date": day, "next_step": step}
        log_touch(stakemap, ids[who], {**fields, "due": due, **more}, today=TODAY)

    touch("Ana", "2026-11-20", "Intro to the CFO", "2026-12-05")
    touch("Graham", "2026-11-01", "Send the security review", "2026-11-10")
    touch("Zoë", "2026-11-25", "Share the pilot plan", "2026-11-28")
    touch("Henrik", "2026-11-02", "Old promise", "2026-11-05", done=True)
    path = tmp_path / "steps.json"
    MapStore(path).create(stakemap)
    return path


async def test_next_steps_overdue_first_jump_and_done(steps_path):
    stakemap = saved(steps_path)
    graham = stakemap.resolve("Graham Pryce").id
    app = app_for(steps_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert "2 next steps are overdue: n lists them." in _toasts(app)
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, NextStepsScreen)
        steps = screen.query_one(StepList)
        rows = [" ".join(_text_of(steps, i).split()) for i in range(steps.option_count)]
        assert rows[0] == "20 days late (due 2026-11-10) Graham Pryce Send the security review"
        assert rows[1] == "2 days late (due 2026-11-28) Zoë Castellanos Share the pilot plan"
        assert rows[2] == "due in 5 days (2026-12-05) Ana Ferreira Intro to the CFO"
        assert "Old promise" not in " ".join(rows)
        assert "2 overdue · 3 open" in _text(screen.query_one("#steps-head"))

        await pilot.press("enter")  # the first row: Graham
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.selected == graham
        assert app.focused is app.screen.table

        await pilot.press("n", "x")  # mark Graham's step done
        await settle(pilot)
        assert steps_done(saved(steps_path), graham) == [True]
        steps = app.screen.query_one(StepList)
        assert steps.option_count == 2
        assert "1 overdue · 2 open" in _text(app.screen.query_one("#steps-head"))
        await pilot.press("escape")
        await pilot.press("ctrl+z")  # closing a step is an ordinary undoable edit
        await settle(pilot)
        assert steps_done(saved(steps_path), graham) == [False]


async def test_log_the_touch_that_keeps_a_promise_from_next_steps(steps_path):
    graham = saved(steps_path).resolve("Graham Pryce").id
    app = app_for(steps_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        steps = app.screen
        assert isinstance(steps, NextStepsScreen)
        await pilot.press("t", *"Sent the security review", "enter")  # Graham's step is first
        await settle(pilot)
        assert app.screen is steps  # back on the list, which is redrawn
        summaries = [t.summary for t in saved(steps_path).interactions_of(graham)]
        assert "Sent the security review" in summaries
        await pilot.press("x")
        await settle(pilot)
        assert steps.query_one(StepList).option_count == 2


def _text_of(options: StepList, index: int) -> str:
    return str(options.get_option_at_index(index).prompt)


def steps_done(stakemap: StakeMap, pid: str) -> list[bool]:
    return [t.done for t in stakemap.interactions_of(pid)]


async def test_next_steps_empty_says_how_to_add_one(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, NextStepsScreen)
        assert "No open next steps" in _text(screen.query_one("#steps-empty"))
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


# --- reviews and changes ------------------------------------------------------------------


async def _palette(pilot, words: str) -> None:
    from .test_keys import _palette_found

    await pilot.press("ctrl+p", *words)
    await _palette_found(pilot)
    await pilot.press("enter")


def _lines(screen: ChangesScreen) -> list[str]:
    return [line.text for line in screen.query_one(ChangeList).lines]


async def test_record_a_review_then_see_a_stance_change_and_jump(deal_path):
    aga = saved(deal_path).resolve("Agnieszka Wójcik")
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await _palette(pilot, "record review")
        assert isinstance(app.screen, ReviewForm)
        await pilot.press(*"Q4 kickoff", "enter")
        await settle(pilot)
        (review,) = saved(deal_path).reviews
        assert (review.label, review.date) == ("Q4 kickoff", TODAY.isoformat())
        assert f"Recorded review 'Q4 kickoff' of {TODAY.isoformat()}: health" in _toasts(app)

        main = app.screen
        main.select(aga.id)
        await pilot.press("s")  # skeptic -> neutral
        main.select(None)
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ChangesScreen)
        assert "since the latest review" in _text(screen.query_one("#changes-head"))
        lines = _lines(screen)
        assert lines[0] == f"Changes from Q4 kickoff ({TODAY.isoformat()}) to now (2026-11-30)"
        assert "Agnieszka Wójcik: skeptic → neutral" in lines
        changes = screen.query_one(ChangeList)
        # The cursor starts on the first change about someone: Agnieszka's.
        assert changes.lines[changes.highlighted].person == aga.id
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main
        assert main.selected == aga.id
        assert app.focused is main.table


async def test_changes_any_review_is_pickable(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        graham = saved(deal_path).resolve("Graham Pryce").id
        main.record_review("first")
        main.select(graham)
        await pilot.press("s")  # opponent -> skeptic, after the first review
        main.record_review("second")
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ChangesScreen)
        assert "Graham Pryce: opponent → skeptic" not in _lines(screen)  # since "second"
        await pilot.press("p")
        picker = app.screen
        assert isinstance(picker, ReviewPicker)
        options = picker.query_one("#reviews-list")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(2)]
        assert labels[0].startswith(f"{TODAY.isoformat()}  second")  # newest first
        assert labels[1].startswith(f"{TODAY.isoformat()}  first")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert "review 1 of 2" in _text(screen.query_one("#changes-head"))
        assert "Graham Pryce: opponent → skeptic" in _lines(screen)


async def test_changes_without_reviews_say_how_to_record_one(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ChangesScreen)
        message = _text(screen.query_one("#changes-empty"))
        assert "No reviews yet" in message and "map: record review" in message
        await pilot.press("r", *"Baseline", "enter")  # record one from here
        await settle(pilot)
        assert [r.label for r in saved(deal_path).reviews] == ["Baseline"]
        assert app.screen is screen
        assert _lines(screen)[0].startswith("No changes from Baseline")


async def test_user_text_in_changes_is_shown_as_text(deal_path):
    """A name with markup in it reaches the screen as those characters."""
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        main.record_review("[b]bold[/b]")
        main.session.add_person({"name": "Eve [red]Doe[/red]"})
        await pilot.press("w")
        await settle(pilot)
        lines = app.screen.query_one(ChangeList)
        prompts = [str(lines.get_option_at_index(i).prompt) for i in range(lines.option_count)]
        assert any("+ Eve [red]Doe[/red] joined" in p for p in prompts)
        assert any("[b]bold[/b]" in p for p in prompts)


async def test_detail_pane_shows_how_they_moved(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        graham = saved(deal_path).resolve("Graham Pryce").id
        main.select(graham)
        await settle(pilot)
        pane = main.query_one(DetailTouches)
        assert "How they moved" not in _text(pane)  # no review, no stance read yet
        main.record_review("Q4 kickoff")
        await pilot.press("s")  # opponent -> skeptic since the review
        await settle(pilot)
        assert f"stance: opponent ({TODAY.isoformat()}) → skeptic (now)" in _text(pane)


# --- screenshots ----------------------------------------------------------------------------

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_touch_form_snapshot(snap_compare, deal_path, size):
    async def before(pilot):
        await settle(pilot)
        await pilot.press("down", "down", "down", "down")  # Henrik Aalto
        await pilot.press("t", *"Budget walkthrough", "tab", "ctrl+u", *"2026-13-01", "ctrl+s")
        await pilot.pause()

    assert snap_compare(app_for(deal_path), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_next_steps_snapshot(snap_compare, steps_path, size):
    async def before(pilot):
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.press("n")
        await settle(pilot)

    assert snap_compare(app_for(steps_path), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_changes_snapshot(snap_compare, deal_path, size):
    async def before(pilot):
        await settle(pilot)
        main = pilot.app.screen
        main.record_review("Q4 kickoff")
        stakemap = main.session.map
        main.select(stakemap.resolve("Agnieszka Wójcik").id)
        await pilot.press("s")
        main.select(stakemap.resolve("Fiona MacLeod").id)
        await pilot.press("c", "c")
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.press("w")
        await settle(pilot)

    assert snap_compare(app_for(deal_path), terminal_size=size, run_before=before)


def test_detail_pane_with_touches_snapshot(snap_compare, steps_path):
    async def before(pilot):
        await settle(pilot)
        pilot.app.clear_notifications()
        main = pilot.app.screen
        main.record_review("Q4 kickoff")
        main.select(main.session.map.resolve("Graham Pryce").id)
        await pilot.press("s")  # opponent -> skeptic since the review: a trail
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app_for(steps_path), terminal_size=(120, 40), run_before=before)
