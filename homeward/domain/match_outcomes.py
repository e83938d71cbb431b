"""Outcomes for learning (issue 15 item 8): how each match of a child with carers went (still
together at 1 year and at 2 years, ended as planned, ended unplanned and why), and what they
add up to per route and per matching criterion, so managers can see which routes and criteria
held. Plain Python, no Django.

Nothing here feeds ``homeward.domain.matching.rank``: an outcome is read against the criteria as
they were judged on the day of the match (kept with the match), and never changes a ranking.

Sources: Dudley Permanence Strategy (000_f860603ee99ef2b2.txt) 'Children in Care and Care
Experienced Young People Service' ("learn from unplanned and untimely endings to placements")
and 'Emotional Health and Wellbeing' ("learn lessons for placement breakdown"); a match that
held is one still together at 2 years, the DfE's long-term placement stability measure's
"same placement for at least 2 years" (``homeward.domain.measures.stability``, as Data to
Insight reproduces it). A match is counted, not the child's whole care: the DfE measure's other
conditions (under 16, looked after 2.5 years) are not applied here.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from homeward.domain import calendar as cal
from homeward.domain.councils import DUDLEY_STRATEGY as DS
from homeward.domain.matching import Outcome
from homeward.domain.measures import stability

LEARNING_SOURCE: Final = (
    f"{DS} 'Children in Care and Care Experienced Young People Service' (learn from unplanned "
    "and untimely endings to placements) and 'Emotional Health and Wellbeing' (learn lessons "
    "for placement breakdown); issue 15 item 8"
)
HELD_SOURCE: Final = (
    f"{stability.SOURCE}: long-term stability counts a placement lasting at least "
    f"{stability.SAME_PLACEMENT_MONTHS // 12} years; Data to Insight's tools reproduce it"
)
NONE_YET: Final = "none yet"


class Kind(enum.StrEnum):
    """What is recorded about a match."""

    TOGETHER_1_YEAR = "together_1_year"
    TOGETHER_2_YEARS = "together_2_years"
    ENDED_PLANNED = "ended_planned"
    ENDED_UNPLANNED = "ended_unplanned"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def ends(self) -> bool:
        return self in {Kind.ENDED_PLANNED, Kind.ENDED_UNPLANNED}


KIND_LABELS: Final[dict[Kind, str]] = {
    Kind.TOGETHER_1_YEAR: "Still together at 1 year",
    Kind.TOGETHER_2_YEARS: "Still together at 2 years",
    Kind.ENDED_PLANNED: "Ended as planned",
    Kind.ENDED_UNPLANNED: "Ended unplanned",
}
# How long after the match a "still together" outcome can first be recorded, in months.
TOGETHER_AFTER_MONTHS: Final[dict[Kind, int]] = {
    Kind.TOGETHER_1_YEAR: 12,
    Kind.TOGETHER_2_YEARS: stability.SAME_PLACEMENT_MONTHS,
}
# The outcomes of a criterion the report counts by (hard constraints are met by every carer
# matched through the ranking, so they tell nothing apart).
CRITERION_OUTCOMES: Final[tuple[Outcome, ...]] = (
    Outcome.MEETS,
    Outcome.PARTLY,
    Outcome.DOES_NOT_MEET,
    Outcome.NOT_KNOWN,
)


@dataclass(frozen=True)
class Entry:
    """One outcome recorded on a match."""

    kind: Kind
    on: dt.date
    reason: str = ""


def problems(
    matched_on: dt.date, earlier: Sequence[Entry], new: Entry, today: dt.date
) -> dict[str, str]:
    """What is wrong with recording ``new`` on a match agreed on ``matched_on`` that already
    has ``earlier``, by field ("kind", "on", "reason"); empty when it may be recorded."""
    found: dict[str, str] = {}
    ended = [e for e in earlier if e.kind.ends]
    if ended:
        found["kind"] = (
            f"The match ended on {cal.govuk_date(ended[0].on)} ({ended[0].kind.label.lower()}): "
            "nothing more can be recorded on it"
        )
    elif any(e.kind is new.kind for e in earlier):
        found["kind"] = f"{new.kind.label} is already recorded for this match"
    if new.kind is Kind.ENDED_UNPLANNED and not new.reason.strip():
        found["reason"] = "Enter why the match ended unplanned"
    if new.on > today:
        found["on"] = "The date must be today or in the past"
    elif new.on < matched_on:
        found["on"] = (
            f"The date must be on or after the match was agreed ({cal.govuk_date(matched_on)})"
        )
    elif new.kind in TOGETHER_AFTER_MONTHS:
        months = TOGETHER_AFTER_MONTHS[new.kind]
        due = cal.add_months(matched_on, months)
        if new.on < due:
            found["on"] = (
                f"{new.kind.label} can be recorded from {cal.govuk_date(due)}, {months // 12} "
                f"year{'s' if months > 12 else ''} after the match was agreed"
            )
    if "on" not in found and earlier:
        latest = max(e.on for e in earlier)
        if new.on < latest:
            found["on"] = (
                f"The date must be on or after the last outcome recorded ({cal.govuk_date(latest)})"
            )
    return found


@dataclass(frozen=True)
class MatchRecord:
    """One match as the report reads it: the child, the route, the criterion outcomes as
    judged on the day of the match (criterion key -> (title, outcome); soft criteria only) and
    what has been recorded since."""

    key: int  # the match's own reference (its row), for drill-down
    child_id: str
    route: str
    matched_on: dt.date
    criteria: Mapping[str, tuple[str, Outcome]] = field(default_factory=dict, hash=False)
    entries: tuple[Entry, ...] = ()

    def has(self, kind: Kind) -> bool:
        return any(e.kind is kind for e in self.entries)

    @property
    def held(self) -> bool:
        """Still together at 2 years (DfE long-term stability's 2 years in the same
        placement)."""
        return self.has(Kind.TOGETHER_2_YEARS)

    @property
    def settled(self) -> bool:
        """Whether it held is known: recorded together at 2 years, or ended."""
        return self.held or any(e.kind.ends for e in self.entries)

    @property
    def ended_unplanned(self) -> bool:
        return self.has(Kind.ENDED_UNPLANNED)

    @property
    def any_recorded(self) -> bool:
        return bool(self.entries)


class Figure(enum.StrEnum):
    """The figures of a row, each a kind of drill-down."""

    MATCHES = "matches"
    HELD = "held"
    ENDED_UNPLANNED = "ended_unplanned"


@dataclass(frozen=True)
class Count:
    """A figure: how many matches and how many children behind them, out of how many that
    qualify to be counted (``qualifying``); ``describe`` says "none yet" where none does."""

    matches: int
    children: int
    qualifying: int

    def describe(self) -> str:
        if not self.qualifying:
            return NONE_YET
        kids = f"{self.children} child{'ren' if self.children != 1 else ''}"
        return f"{self.matches} of {self.qualifying} ({kids})"


def _count(
    records: Sequence[MatchRecord], flagged: Iterable[MatchRecord], qualifying: int
) -> Count:
    chosen = list(flagged)
    return Count(len(chosen), len({r.child_id for r in chosen}), qualifying)


@dataclass(frozen=True)
class Row:
    """One line of the report: a route, or a criterion with one outcome."""

    group: str  # the route, or the criterion's title
    outcome: Outcome | None  # None for a route's row
    criterion: str  # the criterion's key ("" for a route's row)
    matches: int
    children: int
    held: Count
    ended_unplanned: Count


def row(
    group: str, records: Sequence[MatchRecord], outcome: Outcome | None = None, criterion: str = ""
) -> Row:
    """The figures of one group of matches. Held counts among the matches whose 2 years are
    settled (together at 2 years, or ended); ended unplanned among the matches with any outcome
    recorded."""
    settled = [r for r in records if r.settled]
    recorded = [r for r in records if r.any_recorded]
    return Row(
        group=group,
        outcome=outcome,
        criterion=criterion,
        matches=len(records),
        children=len({r.child_id for r in records}),
        held=_count(records, (r for r in settled if r.held), len(settled)),
        ended_unplanned=_count(records, (r for r in recorded if r.ended_unplanned), len(recorded)),
    )


def by_route(records: Iterable[MatchRecord]) -> list[Row]:
    """One row per route the matches were made by, in alphabetical order."""
    groups: dict[str, list[MatchRecord]] = {}
    for record in records:
        groups.setdefault(record.route, []).append(record)
    return [row(route, groups[route]) for route in sorted(groups, key=str.casefold)]


def by_criterion(records: Iterable[MatchRecord]) -> list[Row]:
    """For every criterion judged on a match, one row per outcome (meets, partly meets, does
    not meet, not known), each outcome listed even where no match had it."""
    records = list(records)
    titles: dict[str, str] = {}
    for record in records:
        for key, (title, _) in record.criteria.items():
            titles.setdefault(key, title)
    rows = []
    for key in sorted(titles, key=lambda k: titles[k].casefold()):
        for outcome in CRITERION_OUTCOMES:
            chosen = [r for r in records if key in r.criteria and r.criteria[key][1] is outcome]
            rows.append(row(titles[key], chosen, outcome, key))
    return rows


def chosen(
    records: Iterable[MatchRecord],
    *,
    route: str = "",
    criterion: str = "",
    outcome: str = "",
    figure: Figure = Figure.MATCHES,
) -> list[MatchRecord]:
    """The matches behind one figure of the report: of a route, or of a criterion with one
    outcome, and all of them, those that held, or those that ended unplanned."""
    found = list(records)
    if route:
        found = [r for r in found if r.route == route]
    if criterion:
        found = [
            r
            for r in found
            if criterion in r.criteria and (not outcome or r.criteria[criterion][1] == outcome)
        ]
    if figure is Figure.HELD:
        found = [r for r in found if r.held]
    elif figure is Figure.ENDED_UNPLANNED:
        found = [r for r in found if r.ended_unplanned]
    return sorted(found, key=lambda r: (r.matched_on, r.child_id, r.key))
