"""Carrying out an import plan on a map: a new one (``-o``) or an existing one (``--into``).

Into an existing map, each incoming person is matched by id (stakemap's own
exports), then email, then name (case-insensitively); a match is updated
with the fields the file gives, and an empty cell never clears anything, so
importing a redacted export or a CRM file cannot wipe the rep's notes. Links
are matched by their ends and kind. Everything that changed is reported.

Records from stakemap's own exports keep their ids and timestamps whenever
the id is free on the target map, which is what makes ``export`` followed by
``import -o`` give an identical map.

Logged touches (interactions) follow their person. One whose id is already
on the map is left as the map has it (the rep's log wins, and a redacted
export cannot blank its notes); a new one is added as the file has it. What
a touch did to the person (last contact, coverage) is already in the
person's row, so importing one changes no person. Reviews are snapshots of
the map they were recorded on, so they come only with a bundle imported as
a new map; into an existing map they are left out, with a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from stakemap.errors import AmbiguousNameError, NotFoundError, ValidationError
from stakemap.importers.plan import (
    ImportPlan,
    IncomingInteraction,
    IncomingLink,
    IncomingPerson,
    Problem,
)
from stakemap.model import StakeMap
from stakemap.records import Interaction, Link, Stakeholder
from stakemap.vocab import LinkKind

__all__ = ["ImportReport", "apply_plan", "new_map_from_plan"]

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class ImportReport:
    added: list[Stakeholder] = field(default_factory=list)
    updated: list[tuple[Stakeholder, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    links_added: int = 0
    links_updated: int = 0
    links_unchanged: int = 0
    interactions_added: int = 0
    interactions_unchanged: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.added
            or self.updated
            or self.links_added
            or self.links_updated
            or self.interactions_added
        )


class _Resolver:
    """Finds the map id an import file means by an id, a CRM id, an email or a name."""

    def __init__(self, stakemap: StakeMap) -> None:
        self.stakemap = stakemap
        self.exact: dict[str, str] = {}
        self.emails: dict[str, set[str]] = {}
        self.names: dict[str, set[str]] = {}

    def learn(self, person: IncomingPerson, pid: str) -> None:
        for key in (person.external_id, person.record.id if person.record else ""):
            if key:
                self.exact[key] = pid
        if person.email:
            self.emails.setdefault(person.email.casefold(), set()).add(pid)
        self.names.setdefault(person.name.casefold(), set()).add(pid)

    def alias(self, person: Stakeholder) -> None:
        """Also know a matched person by the name and email the map had before the
        import changed them, so other rows may still refer to them that way."""
        if person.email:
            self.emails.setdefault(person.email.casefold(), set()).add(person.id)
        self.names.setdefault(person.name.casefold(), set()).add(person.id)

    def resolve(self, ref: str) -> str:
        """The map id for ``ref``; raises ``NotFoundError``/``AmbiguousNameError``."""
        key = ref.strip()
        if key in self.exact:
            return self.exact[key]
        for index in (self.emails, self.names):
            found = index.get(key.casefold())
            if found and len(found) == 1:
                return next(iter(found))
            if found:
                raise AmbiguousNameError(
                    ref, [(pid, self.stakemap.person(pid).name) for pid in sorted(found)]
                )
        return self.stakemap.resolve(key, loose=False).id


class _Candidates:
    """People on the map before the import who no row has matched yet, indexed
    by id, email and name so matching 10,000 rows is not 10,000 scans.

    A file's rows never match each other here (the plan already merged
    duplicates), and one person is never updated by two rows.
    """

    def __init__(self, people: list[Stakeholder]) -> None:
        self.by_id = {p.id: p for p in people}
        self.by_email: dict[str, list[str]] = {}
        self.by_name: dict[str, list[str]] = {}
        for p in people:
            if p.email:
                self.by_email.setdefault(p.email.casefold(), []).append(p.id)
            self.by_name.setdefault(p.name.casefold(), []).append(p.id)

    def take(self, pid: str) -> None:
        del self.by_id[pid]

    def _live(self, ids: list[str]) -> list[Stakeholder]:
        return [self.by_id[pid] for pid in ids if pid in self.by_id]

    def match(self, person: IncomingPerson) -> tuple[Stakeholder | None, str]:
        """The existing stakeholder this row describes, or ``(None, reason-if-refused)``."""
        if person.record is not None and person.record.id in self.by_id:
            return self.by_id[person.record.id], ""
        email = person.email.casefold()
        if email:
            same = self._live(self.by_email.get(email, []))
            if len(same) == 1:
                return same[0], ""
        same = [
            p
            for p in self._live(self.by_name.get(person.name.casefold(), []))
            if not (email and p.email and p.email.casefold() != email)
        ]
        if len(same) > 1:
            listed = ", ".join(f"{p.name} ({p.id})" for p in same)
            return None, (
                f"{person.name!r} matches {len(same)} people on the map ({listed}); "
                "add an email column so the right one can be found"
            )
        return (same[0], "") if same else (None, "")


def apply_plan(
    stakemap: StakeMap,
    plan: ImportPlan,
    *,
    match_existing: bool = True,
    progress: Progress | None = None,
) -> ImportReport:
    """Add and update people and links on ``stakemap`` as ``plan`` says."""
    report = ImportReport()
    resolver = _Resolver(stakemap)
    candidates = _Candidates(stakemap.people if match_existing else [])
    total = len(plan.people) + len(plan.links) + len(plan.interactions)
    done = 0
    final_ids: list[str | None] = []
    for person in plan.people:
        final_ids.append(_apply_person(stakemap, person, candidates, resolver, report))
        done += 1
        if progress:
            progress(done, total)
    for person, pid in zip(plan.people, final_ids, strict=True):
        if person.reports_to and pid is not None:
            _apply_reports_to(stakemap, person, pid, resolver, report)
    for link in plan.links:
        _apply_link(stakemap, link, resolver, report)
        done += 1
        if progress:
            progress(done, total)
    for touch in plan.interactions:
        _apply_interaction(stakemap, touch, resolver, report)
        done += 1
        if progress:
            progress(done, total)
    if plan.exact is not None and plan.exact.reviews:
        count = len(plan.exact.reviews)
        report.warnings.append(
            Problem(
                plan.path,
                None,
                f"{count} {'review' if count == 1 else 'reviews'} not imported: a review is "
                "a snapshot of the map it was recorded on; import the bundle as a new map "
                "to keep them",
            )
        )
    return report


def _apply_person(
    stakemap: StakeMap,
    person: IncomingPerson,
    candidates: _Candidates,
    resolver: _Resolver,
    report: ImportReport,
) -> str | None:
    existing, refusal = candidates.match(person)
    if refusal:
        report.errors.append(Problem(person.path, person.line or None, refusal))
        return None
    if existing is not None:
        candidates.take(existing.id)
        resolver.alias(existing)
        changes = _changes(existing, person.fields)
        if changes:
            after = stakemap.update_person(existing.id, changes)
            report.updated.append((after, sorted(changes)))
        else:
            report.unchanged += 1
        resolver.learn(person, existing.id)
        return existing.id
    namesakes = candidates.by_name.get(person.name.casefold(), [])
    if namesakes and person.email:  # only people who were on the map before the import
        report.warnings.append(
            Problem(
                person.path,
                person.line or None,
                f"{person.name} is already on the map with another email; added as a new "
                "person (if it is the same person, fix the email and import again)",
            )
        )
    record = person.record
    if record is not None and record.id not in stakemap.retired and _id_free(stakemap, record.id):
        stakemap.put_person(record)
        added = record
    else:
        added = stakemap.add_person(person.fields)
    report.added.append(added)
    resolver.learn(person, added.id)
    return added.id


def _id_free(stakemap: StakeMap, rid: str) -> bool:
    if rid in stakemap:
        return False
    for lookup in (stakemap.link, stakemap.interaction, stakemap.review):
        try:
            lookup(rid)
        except NotFoundError:
            continue
        return False
    return True


def _interaction_of(stakemap: StakeMap, iid: str) -> str | None:
    """Whose touch ``iid`` is on the map, if it is there."""
    try:
        return stakemap.interaction(iid).person
    except NotFoundError:
        return None


def _apply_interaction(
    stakemap: StakeMap, touch: IncomingInteraction, resolver: _Resolver, report: ImportReport
) -> None:
    where = (touch.path, touch.line or None)
    try:
        pid = resolver.resolve(touch.person)
    except (NotFoundError, AmbiguousNameError) as exc:
        report.errors.append(Problem(*where, f"person: {exc}"))
        return
    iid = touch.interaction_id
    if iid and _interaction_of(stakemap, iid) == pid:
        report.interactions_unchanged += 1
        return
    try:
        if iid and iid not in stakemap.retired and _id_free(stakemap, iid):
            record = Interaction.from_dict(
                {
                    **touch.fields,
                    "id": iid,
                    "person": pid,
                    "created": touch.created,
                    "modified": touch.modified,
                }
            )
            stakemap.put_interaction(record)
        else:
            stakemap.add_interaction({**touch.fields, "person": pid})
    except ValidationError as exc:
        report.errors.append(Problem(*where, exc.reason or str(exc)))
        return
    report.interactions_added += 1


def _changes(existing: Stakeholder, fields: dict[str, Any]) -> dict[str, Any]:
    """Fields whose value differs; an email differing only in case is the same email."""
    changes = {}
    for key, value in fields.items():
        current = getattr(existing, key)
        if key == "email" and current.casefold() == str(value).casefold():
            continue
        if current != value:
            changes[key] = value
    return changes


def _apply_reports_to(
    stakemap: StakeMap,
    person: IncomingPerson,
    pid: str,
    resolver: _Resolver,
    report: ImportReport,
) -> None:
    where = (person.path, person.line or None)
    try:
        manager = resolver.resolve(person.reports_to)
    except NotFoundError:
        report.warnings.append(
            Problem(
                *where,
                f"Reports To {person.reports_to!r} matches nobody in the file or on the map; "
                "no reporting line added",
            )
        )
        return
    except AmbiguousNameError as exc:
        report.warnings.append(Problem(*where, f"Reports To: {exc}; no reporting line added"))
        return
    if manager == pid:
        report.warnings.append(Problem(*where, "reports to themselves; ignored"))
        return
    if stakemap.find_links(pid, manager, LinkKind.REPORTS_TO):
        report.links_unchanged += 1
        return
    try:
        stakemap.add_link(pid, manager, LinkKind.REPORTS_TO)
    except ValidationError as exc:
        report.warnings.append(Problem(*where, f"reporting line not added: {exc.reason or exc}"))
        return
    report.links_added += 1


def _apply_link(
    stakemap: StakeMap, link: IncomingLink, resolver: _Resolver, report: ImportReport
) -> None:
    where = (link.path, link.line or None)
    ends = []
    for label, ref in (("from", link.source), ("to", link.target)):
        try:
            ends.append(resolver.resolve(ref))
        except (NotFoundError, AmbiguousNameError) as exc:
            report.errors.append(Problem(*where, f"{label}: {exc}"))
            return
    source, target = ends
    existing = stakemap.find_links(source, target, link.kind)
    if existing:
        current = existing[0]
        if link.strength is not None and current.strength != link.strength:
            stakemap.update_link(current.id, strength=link.strength)
            report.links_updated += 1
        else:
            report.links_unchanged += 1
        return
    try:
        if (
            link.link_id
            and _id_free(stakemap, link.link_id)
            and link.link_id not in stakemap.retired
        ):
            record = Link.from_dict(
                {
                    "id": link.link_id,
                    "source": source,
                    "target": target,
                    "kind": link.kind,
                    "strength": link.strength,
                    "created": link.created,
                    "modified": link.modified,
                }
            )
            stakemap.put_link(record)
        else:
            stakemap.add_link(source, target, link.kind, link.strength)
    except ValidationError as exc:
        report.errors.append(Problem(*where, exc.reason or str(exc)))
        return
    report.links_added += 1


def new_map_from_plan(
    plan: ImportPlan, account: str, *, progress: Progress | None = None
) -> tuple[StakeMap, ImportReport]:
    """A fresh map holding what the plan imports.

    A bundle or map file comes back exactly as it was; a stakemap CSV export
    keeps its account record and retired ids too.
    """
    if plan.exact is not None:
        report = ImportReport(
            added=list(plan.exact.people),
            links_added=len(plan.exact.links),
            interactions_added=len(plan.exact.interactions),
        )
        return plan.exact, report
    if plan.account is not None:
        stakemap = StakeMap(replace(plan.account, account=account or plan.account.account))
    else:
        stakemap = StakeMap.new(account)
    account_record = stakemap.account
    report = apply_plan(stakemap, plan, match_existing=False, progress=progress)
    stakemap.retired.update(
        {rid: when for rid, when in plan.retired.items() if _id_free(stakemap, rid)}
    )
    if plan.account is not None:
        # put_person/put_link touched ``modified``; the export's record is the truth.
        stakemap.put_account(account_record)
    return stakemap, report
