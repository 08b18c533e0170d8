"""Turning an import file into a plan: validated people and links, and every problem.

Nothing here touches a map. ``plan_import`` reads the file(s), recognises the
columns, validates each row through the same record parsers as every other
input, merges the same person listed twice, and collects bad rows with their
line numbers. ``apply`` then carries the plan out on a new or existing map,
so ``--strict`` can refuse before anything is written.

Accepted inputs:

- a contact CSV (Salesforce, HubSpot, stakemap's own columns, or anything
  with ``--map``), with an optional links CSV;
- stakemap's own ``csv`` export: ``NAME.links.csv``, ``NAME.account.csv`` and
  ``NAME.interactions.csv`` beside it are picked up automatically, and ids
  and timestamps are kept;
- a JSON bundle (``export --format json``) or a stakemap map file.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from stakemap.errors import MapFileError, StakemapError, ValidationError
from stakemap.export.escape import csv_uncell
from stakemap.export.tabular import ACCOUNT_COLUMNS, INTERACTION_COLUMNS
from stakemap.importers.dates import DateColumn
from stakemap.importers.headers import ColumnMap, fold_header, map_columns
from stakemap.importers.reader import ImportFileError, Row, Table, read_table
from stakemap.model import StakeMap
from stakemap.records import PERSON_FIELDS, Account, Interaction, Link, Stakeholder
from stakemap.serialize import map_from_json
from stakemap.store import MapStore, parse_json, read_bytes
from stakemap.vocab import LinkKind, fold, normalise

__all__ = [
    "ImportPlan",
    "IncomingInteraction",
    "IncomingLink",
    "IncomingPerson",
    "Problem",
    "companion_paths",
    "interactions_path",
    "plan_import",
]

#: CRM role values the vocabulary does not know, mapped onto stakemap's roles.
#: Salesforce's opportunity contact roles and HubSpot's buying roles.
CRM_ROLES: Final = {
    "business_user": "user",
    "economic_decision_maker": "economic_buyer",
    "executive_sponsor": "decision_maker",
    "legal_compliance": "gatekeeper",
    "legal_and_compliance": "gatekeeper",
    "procurement": "gatekeeper",
    "other": "unknown",
}
_FREE_TEXT: Final = frozenset({"notes", "drivers", "constraints", "fears"})
#: HubSpot buying roles that are really stances.
CRM_STANCE_ROLES: Final = {"champion": "champion", "blocker": "opponent"}

_LINK_HEADERS: Final = {
    **dict.fromkeys(("from", "source", "fromid", "sourceid"), "from"),
    **dict.fromkeys(("to", "target", "toid", "targetid"), "to"),
    **dict.fromkeys(("kind", "type", "relationship", "linktype"), "kind"),
    **dict.fromkeys(("strength", "weight"), "strength"),
    "fromname": "from_name",
    "toname": "to_name",
    "id": "id",
    "created": "created",
    "modified": "modified",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad row or one warning, addressed to the user."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


@dataclass(slots=True)
class IncomingPerson:
    line: int
    fields: dict[str, Any]
    #: complete record from a stakemap export (ids and timestamps kept), else None
    record: Stakeholder | None = None
    external_id: str = ""
    reports_to: str = ""
    path: Path = field(default_factory=Path)

    @property
    def name(self) -> str:
        return str(self.fields.get("name", ""))

    @property
    def email(self) -> str:
        return str(self.fields.get("email", ""))


@dataclass(slots=True)
class IncomingLink:
    path: Path
    line: int
    source: str  # an id, email or name, resolved when the plan is applied
    target: str
    kind: LinkKind
    strength: int | None
    #: id and timestamps from a stakemap export, kept when the id is free
    link_id: str = ""
    created: str = ""
    modified: str = ""


@dataclass(slots=True)
class IncomingInteraction:
    """One logged touch from an import file, its person resolved when applied."""

    path: Path
    line: int
    person: str  # an id (stakemap's own files), resolved when the plan is applied
    #: the validated user fields (date, kind, summary, ...), without id and person
    fields: dict[str, Any]
    #: id and timestamps from a stakemap export, kept when the id is free
    interaction_id: str = ""
    created: str = ""
    modified: str = ""

    @classmethod
    def of(cls, path: Path, interaction: Interaction) -> IncomingInteraction:
        data = interaction.to_dict()
        for bookkeeping in ("id", "person", "created", "modified"):
            del data[bookkeeping]
        return cls(
            path,
            0,
            interaction.person,
            Interaction.parse_fields(data, partial=True),
            interaction.id,
            interaction.created,
            interaction.modified,
        )


@dataclass(slots=True)
class ImportPlan:
    path: Path
    source: str
    description: str = ""
    rows: int = 0
    people: list[IncomingPerson] = field(default_factory=list)
    links: list[IncomingLink] = field(default_factory=list)
    interactions: list[IncomingInteraction] = field(default_factory=list)
    account: Account | None = None
    account_name: str = ""
    retired: dict[str, str] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: the whole map, when the input was a bundle or a map file (exact import)
    exact: StakeMap | None = None

    @property
    def own_format(self) -> bool:
        return self.exact is not None or self.source.startswith("stakemap")


def companion_paths(path: Path) -> tuple[Path, Path]:
    """``deal.csv`` -> (``deal.links.csv``, ``deal.account.csv``)."""
    base = path.name[:-4] if path.name.lower().endswith(".csv") else path.name
    return path.with_name(base + ".links.csv"), path.with_name(base + ".account.csv")


def interactions_path(path: Path) -> Path:
    """``deal.csv`` -> ``deal.interactions.csv``, the csv export's log of touches."""
    base = path.name[:-4] if path.name.lower().endswith(".csv") else path.name
    return path.with_name(base + ".interactions.csv")


