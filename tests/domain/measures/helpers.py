"""Building journeys for the measures' tests: events by kind and date, episodes as the SSDA903
Episodes table holds them."""

from __future__ import annotations

import datetime as dt

from homeward.domain.measures import ChildJourney, Outcome
from homeward.domain.ssda903.codes import PermanenceRoute
from homeward.domain.ssda903.journey import EpisodeFacts
from homeward.domain.timescales import ChildFacts, Event

D = dt.date


def journey(
    child_id: str = "C1",
    *events: tuple[str, dt.date],
    born: dt.date | None = None,
    episodes: tuple[EpisodeFacts, ...] = (),
    outcomes: tuple[tuple[PermanenceRoute, dt.date], ...] = (),
    moved_in: dt.date | None = None,
) -> ChildJourney:
    return ChildJourney(
        child_id,
        tuple(Event(day, kind) for kind, day in events),
        ChildFacts(date_of_birth=born),
        episodes,
        tuple(Outcome(day, route) for route, day in outcomes),
        moved_in,
    )


def episode(
    start: dt.date,
    end: dt.date | None,
    rne: str,
    ls: str,
    place: str,
    rec: str = "",
) -> EpisodeFacts:
    if end is not None and not rec:
        rec = "X1"
    return EpisodeFacts(start, end, rne, ls, place, rec)
