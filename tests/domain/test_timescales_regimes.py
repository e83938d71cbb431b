"""Every regime of a child's journey (issue 13): worked examples written from the regulation's
or seed's text, each naming the events, the expected date and the source; then properties.

CPR 2010 = Care Planning, Placement and Case Review (England) Regulations 2010; AAR 2005 =
Adoption Agencies Regulations 2005; ACA 2002 = Adoption and Children Act 2002. Seeds by council
and heading. Bank holidays: England and Wales (Good Friday 3 Apr and Easter Monday 6 Apr 2026;
Christmas 2026 Fri 25 Dec, Boxing Day substitute Mon 28 Dec).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from homeward.domain import events as event_kinds
from homeward.domain.ssda903.journey import EpisodeFacts, derive_events
from homeward.domain.timescales import (
    ChildFacts,
    Event,
    Status,
    evaluate,
    rules_for,
)

D = dt.date
DUDLEY, DURHAM, DEVON = rules_for("dudley"), rules_for("durham"), rules_for("devon")
COUNCILS = (DUDLEY, DURHAM, DEVON)


def ev(kind: str, day: dt.date) -> Event:
    return Event(day, kind)


def of(expectations, rule_id: str):
    return [e for e in expectations if e.rule.id == rule_id]


def rows(expectations, rule_id: str):
    return [(e.occurrence, e.due, e.status) for e in of(expectations, rule_id)]


# Item 7: a period of care is what starts the clocks.


def test_a_second_became_looked_after_inside_an_open_period_restarts_nothing() -> None:
    """CPR 2010 reg 33(1): the first review within 20 working days of becoming looked after
    (Mon 5 Jan 2026 -> Mon 2 Feb 2026); "became looked after" again on 2 Mar, with no end of
    care between, is the same period: one review clock, still from 5 January."""
    events = [ev("became_looked_after", D(2026, 1, 5)), ev("became_looked_after", D(2026, 3, 2))]
    reviews = of(evaluate(DUDLEY, events, today=D(2026, 1, 6)), "cic-review")
    assert [(e.anchor.date, e.due, e.status) for e in reviews] == [
        (D(2026, 1, 5), D(2026, 2, 2), Status.UPCOMING)
    ]


def test_a_period_that_ends_and_starts_again_the_same_day_is_one_period() -> None:
    """SSDA903 guidance: an episode that ends and another that starts the same day (a change of
    legal status) continue one period of care; nothing stops and nothing restarts."""
    events = [
        ev("became_looked_after", D(2026, 1, 5)),
        ev("ceased_looked_after", D(2026, 3, 2)),
        ev("became_looked_after", D(2026, 3, 2)),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 1, 6))
    assert rows(result, "cic-review") == [(1, D(2026, 2, 2), Status.UPCOMING)]
    assert not [e for e in result if e.status == Status.NO_LONGER_APPLIES]


def test_a_later_period_starts_fresh_over_easter() -> None:
    """After care ends every clock of the period closes; a period beginning Mon 9 Mar 2026 has
    its first review 20 working days later, skipping Good Friday and Easter Monday: 8 Apr."""
    events = [
        ev("became_looked_after", D(2026, 1, 5)),
        ev("ceased_looked_after", D(2026, 2, 20)),
        ev("order_made", D(2026, 2, 20)),
        ev("became_looked_after", D(2026, 3, 9)),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 3, 10))
    first, second = of(result, "cic-review")
    assert first.status == Status.NO_LONGER_APPLIES and first.anchor.date == D(2026, 1, 5)
    assert (second.anchor.date, second.due) == (D(2026, 3, 9), D(2026, 4, 8))
    open_rows = [e for e in result if e.status.is_open]
    assert all(e.anchor.date >= D(2026, 3, 9) for e in open_rows)


# Item 1: the permanence plan at the second review.


def test_the_plan_moves_with_a_first_review_held_early() -> None:
    """Seeds: the plan by the 2nd (4-month) review; CPR 2010 reg 33(2): the second review not
    more than 3 months after the first. First review held early on 20 Mar 2026: the second, and
    the plan, are due 20 Jun 2026, for every council."""
    events = [ev("became_looked_after", D(2026, 3, 2)), ev("cic_review", D(2026, 3, 20))]
    for rules in COUNCILS:
        (plan,) = of(evaluate(rules, events, today=D(2026, 3, 21)), "permanence-plan")
        assert plan.due == D(2026, 6, 20)


def test_a_plan_agreed_after_the_second_review_was_held_is_late() -> None:
    """Second review held early on 10 Jun 2026, plan agreed 12 Jun: due the day the review was
    held, so 2 days late even though the formula date (20 Jun) had not passed."""
    events = [
        ev("became_looked_after", D(2026, 3, 2)),
        ev("cic_review", D(2026, 3, 20)),
        ev("cic_review", D(2026, 6, 10)),
        ev("permanence_plan_agreed", D(2026, 6, 12)),
    ]
    for rules in COUNCILS:
        (plan,) = of(evaluate(rules, events, today=D(2026, 7, 1)), "permanence-plan")
        assert (plan.due, plan.status, plan.days_late) == (D(2026, 6, 10), Status.MET_LATE, 2)
        assert "held on 10 Jun 2026" in plan.explanation


def test_a_first_review_held_late_moves_the_plan_later() -> None:
    """First review held late on 15 Apr 2026 (due 30 Mar): the second due 15 Jul 2026."""
    events = [ev("became_looked_after", D(2026, 3, 2)), ev("cic_review", D(2026, 4, 15))]
    (plan,) = of(evaluate(DURHAM, events, today=D(2026, 4, 16)), "permanence-plan")
    assert plan.due == D(2026, 7, 15)


def test_the_plan_over_christmas_and_a_month_end() -> None:
    """Became looked after Mon 30 Nov 2026: 20 working days skip Christmas Day and the Boxing
    Day substitute (Mon 28 Dec) -> first review due Wed 30 Dec 2026; second 3 months later on
    30 Mar 2027. A first review held on 30 Nov... a month end: held 30 Nov 2026 -> 28 Feb 2027."""
    events = [ev("became_looked_after", D(2026, 11, 30))]
    result = evaluate(DEVON, events, today=D(2026, 12, 1))
    assert rows(result, "cic-review") == [(1, D(2026, 12, 30), Status.UPCOMING)]
    assert of(result, "permanence-plan")[0].due == D(2027, 3, 30)
    held = [ev("became_looked_after", D(2026, 11, 2)), ev("cic_review", D(2026, 11, 30))]
    assert of(evaluate(DEVON, held, today=D(2026, 12, 1)), "permanence-plan")[0].due == D(
        2027, 2, 28
    )


def test_a_first_review_on_a_leap_day() -> None:
    """First review held Tue 29 Feb 2028: the second, and the plan, due 29 May 2028."""
    events = [ev("became_looked_after", D(2028, 2, 2)), ev("cic_review", D(2028, 2, 29))]
    (plan,) = of(evaluate(DUDLEY, events, today=D(2028, 3, 1)), "permanence-plan")
    assert plan.due == D(2028, 5, 29)


# Item 14: deadlines that hang on the first review, on a plan of removal at birth.


def test_durhams_early_ppm_is_late_after_an_early_first_review() -> None:
    """Durham 'Early permanence planning meetings': "prior to the first looked after review".
    Review held early on 5 May 2026, meeting on 8 May: 3 days late."""
    events = [
        ev("became_looked_after", D(2026, 4, 20)),
        ev("cic_review", D(2026, 5, 5)),
        ev("permanence_planning_meeting", D(2026, 5, 8)),
    ]
    (ppm,) = of(evaluate(DURHAM, events, today=D(2026, 6, 1)), "early-ppm")
    assert (ppm.due, ppm.status, ppm.days_late) == (D(2026, 5, 5), Status.MET_LATE, 3)


def test_devons_ppm_outside_the_legal_process_is_due_by_the_first_review() -> None:
    """Devon 'Permanence Planning Meetings (PPMS)': a PPM "prior to the first Child in Care
    Review" where a child entered care outside the legal process (s20): the review is due
    30 Mar 2026 and not yet held."""
    events = [ev("became_looked_after", D(2026, 3, 2)), ev("accommodated_s20", D(2026, 3, 2))]
    (ppm,) = of(evaluate(DEVON, events, today=D(2026, 3, 3)), "ppm-before-first-review")
    assert ppm.due == D(2026, 3, 30)


def test_statements_to_solicitors_only_where_removal_at_birth_is_planned() -> None:
    """Durham 'Pre-birth planning': "where there is a plan of removal at birth", statements and
    care plans to the parents' solicitors 7 weeks before the expected date (30 Jun 2027 ->
    12 May 2027)."""
    unborn = ChildFacts(expected_date_of_delivery=D(2027, 6, 30))
    without = evaluate(DURHAM, [], today=D(2027, 1, 1), child=unborn)
    assert not of(without, "statements-to-solicitors")
    planned = [ev("removal_at_birth_planned", D(2027, 3, 1))]
    (statements,) = of(
        evaluate(DURHAM, planned, today=D(2027, 3, 2), child=unborn), "statements-to-solicitors"
    )
    assert statements.due == D(2027, 5, 12)


def test_durhams_assessments_are_due_by_the_4_month_review() -> None:
    """Durham 'Looked After Reviews': assessments completed to determine the final plan at the
    4-month review, the second: due 30 Jun 2026 while it is not held."""
    events = [ev("became_looked_after", D(2026, 3, 2))]
    (check,) = of(evaluate(DURHAM, events, today=D(2026, 3, 3)), "assessments-complete")
    assert (check.due, check.status, check.rule.responsible) == (
        D(2026, 6, 30),
        Status.UPCOMING,
        "social_worker",
    )


# Item 6: a care plan agreed before the child became looked after.


def test_a_care_plan_agreed_before_the_child_was_placed_meets_the_duty() -> None:
    """CPR 2010 reg 4(2): the care plan "before C is first placed" or within 10 working days."""
    events = [ev("care_plan_agreed", D(2026, 2, 25)), ev("became_looked_after", D(2026, 3, 2))]
    (plan,) = of(evaluate(DUDLEY, events, today=D(2026, 3, 3)), "care-plan")
    assert (plan.status, plan.met_by) == (Status.MET_ON_TIME, events[0])


def test_a_care_plan_from_an_earlier_period_does_not_count() -> None:
    events = [
        ev("became_looked_after", D(2026, 1, 5)),
        ev("care_plan_agreed", D(2026, 1, 6)),
        ev("ceased_looked_after", D(2026, 2, 1)),
        ev("became_looked_after", D(2026, 3, 2)),
    ]
    plans = of(evaluate(DUDLEY, events, today=D(2026, 3, 3)), "care-plan")
    assert [(e.anchor.date, e.due, e.status) for e in plans] == [
        (D(2026, 1, 5), D(2026, 1, 19), Status.MET_ON_TIME),
        (D(2026, 3, 2), D(2026, 3, 16), Status.DUE_SOON),
    ]


# Item 3: regimes that replace the care regime.


def test_short_breaks_follow_regulation_48_not_the_care_timetable() -> None:
    """CPR 2010 reg 48(3): regs 5, 28(2) and 33 do not apply; the first review and the first
    visit within 3 months of the first placement (1 Jun 2026 -> 1 Sep 2026), then not more than
    6 months (a review held 20 Aug 2026 -> 20 Feb 2027)."""
    events = [
        ev("became_looked_after", D(2026, 6, 1)),
        ev("short_breaks_started", D(2026, 6, 1)),
        ev("cic_review", D(2026, 8, 20)),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 8, 21))
    for rule_id in ("cic-review", "care-plan", "visits", "permanence-plan"):
        assert not of(result, rule_id), rule_id
    assert rows(result, "short-breaks-review") == [
        (1, D(2026, 9, 1), Status.MET_ON_TIME),
        (2, D(2027, 2, 20), Status.UPCOMING),
    ]
    assert rows(result, "short-breaks-visit") == [(1, D(2026, 9, 1), Status.DUE_SOON)]


def test_a_child_placed_for_adoption_is_reviewed_and_visited_under_regulation_36() -> None:
    """AAR 2005 reg 36: placed 1 Jun 2026; first review within 4 weeks (29 Jun), held 25 Jun,
    the next within 3 months (25 Sep); visits within a week and weekly until that first review,
    then as the review decides. The reg 33 reviews and the PPM cycle stop."""
    events = [
        ev("became_looked_after", D(2026, 1, 5)),
        ev("placed_for_adoption", D(2026, 6, 1)),
        ev("social_worker_visit", D(2026, 6, 5)),
        ev("social_worker_visit", D(2026, 6, 12)),
        ev("social_worker_visit", D(2026, 6, 19)),
        ev("cic_review", D(2026, 6, 25)),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 6, 26))
    assert rows(result, "adoption-review") == [
        (1, D(2026, 6, 29), Status.MET_ON_TIME),
        (2, D(2026, 9, 25), Status.UPCOMING),
    ]
    assert rows(result, "adoption-visits") == [
        (1, D(2026, 6, 8), Status.MET_ON_TIME),
        (2, D(2026, 6, 12), Status.MET_ON_TIME),
        (3, D(2026, 6, 19), Status.MET_ON_TIME),
    ]  # the next weekly visit (26 Jun) would fall after the review: the review decides
    assert of(result, "cic-review")[-1].status == Status.NO_LONGER_APPLIES
    assert of(result, "permanence-plan")[-1].status == Status.NO_LONGER_APPLIES


def test_authorised_to_place_but_not_placed_is_reviewed_every_3_then_6_months() -> None:
    """AAR 2005 reg 36(1): placement order 2 Mar 2026 -> review by 2 Jun 2026; held 28 May ->
    next by 28 Nov 2026; it stops when the child is placed for adoption."""
    events = [
        ev("became_looked_after", D(2026, 1, 5)),
        ev("placement_order", D(2026, 3, 2)),
        ev("cic_review", D(2026, 5, 28)),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 6, 1))
    assert rows(result, "authorised-for-adoption-review") == [
        (1, D(2026, 6, 2), Status.MET_ON_TIME),
        (2, D(2026, 11, 28), Status.UPCOMING),
    ]
    placed = [*events, ev("placed_for_adoption", D(2026, 7, 1))]
    last = of(evaluate(DUDLEY, placed, today=D(2026, 7, 2)), "authorised-for-adoption-review")[-1]
    assert last.status == Status.NO_LONGER_APPLIES


# Item 2: statutory visits from the first day.


def test_a_child_in_their_first_placement_is_visited_within_a_week_then_6_weekly() -> None:
    """CPR 2010 reg 28(2)(a)-(b): the placement the child is in when they become looked after is
    a placement: visit by 9 Mar 2026; visited 6 Mar, the next within 6 weeks (17 Apr)."""
    events = [ev("became_looked_after", D(2026, 3, 2)), ev("social_worker_visit", D(2026, 3, 6))]
    assert rows(evaluate(DEVON, events, today=D(2026, 3, 7)), "visits") == [
        (1, D(2026, 3, 9), Status.MET_ON_TIME),
        (2, D(2026, 4, 17), Status.UPCOMING),
    ]


def test_a_long_term_placement_is_visited_3_monthly_after_its_first_year() -> None:
    """CPR 2010 reg 28(2)(c)(i): after the first year of a placement intended to last until 18,
    not more than 3 months; in the first year, 6 weeks."""
    placed = D(2024, 1, 8)
    visit_days = [placed + dt.timedelta(days=5 + 42 * n) for n in range(10)]  # to 25 Jan 2025
    events = [
        ev("became_looked_after", placed),
        ev("long_term_placement_agreed", placed),
        *(ev("social_worker_visit", d) for d in visit_days),
    ]
    visits = of(evaluate(DUDLEY, events, today=D(2025, 1, 26)), "visits")
    assert visit_days[-1] == D(2025, 1, 25)  # past the first year (8 Jan 2025)
    assert visits[-2].due - visits[-2].since.date == dt.timedelta(weeks=6)
    assert (visits[-1].since.date, visits[-1].due) == (D(2025, 1, 25), D(2025, 4, 25))
    assert all(e.status == Status.MET_ON_TIME for e in visits[:-1])


def test_placed_with_a_parent_weekly_until_the_first_review_then_6_weekly() -> None:
    """CPR 2010 reg 28(3): at least once a week until the first review (held 30 Mar 2026), then
    not more than 6 weeks: the visit on the review day sets the next for 11 May 2026."""
    events = [
        ev("became_looked_after", D(2026, 3, 2)),
        ev("placed_with_parent", D(2026, 3, 2)),
        *(ev("social_worker_visit", D(2026, 3, d)) for d in (9, 16, 23, 30)),
        ev("cic_review", D(2026, 3, 30)),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 3, 31))
    assert not of(result, "visits")  # the weekly regime replaces reg 28(2)
    assert rows(result, "visits-placed-with-parent") == [
        (1, D(2026, 3, 9), Status.MET_ON_TIME),
        (2, D(2026, 3, 16), Status.MET_ON_TIME),
        (3, D(2026, 3, 23), Status.MET_ON_TIME),
        (4, D(2026, 3, 30), Status.MET_ON_TIME),
        (5, D(2026, 5, 11), Status.UPCOMING),
    ]


def test_a_connected_person_on_temporary_approval_weekly_then_4_weekly() -> None:
    """CPR 2010 reg 28(4), where reg 24 applies: weekly until the first review, then not more
    than 4 weeks (review held 30 Mar 2026, last weekly visit that day -> 27 Apr 2026)."""
    events = [
        ev("became_looked_after", D(2026, 3, 2)),
        ev("connected_person_temporary_approval", D(2026, 3, 2)),
        *(ev("social_worker_visit", D(2026, 3, d)) for d in (9, 16, 23, 30)),
        ev("cic_review", D(2026, 3, 30)),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 3, 31))
    assert rows(result, "visits-connected-person")[-1] == (5, D(2026, 4, 27), Status.UPCOMING)


def test_an_interim_care_order_living_with_a_parent_weekly_then_4_weekly() -> None:
    """CPR 2010 reg 28(4): "where an interim care order has been made ... and C is living with
    P": at least once a week until the first review (held 30 Mar 2026), thereafter not more
    than 4 weeks: the visit on the review day sets the next for 27 Apr 2026, not 6 weeks as
    for a placement with a parent outside proceedings (reg 28(3))."""
    events = [
        ev("became_looked_after", D(2026, 3, 2)),
        ev("interim_care_order", D(2026, 3, 2)),
        ev("placed_with_parent", D(2026, 3, 2)),
        *(ev("social_worker_visit", D(2026, 3, d)) for d in (9, 16, 23, 30)),
        ev("cic_review", D(2026, 3, 30)),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 3, 31))
    assert not of(result, "visits") and not of(result, "visits-placed-with-parent")
    assert rows(result, "visits-parent-interim-care-order") == [
        (1, D(2026, 3, 9), Status.MET_ON_TIME),
        (2, D(2026, 3, 16), Status.MET_ON_TIME),
        (3, D(2026, 3, 23), Status.MET_ON_TIME),
        (4, D(2026, 3, 30), Status.MET_ON_TIME),
        (5, D(2026, 4, 27), Status.UPCOMING),
    ]


def test_interim_care_order_weekly_visits_run_to_a_first_review_due_after_easter() -> None:
    """CPR 2010 reg 28(4) with reg 33(1): looked after, on an interim care order and living
    with a parent from Tue 24 Mar 2026; the first review is due 20 working days on, counted over
    Good Friday (3 Apr) and Easter Monday (6 Apr): Thu 23 Apr. Not yet held, so the weekly
    visits run to that day: the visit on Thu 16 Apr sets the next for 23 Apr (weekly), not
    14 May (4 weeks), as it would if the review were due Tue 21 Apr."""
    events = [
        ev("became_looked_after", D(2026, 3, 24)),
        ev("interim_care_order", D(2026, 3, 24)),
        ev("placed_with_parent", D(2026, 3, 24)),
        *(ev("social_worker_visit", D(2026, m, d)) for m, d in ((3, 30), (4, 6), (4, 13), (4, 16))),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 4, 17))
    assert of(result, "cic-review")[0].due == D(2026, 4, 23)
    assert rows(result, "visits-parent-interim-care-order") == [
        (1, D(2026, 3, 31), Status.MET_ON_TIME),
        (2, D(2026, 4, 6), Status.MET_ON_TIME),
        (3, D(2026, 4, 13), Status.MET_ON_TIME),
        (4, D(2026, 4, 20), Status.MET_ON_TIME),
        (5, D(2026, 4, 23), Status.DUE_SOON),
    ]


def test_interim_care_order_weekly_visits_end_at_a_first_review_held_early() -> None:
    """CPR 2010 reg 28(4)(a)-(b): weekly "until the first review": held early on Mon 16 Mar
    2026 (due 30 Mar), so after the visit that day the next is due within 4 weeks (13 Apr)."""
    events = [
        ev("became_looked_after", D(2026, 3, 2)),
        ev("interim_care_order", D(2026, 3, 2)),
        ev("placed_with_parent", D(2026, 3, 2)),
        *(ev("social_worker_visit", D(2026, 3, d)) for d in (9, 16)),
        ev("cic_review", D(2026, 3, 16)),
    ]
    result = evaluate(DURHAM, events, today=D(2026, 3, 17))
    assert rows(result, "visits-parent-interim-care-order")[-1] == (
        3,
        D(2026, 4, 13),
        Status.UPCOMING,
    )


def test_going_home_to_a_parent_under_an_interim_care_order_starts_the_weekly_visits() -> None:
    """CPR 2010 reg 28(2) then (4): looked after on an interim care order in foster care from
    2 Mar 2026 (visits within a week, then 6 weeks); living with a parent from Mon 16 Mar: the
    foster placement's visits stop and weekly visits are due from 23 Mar."""
    events = [
        ev("became_looked_after", D(2026, 3, 2)),
        ev("interim_care_order", D(2026, 3, 2)),
        ev("social_worker_visit", D(2026, 3, 6)),
        ev("placement_started", D(2026, 3, 16)),
        ev("placed_with_parent", D(2026, 3, 16)),
    ]
    result = evaluate(DEVON, events, today=D(2026, 3, 17))
    assert rows(result, "visits")[-1][2] == Status.NO_LONGER_APPLIES
    assert not of(result, "visits-placed-with-parent")
    assert rows(result, "visits-parent-interim-care-order") == [
        (1, D(2026, 3, 23), Status.DUE_SOON)
    ]


