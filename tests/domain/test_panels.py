"""The Achieving Early Permanence Panel's calendar, as worked examples and properties.

Sources: Dudley quick reference guide (001_d6c3849112f62e7d.txt) 'Achieving early permanence
panel': "no later than 5pm on Wednesday for presentation at Monday's panel" (SPEC T3); England's
bank holidays from the ``holidays`` package with substitute days (SPEC section 2: Boxing Day 2026
is Monday 28 December). The seeds are silent on bank-holiday Mondays: what happens then is the
installation's setting (``PanelDayClosed``, ``CutoffDayClosed``), tested both ways here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from homeward.domain import panels
from homeward.domain.calendar import ENGLAND, LONDON, THURSDAY, TUESDAY, WorkingCalendar
from homeward.domain.councils import PROFILES
from homeward.domain.panels import DAY_NAMES, CutoffDayClosed, PanelDayClosed

D = dt.date
DUDLEY = panels.SCHEDULES["dudley"]
SKIPPING = dataclasses.replace(DUDLEY, when_panel_day_closed=PanelDayClosed.SKIP_WEEK)


def at(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=LONDON)


def test_the_panel_sits_on_monday_and_referrals_close_at_5pm_on_the_wednesday_before() -> None:
    """DQ 'Achieving early permanence panel': 5pm Wednesday for Monday's panel."""
    sitting = DUDLEY.next_sitting(D(2026, 11, 24))  # a Tuesday
    assert sitting.date == D(2026, 11, 30)
    assert not sitting.moved
    assert sitting.cutoff == at(D(2026, 11, 25), 17)
    assert panels.describe_cutoff(sitting.cutoff) == "5pm on Wednesday 25 November 2026"


def test_the_cutoff_reads_the_gov_uk_way() -> None:
    sitting = DUDLEY.sitting_on(D(2026, 12, 7))
    assert sitting is not None
    assert panels.describe_cutoff(sitting.cutoff) == "5pm on Wednesday 2 December 2026"
    assert DUDLEY.describe() == "Every Monday; referrals by 5pm on the Wednesday before"


@pytest.mark.parametrize(
    "value,words",
    [
        (dt.time(17, 0), "5pm"),
        (dt.time(17, 30), "5:30pm"),
        (dt.time(9, 5), "9:05am"),
        (dt.time(12, 0), "midday"),
        (dt.time(0, 0), "midnight"),
    ],
)
def test_times_are_written_the_gov_uk_way(value: dt.time, words: str) -> None:
    assert panels.govuk_time(value) == words


def test_a_referral_at_5pm_itself_is_in_time_and_a_second_later_is_late() -> None:
    """ "No later than 5pm" (DQ): 5pm is in time."""
    sitting = DUDLEY.next_sitting(D(2026, 11, 30))
    assert not sitting.is_late(at(D(2026, 11, 25), 17, 0, 0))
    assert sitting.is_late(at(D(2026, 11, 25), 17, 0, 1))
    assert sitting.is_late(at(D(2026, 11, 30), 9))  # the morning of the panel


def test_lateness_is_a_moment_in_time_whatever_the_time_zone() -> None:
    """The cut-off is 5pm in London; 4:30pm UTC in summer is 5:30pm in London (BST)."""
    sitting = DUDLEY.sitting_on(D(2026, 6, 15))
    assert sitting is not None
    assert sitting.cutoff == at(D(2026, 6, 10), 17)
    assert sitting.is_late(dt.datetime(2026, 6, 10, 16, 30, tzinfo=dt.UTC))
    assert not sitting.is_late(dt.datetime(2026, 6, 10, 15, 59, tzinfo=dt.UTC))
    with pytest.raises(ValueError, match="time-zone aware"):
        sitting.is_late(dt.datetime(2026, 6, 10, 12, 0))


def test_a_referral_goes_to_the_first_panel_whose_cutoff_has_not_passed() -> None:
    assert DUDLEY.first_in_time_for(at(D(2026, 11, 25), 16)).date == D(2026, 11, 30)
    assert DUDLEY.first_in_time_for(at(D(2026, 11, 25), 18)).date == D(2026, 12, 7)
    assert DUDLEY.first_in_time_for(at(D(2026, 11, 30), 8)).date == D(2026, 12, 7)