def plan_import(
    path: Path,
    *,
    links: Path | None = None,
    mapping: Mapping[str, str] | None = None,
    account: str | None = None,
) -> ImportPlan:
    """Read ``path`` (and ``links``) into a plan; raises only if nothing can be read."""
    if _looks_like_json(path):
        plan = _plan_json(path)
        if links is not None:
            plan.warnings.append(Problem(links, None, "ignored: a JSON bundle carries its links"))
    else:
        plan = _plan_contacts(path, dict(mapping or {}))
        links_file, account_file = companion_paths(path)
        if links is None and plan.own_format and links_file.is_file():
            links = links_file
        if plan.own_format and account_file.is_file():
            _read_account_file(plan, account_file)
            plan.notes.append(f"account from {account_file}")
        if links is not None:
            _plan_links(plan, links)
        touches = interactions_path(path)
        if plan.own_format and touches.is_file():
            _plan_interactions(plan, touches)
    if account:
        plan.account_name = account.strip()
        if plan.account is not None:
            plan.account = plan.account.evolve({"account": plan.account_name})
        if plan.exact is not None:
            plan.exact.put_account(plan.exact.account.evolve({"account": plan.account_name}))
    return plan


# --- JSON bundles and map files ---------------------------------------------------


def _looks_like_json(path: Path) -> bool:
    try:
        head = read_bytes(path)[:64]
    except MapFileError:
        return False  # read_table reports it properly
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _plan_json(path: Path) -> ImportPlan:
    try:
        data = parse_json(path, read_bytes(path), what="JSON file")
    except MapFileError as exc:  # the store's sentences for every kind of bad JSON
        raise ImportFileError(path, exc.problem) from None
    if isinstance(data, dict) and data.get("format") == "stakemap":
        try:
            stakemap = map_from_json(data)
        except StakemapError as exc:
            raise ImportFileError(path, f"damaged stakemap bundle: {exc}") from None
        source = "stakemap JSON bundle"
    elif isinstance(data, dict) and "meta" in data:
        stakemap = MapStore(path).load()
        source = "stakemap map file"
    else:
        raise ImportFileError(path, "is JSON but neither a stakemap bundle nor a stakemap map file")
    plan = ImportPlan(path, source, rows=len(stakemap))
    plan.exact = stakemap
    plan.account = stakemap.account
    plan.account_name = stakemap.account.account
    plan.retired = dict(stakemap.retired)
    plan.people = [IncomingPerson(0, _fields_of(p), record=p, path=path) for p in stakemap.people]
    plan.links = [
        IncomingLink(
            path,
            0,
            link.source,
            link.target,
            link.kind,
            link.strength,
            link.id,
            link.created,
            link.modified,
        )
        for link in stakemap.links
    ]
    plan.interactions = [IncomingInteraction.of(path, i) for i in stakemap.interactions]
    return plan


def _fields_of(person: Stakeholder) -> dict[str, Any]:
    """The user fields of a record, for matching and updating (empty ones left out)."""
    data = {f: getattr(person, f) for f in PERSON_FIELDS}
    defaults = Stakeholder(id="x", name="x")
    return {k: v for k, v in data.items() if k == "name" or v != getattr(defaults, k)}


# --- contact CSVs --------------------------------------------------------------------


