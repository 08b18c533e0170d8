"""Terminal output helpers: rich consoles that go plain when piped."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

__all__ = ["err", "out", "print_json"]


def out() -> Console:
    """Console on stdout; rich drops colour and wraps at 80 columns when piped."""
    return Console(highlight=False, soft_wrap=False)


def err() -> Console:
    return Console(stderr=True, highlight=False)


def print_json(data: Any) -> None:
    """Machine output: plain ``json`` (not rich), so pipes get exact bytes."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