def test_an_interim_care_order_made_while_placed_with_a_parent_switches_to_4_weekly() -> None:
    """CPR 2010 reg 28(3) then (4): placed with a parent before assessment on 2 Mar 2026
    (weekly); an interim care order on Thu 12 Mar while the child lives there: reg 28(3)'s
    clock stops, reg 28(4)'s weekly visits run from the order (due 19 Mar)."""
    events = [
        ev("became_looked_after", D(2026, 3, 2)),
        ev("placed_with_parent", D(2026, 3, 2)),
        ev("social_worker_visit", D(2026, 3, 9)),
        ev("interim_care_order", D(2026, 3, 12)),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 3, 13))
    assert rows(result, "visits-placed-with-parent")[-1][2] == Status.NO_LONGER_APPLIES
    assert rows(result, "visits-parent-interim-care-order") == [
        (1, D(2026, 3, 19), Status.DUE_SOON)
    ]


def test_an_interim_care_order_in_foster_care_keeps_the_usual_visits() -> None:
    """CPR 2010 reg 28(4) needs both: an interim care order and living with a parent. In foster
    care the visits are reg 28(2)'s: within a week of the placement (9 Mar 2026)."""
    events = [
        ev("became_looked_after", D(2026, 3, 2)),
        ev("interim_care_order", D(2026, 3, 2)),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 3, 3))
    assert not of(result, "visits-parent-interim-care-order")
    assert rows(result, "visits") == [(1, D(2026, 3, 9), Status.DUE_SOON)]