def _plan_contacts(path: Path, mapping: dict[str, str]) -> ImportPlan:
    table = read_table(path)
    columns = map_columns(table.header, mapping)
    source = "stakemap CSV export" if columns.own_format else f"{columns.source} export"
    if columns.source == "CSV":
        source = "CSV"
    plan = ImportPlan(path, source, description=table.description, rows=len(table.rows))
    for line, reason in table.broken:
        plan.errors.append(Problem(path, line, reason))
    if columns.ignored:
        plan.notes.append("ignored columns: " + ", ".join(columns.ignored))
    for header, target in columns.duplicates:
        plan.notes.append(f"ignored column {header!r}: an earlier column already gives {target}")
    if not any(columns.has(t) for t in ("name", "first_name", "last_name", "email")):
        raise ImportFileError(
            path,
            "no column gives a name (looked for Name, First Name, Last Name, Email); "
            "its columns are: "
            + ", ".join(h for h in table.header if h)
            + "; say which column is which with --map 'Header=name'",
        )
    dates = _date_column(table, columns)
    if dates is not None and dates.assumed:
        plan.warnings.append(
            Problem(
                path,
                None,
                "dates such as 03/04/2026 could be day/month or month/day; "
                "read as month/day (US). Use ISO dates (2026-04-03) to be sure",
            )
        )
    accounts: Counter[str] = Counter()
    dedupe = _Dedupe(plan)
    for row in table.rows:
        person = _person_from_row(
            plan, table=table, columns=columns, row=row, dates=dates, accounts=accounts
        )
        if person is not None:
            dedupe.add(person)
    if accounts:
        plan.account_name = accounts.most_common(1)[0][0]
        if len(accounts) > 1:
            others = ", ".join(repr(a) for a in list(accounts)[:5] if a != plan.account_name)
            plan.warnings.append(
                Problem(
                    path,
                    None,
                    f"contacts from {len(accounts)} accounts; the map is named "
                    f"{plan.account_name!r} (the most common); others: {others}. "
                    "Use --account to choose",
                )
            )
    return plan


def _date_column(table: Table, columns: ColumnMap) -> DateColumn | None:
    if columns.own_format:
        return None
    for index, target in columns.targets.items():
        if target == "last_contact":
            return DateColumn(row.cells[index] for row in table.rows if index < len(row.cells))
    return None


def _person_from_row(
    plan: ImportPlan,
    *,
    table: Table,
    columns: ColumnMap,
    row: Any,
    dates: DateColumn | None,
    accounts: Counter[str],
) -> IncomingPerson | None:
    path = table.path
    if len(row.cells) != len(table.header):
        plan.errors.append(
            Problem(
                path,
                row.line,
                f"has {len(row.cells)} cells but the header has {len(table.header)} columns "
                "(a missing quote or an extra separator?)",
            )
        )
        return None
    values: dict[str, str] = {}
    for index, target in columns.targets.items():
        cell = row.cells[index]
        if columns.own_format:
            cell = csv_uncell(cell)
        if cell.strip():
            # Free text keeps its inner layout; the record parsers strip the ends.
            if target not in _FREE_TEXT:
                cell = cell.strip()
            elif not columns.own_format:
                cell = cell.replace("\r\n", "\n").replace("\r", "\n")  # Windows line ends
            values[target] = cell

    warnings: list[str] = []
    name = values.pop("name", "")
    first, last = values.pop("first_name", ""), values.pop("last_name", "")
    if not name:
        name = " ".join(part for part in (first, last) if part)
        if name and not last and columns.has("last_name"):
            warnings.append(f"no last name; imported as {name!r}")
    if not name and values.get("email"):
        name = values["email"]
        warnings.append(f"no name; the email address {name!r} is used as the name")
    if not name:
        plan.errors.append(Problem(path, row.line, "no name (the name columns are empty)"))
        return None

    account = values.pop("account", "")
    if account:
        accounts[account] += 1
    external_id = values.pop("external_id", "")
    reports_to = values.pop("reports_to", "")
    record_id = values.pop("id", "")
    created = values.pop("created", "")
    modified = values.pop("modified", "")
    if "role" in values and not columns.own_format:
        _crm_role(values)
    if dates is not None and "last_contact" in values:
        values["last_contact"] = dates.to_iso(values["last_contact"])

    if columns.own_format and values.get("priorities", "").startswith("["):
        values["priorities"] = _json_list(values["priorities"])  # type: ignore[assignment]
    fields: dict[str, Any] = {"name": name, **values}
    try:
        parsed = Stakeholder.parse_fields(fields, partial=True)
        record = None
        if record_id:
            record = Stakeholder.from_dict(
                {**fields, "id": record_id, "created": created, "modified": modified}
            )
    except ValidationError as exc:
        plan.errors.append(Problem(path, row.line, str(exc)))
        return None
    for text in warnings:
        plan.warnings.append(Problem(path, row.line, text))
    return IncomingPerson(
        row.line,
        parsed,
        record=record,
        external_id=external_id,
        reports_to=reports_to,
        path=path,
    )