# -- bank holidays: the installation's choice (the seeds are silent) --------------------------


def test_boxing_day_monday_2026_moves_the_panel_to_tuesday_when_the_installation_says_so() -> None:
    """Boxing Day 2026 is observed on Monday 28 December (SPEC section 2). With "next working
    day" the panel sits on Tuesday 29 December; the cut-off stays the Wednesday before."""
    sitting = DUDLEY.sitting_on(D(2026, 12, 29))
    assert sitting is not None and sitting.moved
    assert sitting.regular_date == D(2026, 12, 28)
    assert sitting.cutoff == at(D(2026, 12, 23), 17)
    assert DUDLEY.sitting_on(D(2026, 12, 28)) is None
    assert DUDLEY.next_sitting(D(2026, 12, 24)).date == D(2026, 12, 29)
    assert panels.why_moved(sitting) == (
        "Monday 28 December 2026 is a bank holiday (Boxing Day (observed))"
    )


def test_boxing_day_monday_2026_has_no_panel_when_the_installation_skips_the_week() -> None:
    assert SKIPPING.sitting_for_week(D(2026, 12, 28)) is None
    assert SKIPPING.sitting_on(D(2026, 12, 29)) is None
    following = SKIPPING.next_sitting(D(2026, 12, 24))
    assert following.date == D(2027, 1, 4)
    assert following.cutoff == at(D(2026, 12, 30), 17)


@pytest.mark.parametrize(
    "regular,sits,why",
    [
        (D(2027, 3, 29), D(2027, 3, 30), "Easter Monday 2027"),
        (D(2027, 5, 3), D(2027, 5, 4), "Early May bank holiday 2027"),
        (D(2027, 5, 31), D(2027, 6, 1), "Spring bank holiday 2027"),
        (D(2027, 8, 30), D(2027, 8, 31), "Summer bank holiday 2027"),
        # Christmas Day and Boxing Day 2027 fall at the weekend: substitutes on Monday 27 and
        # Tuesday 28 December, so the panel sits on Wednesday 29 December.
        (D(2027, 12, 27), D(2027, 12, 29), "Christmas 2027, two substitute days"),
    ],
)
def test_bank_holiday_mondays_move_to_the_next_working_day(
    regular: dt.date, sits: dt.date, why: str
) -> None:
    sitting = DUDLEY.sitting_for_week(regular)
    assert sitting is not None, why
    assert sitting.date == sits, why
    assert sitting.cutoff == DUDLEY.cutoff_for(regular), why
    assert SKIPPING.sitting_for_week(regular) is None, why


def test_a_cutoff_on_christmas_day_moves_as_the_installation_says() -> None:
    """Christmas Day 2024 was a Wednesday: the cut-off for Monday 30 December 2024 falls on it.
    Moving it to the working day before gives Tuesday 24 December; to the next working day,
    Friday 27 December (Boxing Day is Thursday 26 December)."""
    sitting = DUDLEY.sitting_on(D(2024, 12, 30))
    assert sitting is not None
    assert sitting.cutoff == at(D(2024, 12, 24), 17)
    later = dataclasses.replace(DUDLEY, when_cutoff_day_closed=CutoffDayClosed.NEXT_WORKING_DAY)
    moved = later.sitting_on(D(2024, 12, 30))
    assert moved is not None and moved.cutoff == at(D(2024, 12, 27), 17)


def test_a_cutoff_never_moves_onto_the_panel_day() -> None:
    """With an installation's own closures filling the rest of the week, "next working day"
    would reach the panel: the cut-off moves to the working day before instead."""
    closed = WorkingCalendar(
        extra_closures=frozenset({D(2026, 11, 25), D(2026, 11, 26), D(2026, 11, 27)})
    )
    schedule = dataclasses.replace(
        DUDLEY, calendar=closed, when_cutoff_day_closed=CutoffDayClosed.NEXT_WORKING_DAY
    )
    sitting = schedule.sitting_on(D(2026, 11, 30))
    assert sitting is not None and sitting.cutoff == at(D(2026, 11, 24), 17)