def test_a_care_order_living_with_a_parent_within_a_week_of_the_order_then_6_weekly() -> None:
    """CPR 2010 reg 28(5): "where a care order has been made ... and C is living with P": within
    one week of the making of the care order (Mon 4 May 2026 -> 11 May), thereafter not more than
    6 weeks (visited Fri 8 May -> 19 Jun). The interim order's weekly visits stop at the order."""
    events = [
        ev("became_looked_after", D(2026, 3, 2)),
        ev("interim_care_order", D(2026, 3, 2)),
        ev("placed_with_parent", D(2026, 3, 2)),
        ev("cic_review", D(2026, 3, 30)),
        ev("social_worker_visit", D(2026, 4, 27)),
        ev("care_order", D(2026, 5, 4)),
        ev("social_worker_visit", D(2026, 5, 8)),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 5, 9))
    assert rows(result, "visits-parent-interim-care-order")[-1][2] == Status.NO_LONGER_APPLIES
    assert rows(result, "visits-parent-care-order") == [
        (1, D(2026, 5, 11), Status.MET_ON_TIME),
        (2, D(2026, 6, 19), Status.UPCOMING),
    ]
    assert not of(result, "visits") and not of(result, "visits-placed-with-parent")


def test_legal_status_c1_with_placement_p1_in_the_return_is_the_interim_order_regime() -> None:
    """SSDA903: an episode with legal status C1 (interim care order) and placement P1 (placed
    with a parent) says reg 28(4) applies; C2 (care order) with P1, reg 28(5)."""
    episodes = [
        EpisodeFacts(D(2026, 3, 2), D(2026, 5, 4), "S", "C1", "P1", "X1"),
        EpisodeFacts(D(2026, 5, 4), None, "L", "C2", "P1", ""),
    ]
    events = [Event(e.date, e.kind) for e in derive_events(episodes)]
    early = evaluate(DUDLEY, [e for e in events if e.date < D(2026, 5, 4)], today=D(2026, 3, 3))
    assert rows(early, "visits-parent-interim-care-order") == [(1, D(2026, 3, 9), Status.DUE_SOON)]
    later = evaluate(DUDLEY, events, today=D(2026, 5, 5))
    assert rows(later, "visits-parent-care-order") == [(1, D(2026, 5, 11), Status.DUE_SOON)]


