"""Date arithmetic for timescales: calendar days, weeks, months that clamp at month ends, working
days with England and Wales bank holidays (the ``holidays`` package, offline, subdivision ENG,
with substitute days), gestation weeks, and panel cut-offs as real date-times.

Plain Python, no Django. Counting conventions follow the statutes they serve, and each function
says which one it uses:
- "within N working days of" an event: the event's day is day 0 (Care Planning, Placement and
  Case Review (England) Regulations 2010, reg 33(2)(a): first review within 20 working days of
  the date the child becomes looked after);
- "within N weeks beginning with" a day: that day is day 1 (Children Act 1989 s32(1)(a), the
  26 weeks for care proceedings, ends on the issue date + 181 days).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)
FULL_TERM_WEEKS = 40  # an expected date of delivery is 40 weeks' gestation


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=[year]).keys())


def bank_holiday_name(day: dt.date) -> str | None:
    names = holidays.country_holidays("GB", subdiv="ENG", years=[day.year])
    return names.get(day)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a cheap cache key
class WorkingCalendar:
    """Working days in England: Monday to Friday, not a bank holiday (substitute days included:
    Boxing Day 2026 is a Saturday, so Monday 28 December 2026 is the holiday). ``extra_closures``
    lets an installation add its own closure days (e.g. a council's Christmas shutdown).
    ``bank_holidays=False`` counts Monday to Friday only, for synthetic data that needs only a
    weekday (the synthetic SSDA903 return's reviews); a timescale always counts bank holidays."""

    extra_closures: frozenset[dt.date] = field(default_factory=frozenset)
    bank_holidays: bool = True

    def is_working_day(self, day: dt.date) -> bool:
        return (
            day.weekday() < SATURDAY
            and not (self.bank_holidays and day in _bank_holidays(day.year))
            and day not in self.extra_closures
        )

    @lru_cache(maxsize=65_536)  # noqa: B019  (instances are frozen, few and long-lived)
    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (``start`` is day 0, whatever it is).
        With ``days`` = 0, ``start`` itself if it is a working day, else the next one."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        if days == 0:
            while not self.is_working_day(day):
                day += dt.timedelta(days=1)
            return day
        counted = 0
        while counted < days:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 if ``end`` <= ``start``)."""
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def next_working_day_on_or_after(self, day: dt.date) -> dt.date:
        return self.add_working_days(day, 0)

    def previous_working_day_on_or_before(self, day: dt.date) -> dt.date:
        while not self.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day


ENGLAND = WorkingCalendar()


def govuk_date(day: dt.date) -> str:
    """'14 March 2026', as the GOV.UK style guide writes dates: the one place for it."""
    return f"{day.day} {day:%B %Y}"


def add_days(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)


def add_weeks(start: dt.date, weeks: int) -> dt.date:
    """``weeks`` weeks after ``start`` ("within 2 weeks of": 14 days later)."""
    return start + dt.timedelta(weeks=weeks)


def weeks_beginning_with(start: dt.date, weeks: int) -> dt.date:
    """The last day of ``weeks`` weeks beginning with ``start`` (start is day 1): 26 weeks from
    an issue date of 1 March 2026 end on 29 August 2026 (Children Act 1989 s32(1)(a))."""
    return start + dt.timedelta(weeks=weeks, days=-1)


@lru_cache(maxsize=65_536)
def add_months(start: dt.date, months: int) -> dt.date:
    """Calendar months, clamped at month ends: 31 January + 1 month is 28 February (29 in a
    leap year); 30 November + 3 months is 28 or 29 February."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    last_day = _calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last_day))


def add_years(start: dt.date, years: int) -> dt.date:
    """Whole years, clamped as ``add_months`` clamps: 29 February 2024 + 1 year is 28 February
    2025 (as pandas' ``DateOffset(years=1)``, which the DfE's SSDA903 rules use for ages)."""
    return add_months(start, 12 * years)


def gestation_week_date(expected_delivery: dt.date, week: int) -> dt.date:
    """The day a pregnancy reaches ``week`` weeks' gestation, counting the expected date of
    delivery as 40 weeks (28 weeks is 12 weeks before the EDD)."""
    return expected_delivery - dt.timedelta(weeks=FULL_TERM_WEEKS - week)


def weeks_before(day: dt.date, weeks: int) -> dt.date:
    """``weeks`` weeks before ``day`` (statements to parents' solicitors 7 weeks before the EDD)."""
    return day - dt.timedelta(weeks=weeks)


def last_weekday_before(day: dt.date, weekday: int) -> dt.date:
    """The nearest ``weekday`` strictly before ``day`` (the Wednesday before a Monday panel)."""
    back = (day.weekday() - weekday) % 7 or 7
    return day - dt.timedelta(days=back)


def panel_cutoff(
    panel_day: dt.date,
    *,
    weekday: int = WEDNESDAY,
    at: dt.time = dt.time(17, 0),
    tz: ZoneInfo = LONDON,
) -> dt.datetime:
    """A referral cut-off as a real, time-zone-aware moment: by default 5pm on the Wednesday
    before the panel (Dudley quick reference guide, 001_d6c3849112f62e7d.txt: "no later than 5pm
    on Wednesday for presentation at Monday's panel")."""
    return dt.datetime.combine(last_weekday_before(panel_day, weekday), at, tzinfo=tz)


def next_weekday_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)
