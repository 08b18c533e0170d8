"""The Textual app (``stakemap PATH``). Textual is imported only when it runs."""

from __future__ import annotations

from pathlib import Path

__all__ = ["run"]


def run(path: Path | None = None) -> int:
    from stakemap.tui.app import StakemapApp  # noqa: PLC0415 - Textual loads only to run

    app = StakemapApp(path)
    app.run()
    return app.return_code or 0
