"""Care proceedings: the 26 weeks, extensions and the estimate from an interim care order.

Children Act 1989 s32(1)(a), as amended by the Children and Families Act 2014 s14: proceedings are
to be completed "within twenty-six weeks beginning with the day on which the application was
issued", so the issue day is day 1 and the 26 weeks end on the issue date + 181 days. s32(5): the
court may extend the timetable; s32(7): not routinely; s32(8): each extension ends no more than
8 weeks after the end it extends. s38(1): an interim care order is made in proceedings, so it
comes on or after the issue date.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homeward.domain.timescales import Event, Status, evaluate, rules_for

D = dt.date
COUNCILS = ("dudley", "durham", "devon")
RULE = "care-proceedings-26-weeks"
ESTIMATE = "care-proceedings-26-weeks-estimated"


def ev(kind: str, day: dt.date, weeks: int = 0) -> Event:
    return Event(day, kind, weeks)


TODAY = D(2026, 11, 24)


def run(events: list[Event], today: dt.date = TODAY, council: str = "dudley"):
    return evaluate(rules_for(council), events, today=today)


def only(expectations, rule_id: str):
    found = [e for e in expectations if e.rule.id == rule_id]
    assert len(found) == 1, found
    return found[0]


def test_26_weeks_over_a_leap_day() -> None:
    """Issued Tuesday 1 February 2028 (day 1). 2028 is a leap year: 26 weeks are 182 days
    whatever the months, so day 182 is 1 Feb + 181 days, counting 29 February: Monday 31 July
    2028 (in 2027 the same issue date gives 1 August) (s32(1)(a))."""
    found = only(run([ev("proceedings_issued", D(2028, 2, 1))], today=D(2028, 2, 2)), RULE)
    assert found.due == D(2028, 7, 31)
    assert (found.due - D(2028, 2, 1)).days == 181


def test_26_weeks_from_a_month_end() -> None:
    """Issued Tuesday 31 March 2026: 31 March + 181 days = Monday 28 September 2026 (s32(1)(a)),
    not "the end of September" and not 30 September (six calendar months)."""
    found = only(run([ev("proceedings_issued", D(2026, 3, 31))]), RULE)
    assert found.due == D(2026, 9, 28)
    assert found.status == Status.OVERDUE
    assert "26 weeks" in found.explanation and "Children Act 1989 (s32)" in found.explanation


@pytest.mark.parametrize("council", COUNCILS)
def test_an_extension_moves_the_deadline_by_its_weeks(council: str) -> None:
    """Issued 1 June 2026: due 29 November 2026 (1 June + 181 days). The court extends by 8 weeks
    on 20 November 2026 (s32(5), (8)): due 24 January 2027; a second extension of 4 weeks on
    18 January 2027 moves it to 21 February 2027."""
    issued = ev("proceedings_issued", D(2026, 6, 1))
    assert only(run([issued], council=council), RULE).due == D(2026, 11, 29)
    first = ev("proceedings_extended", D(2026, 11, 20), 8)
    extended = only(run([issued, first], council=council), RULE)
    assert extended.due == D(2027, 1, 24) and extended.status == Status.UPCOMING
    assert "Extended by 8 weeks in all (8 weeks on 20 Nov 2026)" in extended.explanation
    second = ev("proceedings_extended", D(2027, 1, 18), 4)
    twice = only(run([issued, first, second], today=D(2027, 1, 18), council=council), RULE)
    assert twice.due == D(2027, 2, 21)


def test_an_extension_of_earlier_proceedings_does_not_move_later_ones() -> None:
    """Proceedings issued 5 January 2026 (due 5 July 2026) were extended by 8 weeks on 1 June 2026
    (due 30 August 2026) and concluded with a care order on 20 July 2026; new proceedings issued
    2 November 2026 keep their own 26 weeks: 2 November + 181 days = 2 May 2027."""
    events = [
        ev("proceedings_issued", D(2026, 1, 5)),
        ev("proceedings_extended", D(2026, 6, 1), 8),
        ev("care_order", D(2026, 7, 20)),
        ev("proceedings_issued", D(2026, 11, 2)),
    ]
    first, second = [e for e in run(events) if e.rule.id == RULE]
    assert first.due == D(2026, 8, 30) and first.status == Status.MET_ON_TIME
    assert second.due == D(2027, 5, 2) and second.status == Status.UPCOMING


def test_the_final_order_concludes_the_proceedings() -> None:
    """A care order made on day 150 (s31) ends the proceedings within the 26 weeks."""
    events = [ev("proceedings_issued", D(2026, 3, 2)), ev("care_order", D(2026, 7, 30))]
    found = only(run(events), RULE)
    assert found.status == Status.MET_ON_TIME and found.met_by == events[1]


def test_an_interim_care_order_with_no_issue_date_gives_an_estimate() -> None:
    """An interim care order made 10 August 2026 and no issue date: the estimate is 26 weeks
    beginning with the order, 10 August + 181 days = 7 February 2027; the proceedings were issued
    on or before the order (s38(1)), so the real date is no later. It says it is an estimate."""
    found = only(run([ev("interim_care_order", D(2026, 8, 10))]), ESTIMATE)
    assert found.due == D(2027, 2, 7) and found.status == Status.UPCOMING
    assert "This is an estimate until “care proceedings issued” is recorded." in found.explanation
    assert not [e for e in run([ev("interim_care_order", D(2026, 8, 10))]) if e.rule.id == RULE]


def test_recording_the_issue_date_replaces_the_estimate() -> None:
    """The issue date, 6 August 2026 (before the order of 10 August), is recorded: the estimate
    goes and the 26 weeks run from the issue: 6 August + 181 days = 3 February 2027."""
    events = [ev("proceedings_issued", D(2026, 8, 6)), ev("interim_care_order", D(2026, 8, 10))]
    result = run(events)
    assert not [e for e in result if e.rule.id == ESTIMATE]
    assert only(result, RULE).due == D(2027, 2, 3)


def test_an_extension_moves_the_estimate_too() -> None:
    """Interim care order 10 August 2026, no issue date, extension of 6 weeks on 1 February 2027:
    7 February 2027 + 6 weeks = 21 March 2027."""
    events = [
        ev("interim_care_order", D(2026, 8, 10)),
        ev("proceedings_extended", D(2027, 2, 1), 6),
    ]
    assert only(run(events, today=D(2027, 2, 1)), ESTIMATE).due == D(2027, 3, 21)


def test_one_estimate_per_proceedings_and_a_fresh_one_for_new_proceedings() -> None:
    """Two interim care orders in the same proceedings (no final order between) give one
    estimate, from the first; after a care order ends them, an interim care order in new
    proceedings with no issue date recorded gives a new estimate, while earlier proceedings'
    issue date does not replace it."""
    events = [
        ev("proceedings_issued", D(2025, 1, 6)),
        ev("interim_care_order", D(2025, 1, 8)),
        ev("care_order", D(2025, 6, 30)),
        ev("interim_care_order", D(2026, 9, 1)),
        ev("interim_care_order", D(2026, 10, 1)),
    ]
    estimates = [e for e in run(events) if e.rule.id == ESTIMATE]
    assert [e.anchor.date for e in estimates] == [D(2026, 9, 1)]
    assert estimates[0].due == D(2027, 3, 1)


@pytest.mark.parametrize("council", COUNCILS)
def test_nothing_else_is_due_on_the_day_proceedings_are_issued(council: str) -> None:
    """PD12A's Public Law Outline puts the case management hearing on day 12 to 18 and
    pre-proceedings (the PLO) before the issue: Homeward shows neither, nor anything else, as
    due the day the application is issued."""
    issued = D(2026, 11, 2)
    events = [
        ev("plo_started", D(2026, 8, 3)),
        ev("proceedings_issued", issued),
        ev("interim_care_order", D(2026, 11, 4)),
    ]
    assert [e.rule.id for e in run(events, council=council) if e.due == issued] == []


@given(
    issued=st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 12, 31)),
    extensions=st.lists(st.integers(min_value=1, max_value=8), max_size=4),
)
def test_the_deadline_is_26_weeks_and_every_week_extended(issued, extensions) -> None:
    """Property: due = issue + 181 days + 7 days for every week extended; never before the issue."""
    events = [ev("proceedings_issued", issued)] + [
        ev("proceedings_extended", issued + dt.timedelta(days=100 + i), w)
        for i, w in enumerate(extensions)
    ]
    found = only(run(events, today=issued), RULE)
    assert found.due == issued + dt.timedelta(days=181 + 7 * sum(extensions))
    assert found.due > issued