def test_the_panel_day_and_cutoff_are_configurable() -> None:
    """A panel on Thursdays with referrals by midday on the Tuesday before."""
    thursdays = dataclasses.replace(
        DUDLEY, weekday=THURSDAY, cutoff_weekday=TUESDAY, cutoff_time=dt.time(12, 0)
    )
    sitting = thursdays.next_sitting(D(2026, 11, 24))
    assert sitting.date == D(2026, 11, 26)
    assert panels.describe_cutoff(sitting.cutoff) == "midday on Tuesday 24 November 2026"
    assert thursdays.describe() == "Every Thursday; referrals by midday on the Tuesday before"


def test_panel_dates_in_a_range() -> None:
    dates = [s.date for s in DUDLEY.sittings_between(D(2026, 12, 1), D(2027, 1, 12))]
    assert dates == [
        D(2026, 12, 7),
        D(2026, 12, 14),
        D(2026, 12, 21),
        D(2026, 12, 29),  # Boxing Day observed on the Monday
        D(2027, 1, 4),
        D(2027, 1, 11),
    ]
    assert DUDLEY.previous_sitting(D(2026, 12, 7)).date == D(2026, 11, 30)


def test_a_week_of_closures_on_every_day_is_a_clear_error() -> None:
    every_day = frozenset(D(2026, 1, 1) + dt.timedelta(days=n) for n in range(800))
    closed = dataclasses.replace(DUDLEY, calendar=WorkingCalendar(extra_closures=every_day))
    with pytest.raises(panels.NoSitting, match="No Achieving Early Permanence Panel sits"):
        closed.next_sitting(D(2026, 1, 1))


# -- per council --------------------------------------------------------------------------------


def test_only_dudley_holds_an_aepp_and_the_profiles_agree() -> None:
    """SPEC section 1: "the AEPP exists only in Dudley"."""
    assert set(panels.SCHEDULES) == {
        slug for slug, profile in PROFILES.items() if profile.has_early_permanence_panel
    }
    assert panels.schedule_for("durham") is None
    assert panels.schedule_for("devon") is None
    dudley = panels.schedule_for("dudley")
    assert dudley is not None and "001_d6c3849112f62e7d.txt" in dudley.source
    assert "silent" in dudley.closure_source and "installation" in dudley.closure_source


def test_an_installation_chooses_what_happens_on_bank_holidays() -> None:
    chosen = panels.schedule_for(
        "dudley", when_panel_day_closed="skip_week", when_cutoff_day_closed="next_working_day"
    )
    assert chosen is not None
    assert chosen.when_panel_day_closed == PanelDayClosed.SKIP_WEEK
    assert chosen.when_cutoff_day_closed == CutoffDayClosed.NEXT_WORKING_DAY
    with pytest.raises(ValueError, match="'sometimes'; it must be one of: next_working_day"):
        panels.schedule_for("dudley", when_panel_day_closed="sometimes")
    with pytest.raises(ValueError, match="cut-off bank-holiday setting is 'never'"):
        panels.schedule_for("dudley", when_cutoff_day_closed="never")


def test_the_outcomes_are_the_quick_reference_guides() -> None:
    """DQ 'Outcomes from meeting': fostering and adoption allocate a family finder, special
    guardianship an SGO social worker with the SGO referral within 5 working days."""
    assert set(panels.PATHWAYS) == {"fostering", "adoption", "special_guardianship"}
    assert panels.PATHWAYS["fostering"].worker_role == "family_finder"
    assert panels.PATHWAYS["adoption"].worker_role == "family_finder"
    sgo = panels.PATHWAYS["special_guardianship"]
    assert sgo.worker_role == "social_worker"
    assert any("5 working days" in step for step in sgo.next_steps)
    for pathway in panels.PATHWAYS.values():
        assert "001_d6c3849112f62e7d.txt 'Outcomes from meeting'" in pathway.source
    for route in panels.ROUTES.values():
        assert route.source.startswith("001_d6c3849112f62e7d.txt")


# -- properties ---------------------------------------------------------------------------------

days = st.dates(D(2020, 1, 1), D(2035, 12, 31))
schedules = st.sampled_from([DUDLEY, SKIPPING])


