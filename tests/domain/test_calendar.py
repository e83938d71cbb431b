"""Calendar arithmetic for timescales: worked examples and properties.

Sources: Care Planning, Placement and Case Review (England) Regulations 2010 reg 33 (working days,
day 0 is the day the child became looked after); Children Act 1989 s32(1)(a) (26 weeks beginning
with the issue day); shared/domain/SPEC.md section 2 (bank holidays from the holidays package,
subdivision ENG, with substitute days: Boxing Day 2026 is Monday 28 December); Dudley quick
reference guide 001_d6c3849112f62e7d.txt (5pm Wednesday cut-off for Monday's panel); Durham
002_a77630a273fce245.txt 'Pre-birth planning' (28 and 29 weeks' gestation, 7 weeks before EDD).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homeward.domain.calendar import (
    ENGLAND,
    LONDON,
    MONDAY,
    WorkingCalendar,
    add_months,
    add_weeks,
    add_years,
    bank_holiday_name,
    gestation_week_date,
    panel_cutoff,
    weeks_before,
    weeks_beginning_with,
)

D = dt.date


@pytest.mark.parametrize(
    "became_looked_after,first_review_due,why",
    [
        # A plain month: 20 working days is four weeks when no bank holiday falls in between.
        (D(2026, 2, 2), D(2026, 3, 2), "no bank holidays"),
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April are not working days.
        (D(2026, 3, 23), D(2026, 4, 22), "Easter 2026"),
        # The May bank holidays 2026: Monday 4 May (early May) and Monday 25 May (spring).
        (D(2026, 4, 27), D(2026, 5, 27), "May 2026 bank holidays"),
        # Christmas 2026: Friday 25 December, Boxing Day's substitute Monday 28 December,
        # New Year's Day Friday 1 January 2027.
        (D(2026, 12, 14), D(2027, 1, 14), "Christmas 2026 with Boxing Day substitute"),
        # Became looked after on a Saturday: day 0 is the Saturday; count from the Monday.
        (D(2026, 6, 6), D(2026, 7, 3), "a weekend start"),
    ],
)
def test_first_review_within_20_working_days(became_looked_after, first_review_due, why) -> None:
    """Reg 33(2)(a): the first review within 20 working days of becoming looked after."""
    assert ENGLAND.add_working_days(became_looked_after, 20) == first_review_due, why


def test_boxing_day_2026_is_observed_on_monday_28_december() -> None:
    assert not ENGLAND.is_working_day(D(2026, 12, 28))
    assert bank_holiday_name(D(2026, 12, 28)) == "Boxing Day (observed)"
    assert ENGLAND.is_working_day(D(2026, 12, 29))


def test_ten_working_days_over_easter_2027() -> None:
    """Devon: initial PPM within 10 working days of the legal planning meeting decision
    (004_7232501e48845cda.txt 'Permanence Planning Meetings'). Good Friday 26 March and Easter
    Monday 29 March 2027 are skipped."""
    assert ENGLAND.add_working_days(D(2027, 3, 22), 10) == D(2027, 4, 7)


def test_five_working_days_after_a_friday_review() -> None:
    """SGO referral within 5 working days of the Child in Care review (DQ 'Special
    Guardianship'); Monday 31 August 2026 is a bank holiday."""
    assert ENGLAND.add_working_days(D(2026, 8, 28), 5) == D(2026, 9, 7)


def test_council_closure_days_can_be_added() -> None:
    shutdown = WorkingCalendar(extra_closures=frozenset({D(2026, 12, 29), D(2026, 12, 30)}))
    assert shutdown.add_working_days(D(2026, 12, 24), 1) == D(2026, 12, 31)
    assert ENGLAND.add_working_days(D(2026, 12, 24), 1) == D(2026, 12, 29)


@pytest.mark.parametrize(
    "start,months,due",
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # clamps to the month end
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2027, 11, 30), 3, D(2028, 2, 29)),  # second review 3 months after a first on 30 Nov
        (D(2026, 8, 31), 6, D(2027, 2, 28)),  # subsequent reviews 6-monthly (reg 33(2)(c))
        (D(2026, 3, 15), 12, D(2027, 3, 15)),
    ],
)
def test_months_clamp_at_month_ends(start, months, due) -> None:
    """Reg 33(2)(b) and (c): reviews 'not more than 3 months' and '6 months' after the last."""
    assert add_months(start, months) == due


