"""The measures over a whole synthetic SSDA903 return (homeward/domain/ssda903/synthetic.py, the
stories the demo council is built from): every child's journey read as an import would, and what
must hold whatever the return says."""

from __future__ import annotations

import datetime as dt
from functools import cache

from homeward.domain.measures import (
    A1,
    ChildJourney,
    Window,
    a1,
    a2,
    a10,
    council_forecasts,
    long_term_stability,
    scorecard,
    share_stable,
    share_with_three_or_more,
    three_or_more_placements,
    time_to_permanence,
)
from homeward.domain.ssda903 import synthetic
from homeward.domain.ssda903.journey import EpisodeFacts
from homeward.domain.timescales import ChildFacts, Event

YEAR_END = dt.date(2027, 3, 31)  # the return for 2026-27


def _date(text: str) -> dt.date | None:
    if not text:
        return None
    day, month, year = text.split("/")
    return dt.date(int(year), int(month), int(day))


@cache
def return_2027() -> tuple[tuple[ChildJourney, ...], frozenset[str]]:
    """The journeys, and the children the AD1 table says were adopted in the year."""
    tables = synthetic.generate(250, seed=2026, collection_year=2027)
    episodes: dict[str, list[EpisodeFacts]] = {}
    for row in tables["Episodes"]:
        start = _date(row["DECOM"])
        assert start is not None
        episodes.setdefault(row["CHILD"], []).append(
            EpisodeFacts(start, _date(row["DEC"]), row["RNE"], row["LS"], row["PLACE"], row["REC"])
        )
    matched = {row["CHILD"]: _date(row["DATE_MATCH"]) for row in tables["AD1"]}
    journeys = []
    for row in tables["Header"]:
        child = row["CHILD"]
        match = matched.get(child)
        journeys.append(
            ChildJourney(
                child,
                (Event(match, "matched"),) if match else (),
                ChildFacts(date_of_birth=_date(row["DOB"])),
                tuple(episodes.get(child, ())),
            )
        )
    return tuple(journeys), frozenset(matched)


def test_every_child_adopted_in_the_year_is_in_the_scorecard():
    journeys, adopted = return_2027()
    assert adopted, "the synthetic return has adoptions"
    a1_average, a2_average, a10_average = scorecard(journeys, Window.years_to_31_march(2027))
    assert {f.child_id for f in a1_average.figures} == adopted
    assert a2_average.count <= a1_average.count == a10_average.count == len(adopted)
    assert a1_average.mean_days is not None and a1_average.mean_days > 0


def test_a10_never_exceeds_a1_and_no_figure_is_negative():
    journeys, _ = return_2027()
    for child in journeys:
        first, adjusted, matched = a1(child), a10(child), a2(child)
        if first.days is not None:
            assert adjusted.days is not None
            assert 0 <= adjusted.days <= first.days
            assert first.within_threshold == (first.days <= A1.threshold_days)
        if matched.days is not None:
            assert matched.days >= 0
        for figure in time_to_permanence(child):
            assert figure.days is None or figure.days >= 0


def test_stability_cohorts_on_31_march():
    journeys, _ = return_2027()
    short = share_with_three_or_more(journeys, YEAR_END)
    assert short.cohort > 0
    for figure in short.figures:
        assert figure.placements is not None and figure.placements >= 1
        assert figure.flagged == (figure.placements >= 3)
    long = share_stable(journeys, YEAR_END)
    for figure in long.figures:
        assert figure.in_cohort
    # Every child in the long-term cohort is also in the short-term one (looked after that day).
    short_ids = {f.child_id for f in short.figures}
    assert {f.child_id for f in long.figures} <= short_ids
    for child in journeys:
        if child.child_id not in short_ids:
            assert not three_or_more_placements(child, YEAR_END).in_cohort
            assert not long_term_stability(child, YEAR_END).in_cohort


def test_forecasts_over_the_return_are_soonest_first_and_consistent():
    journeys, _ = return_2027()
    found = council_forecasts(journeys, YEAR_END)
    assert [f.breach_date for f in found] == sorted(f.breach_date for f in found)
    for forecast in found:
        assert (forecast.breach_date - YEAR_END).days == forecast.days_left
        assert forecast.days_so_far >= 0
