"""Every key binding in the app, gathered from the classes that declare them.

The help screen and the keymap loader both read this, so the help can never
drift from the real bindings and an id in ``keymap.toml`` is checked against
the ids that exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from textual.binding import Binding

from stakemap.tui.screens.changes import ChangesScreen
from stakemap.tui.screens.confirm import ConfirmScreen
from stakemap.tui.screens.conflict import ConflictScreen
from stakemap.tui.screens.conflicts import ConflictsScreen
from stakemap.tui.screens.findings import FindingList, FindingsScreen
from stakemap.tui.screens.form import FormScreen
from stakemap.tui.screens.help import HelpScreen
from stakemap.tui.screens.main import MainScreen
from stakemap.tui.screens.map_conflicts import MapConflicts
from stakemap.tui.screens.map_timeline import MapTimeline
from stakemap.tui.screens.next_steps import NextStepsScreen
from stakemap.tui.screens.picker import PickerScreen
from stakemap.tui.screens.review_picker import ReviewPicker
from stakemap.tui.screens.unsaved import UnsavedScreen
from stakemap.tui.widgets.change_list import ChangeList
from stakemap.tui.widgets.filter_bar import FilterBar
from stakemap.tui.widgets.link_list import LinkList
from stakemap.tui.widgets.network_view import NetworkView
from stakemap.tui.widgets.people_table import PeopleTable
from stakemap.tui.widgets.person_picker import PickerInput
from stakemap.tui.widgets.step_list import StepList

__all__ = ["KeyHelp", "binding_ids", "binding_sources", "describe_bindings"]


@dataclass(frozen=True, slots=True)
class KeyHelp:
    section: str
    keys: str
    description: str
    binding_id: str


def binding_sources() -> list[tuple[str, type]]:
    """(section title, class) for every class with ``BINDINGS``, in help order."""
    # Imported here: the app imports this module to validate keymap ids.
    from stakemap.tui.app import StakemapApp  # noqa: PLC0415

    return [
        ("Everywhere", StakemapApp),
        ("Map", MainScreen),
        ("Map: touches and reviews", MapTimeline),
        ("Map: merge conflicts", MapConflicts),
        ("Stakeholder table", PeopleTable),
        ("Filter", FilterBar),
        ("Links in the detail pane", LinkList),
        ("Network view", NetworkView),
        ("Forms", FormScreen),
        ("Person list in the link form", PickerInput),
        ("Questions", ConfirmScreen),
        ("Changed on disk", ConflictScreen),
        ("Not saved", UnsavedScreen),
        ("Findings in full", FindingsScreen),
        ("Findings list", FindingList),
        ("Next steps", NextStepsScreen),
        ("Next steps list", StepList),
        ("Changes", ChangesScreen),
        ("Changes list", ChangeList),
        ("Merge conflicts", ConflictsScreen),
        ("Review picker", ReviewPicker),
        ("Map picker", PickerScreen),
        ("Help", HelpScreen),
    ]


def _bindings(cls: type) -> Iterator[Binding]:
    for item in getattr(cls, "BINDINGS", []):
        if isinstance(item, Binding):
            yield item


def binding_ids() -> set[str]:
    return {b.id for _, cls in binding_sources() for b in _bindings(cls) if b.id}


def describe_bindings(
    keymap: Mapping[str, str], key_display: Callable[[Binding], str] | None = None
) -> list[KeyHelp]:
    """One row per binding id, with the user's keymap applied; ``key_display`` is
    ``App.get_key_display`` (turns "ctrl+z" into "^z" as the footer shows it)."""
    rows: list[KeyHelp] = []
    for section, cls in binding_sources():
        merged: dict[str, tuple[list[str], str]] = {}
        for binding in _bindings(cls):
            if binding.system:
                continue
            binding_id = binding.id or binding.action
            keys = keymap.get(binding_id, binding.key) if binding.id else binding.key
            shown = []
            for raw in keys.split(","):
                key = raw.strip()
                if key_display is not None:
                    key = key_display(Binding(key, binding.action))
                shown.append(key)
            entry = merged.setdefault(binding_id, ([], binding.tooltip or binding.description))
            entry[0].extend(k for k in shown if k not in entry[0])
        for binding_id, (all_keys, text) in merged.items():
            rows.append(KeyHelp(section, ", ".join(all_keys), text, binding_id))
    return rows
