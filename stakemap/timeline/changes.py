"""What changed between two states of a map, in the terms a deal review asks about.

``compare_states(old, new)`` reads two ``MapState``s (a review rebuilt from
the file, the map now, or two map files) through the one record comparison,
``compare.diff_records``, and names what it finds: who joined and who left,
who moved (stance, influence, coverage, role, veto, a rename, a new
department), whose priorities were reordered or changed and where the
initiative now ranks in them, which links appeared, went or changed
strength, which findings appeared, were resolved or changed severity (a
finding is the same finding when its rule, people and department are; see
``analysis.snapshot.finding_key``), the health before and after, and which
departments changed state. People are matched by id, so a
rename is a rename.

``Changes.to_json()`` is the stable JSON form (``stakemap diff --json``, the
exports). Keys always appear, in this order::

    {
      "from": "Q1 deal review (2026-10-01)",      # old_label
      "to": "now (2026-12-03)",                   # new_label
      "empty": false,                             # is_empty()
      "health": {"before": {"status", "reasons"}, "after": {...}, "changed": bool},
      "account": [{"field", "old", "new"}],       # account fields (initiative, owner...)
      "people": {
        "added":   [{"id", "name", "title", "department", "role", "stance"}],
        "removed": [same],
        "changed": [{"id", "name", "fields": [{"field", "old", "new"}],
                     "priorities": null | {"old", "new", "added", "removed", "reordered"},
                     "initiative_rank": null | {"old", "new"}}],
      },
      "links": {
        "added":   [{"id", "kind", "strength", "source": {"id", "name"}, "target": {...}}],
        "removed": [same],
        "changed": [same plus "fields": [{"field", "old", "new"}]],
      },
      "findings": {
        "appeared": [{"key", "rule", "severity", "subjects": [{"id", "name"}],
                      "department", "message"}],
        "resolved": [same],
        "changed": [same plus "old_severity"],     # same finding, severity moved
      },
      "departments": [{"name", "before", "after"}],   # state; null when absent
    }

People and links are listed by name (then id), findings in the analysis's
order (worst first), departments by name. ``modified`` and ``created`` never
count as changes: every edit bumps them. ``name`` in a person change is the
new name (the old one is in the ``name`` field change).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from stakemap.records import initiative_rank
from stakemap.timeline.compare import FieldChange, diff_records
from stakemap.timeline.state import MapState

__all__ = [
    "IGNORED_FIELDS",
    "Changes",
    "DepartmentChange",
    "FindingChange",
    "FindingRef",
    "LinkChange",
    "LinkRef",
    "PersonChange",
    "PersonRef",
    "PriorityChange",
    "compare_states",
]

Record = Mapping[str, Any]

#: Bookkeeping fields every edit touches: a difference there is not a change.
IGNORED_FIELDS: Final = ("created", "modified")


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A person who joined or left: enough to say who they are."""

    id: str
    name: str
    title: str
    department: str
    role: str
    stance: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "department": self.department,
            "role": self.role,
            "stance": self.stance,
        }


@dataclass(frozen=True, slots=True)
class PriorityChange:
    """A person's ranked priorities: ``reordered`` when only the order moved."""

    old: tuple[str, ...]
    new: tuple[str, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]
    reordered: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "old": list(self.old),
            "new": list(self.new),
            "added": list(self.added),
            "removed": list(self.removed),
            "reordered": self.reordered,
        }


@dataclass(frozen=True, slots=True)
class PersonChange:
    """A person on both sides whose fields differ (``name`` is the new name)."""

    id: str
    name: str
    fields: tuple[FieldChange, ...]
    priorities: PriorityChange | None = None
    #: ``(old, new)`` 1-based rank of the account's initiative in their priorities.
    initiative_rank: tuple[int | None, int | None] | None = None

    def get(self, name: str) -> FieldChange | None:
        """The change to field ``name``, if it changed."""
        return next((c for c in self.fields if c.field == name), None)

    def to_json(self) -> dict[str, Any]:
        rank = self.initiative_rank
        return {
            "id": self.id,
            "name": self.name,
            "fields": [_field_json(c) for c in self.fields],
            "priorities": self.priorities.to_json() if self.priorities else None,
            "initiative_rank": None if rank is None else {"old": rank[0], "new": rank[1]},
        }


