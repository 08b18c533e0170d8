"""``stakemap config``: the thresholds every front end uses, and where each came from."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from stakemap.cli.output import out, print_json, user

__all__ = ["register"]


def register(sub: Any) -> None:
    sub.add_parser(
        "config",
        help="print the analysis settings in effect, and where each came from",
        description="Print the effective thresholds: the defaults, then the user's "
        "config.toml, then stakemap.toml beside the map (the map's wins). analyze, plan, "
        "export and the app all read the same values.",
        configure=_configure,
    )


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "path", type=Path, metavar="PATH", nargs="?", help="a map, to include the file beside it"
    )
    p.add_argument("--json", action="store_true", help="print JSON (for scripts)")
    p.set_defaults(handler=cmd_config)


def cmd_config(args: argparse.Namespace) -> int:
    from stakemap.config import load_settings, map_config_path, user_config_path

    settings = load_settings(args.path)
    if args.json:
        print_json(settings.to_dict())
        return 0
    console = out()
    files = [user_config_path()]
    if args.path is not None:
        files.append(map_config_path(args.path))
    for path in files:
        state = "read" if path in settings.files else "not found"
        console.print(user(f"# {path} ({state})"), soft_wrap=True)
    width = max(len(name) for name, _, _ in settings.rows())
    for name, value, source in settings.rows():
        console.print(user(f"{name:<{width}}  {value!s:<8}  {source}"), soft_wrap=True)
    return 0
