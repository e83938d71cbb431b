"""Forecasts: the day each running clock reaches its threshold if nothing moves.

Issue 16's worked example: "a placement order 90 days ago and no match: A2 breaches in 31 days"
(121 - 90). A1: entered care + 426 days unless placed with adopters. Care proceedings: the 26
weeks beginning with the issue day end on issue + 181 days (Children Act 1989 s32(1)(a); SPEC.md).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from homeward.domain.measures import (
    A1,
    A2,
    CARE_PROCEEDINGS,
    HOW_FORECASTS_ARE_MADE,
    child_scorecard,
    council_forecasts,
    forecasts_for,
)
from homeward.domain.measures.forecasts import FINAL_ORDER_STEP, MATCH_STEP, MOVE_IN_STEP

from .helpers import D, journey

TODAY = D(2026, 11, 24)  # tests/clock.py


def waiting_child(child_id: str = "C1"):
    """Entered care 1 March 2026; proceedings issued 1 September 2026 (still open); placement
    order 26 August 2026, 90 days before today; no match."""
    return journey(
        child_id,
        ("became_looked_after", D(2026, 3, 1)),
        ("proceedings_issued", D(2026, 9, 1)),
        ("placement_order", D(2026, 8, 26)),
    )


def test_placement_order_90_days_ago_and_no_match_breaches_a2_in_31_days():
    found = {f.measure.code: f for f in forecasts_for(waiting_child(), TODAY)}
    a2 = found["A2"]
    assert (TODAY - a2.started).days == 90
    assert a2.breach_date == D(2026, 12, 25)
    assert a2.days_left == 31
    assert a2.next_step == MATCH_STEP == "Agency decision on the match"
    assert a2.explanation == (
        "Placement order 26 August 2026 and no match decision yet (121-day A2 threshold): if "
        "nothing moves, the wait reaches the threshold on 25 December 2026, 31 days from today."
    )


def test_a1_runs_from_entering_care_until_placed_with_adopters():
    found = {f.measure.code: f for f in forecasts_for(waiting_child(), TODAY)}
    a1 = found["A1"]
    # 1 March 2026 + 426 days: 365 to 1 March 2027, then 61 (March and April): 1 May 2027.
    assert a1.breach_date == D(2027, 5, 1)
    assert a1.days_left == 158
    assert a1.next_step.startswith(MATCH_STEP)


def test_open_proceedings_reach_26_weeks_on_issue_plus_181_days():
    found = {f.measure.code: f for f in forecasts_for(waiting_child(), TODAY)}
    cp = found["CP26"]
    assert cp.breach_date == D(2027, 3, 1)
    assert cp.days_left == 97
    assert cp.next_step == FINAL_ORDER_STEP


def test_a_childs_forecasts_come_soonest_first():
    codes = [f.measure for f in forecasts_for(waiting_child(), TODAY)]
    assert codes == [A2, CARE_PROCEEDINGS, A1]


def test_a_match_stops_a2_and_leaves_the_move_to_the_adopters():
    child = journey(
        "C1",
        ("became_looked_after", D(2026, 3, 1)),
        ("placement_order", D(2026, 8, 26)),
        ("matched", D(2026, 11, 2)),
    )
    (a1,) = forecasts_for(child, TODAY)
    assert a1.measure == A1
    assert a1.next_step == MOVE_IN_STEP


def test_a_child_placed_for_adoption_or_not_on_the_adoption_route_has_no_adoption_forecast():
    placed = journey(
        "C1",
        ("became_looked_after", D(2026, 3, 1)),
        ("placement_order", D(2026, 8, 26)),
        ("matched", D(2026, 10, 2)),
        ("placed_for_adoption", D(2026, 11, 2)),
    )
    fostered = journey("C2", ("became_looked_after", D(2026, 3, 1)))
    assert forecasts_for(placed, TODAY) == ()
    assert forecasts_for(fostered, TODAY) == ()


def test_a_breached_threshold_keeps_its_date_in_the_past():
    # Placement order 1 January 2026 + 121 days = 2 May 2026.
    child = journey(
        "C1",
        ("became_looked_after", D(2025, 6, 1)),
        ("placement_order", D(2026, 1, 1)),
    )
    a2 = next(f for f in forecasts_for(child, TODAY) if f.measure == A2)
    assert a2.breach_date == D(2026, 5, 2)
    assert a2.breached and a2.days_left == -206
    assert "has been breached for 206 days" in a2.explanation


def test_council_forecasts_soonest_first_across_children():
    late = journey(
        "C9",
        ("became_looked_after", D(2025, 6, 1)),
        ("placement_order", D(2026, 1, 1)),
    )
    ordered = council_forecasts([waiting_child("C1"), late], TODAY)
    assert [(f.child_id, f.measure.code) for f in ordered] == [
        ("C9", "A2"),
        ("C9", "A1"),
        ("C1", "A2"),
        ("C1", "CP26"),
        ("C1", "A1"),
    ]
    assert [f.breach_date for f in ordered] == sorted(f.breach_date for f in ordered)
    upcoming = council_forecasts([waiting_child("C1"), late], TODAY, include_breached=False)
    assert all(not f.breached for f in upcoming) and len(upcoming) == 3


def test_the_method_is_said_in_words():
    assert "nothing moves" in HOW_FORECASTS_ARE_MADE
    assert "s32(1)(a)" in HOW_FORECASTS_ARE_MADE


days = st.integers(min_value=0, max_value=900)


@given(
    entered_ago=days,
    order_after=days,
    issued_ago=days,
    today=st.dates(D(2024, 1, 1), D(2032, 12, 31)),
)
def test_breach_date_minus_today_is_days_left_and_breaches_never_lie_ahead(
    entered_ago, order_after, issued_ago, today
):
    entered = today - dt.timedelta(days=entered_ago)
    ordered = min(entered + dt.timedelta(days=order_after), today)
    issued = today - dt.timedelta(days=issued_ago)
    child = journey(
        "C1",
        ("became_looked_after", entered),
        ("placement_order", ordered),
        ("proceedings_issued", issued),
    )
    found = forecasts_for(child, today)
    # A placement order is a final order: proceedings issued on or before it have ended.
    running = {A1, A2, CARE_PROCEEDINGS} if issued > ordered else {A1, A2}
    assert {f.measure for f in found} == running
    for forecast in found:
        assert (forecast.breach_date - today).days == forecast.days_left
        if forecast.breached:
            assert forecast.breach_date < today
        else:
            assert forecast.breach_date >= today
        assert forecast.started <= today


def test_the_26_weeks_forecast_stops_when_the_child_leaves_care_as_the_rule_does():
    child = journey(
        "C1",
        ("became_looked_after", D(2026, 6, 1)),
        ("proceedings_issued", D(2026, 9, 1)),
        ("ceased_looked_after", D(2026, 10, 1)),
    )
    assert forecasts_for(child, TODAY) == ()


def test_the_childs_page_shows_stopped_figures_and_running_clocks():
    page = child_scorecard(waiting_child(), TODAY)
    assert page.a1.days is None and page.a1.note == "Not yet placed for adoption."
    assert page.a2.note == "Placement order 26 August 2026; no match decision yet."
    assert [(f.measure, f.days_so_far, f.days_left) for f in page.running] == [
        (A2, 90, 31),
        (A1, 268, 158),
    ]
