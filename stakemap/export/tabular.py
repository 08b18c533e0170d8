"""The ``csv`` format: four spreadsheet-friendly files that import back exactly.

A map does not fit one table, so an export to ``NAME.csv`` writes:

- ``NAME.csv``: one row per stakeholder, one column per field (``PEOPLE_COLUMNS``,
  the same names as the JSON bundle), ids and timestamps included;
- ``NAME.links.csv``: one row per link: ``id, from, to, kind, strength`` plus
  ``from_name``/``to_name`` for people reading it (the importer uses ``from``
  and ``to``, which hold ids);
- ``NAME.account.csv``: one row with the account fields and the retired ids;
- ``NAME.interactions.csv``: the log of touches, one row per interaction
  (``INTERACTION_COLUMNS``): ``person`` holds the id, ``person_name`` is for
  people reading it, and the rest are the interaction's own fields, in the
  order a rep reads a touch (when, how, what was said, what comes next).

``stakemap import NAME.csv`` finds the others beside it, so the round trip
gives an identical map, except for the reviews: they are snapshots of the
whole map and travel in the JSON bundle only. Priorities are joined with ``"; "`` (or written as a
JSON array when a priority itself contains ``;``). Every cell goes through ``escape.csv_cell``:
cells starting with ``= + - @``, tab, CR (or ``'``) get a leading apostrophe,
as OWASP advises against formula injection; the importer removes exactly that
apostrophe from files with stakemap's columns.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any, Final

from stakemap.export import ExportOptions
from stakemap.export.escape import csv_cell
from stakemap.model import StakeMap
from stakemap.records import Account, Interaction, Link, Stakeholder

if TYPE_CHECKING:
    from stakemap.analysis.types import Analysis

__all__ = [
    "ACCOUNT_COLUMNS",
    "INTERACTION_COLUMNS",
    "LINK_COLUMNS",
    "PEOPLE_COLUMNS",
    "account_row",
    "interaction_row",
    "join_priorities",
    "link_row",
    "person_row",
    "render_account_csv",
    "render_interactions_csv",
    "render_links_csv",
    "render_people_csv",
]

PEOPLE_COLUMNS: Final[tuple[str, ...]] = tuple(f.name for f in fields(Stakeholder))
LINK_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "from",
    "to",
    "kind",
    "strength",
    "from_name",
    "to_name",
    "created",
    "modified",
)
ACCOUNT_COLUMNS: Final[tuple[str, ...]] = (
    "account",
    "initiative",
    "owner",
    "team",
    "created",
    "modified",
    "retired",
)

#: The interactions file: every ``Interaction`` field plus the person's name.
INTERACTION_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "person",
    "person_name",
    "date",
    "kind",
    "summary",
    "stance",
    "next_step",
    "due",
    "done",
    "notes",
    "created",
    "modified",
)


def join_priorities(priorities: Sequence[str]) -> str:
    """One cell for an ordered list: ``"A; B"``, split back on ``;`` by the record parser.

    A priority that itself contains ``;`` cannot survive that, so then (and only
    then) the cell is a JSON array, which the importer reads for stakemap's own
    files; a plain cell never starts with ``[``, so the two cannot be confused.

    >>> join_priorities(["Cost cuts", "ERP"])
    'Cost cuts; ERP'
    >>> join_priorities(["A; B", "C"])
    '["A; B", "C"]'
    """
    if any(";" in item for item in priorities) or (priorities and priorities[0].startswith("[")):
        return json.dumps(list(priorities), ensure_ascii=False)
    return "; ".join(priorities)


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def person_row(person: Stakeholder) -> list[str]:
    data = person.to_dict()
    data["priorities"] = join_priorities(person.priorities)
    return [_cell(data[column]) for column in PEOPLE_COLUMNS]


def link_row(link: Link, names: dict[str, str]) -> list[str]:
    return [
        link.id,
        link.source,
        link.target,
        link.kind.value,
        str(link.strength),
        names.get(link.source, ""),
        names.get(link.target, ""),
        link.created,
        link.modified,
    ]


def interaction_row(interaction: Interaction, names: dict[str, str]) -> list[str]:
    data = interaction.to_dict()
    data["person_name"] = names.get(interaction.person, "")
    return [_cell(data[column]) for column in INTERACTION_COLUMNS]


def account_row(account: Account, retired: dict[str, str]) -> list[str]:
    return [
        account.account,
        account.initiative,
        account.owner,
        join_priorities(account.team),
        account.created,
        account.modified,
        "; ".join(f"{rid}={when}" for rid, when in retired.items()),
    ]


def _write(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue()


def render_people_csv(
    stakemap: StakeMap, *, analysis: Analysis | None = None, options: ExportOptions
) -> str:
    del analysis, options
    return _write(PEOPLE_COLUMNS, (person_row(p) for p in stakemap.people))


def render_links_csv(
    stakemap: StakeMap, *, analysis: Analysis | None = None, options: ExportOptions
) -> str:
    del analysis, options
    names = {p.id: p.name for p in stakemap.people}
    return _write(LINK_COLUMNS, (link_row(link, names) for link in stakemap.links))


def render_account_csv(
    stakemap: StakeMap, *, analysis: Analysis | None = None, options: ExportOptions
) -> str:
    del analysis, options
    return _write(ACCOUNT_COLUMNS, [account_row(stakemap.account, stakemap.retired)])


def render_interactions_csv(
    stakemap: StakeMap, *, analysis: Analysis | None = None, options: ExportOptions
) -> str:
    """The log of touches in the order it was logged (the map's order, kept on import)."""
    del analysis, options
    names = {p.id: p.name for p in stakemap.people}
    return _write(
        INTERACTION_COLUMNS, (interaction_row(touch, names) for touch in stakemap.interactions)
    )
