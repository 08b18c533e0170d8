"""Which column of an import file feeds which stakeholder field.

Salesforce and HubSpot contact exports are recognised by their headers, with
no configuration: both the labels people see ("First Name", "Account Name",
"Reports To", "Job Title", "Company Name") and the API or internal names
("FirstName", "ReportsToId", "jobtitle", "hs_object_id"). Headers are
compared after folding case and dropping spaces and punctuation, so
"E-mail Address", "email_address" and "EmailAddress" are the same column.
stakemap's own CSV columns (the ``csv`` export) are recognised too, and
``--map "Header=field"`` covers anything else.

A column maps to a *target*: a stakeholder field, or one of the import-only
targets (``first_name``, ``last_name``, ``account``, ``reports_to``,
``external_id`` for a CRM's record id, ``ignore``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from stakemap.errors import ValidationError
from stakemap.export.tabular import PEOPLE_COLUMNS

__all__ = [
    "IMPORT_TARGETS",
    "ColumnMap",
    "fold_header",
    "map_columns",
    "parse_mapping",
]

#: Targets a column can feed besides the stakeholder fields.
EXTRA_TARGETS: Final = ("first_name", "last_name", "account", "reports_to", "external_id", "ignore")
IMPORT_TARGETS: Final[tuple[str, ...]] = (*PEOPLE_COLUMNS, *EXTRA_TARGETS)


def fold_header(text: str) -> str:
    """``"E-mail Address"`` -> ``"emailaddress"``; how headers are compared.

    >>> fold_header(" Reports To: Full Name ")
    'reportstofullname'
    """
    return re.sub(r"[\W_]+", "", text.casefold())


def _aliases(target: str, *names: str) -> dict[str, str]:
    return {fold_header(name): target for name in names}


#: Folded header -> target. Labels first, then API/internal names.
KNOWN_HEADERS: Final[dict[str, str]] = {
    **_aliases("first_name", "First Name", "FirstName", "Given Name", "Forename", "First"),
    **_aliases("last_name", "Last Name", "LastName", "Surname", "Family Name", "Last"),
    **_aliases("name", "Name", "Full Name", "Contact Name", "Contact: Full Name", "Contact"),
    **_aliases("title", "Title", "Job Title", "JobTitle", "Position"),
    **_aliases("department", "Department", "Dept"),
    **_aliases(
        "email",
        "Email",
        "E-mail",
        "Email Address",
        "Work Email",
        "Business Email",
        "Primary Email",
    ),
    **_aliases(
        "account",
        "Account Name",
        "Account",
        "Account: Account Name",
        "Account.Name",
        "Company Name",
        "Company",
        "Associated Company",
        "Organization",
        "Organisation",
    ),
    **_aliases(
        "reports_to",
        "Reports To",
        "ReportsToId",
        "Reports To ID",
        "Reports To: Full Name",
        "ReportsTo.Name",
        "Reports To Name",
        "Manager",
        "Manager Name",
        "Manager Email",
    ),
    **_aliases(
        "external_id",
        "Contact ID",
        "ContactId",
        "Record ID",
        "Record ID - Contact",
        "hs_object_id",
        "vid",
        "18 Digit Contact ID",
    ),
    **_aliases(
        "role",
        "Role",
        "Contact Role",
        "Buying Role",
        "hs_buying_role",
        "Role in Decision",
    ),
    **_aliases("stance", "Stance", "Attitude", "Sentiment"),
    **_aliases("influence", "Influence", "Influence Level"),
    **_aliases("veto", "Veto", "Can Veto"),
    **_aliases("coverage", "Coverage", "Access"),
    **_aliases("mode", "Mode", "Response Mode"),
    **_aliases("fear_of_failure", "Fear of Failure", "fear_of_failure", "Fear", "Personal Risk"),
    **_aliases("priorities", "Priorities", "Priority", "Top Priorities"),
    # A CRM's record owner is the seller who holds the contact: the map's owner.
    **_aliases(
        "owner",
        "Owner",
        "Contact Owner",
        "Owner Name",
        "Contact Owner: Full Name",
        "Relationship Owner",
    ),
    **_aliases("relationship", "Relationship", "Relationship Level", "Relationship Strength"),
    **_aliases("drivers", "Drivers"),
    **_aliases("constraints", "Constraints"),
    **_aliases("fears", "Fears"),
    **_aliases("notes", "Notes", "Description", "Contact Description"),
    **_aliases(
        "last_contact",
        "Last Contact",
        "last_contact",
        "Last Contacted",
        "notes_last_contacted",
        "Last Activity",
        "Last Activity Date",
        "LastActivityDate",
    ),
}

#: Headers only one CRM writes, used to name the source in messages.
_SALESFORCE_MARKS: Final = frozenset(
    fold_header(h)
    for h in (
        "Account Name",
        "Reports To",
        "ReportsToId",
        "Lead Source",
        "Mailing Street",
        "Contact ID",
        "LastActivityDate",
        "OwnerId",
        "AccountId",
        "Salutation",
        "Mailing City",
    )
)
_HUBSPOT_MARKS: Final = frozenset(
    fold_header(h)
    for h in (
        "Company Name",
        "Record ID",
        "hs_object_id",
        "Lifecycle Stage",
        "Lead Status",
        "Associated Company",
        "jobtitle",
        "hs_buying_role",
        "Buying Role",
        "notes_last_contacted",
        "Last Activity Date",
    )
)
_STAKEMAP_ONLY: Final = frozenset(
    fold_header(c)
    for c in PEOPLE_COLUMNS
    # words any spreadsheet may use, so they do not make a file stakemap's own
    if c not in ("id", "name", "title", "department", "email", "owner", "relationship")
)


@dataclass(slots=True)
class ColumnMap:
    """The outcome of header recognition for one file."""

    targets: dict[int, str]  # column index -> target
    source: str  # "stakemap", "Salesforce", "HubSpot" or "CSV"
    ignored: list[str]  # headers no target was found for
    duplicates: list[tuple[str, str]]  # (header, target already fed by an earlier column)

    @property
    def own_format(self) -> bool:
        return self.source == "stakemap"

    def has(self, target: str) -> bool:
        return target in self.targets.values()


def parse_mapping(specs: Sequence[str]) -> dict[str, str]:
    """``["Job Function=title"]`` -> ``{"job function": "title"}``; refuses unknown fields."""
    mapping: dict[str, str] = {}
    for spec in specs:
        header, sep, target = spec.rpartition("=")
        header, target = header.strip(), target.strip().lower().replace("-", "_") or "ignore"
        if not sep or not header:
            raise ValidationError(
                "--map", spec, reason=f"{spec!r} is not HEADER=FIELD, e.g. 'Job Function=title'"
            )
        if target in ("", "_", "none", "skip"):
            target = "ignore"
        if target not in IMPORT_TARGETS:
            raise ValidationError("--map", spec, IMPORT_TARGETS)
        mapping[header.casefold()] = target
    return mapping


def map_columns(header: Sequence[str], mapping: dict[str, str] | None = None) -> ColumnMap:
    """Decide each column's target from its header (``--map`` entries win)."""
    mapping = mapping or {}
    present = {h.strip().casefold() for h in header}
    for wanted in mapping:
        if wanted not in present:
            raise ValidationError(
                "--map",
                wanted,
                reason=f"the file has no column {wanted!r}; its columns are: "
                + ", ".join(h for h in header if h),
            )
    folded = [fold_header(h) for h in header]
    names = set(folded)
    own = "id" in names and "name" in names and bool(names & _STAKEMAP_ONLY)
    if own:
        source = "stakemap"
    else:
        salesforce, hubspot = len(names & _SALESFORCE_MARKS), len(names & _HUBSPOT_MARKS)
        if salesforce > hubspot:
            source = "Salesforce"
        elif hubspot > salesforce:
            source = "HubSpot"
        else:
            source = "CSV"

    own_columns = {fold_header(c): c for c in PEOPLE_COLUMNS}
    targets: dict[int, str] = {}
    ignored: list[str] = []
    duplicates: list[tuple[str, str]] = []
    used: set[str] = set()
    for index, (text, key) in enumerate(zip(header, folded, strict=True)):
        target = mapping.get(text.strip().casefold())
        if target is None:
            if own and key in own_columns:
                target = own_columns[key]
            elif key == "id":
                target = "external_id"
            else:
                target = KNOWN_HEADERS.get(key)
        if target is None or target == "ignore":
            if text and target is None:
                ignored.append(text)
            continue
        if target in used:
            duplicates.append((text, target))
            continue
        used.add(target)
        targets[index] = target
    return ColumnMap(targets, source, ignored, duplicates)