def test_years_clamp_on_29_february() -> None:
    """A child born on 29 February 2008 is 18 on 28 February 2026, as the DfE's SSDA903 rules
    (pandas' DateOffset) count it; other days keep their day and month."""
    assert add_years(D(2008, 2, 29), 18) == D(2026, 2, 28)
    assert add_years(D(2028, 2, 29), 4) == D(2032, 2, 29)
    assert add_years(D(2026, 2, 28), -18) == D(2008, 2, 28)
    assert add_years(D(2010, 7, 14), 16) == D(2026, 7, 14)


def test_a_weekday_calendar_ignores_bank_holidays() -> None:
    """The synthetic SSDA903 return dates reviews on weekdays only: Good Friday 3 April 2026 and
    Easter Monday 6 April 2026 count, unlike in England's working calendar."""
    weekdays = WorkingCalendar(bank_holidays=False)
    assert weekdays.add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 3)
    assert ENGLAND.add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 7)
    assert weekdays.add_working_days(D(2026, 6, 6), 5) == D(2026, 6, 12)  # from a Saturday
    assert weekdays.previous_working_day_on_or_before(D(2026, 4, 5)) == D(2026, 4, 3)


def test_26_weeks_beginning_with_the_issue_day() -> None:
    """Children Act 1989 s32(1)(a): the issue day is day 1, so the 26 weeks end 181 days on."""
    assert weeks_beginning_with(D(2026, 3, 1), 26) == D(2026, 8, 29)
    assert weeks_beginning_with(D(2026, 3, 1), 26) - D(2026, 3, 1) == dt.timedelta(days=181)


def test_two_weeks_after_becoming_looked_after() -> None:
    """AEPP within 2 weeks of becoming looked after (DQ): 28 February 2026 -> 14 March 2026."""
    assert add_weeks(D(2026, 2, 28), 2) == D(2026, 3, 14)


def test_gestation_weeks_from_the_expected_date_of_delivery() -> None:
    """Durham pre-birth planning: assessment complete by 28 weeks, finalised at 29; statements to
    the parents' solicitors at least 7 weeks before the expected date of delivery."""
    edd = D(2027, 6, 30)
    assert gestation_week_date(edd, 28) == D(2027, 4, 7)
    assert gestation_week_date(edd, 29) == D(2027, 4, 14)
    assert gestation_week_date(edd, 12) == D(2026, 12, 16)  # referral from 12 weeks
    assert weeks_before(edd, 7) == D(2027, 5, 12)


def test_the_panel_cut_off_is_5pm_london_time_on_the_wednesday_before() -> None:
    cutoff = panel_cutoff(D(2026, 3, 16))  # a Monday
    assert cutoff == dt.datetime(2026, 3, 11, 17, 0, tzinfo=LONDON)
    assert cutoff.utcoffset() == dt.timedelta(0)  # GMT in March before the clocks change
    summer = panel_cutoff(D(2026, 7, 6))
    assert summer.utcoffset() == dt.timedelta(hours=1)  # BST
    assert panel_cutoff(D(2026, 7, 6), weekday=MONDAY).date() == D(2026, 6, 29)


@given(st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)), st.integers(1, 60))
def test_a_working_day_deadline_is_never_a_weekend_or_bank_holiday(start: dt.date, n: int) -> None:
    due = ENGLAND.add_working_days(start, n)
    assert due.weekday() < 5
    assert bank_holiday_name(due) is None
    assert ENGLAND.working_days_between(start, due) == n


@given(st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)), st.integers(1, 40))
def test_more_working_days_never_come_sooner(start: dt.date, n: int) -> None:
    assert ENGLAND.add_working_days(start, n + 1) > ENGLAND.add_working_days(start, n)


@given(st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)), st.integers(0, 120))
def test_adding_months_lands_in_the_right_month_never_past_its_end(start: dt.date, n: int) -> None:
    due = add_months(start, n)
    assert (due.year * 12 + due.month) - (start.year * 12 + start.month) == n
    assert due.day <= start.day
