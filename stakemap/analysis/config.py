"""The analyzers' thresholds, in one documented, overridable place.

Every number a rule compares against lives in ``AnalysisConfig`` so the CLI
(``stakemap analyze --set stale_days=90``), the TUI and the docs agree on
one set. Defaults come from the sales practice the rules encode (see
the README's Analysis section); change them per team, not per deal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any, Final, Self

from stakemap.errors import ValidationError

__all__ = ["AnalysisConfig"]


@dataclass(frozen=True, slots=True)
class AnalysisConfig:
    """Thresholds of the rules and parameters of the network measures.

    >>> AnalysisConfig().with_overrides(["stale_days=90"]).stale_days
    90
    """

    #: ``stale-contact``: a key player not contacted for more than this many days.
    stale_days: int = 60
    #: ``stale-contact`` per role, overriding ``stale_days``: ``(role, days)``
    #: pairs, e.g. ``(("economic_buyer", 30),)``. A tuple, not a dict, so the
    #: config stays immutable; set from the config file's ``[stale_contact]``.
    stale_days_by_role: tuple[tuple[str, int], ...] = ()
    #: ``missed-cadence``: a champion not touched for more than this many days
    #: (0: not checked). Two weeks: an active deal's champion hears from the
    #: rep at least every other week, or stops selling for them.
    cadence_champion_days: int = 14
    #: ``missed-cadence``: the economic buyer not touched for more than this many
    #: days (0: not checked). A month: budget owners re-decide where money goes
    #: every planning cycle, and an initiative they have not heard of lately
    #: loses its place.
    cadence_economic_buyer_days: int = 30
    #: ``single-threaded``: on a team of at least this many sellers, the people met
    #: more than once must not all be held by one teammate (0: not checked). Two:
    #: a second seller who knows the account is what survives a territory change.
    team_threads: int = 2
    #: ``priority-gap``: the initiative must rank within a decider's top N priorities.
    top_priorities: int = 3
    #: ``no-visible-opposition``: only maps with at least this many people.
    no_opposition_size: int = 8
    #: ``influence_score`` at or above which a person counts as high-influence
    #: (and so as a key player) even if the rep declared less.
    high_influence_score: float = 0.7
    #: PageRank share, as a multiple of the average person's, that counts as a
    #: fully central network position (network term 1.0; the average person 0).
    central_pagerank_ratio: float = 3.0
    #: Department states: a side is "real" when it holds at least this share of
    #: the department's influence among members whose stance is known.
    department_real_share: float = 0.25
    #: A department's state is ``unknown`` unless the members whose stance is
    #: known hold at least this share of its influence.
    department_known_share: float = 0.5
    #: ``broker``: people among the top N by ``broker_score``...
    broker_top: int = 3
    #: ...whose ``broker_score`` is at least this, on a network of at least
    #: ``broker_min_network`` linked people...
    broker_min_score: float = 0.25
    broker_min_network: int = 6
    #: ...or whose removal splits the network into two or more groups of at
    #: least this many people.
    broker_min_group: int = 3
    #: Exact betweenness up to this many people; above it, sampled pivots.
    exact_betweenness_limit: int = 300
    #: Sampled betweenness: pivots = max(``min_pivots``, ``pivot_budget`` /
    #: (people + links)), so the work stays near ``pivot_budget`` link visits.
    pivot_budget: int = 500_000
    min_pivots: int = 16
    #: Seed of the pivot sample: the same map always gives the same scores.
    seed: int = 20260101

    @classmethod
    def names(cls) -> list[str]:
        """The thresholds ``--set`` takes (the scalar ones)."""
        return [f.name for f in fields(cls) if f.name not in _TABLES]

    def stale_limit(self, role: str) -> int:
        """Days without contact after which a key player of ``role`` is stale.

        >>> AnalysisConfig(stale_days_by_role=(("economic_buyer", 30),)).stale_limit("user")
        60
        """
        return dict(self.stale_days_by_role).get(role, self.stale_days)

    def with_overrides(self, items: Iterable[str] | Mapping[str, Any]) -> Self:
        """Apply ``name=value`` strings (or a mapping); unknown names and bad values raise.

        Values are converted to the field's type, so ``stale_days=90`` works
        from a command line and a config file alike.
        """
        pairs: list[tuple[str, Any]] = []
        if isinstance(items, Mapping):
            pairs = list(items.items())
        else:
            for item in items:
                name, sep, value = item.partition("=")
                if not sep:
                    raise ValidationError(
                        "--set", item, reason=f"{item!r} is not NAME=VALUE, e.g. stale_days=90"
                    )
                pairs.append((name.strip(), value.strip()))
        changes: dict[str, Any] = {}
        types = {f.name: f.type for f in fields(self) if f.name not in _TABLES}
        for name, value in pairs:
            if name not in types:
                raise ValidationError(
                    "--set",
                    name,
                    reason=f"{name!r} is not a threshold; known: {', '.join(types)}",
                )
            changes[name] = _convert(name, types[name], value)
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(self, name) for name in self.names()}
        out["stale_days_by_role"] = dict(self.stale_days_by_role)
        return out


#: Fields that are tables, set from the config file rather than ``--set``.
_TABLES: Final = frozenset({"stale_days_by_role"})
_KIND_NAME: dict[type, str] = {float: "number", int: "whole number"}


def _convert(name: str, type_name: object, value: Any) -> int | float:
    kind = float if str(type_name) == "float" else int
    try:
        if isinstance(value, bool):
            raise ValueError
        number = kind(value)
    except (TypeError, ValueError):
        raise ValidationError(
            "--set", value, reason=f"{name} must be a {_KIND_NAME[kind]}"
        ) from None
    if number < 0:
        raise ValidationError("--set", value, reason=f"{name} cannot be negative")
    return number
