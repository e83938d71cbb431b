"""The board's figures as rows per child (homeward/domain/measures/rows.py): a day measure is
worked out only on the days its journey names, and holds until the next. These tests ask the
indicators themselves (DfE, Stability measures; the permanence plan by the second review) on
every day and check the stored spans say the same, for journeys hypothesis makes up: episodes
with new carers, changes of placement with the same carers, short breaks (LS V3, V4), placements
for adoption (A3 to A6), births on 29 February."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from homeward.domain.measures import long_term_stability, rows, three_or_more_placements
from homeward.domain.measures import quarters as q
from homeward.domain.ssda903.journey import EpisodeFacts
from homeward.domain.timescales import ChildFacts

from .helpers import D, episode, journey

START = D(2024, 2, 20)
ONE = dt.timedelta(days=1)

RNE = st.sampled_from(["S", "P", "L", "T", "U", "B"])
LS = st.sampled_from(["C2", "E1", "V2", "V3", "V4", "D1", "L1"])
PLACE = st.sampled_from(["U1", "U3", "U5", "U6", "A3", "A5", "K2", "R1", "T0"])


@st.composite
def journeys(draw):
    day = draw(st.dates(D(2019, 1, 1), D(2026, 6, 30)))
    episodes: list[EpisodeFacts] = []
    for _ in range(draw(st.integers(1, 6))):
        length = draw(st.integers(1, 900))
        end = day + dt.timedelta(days=length)
        last = len(episodes) == 5 or draw(st.booleans())
        gap = draw(st.sampled_from([0, 0, 0, 30]))
        episodes.append(
            episode(
                day,
                None if last and draw(st.booleans()) else end,
                draw(RNE) if episodes else "S",
                draw(LS),
                draw(PLACE),
                draw(st.sampled_from(["", "E11", "E41", "X1"])) if gap or last else "",
            )
        )
        if episodes[-1].end is None:
            break
        day = end + dt.timedelta(days=gap)
    born = draw(
        st.sampled_from([None, D(2012, 2, 29), D(2010, 11, 3)])
        | st.dates(D(2005, 1, 1), D(2024, 1, 1))
    )
    child = journey("C1", born=born, episodes=tuple(episodes))
    return child


def _stability_on(child, day):
    short = three_or_more_placements(child, day)
    long = long_term_stability(child, day)
    return (
        (short.flagged, short.note) if short.in_cohort else None,
        (long.flagged, long.note) if long.in_cohort else None,
    )


def _rows_on(found, day):
    def one(key):
        held = [r for r in found if r.measure == key and r.holds(day)]
        assert len(held) <= 1, held
        return (held[0].counts, held[0].note_on(day)) if held else None

    return one(rows.PLACEMENTS_3_PLUS), one(rows.LONG_TERM_STABILITY)


@settings(max_examples=60, deadline=None)
@given(journeys())
def test_the_stored_spans_say_what_the_indicators_say_on_every_day(child):
    found = rows.stability_rows(child, START)
    day = START
    while day <= D(2030, 3, 1):
        assert _rows_on(found, day) == _stability_on(child, day), day
        day += ONE


@settings(max_examples=40, deadline=None)
@given(
    journeys(),
    st.dates(D(2023, 1, 1), D(2028, 1, 1)),
    st.none() | st.integers(0, 600),
    st.none() | st.integers(-100, 800),
)
def test_the_plan_spans_say_what_the_quarters_figure_says_on_every_day(
    child, due, agreed_after, stopped_after
):
    plan = q.PlanDeadline(
        "C1",
        due,
        None if agreed_after is None else due + dt.timedelta(days=agreed_after - 100),
        None if stopped_after is None else due + dt.timedelta(days=stopped_after),
    )
    found = rows.plan_rows(child, [plan], START)
    day = START
    while day <= D(2029, 1, 1):
        held = [r for r in found if r.holds(day)]
        in_cohort = (
            plan.due < day
            and (plan.stopped_on is None or plan.stopped_on > day)
            and child.period_on(day) is not None
        )
        assert bool(held) == in_cohort, day
        if held:
            (row,) = held
            assert row.counts == (plan.met_on is None or plan.met_on > day)
            assert ("no plan agreed by" in row.note_on(day)) == row.counts
        day += ONE


def test_a_span_ends_the_day_before_the_next_change_and_the_last_runs_on():
    child = journey(
        "C1",
        born=D(2015, 6, 1),
        episodes=(episode(D(2022, 1, 10), None, "S", "C2", "U1"),),
    )
    found = [r for r in rows.stability_rows(child, START) if r.measure == rows.LONG_TERM_STABILITY]
    # Looked after since 10 January 2022: 2.5 years on 10 July 2024, in the same placement since
    # then (2 years by 10 January 2024); under 16 until 1 June 2031.
    assert [(r.first, r.last, r.counts) for r in found] == [(D(2024, 7, 10), D(2031, 5, 31), True)]


def test_rows_do_not_depend_on_the_day_they_are_worked_out_only_on_the_start():
    child = journey(
        "C1",
        born=D(2016, 3, 3),
        episodes=(
            episode(D(2023, 1, 5), D(2023, 6, 1), "S", "C2", "U1"),
            episode(D(2023, 6, 1), D(2024, 2, 1), "P", "C2", "U3"),
            episode(D(2024, 2, 1), None, "P", "C2", "U6"),
        ),
    )
    early = rows.stability_rows(child, D(2023, 1, 1))
    late = rows.stability_rows(child, START)
    for day in (START, D(2024, 6, 30), D(2025, 2, 1), D(2026, 3, 31)):
        assert _rows_on(early, day) == _rows_on(late, day) == _stability_on(child, day)


def test_a_child_with_no_period_of_care_is_only_counted():
    child = journey("C1", born=None)
    assert child.facts == ChildFacts(date_of_birth=None)
    assert [r.measure for r in rows.child_rows(child, [], START)] == [rows.LOOKED_AFTER]