def _json_list(text: str) -> object:
    """A JSON array of priorities (written by the csv export), else the text as it is."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, a 5,000-digit number, [[[[…
        return text
    return value if isinstance(value, list) else text


def _crm_role(values: dict[str, str]) -> None:
    """Map CRM role words onto stakemap's; HubSpot's multi-valued buying role
    ("Champion;Decision Maker") gives the first real role, and Champion or
    Blocker set the stance unless the file gives one."""
    role = None
    for part in values["role"].split(";"):
        key = fold(part)
        if not key:
            continue
        if key in CRM_STANCE_ROLES:
            values.setdefault("stance", CRM_STANCE_ROLES[key])
            continue
        if role is None:
            role = CRM_ROLES.get(key, part.strip())
    if role is None:
        del values["role"]
    else:
        values["role"] = role


class _Dedupe:
    """Merges the same person listed twice, with indexes so 10,000 rows stay fast.

    Same person: the same stakemap id (an error: ids are unique), the same
    email, or the same name where at most one of the two rows has an email.
    """

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.ids: dict[str, IncomingPerson] = {}
        self.emails: dict[str, IncomingPerson] = {}
        self.names: dict[str, list[IncomingPerson]] = {}

    def add(self, person: IncomingPerson) -> None:
        plan = self.plan
        if person.record is not None:
            first = self.ids.get(person.record.id)
            if first is not None:
                plan.errors.append(
                    Problem(
                        person.path,
                        person.line,
                        f"id {person.record.id!r} is used twice (first on line {first.line})",
                    )
                )
                return
            self.ids[person.record.id] = person
            plan.people.append(person)
            return
        twin = self._twin(person)
        if twin is None:
            plan.people.append(person)
            self._index(person)
            return
        conflicts = []
        for key, value in person.fields.items():
            if key not in twin.fields:
                twin.fields[key] = value
            elif _differs(twin.fields[key], value):
                conflicts.append(key)
        twin.external_id = twin.external_id or person.external_id
        twin.reports_to = twin.reports_to or person.reports_to
        self._index(twin)
        kept = f"; kept line {twin.line}'s {', '.join(conflicts)}" if conflicts else ""
        plan.warnings.append(
            Problem(
                person.path,
                person.line,
                f"{person.name} is already on line {twin.line}; merged the two rows{kept}",
            )
        )

    def _twin(self, person: IncomingPerson) -> IncomingPerson | None:
        email = person.email.casefold()
        found = [self.emails[email]] if email in self.emails else []
        for other in self.names.get(person.name.casefold(), ()):
            if not (email and other.email):
                found.append(other)
                break
        return min(found, key=lambda p: p.line) if found else None

    def _index(self, person: IncomingPerson) -> None:
        if person.email:
            self.emails.setdefault(person.email.casefold(), person)
        same_name = self.names.setdefault(person.name.casefold(), [])
        if not any(other is person for other in same_name):
            same_name.append(person)


def _differs(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.casefold() != b.casefold()
    return a != b


# --- the account file and the links file ----------------------------------------------


def _read_account_file(plan: ImportPlan, path: Path) -> None:
    table = read_table(path)
    names = [fold_header(h) for h in table.header]
    if not table.rows or "account" not in names:
        plan.warnings.append(Problem(path, None, "has no account row; ignored"))
        return
    row = table.rows[0]
    data = {
        name: csv_uncell(cell)
        for name, cell in zip(names, row.cells, strict=False)
        if name in ACCOUNT_COLUMNS
    }
    retired_text = data.pop("retired", "")
    if data.get("team", "").startswith("["):  # a name with ';' in it (``join_priorities``)
        data["team"] = _json_list(data["team"])  # type: ignore[assignment]
    try:
        plan.account = Account.from_dict(data)
    except ValidationError as exc:
        plan.errors.append(Problem(path, row.line, str(exc)))
        return
    plan.account_name = plan.account.account
    for item in retired_text.split(";"):
        rid, sep, when = item.strip().partition("=")
        if sep and rid:
            plan.retired[rid] = when


def _whole_rows(table: Table, path: Path, plan: ImportPlan) -> Iterator[Row]:
    """The rows with a cell per column; each other row is a problem on its line."""
    for row in table.rows:
        if len(row.cells) == len(table.header):
            yield row
            continue
        plan.errors.append(
            Problem(
                path,
                row.line,
                f"has {len(row.cells)} cells but the header has {len(table.header)} columns",
            )
        )


def _plan_links(plan: ImportPlan, path: Path) -> None:
    table = read_table(path)
    columns: dict[str, int] = {}
    for index, header in enumerate(table.header):
        target = _LINK_HEADERS.get(fold_header(header))
        if target and target not in columns:
            columns[target] = index
    missing = [c for c in ("from", "to", "kind") if c not in columns]
    if missing and not ("from_name" in columns and "to_name" in columns and "kind" in columns):
        raise ImportFileError(
            path,
            "a links file needs the columns from, to and kind (strength optional); "
            f"it has: {', '.join(h for h in table.header if h)}",
        )
    own = "id" in columns
    for row in _whole_rows(table, path, plan):

        def cell(name: str, row: Any = row) -> str:
            if name not in columns:
                return ""
            value = row.cells[columns[name]]
            return (csv_uncell(value) if own else value).strip()

        source = cell("from") or cell("from_name")
        target = cell("to") or cell("to_name")
        if not source or not target:
            plan.errors.append(Problem(path, row.line, "from and to are both required"))
            continue
        try:
            kind = normalise(LinkKind, cell("kind"))
            strength_text = cell("strength")
            strength = (
                Link.parse_fields({"strength": strength_text}, partial=True)["strength"]
                if strength_text
                else None
            )
            stamps = Link.parse_fields(
                {"created": cell("created"), "modified": cell("modified")}, partial=True
            )
            link_id = cell("id")
            if link_id:
                Link.parse_fields({"id": link_id}, partial=True)
        except ValidationError as exc:
            plan.errors.append(Problem(path, row.line, str(exc)))
            continue
        plan.links.append(
            IncomingLink(
                path,
                row.line,
                source,
                target,
                kind,
                strength,
                link_id,
                stamps["created"],
                stamps["modified"],
            )
        )
    plan.notes.append(f"reading {path}: {len(table.rows)} link rows")


# --- the interactions file ------------------------------------------------------------

_INTERACTION_USER_COLUMNS: Final = frozenset(INTERACTION_COLUMNS) - {
    "id",
    "person",
    "person_name",
    "created",
    "modified",
}


def _plan_interactions(plan: ImportPlan, path: Path) -> None:
    """Read the log of touches a stakemap csv export wrote beside its people.

    Only stakemap's own columns are read (the file is found only beside a
    stakemap export); a row without an id (added in a spreadsheet) gets a new
    one when it is applied.
    """
    table = read_table(path)
    columns = {
        name: index
        for index, header in reversed(list(enumerate(table.header)))
        if (name := header.strip().casefold()) in INTERACTION_COLUMNS
    }
    missing = [c for c in ("person", "date", "summary") if c not in columns]
    if missing:
        raise ImportFileError(
            path,
            "an interactions file needs the columns person, date and summary; "
            f"it has: {', '.join(h for h in table.header if h)}",
        )
    for row in _whole_rows(table, path, plan):
        cells = {name: csv_uncell(row.cells[index]) for name, index in columns.items()}
        person = cells.get("person", "").strip() or cells.get("person_name", "").strip()
        if not person:
            plan.errors.append(Problem(path, row.line, "person is required"))
            continue
        data = {
            name: value
            for name, value in cells.items()
            if name in _INTERACTION_USER_COLUMNS and (value or name in ("date", "summary"))
        }
        try:
            fields = Interaction.parse_fields(data, partial=True)  # id and person come apart
            extra = Interaction.parse_fields(
                {
                    name: cells[name].strip()
                    for name in ("id", "created", "modified")
                    if cells.get(name, "").strip()
                },
                partial=True,
            )
        except ValidationError as exc:
            plan.errors.append(Problem(path, row.line, str(exc)))
            continue
        plan.interactions.append(
            IncomingInteraction(
                path,
                row.line,
                person,
                fields,
                extra.get("id", ""),
                extra.get("created", ""),
                extra.get("modified", ""),
            )
        )
    plan.notes.append(f"reading {path}: {len(table.rows)} interaction rows")
