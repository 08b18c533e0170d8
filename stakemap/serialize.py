"""The map as one JSON object: what ``show --json`` prints and ``export json`` writes.

Unlike the TinyDB file (tables keyed by doc id, an implementation detail of the
store), this shape is a public, documented contract::

    {"format": "stakemap", "version": 1,
     "account": {"account", "initiative", "owner", "created", "modified", "schema_version"},
     "stakeholders": [{every Stakeholder field}],
     "links": [{"id", "source", "target", "kind", "strength", "created", "modified"}],
     "retired": [{"id", "retired"}],
     "interactions": [{every Interaction field}],
     "reviews": [{every Review field but "changes",
                  "entries": [{"section", "key", "value"}]}],
     "conflicts": [{every Conflict field}]}

A review's entries are what changed since the review before (see
``timeline.reviews``); the file packs them, the bundle spells them out so an
export can be read, grepped and checked for what it shares. Version 1
bundles (before the map kept its past) have no interactions or reviews, and
version 2 bundles (before the team merge) no conflicts; both are still read.

``map_from_json`` reads it back into an identical map, through the same
validation as every other input.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from stakemap.errors import StakemapError, ValidationError
from stakemap.model import StakeMap
from stakemap.records import Account, Conflict, Interaction, Link, Review, Stakeholder
from stakemap.store import SCHEMA_VERSION
from stakemap.timeline.reviews import pack, review_summary
from stakemap.timeline.reviews import review_entries as unpacked

__all__ = ["BUNDLE_FORMAT", "BUNDLE_VERSION", "map_from_json", "map_to_json"]

BUNDLE_FORMAT: Final = "stakemap"
BUNDLE_VERSION: Final = 3
_READABLE_VERSIONS: Final = (1, 2, 3)


def map_to_json(stakemap: StakeMap, *, review_entries: bool = True) -> dict[str, Any]:
    """Every field of every record, in map order, as plain JSON types.

    Without ``review_entries`` each review is its summary only (date, label,
    health, counts): what ``show --json`` prints, since the entries hold the
    map's whole past (the first review a copy of every record) and a script
    reading today's map should not pay for it. The export keeps them.
    """
    return {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "account": {**stakemap.account.to_dict(), "schema_version": SCHEMA_VERSION},
        "stakeholders": [person.to_dict() for person in stakemap.people],
        "links": [link.to_dict() for link in stakemap.links],
        "retired": [{"id": rid, "retired": when} for rid, when in stakemap.retired.items()],
        "interactions": [i.to_dict() for i in stakemap.interactions],
        "reviews": [
            _review_to_json(r) if review_entries else review_summary(r) for r in stakemap.reviews
        ],
        "conflicts": [c.to_dict() for c in stakemap.conflicts],
    }


def _review_to_json(review: Review) -> dict[str, Any]:
    entries = [
        {"section": section, "key": key, "value": value}
        for section, pairs in unpacked(review).items()
        for key, value in pairs
    ]
    return {**review_summary(review), "entries": entries}


def _review_from_json(record: Mapping[str, Any]) -> Review:
    """The review a bundle spells out, packed again as the file keeps it."""
    fields = dict(record)
    entries = fields.pop("entries", None) or []
    if "changes" in fields:
        raise ValidationError("changes", None, reason="a bundle spells a review out in 'entries'")
    sections: dict[str, list[tuple[str, dict[str, Any] | None]]] = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, Mapping) or set(entry) != {"section", "key", "value"}:
            raise ValidationError(
                "entries", None, reason=f"entry {number} is not a section, key and value"
            )
        section, key, value = entry["section"], entry["key"], entry["value"]
        if not isinstance(section, str) or not isinstance(key, str):
            raise ValidationError("entries", None, reason=f"entry {number} has no section or key")
        if value is not None and not isinstance(value, Mapping):
            raise ValidationError("entries", None, reason=f"entry {number}'s value is not a record")
        sections.setdefault(section, []).append((key, None if value is None else dict(value)))
    packed = {section: pack(pairs) for section, pairs in sections.items()}
    return Review.from_dict({**fields, "changes": packed})


def map_from_json(data: object) -> StakeMap:
    """Rebuild a map from ``map_to_json`` output; raises ``ValidationError`` naming the record."""
    if not isinstance(data, Mapping) or data.get("format") != BUNDLE_FORMAT:
        raise ValidationError("format", None, reason="this is not a stakemap JSON bundle")
    version = data.get("version")
    if version not in _READABLE_VERSIONS:
        raise ValidationError(
            "version", version, reason=f"bundle version {version!r} is not supported"
        )
    where = "account"
    try:
        account_fields = dict(data.get("account") or {})
        account_fields.pop("schema_version", None)
        account = Account.from_dict(account_fields)
        people = []
        for index, record in enumerate(data.get("stakeholders") or [], start=1):
            where = f"stakeholder {index}"
            people.append(Stakeholder.from_dict(record))
        links = []
        for index, record in enumerate(data.get("links") or [], start=1):
            where = f"link {index}"
            links.append(Link.from_dict(record))
        where = "retired"
        retired = {str(r["id"]): str(r.get("retired", "")) for r in data.get("retired") or []}
        interactions = []
        for index, record in enumerate(data.get("interactions") or [], start=1):
            where = f"interaction {index}"
            interactions.append(Interaction.from_dict(record))
        reviews = []
        for index, record in enumerate(data.get("reviews") or [], start=1):
            where = f"review {index}"
            reviews.append(_review_from_json(record))
        conflicts = []
        for index, record in enumerate(data.get("conflicts") or [], start=1):
            where = f"conflict {index}"
            conflicts.append(Conflict.from_dict(record))
        where = "links"
        return StakeMap.from_records(
            account,
            people,
            links,
            retired=retired,
            interactions=interactions,
            reviews=reviews,
            conflicts=conflicts,
        )
    except StakemapError as exc:
        raise ValidationError(where, None, reason=str(exc)) from None
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise ValidationError(where, None, reason=f"malformed record ({exc})") from None
