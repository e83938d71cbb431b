"""What the measures read about one child: dated journey events, the SSDA903 episodes where the
return has them, the child's facts and the permanence outcomes. From these come the periods of
care and the placements the national measures count.

The same journey that feeds the timescales engine (``timescales.Event``, ``ChildFacts``) feeds
the measures. Episodes are optional: where they are given, the events they imply
(``ssda903.journey.derive_events``) are added, and placements are counted from them exactly;
where only events are recorded, placements are read off the events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Final

from homeward.domain.ssda903 import codes
from homeward.domain.ssda903 import journey as ssda903_journey
from homeward.domain.ssda903.journey import EpisodeFacts
from homeward.domain.timescales import NO_FACTS, ChildFacts, Event

# SSDA903 PLACE T0-T4: temporary placements (a hospital stay, a holiday, the usual carers on
# holiday, 7 days or less). Not a placement in the stability measures, and the return to the
# placement before it is not a move (DfE, "Children looked after in England including adoptions":
# methodology, placement stability; check against the year's methodology before relying on it).
TEMPORARY_PLACEMENTS: Final = frozenset({"T0", "T1", "T2", "T3", "T4"})
# SSDA903 RNE: a new episode that means a new carer (P: change of placement and carer; B: change
# of legal status and of placement and carer). T and U are a change of placement with the same
# carers (codes.py, rule 217), so the child did not move and the placement goes on.
NEW_CARER: Final = frozenset({"P", "B"})
ADOPTIVE_PLACEMENTS: Final = ssda903_journey.ADOPTION_PLACEMENTS
WITH_CURRENT_CARERS: Final = ssda903_journey.WITH_CURRENT_CARERS
FOSTER_PLACEMENTS: Final = ssda903_journey.FOSTER_PLACEMENTS
SHORT_BREAKS: Final = ssda903_journey.SHORT_BREAKS
# Legal statuses that are the court's authority to place for adoption: E1 placement order, and
# D1 freeing order (before 30 December 2005). The adoption scorecard's A2 counts from either.
COURT_AUTHORITY: Final = frozenset({"E1", "D1"})

# Events that start a placement when only events are recorded (no episodes).
_PLACEMENT_STARTS: Final = frozenset({"became_looked_after", "placement_started"})


@dataclass(frozen=True)
class Outcome:
    """A child left care to permanence on ``date`` by ``route`` (an adoption order, special
    guardianship order, child arrangements order, or a planned return home)."""

    date: dt.date
    route: codes.PermanenceRoute


@dataclass(frozen=True)
class PeriodOfCare:
    """From the day the child started to be looked after to the day they ceased (``None`` while
    still looked after). The child is looked after on ``start`` and not on ``end``."""

    start: dt.date
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def holds(self, day: dt.date) -> bool:
        """``day`` falls within the period, its last day included (an order made the day care
        ended belongs to it)."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Placement:
    """A time with the same carers. ``placement_type`` is the SSDA903 PLACE of its latest
    episode, ``first_type`` of its first ("" where only events were recorded): foster carers
    who become adopters (U5 then A5) are one placement that began as fostering."""

    start: dt.date
    end: dt.date | None
    placement_type: str = ""
    first_type: str = ""

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        """Any day of the placement falls in ``first``..``last``, both included."""
        return self.start <= last and (self.end is None or self.end > first)