# Item 4: when prospective adopters and foster carers may apply.


def test_fostering_for_adoption_counts_from_the_day_the_child_moved_in() -> None:
    """ACA 2002 s42(2): the child has lived with the applicants for the preceding 10 weeks:
    moved in with foster-for-adoption carers 2 Mar 2026, placed for adoption with them 1 Jun:
    they may apply from 11 May 2026, not from 10 weeks after 1 June."""
    events = [
        ev("became_looked_after", D(2026, 3, 2)),
        ev("fostering_for_adoption_placement", D(2026, 3, 2)),
        ev("matched", D(2026, 5, 1)),
        ev("placed_for_adoption", D(2026, 6, 1)),
    ]
    (application,) = of(evaluate(DURHAM, events, today=D(2026, 6, 2)), "adoption-application")
    assert (application.due, application.status) == (D(2026, 5, 11), Status.REACHED)


def test_the_foster_carers_year_does_not_restart_when_the_placement_is_recorded_again() -> None:
    """CA 1989 s10(5A): a year living with the foster parent; the same placement recorded again
    on 1 Mar 2025 (edited or imported again) keeps the date 5 Jan 2026; a move starts anew."""
    events = [
        ev("foster_placement_started", D(2025, 1, 5)),
        ev("foster_placement_started", D(2025, 3, 1)),
    ]
    result = evaluate(DURHAM, events, today=D(2025, 3, 2))
    assert [e.due for e in of(result, "foster-carer-order-application")] == [D(2026, 1, 5)]
    moved = [
        *events,
        ev("placement_started", D(2025, 6, 1)),
        ev("foster_placement_started", D(2025, 6, 1)),
    ]
    result = evaluate(DURHAM, moved, today=D(2025, 6, 2))
    assert [e.due for e in of(result, "foster-carer-order-application")] == [
        D(2026, 1, 5),
        D(2026, 6, 1),
    ]


