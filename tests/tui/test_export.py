"""The export screen writes through the same registry as `stakemap export`."""

from __future__ import annotations

from stakemap.export import FORMATS
from stakemap.tui.commands import map_commands
from stakemap.tui.screens.export import ExportScreen

from .conftest import app_for, saved, settle


async def test_export_markdown_then_refuse_to_overwrite(deal_path, tmp_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        form = app.screen
        assert isinstance(form, ExportScreen)
        out = tmp_path / "northwind-logistics.md"
        assert form.query_one("#field-file").value == str(out)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
        text = out.read_text()
        assert "Northwind Logistics" in text and "Henrik Aalto" in text
        assert out.stat().st_mode & 0o777 == 0o600

        await pilot.press("ctrl+e", "ctrl+s")  # the same file again: refused inline
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ExportScreen)
        assert "already exists" in str(form.query_one("#form-error").render())
        assert out.read_text() == text
        await pilot.press("escape")


async def test_export_anonymized_csv_keeps_names_out(deal_path, tmp_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        form = app.screen
        form.query_one("#field-format").value = "csv"
        await pilot.pause()
        out = tmp_path / "northwind-logistics.csv"
        assert form.query_one("#field-file").value == str(out)
        form.query_one("#field-anonymize").value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
    written = out.read_text() + (tmp_path / "northwind-logistics.links.csv").read_text()
    assert "Henrik" not in written and "Burned by" not in written


async def test_export_never_overwrites_the_map_itself(deal_path):
    before = deal_path.read_bytes()
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        form = app.screen
        form.query_one("#field-format").value = "json"
        await pilot.pause()
        form.query_one("#field-file").value = str(deal_path)
        form.query_one("#field-force").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "map being exported" in str(form.query_one("#form-error").render())
    assert deal_path.read_bytes() == before


def test_palette_offers_every_export_format(deal_path):
    import asyncio

    async def run():
        app = app_for(deal_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            return [t for t, _, _ in map_commands(app.screen) if t.startswith("export: ")]

    titles = asyncio.run(run())
    assert titles == [f"export: {name}…" for name in FORMATS]


async def test_export_can_hide_the_account_too(deal_path, tmp_path):
    account = saved(deal_path).account.account
    app = app_for(deal_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        form = app.screen
        form.query_one("#field-format").value = "markdown"
        await pilot.pause()
        form.query_one("#field-anonymize_account").value = True
        await pilot.pause()
        out = tmp_path / "account.md"
        assert form.query_one("#field-file").value == str(out)  # the name gives nothing away
        await pilot.press("ctrl+s")
        await settle(pilot)
    text = out.read_text(encoding="utf-8")
    assert account not in text and "Henrik" not in text and "Burned by" not in text
