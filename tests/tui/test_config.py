"""The app reads the team's config file: the same findings as ``stakemap analyze``."""

from __future__ import annotations

from stakemap.analysis import analyze
from stakemap.config import load_settings, map_config_path
from tests.tui.conftest import TODAY, app_for, saved, settle


async def test_the_app_analyses_with_the_file_beside_the_map(deal_path):
    map_config_path(deal_path).write_text("[thresholds]\nstale_days = 7\ntop_priorities = 1\n")
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        analysis = app.screen.analysis
        assert analysis is not None
        assert analysis.extra["config"]["stale_days"] == 7
        expected = analyze(saved(deal_path), today=TODAY, config=load_settings(deal_path).analysis)
        assert analysis.findings == expected.findings
        assert analysis.findings != analyze(saved(deal_path), today=TODAY).findings


async def test_a_bad_config_file_is_named_and_the_app_stays_open(deal_path):
    beside = map_config_path(deal_path)
    beside.write_text("[thresholds]\nstale_days = 'soon'\n")
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any(str(beside.resolve()) in m and "stale_days = 'soon'" in m for m in messages)
        assert app.screen.analysis is not None
        assert app.screen.analysis.extra["config"]["stale_days"] == 60
        assert beside.read_text() == "[thresholds]\nstale_days = 'soon'\n"