# Item 9: Durham's prompts say what is due next.


def test_durham_network_meeting_is_due_before_a_planned_return_home() -> None:
    """Durham 'Return home from care': a network meeting or FGC during the assessment period,
    before the child returns home, the return ratified at the looked after review. First review
    held 30 Jan 2026, return planned 10 Feb: due by the next review, 30 Apr 2026."""
    events = [
        ev("became_looked_after", D(2026, 1, 5)),
        ev("cic_review", D(2026, 1, 30)),
        ev("return_home_planned", D(2026, 2, 10)),
    ]
    (meeting,) = of(
        evaluate(DURHAM, events, today=D(2026, 2, 11)), "network-meeting-return-home-planned"
    )
    assert (meeting.due, meeting.status) == (D(2026, 4, 30), Status.UPCOMING)
    met = [*events, ev("family_network_meeting", D(2026, 4, 20))]
    (meeting,) = of(
        evaluate(DURHAM, met, today=D(2026, 4, 21)), "network-meeting-return-home-planned"
    )
    assert meeting.status == Status.MET_ON_TIME


def test_durham_further_ppm_is_due_before_the_final_plan() -> None:
    """Durham 'Early permanence planning meetings': "A further permanency planning meeting will
    take place prior to the final plan being formulated" (at the 4-month review: 30 Jun 2026)."""
    events = [
        ev("became_looked_after", D(2026, 3, 2)),
        ev("permanence_planning_meeting", D(2026, 3, 20)),
    ]
    (further,) = of(evaluate(DURHAM, events, today=D(2026, 3, 21)), "further-ppm")
    assert (further.due, further.status) == (D(2026, 6, 30), Status.UPCOMING)