@settings(max_examples=200, deadline=None)
@given(schedules, days)
def test_the_next_sitting_is_the_first_working_day_panel_on_or_after_the_day(schedule, day) -> None:
    sitting = schedule.next_sitting(day)
    assert sitting.date >= day
    assert ENGLAND.is_working_day(sitting.date)
    assert schedule.sittings_between(day, sitting.date - dt.timedelta(days=1)) == []
    assert schedule.sitting_on(sitting.date) == sitting


@settings(max_examples=200, deadline=None)
@given(schedules, days)
def test_every_cutoff_is_on_a_working_day_at_5pm_before_the_panel(schedule, day) -> None:
    sitting = schedule.next_sitting(day)
    local = sitting.cutoff.astimezone(LONDON)
    assert local.time() == dt.time(17, 0)
    assert ENGLAND.is_working_day(local.date())
    assert local.date() < sitting.date
    assert sitting.date - local.date() <= dt.timedelta(days=14)


@settings(max_examples=100, deadline=None)
@given(schedules, days)
def test_sittings_are_one_a_week_at_most_with_gaps_only_for_skipped_weeks(schedule, day) -> None:
    """Moving to the next working day keeps a panel every week (gaps under 2 weeks); skipping
    leaves a gap only where the regular day is a bank holiday (Christmas and New Year can skip
    two weeks running, as in 2032-33)."""
    sittings = schedule.sittings_between(day, day + dt.timedelta(weeks=10))
    regular = [s.regular_date for s in sittings]
    assert len(regular) == len(set(regular))
    longest = 13 if schedule.when_panel_day_closed == PanelDayClosed.NEXT_WORKING_DAY else 21
    for earlier, later in zip(sittings, sittings[1:], strict=False):
        assert dt.timedelta(days=1) <= later.date - earlier.date <= dt.timedelta(days=longest)
        for week in range(1, (later.regular_date - earlier.regular_date).days // 7):
            skipped = earlier.regular_date + dt.timedelta(weeks=week)
            assert not ENGLAND.is_working_day(skipped)


@settings(max_examples=200, deadline=None)
@given(days, st.integers(0, 24 * 60 - 1))
def test_a_referral_is_late_for_exactly_the_panels_whose_cutoff_has_passed(day, minute) -> None:
    moment = at(day, minute // 60, minute % 60)
    first = DUDLEY.first_in_time_for(moment)
    assert not first.is_late(moment)
    earlier = DUDLEY.sittings_between(day, first.date - dt.timedelta(days=1))
    assert all(s.is_late(moment) for s in earlier)


# -- the installation's own day and cut-off (issue 5 item 4: "configurable") --------------------
#
# Dudley's quick reference guide (001_d6c3849112f62e7d.txt, 'Achieving early permanence panel')
# sets Monday and 5pm on the Wednesday before; an installation may set its own
# (HOMEWARD_AEPP_DAY, HOMEWARD_AEPP_CUTOFF_DAY, HOMEWARD_AEPP_CUTOFF_TIME).

THURSDAY_NOON = panels.schedule_for(
    "dudley", panel_day="thursday", cutoff_day="monday", cutoff_time="12:00"
)


def test_blank_settings_keep_dudleys_monday_and_5pm_on_the_wednesday_before() -> None:
    assert panels.schedule_for("dudley", panel_day="", cutoff_day="", cutoff_time="") == DUDLEY
    same = panels.schedule_for(
        "dudley", panel_day="Monday", cutoff_day=" WEDNESDAY ", cutoff_time="17:00"
    )
    assert same == DUDLEY  # the council's own days, said out loud: still the council's source


def test_a_thursday_panel_with_referrals_by_midday_on_the_monday_before() -> None:
    """GOV.UK style writes 12pm as "midday"."""
    schedule = THURSDAY_NOON
    assert schedule is not None
    assert schedule.describe() == "Every Thursday; referrals by midday on the Monday before"
    sitting = schedule.next_sitting(D(2026, 11, 27))  # a Friday
    assert sitting.date == D(2026, 12, 3)
    assert sitting.cutoff == at(D(2026, 11, 30), 12)
    assert panels.describe_cutoff(sitting.cutoff) == "midday on Monday 30 November 2026"
    assert not sitting.is_late(at(D(2026, 11, 30), 12))
    assert sitting.is_late(at(D(2026, 11, 30), 12, 0, 1))
    assert schedule.first_in_time_for(at(D(2026, 11, 30), 12, 1)).date == D(2026, 12, 10)
    assert schedule.sitting_on(D(2026, 11, 30)) is None  # Mondays are no longer panel days
    # Said to be the installation's, never passed off as Dudley's documented practice.
    assert schedule.source.startswith("This installation's own panel day and cut-off")
    assert DUDLEY.source in schedule.source


def test_a_thursday_panel_over_christmas_2025_and_easter_2026() -> None:
    """Christmas Day 2025 was a Thursday and Boxing Day the Friday: the panel moves to Monday
    29 December, the next working day, its cut-off staying Monday 22 December. Easter Monday
    2026 (6 April) is the cut-off day for Thursday 9 April: it moves to the working day before,
    Thursday 2 April (Good Friday is 3 April), or after, Tuesday 7 April, as the installation
    chooses."""
    assert THURSDAY_NOON is not None
    christmas = THURSDAY_NOON.sitting_for_week(D(2025, 12, 25))
    assert christmas is not None and christmas.date == D(2025, 12, 29)
    assert christmas.cutoff == at(D(2025, 12, 22), 12)
    new_year = THURSDAY_NOON.sitting_for_week(D(2026, 1, 1))
    assert new_year is not None and new_year.date == D(2026, 1, 2)
    easter = THURSDAY_NOON.sitting_on(D(2026, 4, 9))
    assert easter is not None and easter.cutoff == at(D(2026, 4, 2), 12)
    later = panels.schedule_for(
        "dudley",
        panel_day="thursday",
        cutoff_day="monday",
        cutoff_time="12:00",
        when_cutoff_day_closed="next_working_day",
    )
    assert later is not None
    moved = later.sitting_on(D(2026, 4, 9))
    assert moved is not None and moved.cutoff == at(D(2026, 4, 7), 12)


@pytest.mark.parametrize(
    "keyword,value,message",
    [
        (
            "panel_day",
            "munday",
            "The AEPP panel day setting is 'munday'; it must be one of: "
            "monday, tuesday, wednesday, thursday, friday.",
        ),
        ("panel_day", "saturday", "panel day setting is 'saturday'; it must be one of"),
        ("cutoff_day", "sunday", "cut-off day setting is 'sunday'; it must be one of"),
        ("cutoff_day", "2", "cut-off day setting is '2'; it must be one of"),
        (
            "cutoff_time",
            "5pm",
            "cut-off time setting is '5pm'; it must be a time on the "
            "24-hour clock as HH:MM, such as 17:00.",
        ),
        ("cutoff_time", "24:00", "cut-off time setting is '24:00'"),
        ("cutoff_time", "17:60", "cut-off time setting is '17:60'"),
        ("cutoff_time", "17", "cut-off time setting is '17'"),
        ("cutoff_time", "17:00:00", "cut-off time setting is '17:00:00'"),
    ],
)
def test_settings_homeward_cannot_use_are_refused_naming_the_value(
    keyword: str, value: str, message: str
) -> None:
    with pytest.raises(panels.ScheduleSettingError, match=re.escape(message)) as raised:
        panels.schedule_for("dudley", **{keyword: value})
    assert raised.value.setting == keyword and raised.value.value == value


@pytest.mark.parametrize("day", panels.WEEKDAY_SETTINGS)
def test_a_cutoff_on_the_panels_own_day_is_refused(day: str) -> None:
    """The cut-off falls before the panel: "the Monday before" a Monday panel would be the
    previous panel's own day, never a day between the panels."""
    with pytest.raises(panels.CutoffNotBeforePanel, match="cannot be on the panel's own day"):
        panels.schedule_for("dudley", panel_day=day, cutoff_day=day)
    # A panel day that meets the council's own cut-off day (Wednesday) is refused the same way.
    if day == "wednesday":
        (problem,) = panels.schedule_errors("dudley", panel_day=day)
        assert isinstance(problem, panels.CutoffNotBeforePanel)


def test_every_problem_is_listed_not_just_the_first() -> None:
    problems = panels.schedule_errors(
        "dudley", panel_day="funday", cutoff_time="noon", when_panel_day_closed="maybe"
    )
    assert [p.setting for p in problems] == ["panel_day", "cutoff_time", "when_panel_day_closed"]
    assert panels.schedule_errors("dudley") == []


def test_councils_without_an_aepp_still_have_their_settings_read() -> None:
    """A typo is caught whatever the profile (SPEC section 1: only Dudley holds an AEPP)."""
    assert panels.schedule_for("durham", panel_day="thursday") is None
    with pytest.raises(panels.ScheduleSettingError, match="'thurs'"):
        panels.schedule_for("durham", panel_day="thurs")


# -- properties of any schedule an installation may set ---------------------------------------


@st.composite
def installation_schedules(draw: st.DrawFn) -> panels.PanelSchedule:
    day = draw(st.sampled_from(panels.WEEKDAY_SETTINGS))
    cutoff_day = draw(st.sampled_from([d for d in panels.WEEKDAY_SETTINGS if d != day]))
    time = draw(st.times().map(lambda t: f"{t.hour:02d}:{t.minute:02d}"))
    schedule = panels.schedule_for(
        "dudley",
        panel_day=day,
        cutoff_day=cutoff_day,
        cutoff_time=time,
        when_panel_day_closed=draw(st.sampled_from(list(PanelDayClosed))).value,
        when_cutoff_day_closed=draw(st.sampled_from(list(CutoffDayClosed))).value,
    )
    assert schedule is not None
    return schedule


@settings(max_examples=300, deadline=None)
@given(installation_schedules(), days)
def test_any_installations_cutoff_is_at_its_time_on_a_working_day_before_the_panel(
    schedule, day
) -> None:
    sitting = schedule.next_sitting(day)
    assert sitting.regular_date.weekday() == schedule.weekday
    assert ENGLAND.is_working_day(sitting.date)
    local = sitting.cutoff.astimezone(LONDON)
    assert local.time() == schedule.cutoff_time
    assert ENGLAND.is_working_day(local.date())
    assert local.date() < sitting.date and local.date() < sitting.regular_date
    regular_cutoff = sitting.regular_date - dt.timedelta(
        days=(sitting.regular_date.weekday() - schedule.cutoff_weekday) % 7
    )
    assert 1 <= (sitting.regular_date - regular_cutoff).days <= 6
    if ENGLAND.is_working_day(regular_cutoff):  # not moved: the last such weekday before
        assert local.date() == regular_cutoff
    assert DAY_NAMES[schedule.weekday] in schedule.describe()


@settings(max_examples=200, deadline=None)
@given(installation_schedules(), days, st.integers(0, 24 * 60 - 1))
def test_under_any_installations_schedule_lateness_is_the_cutoff_passed(
    schedule, day, minute
) -> None:
    moment = at(day, minute // 60, minute % 60)
    first = schedule.first_in_time_for(moment)
    assert not first.is_late(moment)
    earlier = schedule.sittings_between(day, first.date - dt.timedelta(days=1))
    assert all(s.is_late(moment) for s in earlier)


# -- issue 13 item 10: will the next panel the child can reach meet the 2-week deadline? -----


def test_the_next_reachable_panel_meets_a_deadline_on_or_after_it() -> None:
    """Became looked after Monday 23 November 2026: the AEPP is due within 2 weeks, by Monday
    7 December (DQ 'Legal Gateway Panel / Notification via weekly admissions report'). Referred
    on Tuesday 24 November at 10am, before the 5pm Wednesday cut-off: the panel on Monday 30
    November is in time, and so within the deadline."""
    reach = panels.next_reachable(DUDLEY, at(D(2026, 11, 24), 10), D(2026, 12, 7))
    assert reach.sitting.date == D(2026, 11, 30)
    assert reach.in_time and reach.days_late == 0


def test_a_referral_after_the_cutoff_can_miss_the_deadline() -> None:
    """Became looked after Wednesday 9 December 2026: due by Wednesday 23 December. Referred
    after 5pm on Wednesday 16 December, the next panel in time is the one for Boxing Day week,
    which sits on Tuesday 29 December (Monday 28th is the substitute bank holiday): 6 days
    after the deadline."""
    reach = panels.next_reachable(DUDLEY, at(D(2026, 12, 16), 18), D(2026, 12, 23))
    assert reach.sitting.date == D(2026, 12, 29)
    assert not reach.in_time and reach.days_late == 6
