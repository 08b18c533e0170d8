"""Importing people into a map: CRM contact exports, stakemap's CSV and JSON exports.

Two steps, so nothing is written before every row has been checked:

1. ``plan_import(path, links=..., mapping=..., account=...)`` reads the file(s)
   into an ``ImportPlan``: validated people and links, bad rows with their
   line numbers (``plan.errors``), merges and other warnings.
2. ``new_map_from_plan(plan, account)`` builds a new map, or
   ``apply_plan(stakemap, plan)`` updates an existing one (call it inside
   ``MapStore.edit()`` so the change is locked and atomic); both return an
   ``ImportReport`` of what was added, updated and refused.

The CLI (``stakemap import``) and the app call these same functions.
"""

from __future__ import annotations

from stakemap.importers.apply import ImportReport, apply_plan, new_map_from_plan
from stakemap.importers.headers import IMPORT_TARGETS, parse_mapping
from stakemap.importers.plan import ImportPlan, Problem, companion_paths, plan_import
from stakemap.importers.reader import ImportFileError

__all__ = [
    "IMPORT_TARGETS",
    "ImportFileError",
    "ImportPlan",
    "ImportReport",
    "Problem",
    "apply_plan",
    "companion_paths",
    "new_map_from_plan",
    "parse_mapping",
    "plan_import",
]