# Properties.

KINDS = sorted(event_kinds.JOURNEY_EVENTS)
EPOCH = D(2025, 1, 1)
events_strategy = st.lists(
    st.tuples(st.integers(0, 700), st.sampled_from(KINDS)), min_size=1, max_size=25
).map(lambda pairs: [Event(EPOCH + dt.timedelta(days=d), kind) for d, kind in pairs])


@settings(max_examples=150, deadline=None)
@given(events=events_strategy, council=st.sampled_from(COUNCILS))
def test_no_due_date_falls_before_the_event_that_starts_it(events, council) -> None:
    for e in evaluate(council, events, today=D(2027, 1, 1)):
        assert e.due >= e.anchor.date, (e.rule.id, e.anchor, e.due)


def _mentioned(rules) -> set[str]:
    kinds: set[str] = set()
    for r in rules:
        kinds |= {*r.starts, *r.satisfied_by, *r.stops, *r.only_if, *r.excluded_by}
        kinds |= {*r.looks_back_to}
        for stage in r.later:
            kinds |= {*stage.when, *stage.also}
        for held in (*r.in_force, *r.not_in_force):
            kinds |= {*held.since, *held.until}
    return kinds


@settings(max_examples=150, deadline=None)
@given(
    events=events_strategy,
    extra=st.lists(st.integers(0, 700), min_size=1, max_size=5),
    council=st.sampled_from(COUNCILS),
    data=st.data(),
)
def test_met_expectations_stay_met_when_unrelated_events_are_added(
    events, extra, council, data
) -> None:
    unrelated = sorted(set(KINDS) - _mentioned(council))
    assert unrelated  # e.g. "matched", "adm_decision": no rule starts, stops or is met by them
    kinds = data.draw(
        st.lists(st.sampled_from(unrelated), min_size=len(extra), max_size=len(extra))
    )
    more = events + [
        Event(EPOCH + dt.timedelta(days=d), k) for d, k in zip(extra, kinds, strict=True)
    ]

    def met(found):
        return {
            (e.rule.id, e.anchor, e.occurrence): e.met_by
            for e in found
            if e.status in (Status.MET_ON_TIME, Status.MET_LATE)
        }

    before = met(evaluate(council, events, today=D(2027, 1, 1)))
    after = met(evaluate(council, more, today=D(2027, 1, 1)))
    assert before == after