@dataclass(frozen=True, slots=True)
class LinkRef:
    """A link named by its two people (names from whichever side still has them)."""

    id: str
    kind: str
    strength: int
    source: str
    source_name: str
    target: str
    target_name: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "strength": self.strength,
            "source": {"id": self.source, "name": self.source_name},
            "target": {"id": self.target, "name": self.target_name},
        }


@dataclass(frozen=True, slots=True)
class LinkChange:
    """A link on both sides whose fields differ; ``link`` is how it is now."""

    link: LinkRef
    fields: tuple[FieldChange, ...]

    def get(self, name: str) -> FieldChange | None:
        return next((c for c in self.fields if c.field == name), None)

    def to_json(self) -> dict[str, Any]:
        return {**self.link.to_json(), "fields": [_field_json(c) for c in self.fields]}


@dataclass(frozen=True, slots=True)
class FindingRef:
    """A finding as the review stored it (no evidence)."""

    key: str
    rule: str
    severity: str
    subjects: tuple[tuple[str, str], ...]  # (id, name)
    department: str | None
    message: str

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "rule": self.rule,
            "severity": self.severity,
            "subjects": [{"id": pid, "name": name} for pid, name in self.subjects],
            "department": self.department,
            "message": self.message,
        }


#: Severities, worst first (``analysis.Severity``'s order, which sits above this layer).
_SEVERITY_ORDER: Final = ("high", "medium", "low")


@dataclass(frozen=True, slots=True)
class FindingChange:
    """A finding on both sides whose severity moved (``finding`` is how it is now)."""

    finding: FindingRef
    old_severity: str

    @property
    def worse(self) -> bool:
        """The severity rose (towards ``high``)."""
        order = {name: rank for rank, name in enumerate(_SEVERITY_ORDER)}
        return order.get(self.finding.severity, 3) < order.get(self.old_severity, 3)

    def to_json(self) -> dict[str, Any]:
        return {**self.finding.to_json(), "old_severity": self.old_severity}