@dataclass(frozen=True)
class ChildJourney:
    """One child's facts, as the measures take them.

    ``moved_in_with_adopters``: where the carers who adopt (or will adopt) the child were caring
    for them before the placement for adoption, the day the child moved in with them (A10's
    adjustment). Read off the episodes where they show it (A3 or A5 with the current carers);
    recorded by hand otherwise.
    """

    child_id: str
    events: tuple[Event, ...] = ()
    facts: ChildFacts = NO_FACTS
    episodes: tuple[EpisodeFacts, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    moved_in_with_adopters: dt.date | None = None

    @cached_property
    def timeline(self) -> tuple[Event, ...]:
        """The recorded events and those the episodes imply, oldest first, once each."""
        derived = (
            Event(e.date, e.kind) for e in ssda903_journey.derive_events(list(self.episodes))
        )
        return tuple(sorted({*self.events, *derived}))

    def dates(self, *kinds: str) -> list[dt.date]:
        wanted = frozenset(kinds)
        return sorted({e.date for e in self.timeline if e.kind in wanted})

    @cached_property
    def periods(self) -> tuple[PeriodOfCare, ...]:
        if self.episodes:
            return _periods_from_episodes(self.episodes)
        return _periods_from_events(self.timeline)

    def period_on(self, day: dt.date) -> PeriodOfCare | None:
        """The period of care the child is in on ``day``, if any."""
        for period in self.periods:
            if period.covers(day):
                return period
        return None

    def period_holding(self, day: dt.date) -> PeriodOfCare | None:
        """The latest period of care that ``day`` falls in, its last day included."""
        found = None
        for period in self.periods:
            if period.holds(day):
                found = period
        return found

    @cached_property
    def permanence_outcomes(self) -> tuple[Outcome, ...]:
        """Recorded outcomes and those the episodes' reasons for ceasing say (SSDA903 REC:
        ``codes.PERMANENCE_ROUTES``), oldest first."""
        found = set(self.outcomes)
        for period_end, reason in _period_ends(self.episodes):
            route = codes.PERMANENCE_ROUTES.get(reason)
            if route is not None:
                found.add(Outcome(period_end, route))
        return tuple(sorted(found, key=lambda o: (o.date, o.route)))

    def adopted_on(self) -> dt.date | None:
        """The latest adoption order (REC E11/E12, or recorded)."""
        days = [o.date for o in self.permanence_outcomes if o.route == "adoption"]
        return max(days) if days else None

    @cached_property
    def placements(self) -> tuple[Placement, ...]:
        if self.episodes:
            return _placements_from_episodes(self.episodes)
        return _placements_from_events(self.timeline, self.periods)

    def in_short_breaks(self, day: dt.date) -> bool:
        """Looked after on ``day`` under an agreed series of short breaks (LS V3 or V4), which
        the DfE's stability measures leave out."""
        for episode in self.episodes:
            if episode.start <= day and (episode.end is None or day < episode.end):
                return episode.legal_status in SHORT_BREAKS
        period = self.period_on(day)
        if period is None:
            return False
        return any(
            e.kind == "short_breaks_started" and period.start <= e.date <= day
            for e in self.timeline
        )

    def age_on(self, day: dt.date) -> int | None:
        born = self.facts.date_of_birth
        if born is None:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _chains(episodes: Iterable[EpisodeFacts]) -> list[list[EpisodeFacts]]:
    """Episodes grouped into periods of care: an episode that starts the day the one before
    ended continues the period (SSDA903 guidance; ``derive_events`` reads them the same way)."""
    chains: list[list[EpisodeFacts]] = []
    for episode in sorted(episodes, key=lambda e: e.start):
        last = chains[-1][-1] if chains else None
        if last is not None and last.end is not None and last.end == episode.start:
            chains[-1].append(episode)
        else:
            chains.append([episode])
    return chains


def _periods_from_episodes(episodes: Iterable[EpisodeFacts]) -> tuple[PeriodOfCare, ...]:
    return tuple(PeriodOfCare(chain[0].start, chain[-1].end) for chain in _chains(episodes))


def _period_ends(episodes: Iterable[EpisodeFacts]) -> list[tuple[dt.date, str]]:
    return [
        (chain[-1].end, chain[-1].reason_ceased)
        for chain in _chains(episodes)
        if chain[-1].end is not None
    ]


def _periods_from_events(timeline: Iterable[Event]) -> tuple[PeriodOfCare, ...]:
    """A period opens at "became looked after" and closes at the next "ceased to be looked
    after"; a second start while one is open, or an end and a start the same day, change
    nothing (the same reading as ``timescales.periods_of_care``)."""
    periods: list[PeriodOfCare] = []
    start: dt.date | None = None
    by_day: dict[dt.date, set[str]] = {}
    for event in timeline:
        by_day.setdefault(event.date, set()).add(event.kind)
    for day in sorted(by_day):
        kinds = by_day[day]
        became, ceased = "became_looked_after" in kinds, "ceased_looked_after" in kinds
        if start is None and became and not ceased:
            start = day
        elif start is not None and ceased and not became:
            periods.append(PeriodOfCare(start, day))
            start = None
    if start is not None:
        periods.append(PeriodOfCare(start, None))
    return tuple(periods)


def _placements_from_episodes(episodes: Iterable[EpisodeFacts]) -> tuple[Placement, ...]:
    """Placements as the stability measures count them: a new period of care or a new carer (RNE
    P or B) starts one; a change of legal status or of placement with the same carers (RNE L, T,
    U) does not, nor does a placement for adoption with the current foster carers (A3, A5); a
    temporary placement (T0-T4) is not one, and the return to the placement before it is not a
    move. Without the carer's identity in ``EpisodeFacts``, "the placement before it" is read as
    the same placement type (check against the carer's URN where the Django layer has it)."""
    found: list[Placement] = []
    for chain in _chains(episodes):
        current: Placement | None = None
        away = False  # in a temporary placement since ``current``
        for episode in chain:
            place = episode.placement_type
            if place in TEMPORARY_PLACEMENTS:
                away = current is not None or away
                continue
            moves = current is None or (
                episode.reason_new_episode in NEW_CARER
                and not (
                    place in WITH_CURRENT_CARERS and current.placement_type in FOSTER_PLACEMENTS
                )
            )
            if away and current is not None:
                moves = place != current.placement_type
            away = False
            if moves:
                if current is not None:
                    found.append(replace(current, end=episode.start))
                current = Placement(episode.start, None, place, place)
            elif current is not None:
                current = replace(current, placement_type=place)
        if current is not None:
            found.append(replace(current, end=chain[-1].end))
    return tuple(found)


def _placements_from_events(
    timeline: Iterable[Event], periods: Iterable[PeriodOfCare]
) -> tuple[Placement, ...]:
    """Without episodes: each period's start and each "placement started" in it begin a
    placement, which runs to the next or to the end of the period."""
    starts = sorted({e.date for e in timeline if e.kind in _PLACEMENT_STARTS})
    found: list[Placement] = []
    for period in periods:
        days = [d for d in starts if period.holds(d) and (period.end is None or d < period.end)]
        if not days or days[0] != period.start:
            days.insert(0, period.start)
        for first, following in zip(days, [*days[1:], period.end], strict=True):
            found.append(Placement(first, following))
    return tuple(found)