@dataclass(frozen=True, slots=True)
class DepartmentChange:
    """A department whose state (aligned, split, opposed, unknown) changed."""

    name: str
    before: str | None
    after: str | None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class Changes:
    """Everything that changed from ``old_label`` to ``new_label`` (see module doc)."""

    old_label: str
    new_label: str
    health_before: Record
    health_after: Record
    account: tuple[FieldChange, ...] = ()
    people_added: tuple[PersonRef, ...] = ()
    people_removed: tuple[PersonRef, ...] = ()
    people_changed: tuple[PersonChange, ...] = ()
    links_added: tuple[LinkRef, ...] = ()
    links_removed: tuple[LinkRef, ...] = ()
    links_changed: tuple[LinkChange, ...] = ()
    findings_appeared: tuple[FindingRef, ...] = ()
    findings_resolved: tuple[FindingRef, ...] = ()
    findings_changed: tuple[FindingChange, ...] = ()
    departments: tuple[DepartmentChange, ...] = ()

    @property
    def health_changed(self) -> bool:
        """The status moved (red, amber, green); reworded reasons alone do not count."""
        return self.health_before.get("status") != self.health_after.get("status")

    def is_empty(self) -> bool:
        """Nothing a deal review would mention changed (``diff --exit-code`` exits 0)."""
        return not (
            self.health_changed
            or self.account
            or self.people_added
            or self.people_removed
            or self.people_changed
            or self.links_added
            or self.links_removed
            or self.links_changed
            or self.findings_appeared
            or self.findings_resolved
            or self.findings_changed
            or self.departments
        )

    def person_ids(self) -> list[str]:
        """Ids of the people who joined, left or changed, in that order, once each."""
        ids = [p.id for p in self.people_added]
        ids += [p.id for p in self.people_removed]
        ids += [p.id for p in self.people_changed]
        return list(dict.fromkeys(ids))

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form documented in the module docstring."""
        return {
            "from": self.old_label,
            "to": self.new_label,
            "empty": self.is_empty(),
            "health": {
                "before": _health_json(self.health_before),
                "after": _health_json(self.health_after),
                "changed": self.health_changed,
            },
            "account": [_field_json(c) for c in self.account],
            "people": {
                "added": [p.to_json() for p in self.people_added],
                "removed": [p.to_json() for p in self.people_removed],
                "changed": [p.to_json() for p in self.people_changed],
            },
            "links": {
                "added": [link.to_json() for link in self.links_added],
                "removed": [link.to_json() for link in self.links_removed],
                "changed": [link.to_json() for link in self.links_changed],
            },
            "findings": {
                "appeared": [f.to_json() for f in self.findings_appeared],
                "resolved": [f.to_json() for f in self.findings_resolved],
                "changed": [f.to_json() for f in self.findings_changed],
            },
            "departments": [d.to_json() for d in self.departments],
        }


def _field_json(change: FieldChange) -> dict[str, Any]:
    return {"field": change.field, "old": change.old, "new": change.new}


def _health_json(health: Record) -> dict[str, Any]:
    return {"status": health.get("status"), "reasons": list(health.get("reasons") or [])}


def _person_ref(pid: str, record: Record) -> PersonRef:
    return PersonRef(
        id=pid,
        name=str(record.get("name", "")),
        title=str(record.get("title", "")),
        department=str(record.get("department", "")),
        role=str(record.get("role", "")),
        stance=str(record.get("stance", "")),
    )


def _by_name(name: str, key: str) -> tuple[str, str, str]:
    return (name.casefold(), name, key)


def _priority_change(old: Record, new: Record) -> PriorityChange | None:
    before = tuple(old.get("priorities") or ())
    after = tuple(new.get("priorities") or ())
    if before == after:
        return None
    return PriorityChange(
        old=before,
        new=after,
        added=tuple(p for p in after if p not in before),
        removed=tuple(p for p in before if p not in after),
        reordered=sorted(before) == sorted(after),
    )


def _people(
    old: MapState, new: MapState
) -> tuple[tuple[PersonRef, ...], tuple[PersonRef, ...], tuple[PersonChange, ...]]:
    diff = diff_records(old.people, new.people, ignore=IGNORED_FIELDS)
    added = sorted(
        (_person_ref(k, r) for k, r in diff.added.items()), key=lambda p: _by_name(p.name, p.id)
    )
    removed = sorted(
        (_person_ref(k, r) for k, r in diff.removed.items()), key=lambda p: _by_name(p.name, p.id)
    )
    old_initiative = str(old.account.get("initiative", ""))
    new_initiative = str(new.account.get("initiative", ""))
    changed: list[PersonChange] = []
    # The initiative's rank moves for people whose record did not change when the
    # account's initiative is renamed, so those are checked too (only then).
    keys = list(diff.changed)
    if old_initiative != new_initiative:
        keys += [k for k in new.people if k in old.people and k not in diff.changed]
    for key in keys:
        before, after = old.people[key], new.people[key]
        record_change = diff.changed.get(key)
        rank_before = initiative_rank(
            before.get("priorities") or (), old_initiative, before.get("initiative_priority") or ""
        )
        rank_after = initiative_rank(
            after.get("priorities") or (), new_initiative, after.get("initiative_priority") or ""
        )
        rank = None if rank_before == rank_after else (rank_before, rank_after)
        if record_change is None and rank is None:
            continue
        changed.append(
            PersonChange(
                id=key,
                name=str(after.get("name", "")),
                fields=record_change.fields if record_change else (),
                priorities=_priority_change(before, after),
                initiative_rank=rank,
            )
        )
    changed.sort(key=lambda p: _by_name(p.name, p.id))
    return tuple(added), tuple(removed), tuple(changed)


def _link_ref(key: str, record: Record, *names: Mapping[str, Record]) -> LinkRef:
    def name(pid: str) -> str:
        for people in names:
            person = people.get(pid)
            if person is not None:
                return str(person.get("name", pid))
        return pid

    source, target = str(record.get("source", "")), str(record.get("target", ""))
    strength = record.get("strength", 0)
    return LinkRef(
        id=key,
        kind=str(record.get("kind", "")),
        strength=strength if isinstance(strength, int) else 0,
        source=source,
        source_name=name(source),
        target=target,
        target_name=name(target),
    )


def _link_order(link: LinkRef) -> tuple[str, ...]:
    return (*_by_name(link.source_name, link.source), *_by_name(link.target_name, link.id))


def _links(
    old: MapState, new: MapState
) -> tuple[tuple[LinkRef, ...], tuple[LinkRef, ...], tuple[LinkChange, ...]]:
    diff = diff_records(old.links, new.links, ignore=IGNORED_FIELDS)
    added = [_link_ref(k, r, new.people, old.people) for k, r in diff.added.items()]
    removed = [_link_ref(k, r, old.people, new.people) for k, r in diff.removed.items()]
    changed = [
        LinkChange(_link_ref(k, c.new, new.people, old.people), c.fields)
        for k, c in diff.changed.items()
    ]
    return (
        tuple(sorted(added, key=_link_order)),
        tuple(sorted(removed, key=_link_order)),
        tuple(sorted(changed, key=lambda c: _link_order(c.link))),
    )


def _finding_ref(key: str, record: Record) -> FindingRef:
    subjects = tuple(
        (str(s.get("id", "")), str(s.get("name", "")))
        for s in record.get("subjects") or ()
        if isinstance(s, Mapping)
    )
    department = record.get("department")
    return FindingRef(
        key=key,
        rule=str(record.get("rule", "")),
        severity=str(record.get("severity", "")),
        subjects=subjects,
        department=department if isinstance(department, str) else None,
        message=str(record.get("message", "")),
    )


def _departments(old: MapState, new: MapState) -> tuple[DepartmentChange, ...]:
    diff = diff_records(old.departments, new.departments)
    out: list[DepartmentChange] = []
    for name, record in diff.added.items():
        out.append(DepartmentChange(name, None, str(record.get("state", ""))))
    for name, record in diff.removed.items():
        out.append(DepartmentChange(name, str(record.get("state", "")), None))
    for name, change in diff.changed.items():
        state = change.get("state")
        if state is not None:  # support shares alone move with every edit
            out.append(DepartmentChange(name, str(state.old), str(state.new)))
    out.sort(key=lambda d: _by_name(d.name, d.name))
    return tuple(out)


def compare_states(old: MapState, new: MapState, *, old_label: str, new_label: str) -> Changes:
    """What changed from ``old`` to ``new`` (see the module doc for what counts).

    A state without analysis (``records_state``) has no findings, departments
    or health, so comparing two such states reports records only.
    """
    people_added, people_removed, people_changed = _people(old, new)
    links_added, links_removed, links_changed = _links(old, new)
    findings = diff_records(old.findings, new.findings)
    account = diff_records(
        {"account": old.account} if old.account else {},
        {"account": new.account} if new.account else {},
        ignore=IGNORED_FIELDS,
    )
    account_change = account.changed.get("account")
    return Changes(
        old_label=old_label,
        new_label=new_label,
        health_before=dict(old.health),
        health_after=dict(new.health),
        account=account_change.fields if account_change else (),
        people_added=people_added,
        people_removed=people_removed,
        people_changed=people_changed,
        links_added=links_added,
        links_removed=links_removed,
        links_changed=links_changed,
        findings_appeared=tuple(_finding_ref(k, r) for k, r in findings.added.items()),
        findings_resolved=tuple(_finding_ref(k, r) for k, r in findings.removed.items()),
        findings_changed=tuple(
            FindingChange(_finding_ref(k, c.new), str(severity.old))
            for k, c in findings.changed.items()
            if (severity := c.get("severity")) is not None
        ),
        departments=_departments(old, new),
    )
