"""The Achieving Early Permanence Panel (AEPP) as a weekly panel: the days it sits, the referral
cut-off for each sitting, whether a referral is late, the two routes by which children reach it
and the outcomes it can agree. Plain Python, no Django.

Sources (shared/seeds): Dudley's quick reference guide (001_d6c3849112f62e7d.txt):
- 'Legal Gateway Panel / Notification via weekly admissions report': children reach the panel
  from the Legal Gateway Panel (the court progression manager gives the social worker the date)
  or from the weekly admissions report (the permanency coordinator invites the social worker and
  team manager); it takes place within 2 weeks of the child becoming looked after (SPEC T1);
- 'Achieving early permanence panel': "Social worker to email no later than 5pm on Wednesday for
  presentation at Monday's panel" (SPEC T3); the first permanency planning meeting "held within
  6 weeks of the early permanence panel" (SPEC T2: that deadline belongs to the timescales
  engine, rule ``first-ppm`` in rules/dudley.toml, and is never worked out here);
- 'Outcomes from meeting': fostering, adoption or special guardianship, each with who is
  allocated and what happens next.

The AEPP exists only in Dudley's procedures (SPEC section 1): Durham and Devon have no schedule.

Bank holidays: the seeds are silent on what happens when the panel day or the cut-off day is a
bank holiday. Each installation chooses (``PanelDayClosed``, ``CutoffDayClosed``); the choice in
``SCHEDULES`` is Homeward's default for the installation, never a council's documented practice.

The day and the cut-off: ``SCHEDULES`` holds the council's documented ones (Dudley: Monday; 5pm
on the Wednesday before). Issue 5 item 4 makes them the installation's to change (a council that
moves its panel need not wait for a release): ``schedule_for`` takes the panel day, the cut-off
day (the last such day before the panel) and the cut-off time as the installation gives them,
and refuses what it cannot use with a ``ScheduleSettingError`` naming the setting and the value.
A schedule so changed says it is the installation's choice, not the council's procedure.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo

from homeward.domain.calendar import (
    ENGLAND,
    LONDON,
    MONDAY,
    WEDNESDAY,
    WorkingCalendar,
    bank_holiday_name,
    govuk_date,
    next_weekday_on_or_after,
    panel_cutoff,
)
from homeward.domain.councils import DUDLEY_QUICK_GUIDE, DUDLEY_STRATEGY

DAY_NAMES: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The days a panel (and its cut-off) may be set to, as an installation writes them.
WEEKDAY_SETTINGS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday")
# How far to look for the next sitting before giving up (a year of closures is a setup error).
_MAX_WEEKS: Final = 53


class PanelDayClosed(enum.StrEnum):
    """What happens when the panel's regular day is not a working day (a bank holiday, or a
    closure the installation adds). The seeds are silent: the installation chooses."""

    NEXT_WORKING_DAY = "next_working_day"  # sits on the next working day that week
    SKIP_WEEK = "skip_week"  # no panel that week; its children go to the next one

    @property
    def label(self) -> str:
        return {
            "next_working_day": "the panel sits on the next working day",
            "skip_week": "there is no panel that week",
        }[self.value]


class CutoffDayClosed(enum.StrEnum):
    """What happens when the cut-off day is not a working day. The seeds are silent: the
    installation chooses."""

    PREVIOUS_WORKING_DAY = "previous_working_day"
    NEXT_WORKING_DAY = "next_working_day"

    @property
    def label(self) -> str:
        return {
            "previous_working_day": "the cut-off moves to the working day before",
            "next_working_day": "the cut-off moves to the next working day",
        }[self.value]


class NoSitting(ValueError):
    """No panel sits in the period asked about (every week closed: a setup error)."""


@dataclass(frozen=True)
class Sitting:
    """One panel: the day it sits, the regular day it stands for, and its referral cut-off."""

    date: dt.date
    regular_date: dt.date  # the week's regular panel day (differs when the panel moved)
    cutoff: dt.datetime  # time-zone aware

    @property
    def moved(self) -> bool:
        return self.date != self.regular_date

    def is_late(self, referred_at: dt.datetime) -> bool:
        """After the cut-off: "no later than 5pm" means 5pm itself is in time."""
        if referred_at.tzinfo is None:
            raise ValueError("referred_at must be time-zone aware")
        return referred_at > self.cutoff


@dataclass(frozen=True)
class PanelSchedule:
    """When a weekly panel sits and when referrals for it close."""

    name: str
    weekday: int  # calendar.MONDAY ... SUNDAY
    cutoff_weekday: int  # the cut-off is on the last such day strictly before the panel day
    cutoff_time: dt.time
    when_panel_day_closed: PanelDayClosed
    when_cutoff_day_closed: CutoffDayClosed
    source: str
    closure_source: str
    calendar: WorkingCalendar = ENGLAND
    tz: ZoneInfo = LONDON

    # -- one week ---------------------------------------------------------------------------

    def cutoff_for(self, regular_date: dt.date) -> dt.datetime:
        """The cut-off for the panel whose regular day is ``regular_date``, counted from that
        regular day (a panel moved to the Tuesday keeps the Wednesday before its Monday), then
        moved off a closed day as ``when_cutoff_day_closed`` says, never onto or after the
        panel's day."""
        cutoff = panel_cutoff(
            regular_date, weekday=self.cutoff_weekday, at=self.cutoff_time, tz=self.tz
        )
        day = cutoff.date()
        if self.calendar.is_working_day(day):
            return cutoff
        moved = self.calendar.previous_working_day_on_or_before(day)
        if self.when_cutoff_day_closed == CutoffDayClosed.NEXT_WORKING_DAY:
            later = self.calendar.next_working_day_on_or_after(day)
            if later < regular_date:
                moved = later
        return dt.datetime.combine(moved, self.cutoff_time, tzinfo=self.tz)

    def sitting_for_week(self, regular_date: dt.date) -> Sitting | None:
        """The sitting standing for the regular panel day ``regular_date``; None when the
        panel does not sit that week (``SKIP_WEEK``, or no working day before the next week's
        regular day)."""
        if regular_date.weekday() != self.weekday:
            raise ValueError(f"{regular_date} is not a {DAY_NAMES[self.weekday]}")
        day = regular_date
        if not self.calendar.is_working_day(day):
            if self.when_panel_day_closed == PanelDayClosed.SKIP_WEEK:
                return None
            day = self.calendar.next_working_day_on_or_after(day)
            if day >= regular_date + dt.timedelta(weeks=1):
                return None
        return Sitting(date=day, regular_date=regular_date, cutoff=self.cutoff_for(regular_date))

    # -- many weeks -------------------------------------------------------------------------

    def _regular_on_or_after(self, day: dt.date) -> dt.date:
        return next_weekday_on_or_after(day, self.weekday)

    def sittings_between(self, start: dt.date, end: dt.date) -> list[Sitting]:
        """Every sitting from ``start`` to ``end`` inclusive, in date order."""
        found: list[Sitting] = []
        # A panel moved forward can sit up to 6 days after its regular day: start a week early.
        regular = self._regular_on_or_after(start - dt.timedelta(days=6))
        while regular <= end:
            sitting = self.sitting_for_week(regular)
            if sitting is not None and start <= sitting.date <= end:
                found.append(sitting)
            regular += dt.timedelta(weeks=1)
        return found

    def next_sitting(self, on_or_after: dt.date) -> Sitting:
        """The first sitting on or after ``on_or_after``."""
        end = on_or_after + dt.timedelta(weeks=_MAX_WEEKS)
        for sitting in self.sittings_between(on_or_after, end):
            return sitting
        raise NoSitting(f"No {self.name} sits in the year from {on_or_after}")

    def previous_sitting(self, before: dt.date) -> Sitting:
        """The last sitting strictly before ``before``."""
        start = before - dt.timedelta(weeks=_MAX_WEEKS)
        found = self.sittings_between(start, before - dt.timedelta(days=1))
        if not found:
            raise NoSitting(f"No {self.name} sat in the year before {before}")
        return found[-1]

    def sitting_on(self, day: dt.date) -> Sitting | None:
        """The sitting on ``day``, or None if the panel does not sit that day."""
        found = self.sittings_between(day, day)
        return found[0] if found else None

    def first_in_time_for(self, referred_at: dt.datetime) -> Sitting:
        """The first panel a referral made at ``referred_at`` is in time for (its cut-off not
        yet passed)."""
        local = referred_at.astimezone(self.tz)
        sitting = self.next_sitting(local.date())
        while sitting.is_late(referred_at):
            sitting = self.next_sitting(sitting.date + dt.timedelta(days=1))
        return sitting

    # -- words ------------------------------------------------------------------------------

    def describe(self) -> str:
        """ "Every Monday; referrals by 5pm on the Wednesday before"."""
        return (
            f"Every {DAY_NAMES[self.weekday]}; referrals by {govuk_time(self.cutoff_time)} on "
            f"the {DAY_NAMES[self.cutoff_weekday]} before"
        )

    def describe_closures(self) -> str:
        return (
            f"When the panel day is a bank holiday, {self.when_panel_day_closed.label}; when "
            f"the cut-off day is a bank holiday, {self.when_cutoff_day_closed.label}."
        )


@dataclass(frozen=True)
class Reach:
    """Whether the next panel a referral made now is in time for sits by the child's 2-week
    deadline (issue 13 item 10; the AEPP "within 2 weeks" of becoming looked after, Dudley
    quick reference guide 'Legal Gateway Panel / Notification via weekly admissions report')."""

    sitting: Sitting
    due: dt.date

    @property
    def in_time(self) -> bool:
        return self.sitting.date <= self.due

    @property
    def days_late(self) -> int:
        return max(0, (self.sitting.date - self.due).days)


def next_reachable(schedule: PanelSchedule, now: dt.datetime, due: dt.date) -> Reach:
    """The first panel whose cut-off a referral made at ``now`` meets, against ``due``."""
    return Reach(schedule.first_in_time_for(now), due)


def govuk_time(value: dt.time) -> str:
    """Times as the GOV.UK style guide writes them: "5pm", "5:30pm", "midday", "midnight"."""
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def govuk_day(day: dt.date) -> str:
    """ "Wednesday 2 December 2026"."""
    return f"{DAY_NAMES[day.weekday()]} {govuk_date(day)}"


def describe_cutoff(cutoff: dt.datetime, tz: ZoneInfo = LONDON) -> str:
    """ "5pm on Wednesday 2 December 2026"."""
    local = cutoff.astimezone(tz)
    return f"{govuk_time(local.time())} on {govuk_day(local.date())}"


def why_moved(sitting: Sitting, calendar: WorkingCalendar = ENGLAND) -> str:
    """Why a sitting is not on its regular day: "Monday 28 December 2026 is a bank holiday
    (Boxing Day (observed))"."""
    if not sitting.moved:
        return ""
    name = bank_holiday_name(sitting.regular_date)
    what = f"a bank holiday ({name})" if name else "not a working day"
    return f"{govuk_day(sitting.regular_date)} is {what}"


# -- routes and outcomes (Dudley quick reference guide) ---------------------------------------

LEGAL_GATEWAY: Final = "legal_gateway"
WEEKLY_ADMISSIONS: Final = "weekly_admissions"


@dataclass(frozen=True)
class Route:
    key: str
    label: str
    how: str
    source: str


ROUTES: Final[dict[str, Route]] = {
    LEGAL_GATEWAY: Route(
        LEGAL_GATEWAY,
        "Legal Gateway Panel",
        "Presented at the Legal Gateway Panel: the court progression manager gives the social "
        "worker the date of the panel.",
        f"{DUDLEY_QUICK_GUIDE} 'Legal Gateway Panel'",
    ),
    WEEKLY_ADMISSIONS: Route(
        WEEKLY_ADMISSIONS,
        "Weekly admissions report",
        "Newly looked after on the weekly admissions report: the permanence coordinator invites "
        "the social worker and team manager.",
        f"{DUDLEY_QUICK_GUIDE} 'Notification via weekly admissions report'",
    ),
}

FOSTERING: Final = "fostering"
ADOPTION: Final = "adoption"
SPECIAL_GUARDIANSHIP: Final = "special_guardianship"
FAMILY_FINDER: Final = "family_finder"  # Role values (homeward.accounts.models.Role)
SOCIAL_WORKER: Final = "social_worker"


@dataclass(frozen=True)
class Pathway:
    """An outcome the panel can agree, who is allocated, and what happens next."""

    key: str
    label: str
    worker_title: str  # as within a sentence: "fostering family finder", "SGO social worker"
    worker_role: str
    next_steps: tuple[str, ...]
    source: str


_OUTCOMES = f"{DUDLEY_QUICK_GUIDE} 'Outcomes from meeting'"

PATHWAYS: Final[dict[str, Pathway]] = {
    FOSTERING: Pathway(
        FOSTERING,
        "Fostering",
        "fostering family finder",
        FAMILY_FINDER,
        (
            "Fostering family finder allocated.",
            "Permanence planning meeting agreed.",
            "The social worker completes the first sections of the Fostering Permanency "
            "Assessment Report before the permanence planning meeting.",
        ),
        f"{_OUTCOMES} - Fostering",
    ),
    ADOPTION: Pathway(
        ADOPTION,
        "Adoption",
        "adoption family finder",
        FAMILY_FINDER,
        ("Adoption family finder allocated.", "Permanence planning meeting agreed."),
        f"{_OUTCOMES} - Adoption",
    ),
    SPECIAL_GUARDIANSHIP: Pathway(
        SPECIAL_GUARDIANSHIP,
        "Special guardianship",
        "SGO social worker",
        SOCIAL_WORKER,
        (
            "SGO social worker allocated.",
            "A recommendation about special guardianship is made at the second Child in Care "
            "review.",
            "The child's social worker sends the SGO referral form to the SGO team manager "
            "within 5 working days of that review.",
        ),
        f"{_OUTCOMES} - Special Guardianship",
    ),
}


# -- per council --------------------------------------------------------------------------------

_CLOSURES_SILENT = (
    f"{DUDLEY_QUICK_GUIDE} is silent on bank holidays: this installation's choice, not the "
    "council's documented practice"
)

SCHEDULES: Final[dict[str, PanelSchedule]] = {
    "dudley": PanelSchedule(
        name="Achieving Early Permanence Panel",
        weekday=MONDAY,
        cutoff_weekday=WEDNESDAY,
        cutoff_time=dt.time(17, 0),
        when_panel_day_closed=PanelDayClosed.NEXT_WORKING_DAY,
        when_cutoff_day_closed=CutoffDayClosed.PREVIOUS_WORKING_DAY,
        source=f"{DUDLEY_QUICK_GUIDE} 'Achieving early permanence panel': no later than 5pm "
        "on Wednesday for presentation at Monday's panel",
        closure_source=_CLOSURES_SILENT,
    ),
    # Durham (002_a77630a273fce245.txt) and Devon (004_7232501e48845cda.txt) hold no AEPP.
}


class ScheduleSettingError(ValueError):
    """An installation's choice for the panel's schedule that Homeward cannot use. ``setting``
    is the keyword of ``schedule_for`` it came from and ``value`` what was given, so the caller
    can name its own setting (``homeward.panels.checks`` names the environment variable)."""

    def __init__(self, setting: str, value: str, problem: str) -> None:
        self.setting = setting
        self.value = value
        self.problem = problem
        super().__init__(f"The AEPP {_SETTING_WORDS[setting]} is {value!r}; {problem}.")


class CutoffNotBeforePanel(ScheduleSettingError):
    """The cut-off day is the panel's own day of the week. "The Wednesday before" a Monday panel
    is a day in the week before it; "the Monday before" a Monday panel would be the day a panel
    sits (the one before), never a day between the panels, so it is refused. ``panel_day`` and
    ``cutoff_day`` are the days in force (an installation's or the council's)."""

    def __init__(self, panel_day: str, cutoff_day: str) -> None:
        self.panel_day = panel_day
        self.cutoff_day = cutoff_day
        super().__init__(
            "cutoff_day",
            cutoff_day,
            f"the cut-off must fall before the panel, so it cannot be on the panel's own day "
            f"({panel_day}): choose one of the other days, "
            f"{', '.join(d for d in WEEKDAY_SETTINGS if d != panel_day)}",
        )


_SETTING_WORDS: Final = {
    "panel_day": "panel day setting",
    "cutoff_day": "cut-off day setting",
    "cutoff_time": "cut-off time setting",
    "when_panel_day_closed": "bank-holiday setting",
    "when_cutoff_day_closed": "cut-off bank-holiday setting",
}
_HH_MM: Final = re.compile(r"(\d{1,2}):(\d{2})")


def parse_weekday(setting: str, value: str) -> int:
    """ "monday" ... "friday" (any case, spaces around ignored) as calendar.MONDAY ... FRIDAY.
    A panel meets on a working day; weekends are refused."""
    word = value.strip().lower()
    if word in WEEKDAY_SETTINGS:
        return WEEKDAY_SETTINGS.index(word)
    raise ScheduleSettingError(setting, value, f"it must be one of: {', '.join(WEEKDAY_SETTINGS)}")


def parse_time(setting: str, value: str) -> dt.time:
    """ "17:00", "9:30": a time on the 24-hour clock as HH:MM."""
    match = _HH_MM.fullmatch(value.strip())
    if match:
        hour, minute = int(match[1]), int(match[2])
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise ScheduleSettingError(
        setting, value, "it must be a time on the 24-hour clock as HH:MM, such as 17:00"
    )


def parse_panel_day_closed(setting: str, value: str) -> PanelDayClosed:
    return _parse_choice(setting, value, PanelDayClosed)


def parse_cutoff_day_closed(setting: str, value: str) -> CutoffDayClosed:
    return _parse_choice(setting, value, CutoffDayClosed)


_Choice = TypeVar("_Choice", PanelDayClosed, CutoffDayClosed)


def _parse_choice(setting: str, value: str, kind: type[_Choice]) -> _Choice:
    try:
        return kind(value.strip())
    except ValueError:
        choices = ", ".join(c.value for c in kind)
        raise ScheduleSettingError(setting, value, f"it must be one of: {choices}") from None


_Parsed = TypeVar("_Parsed")


def _read(
    errors: list[ScheduleSettingError],
    parse: Callable[[str, str], _Parsed],
    setting: str,
    value: str,
) -> _Parsed | None:
    """``parse(setting, value)``; None for a blank value (keep the council's) or a bad one
    (added to ``errors``)."""
    if not value.strip():
        return None
    try:
        return parse(setting, value)
    except ScheduleSettingError as exc:
        errors.append(exc)
        return None


_INSTALLATION_DAYS = (
    "This installation's own panel day and cut-off, not the council's documented practice "
    "(which is: {source})"
)


def _schedule_and_errors(
    council: str,
    *,
    panel_day: str,
    cutoff_day: str,
    cutoff_time: str,
    when_panel_day_closed: str,
    when_cutoff_day_closed: str,
) -> tuple[PanelSchedule | None, list[ScheduleSettingError]]:
    """Every setting is read (a blank one keeps the council's), whether or not the council holds
    an AEPP, so a typo shows up whatever the profile; every problem is listed, not the first."""
    errors: list[ScheduleSettingError] = []
    weekday = _read(errors, parse_weekday, "panel_day", panel_day)
    cutoff_weekday = _read(errors, parse_weekday, "cutoff_day", cutoff_day)
    at = _read(errors, parse_time, "cutoff_time", cutoff_time)
    panel_closed = _read(
        errors, parse_panel_day_closed, "when_panel_day_closed", when_panel_day_closed
    )
    cutoff_closed = _read(
        errors, parse_cutoff_day_closed, "when_cutoff_day_closed", when_cutoff_day_closed
    )
    schedule = SCHEDULES.get(council)
    if schedule is None or errors:
        return None, errors
    council_days = (schedule.weekday, schedule.cutoff_weekday, schedule.cutoff_time)
    schedule = replace(
        schedule,
        weekday=schedule.weekday if weekday is None else weekday,
        cutoff_weekday=schedule.cutoff_weekday if cutoff_weekday is None else cutoff_weekday,
        cutoff_time=schedule.cutoff_time if at is None else at,
        when_panel_day_closed=(
            schedule.when_panel_day_closed if panel_closed is None else panel_closed
        ),
        when_cutoff_day_closed=(
            schedule.when_cutoff_day_closed if cutoff_closed is None else cutoff_closed
        ),
    )
    if schedule.cutoff_weekday == schedule.weekday:
        name = WEEKDAY_SETTINGS[schedule.weekday]
        return None, [CutoffNotBeforePanel(panel_day=name, cutoff_day=name)]
    if (schedule.weekday, schedule.cutoff_weekday, schedule.cutoff_time) != council_days:
        schedule = replace(schedule, source=_INSTALLATION_DAYS.format(source=schedule.source))
    return schedule, []


def schedule_for(
    council: str,
    *,
    panel_day: str = "",
    cutoff_day: str = "",
    cutoff_time: str = "",
    when_panel_day_closed: str = "",
    when_cutoff_day_closed: str = "",
) -> PanelSchedule | None:
    """The council's AEPP schedule, None if it holds no AEPP. An installation may choose the
    panel's day ("thursday"), the cut-off's day ("monday": the last Monday before the panel)
    and time ("12:00"), and what happens on bank holidays (the seeds are silent); a blank
    choice keeps the council's. The first choice Homeward cannot use is raised as a
    ``ScheduleSettingError`` (``schedule_errors`` lists them all)."""
    schedule, errors = _schedule_and_errors(
        council,
        panel_day=panel_day,
        cutoff_day=cutoff_day,
        cutoff_time=cutoff_time,
        when_panel_day_closed=when_panel_day_closed,
        when_cutoff_day_closed=when_cutoff_day_closed,
    )
    if errors:
        raise errors[0]
    return schedule


def schedule_errors(
    council: str,
    *,
    panel_day: str = "",
    cutoff_day: str = "",
    cutoff_time: str = "",
    when_panel_day_closed: str = "",
    when_cutoff_day_closed: str = "",
) -> list[ScheduleSettingError]:
    """Every choice Homeward cannot use, for a start-up check that reports them all at once."""
    return _schedule_and_errors(
        council,
        panel_day=panel_day,
        cutoff_day=cutoff_day,
        cutoff_time=cutoff_time,
        when_panel_day_closed=when_panel_day_closed,
        when_cutoff_day_closed=when_cutoff_day_closed,
    )[1]


# -- the panel's own records (issue 18 item 8) -------------------------------------------------


@dataclass(frozen=True)
class Seat:
    """A place at the panel its procedure names, and one of the recruitment needs it raises."""

    key: str
    label: str


@dataclass(frozen=True)
class PanelRecord:
    """Who the council's procedure says sits on its early permanence panel, and the kinds of
    recruitment need the panel raises for the fostering and adoption recruitment teams."""

    seats: tuple[Seat, ...]
    seats_source: str
    teams: tuple[Seat, ...]
    needs: tuple[Seat, ...]
    needs_source: str
    # The teams each need is recruited by, where the procedure says (a need not named here is
    # for either team, as "Another need" is).
    recruited_by: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def team_recruits(self, team: str, need: str) -> bool:
        """Whether the procedure has this team recruit for this need."""
        return team in self.recruited_by.get(need, {t.key for t in self.teams})

    def seat_label(self, key: str) -> str:
        return next((s.label for s in self.seats if s.key == key), OTHER_SEAT.label)

    def unfilled(self, attended: set[str]) -> list[Seat]:
        """The places the procedure names that nobody who attended filled (apologies do not
        fill a place). The procedure sets no quorum: this only shows who was missing."""
        return [seat for seat in self.seats if seat.key not in attended]


OTHER_SEAT: Final = Seat("other", "Someone else (for example the child's social worker)")
OTHER_NEED: Final = Seat("other", "Another need")

RECORDS: Final[dict[str, PanelRecord]] = {
    "dudley": PanelRecord(
        seats=(
            Seat("sm_fostering_adoption", "Service Manager Fostering & Adoption"),
            Seat("sm_children_in_care", "Service Manager Children in Care and Care Leavers"),
            Seat("panel_administrator", "Panel Administrator"),
            Seat("tm_fostering", "Team Manager Fostering"),
            Seat("tm_sgo", "Team Manager SGO"),
            Seat("court_progression_manager", "Court Progression Manager"),
            Seat("tm_adoption", "Team Manager Adoption"),
            Seat("permanency_coordinator", "Permanency coordinator"),
        ),
        seats_source=f"{DUDLEY_QUICK_GUIDE} 'Achieving early permanence panel': “Panel "
        "representation will comprise of Service Manager Fostering & Adoption, Service Manager "
        "Children in Care and Care Leavers, Panel Administrator, Team Manager Fostering, Team "
        "Manager SGO, Court Progression Manager, Team Manager Adoption, Permanency coordinator”",
        teams=(
            Seat("fostering", "Fostering Recruitment, Assessment and Training"),
            Seat("adoption", "Adoption@Heart (the Regional Adoption Agency)"),
        ),
        needs=(
            Seat("short_term", "Short-term foster carers"),
            Seat("long_term", "Long-term foster carers"),
            Seat("respite", "Respite carers"),
            Seat("cultural", "Culturally competent or matched carers"),
            Seat("gender_sexuality", "Carers for specific gender or sexuality needs"),
            Seat("therapeutic", "Carers for specific therapeutic interventions"),
            Seat("over_four", "Adopters for children over four"),
            # The strategy's words are "children from BAME heritage" (quoted in needs_source);
            # the label uses the current term (GOV.UK style: "ethnic minorities").
            Seat("heritage", "Adopters for children from ethnic minority backgrounds"),
            Seat("siblings", "Carers or adopters for sibling groups"),
            Seat("disability_health", "Carers or adopters for disabilities or health needs"),
            Seat("foster_to_adopt", "Foster to Adopt carers"),
            OTHER_NEED,
        ),
        needs_source=f"{DUDLEY_STRATEGY} 'Fostering Recruitment, Assessment and Training': the "
        "team “contributes to the Achieving Early Permanence Panel to identify specific "
        "recruitment needs” and “works alongside Commissioning ... to deliver the Sufficiency "
        "Strategy”; 'The Regional Adoption Agency: Adoption@Heart': “targeted recruitment of "
        "adopters to meet specific needs including, children over four, children from BAME "
        "heritage, children who are part of sibling groups or children who have disabilities or "
        "special health needs”",
        # 000 'Fostering Recruitment, Assessment and Training' lists the fostering team's carers
        # (short-term, long-term, respite; culturally matched, gender or sexuality, therapeutic);
        # 'The Regional Adoption Agency: Adoption@Heart' its adopters (children over four, from
        # BAME heritage). Siblings, disabilities and Foster to Adopt: either, as the labels say.
        recruited_by={
            **dict.fromkeys(
                (
                    "short_term",
                    "long_term",
                    "respite",
                    "cultural",
                    "gender_sexuality",
                    "therapeutic",
                ),
                frozenset({"fostering"}),
            ),
            **dict.fromkeys(("over_four", "heritage"), frozenset({"adoption"})),
        },
    ),
    # Durham (002_a77630a273fce245.txt) and Devon (004_7232501e48845cda.txt) hold no AEPP.
}


def record_for(council: str) -> PanelRecord | None:
    return RECORDS.get(council)


@dataclass(frozen=True)
class NeedCount:
    team: str
    need: str
    raised: int  # how many times the panel raised it
    children: int  # how many children it was raised for, summed
    last_raised: dt.date


def sufficiency(rows: list[tuple[str, str, int, dt.date]]) -> list[NeedCount]:
    """The recruitment needs the panel raised, summed by team and need: ``rows`` are (team,
    need, children, sitting date) for each need raised. Most children first, then the most
    recently raised; a report for the recruitment teams (000 'Fostering Recruitment,
    Assessment and Training': "to deliver the Sufficiency Strategy")."""
    totals: dict[tuple[str, str], list[Any]] = {}
    for team, need, children, day in rows:
        entry = totals.setdefault((team, need), [0, 0, day])
        entry[0] += 1
        entry[1] += children
        entry[2] = max(entry[2], day)
    counts = [NeedCount(t, n, r, c, last) for (t, n), (r, c, last) in totals.items()]
    counts.sort(key=lambda x: (-x.children, -x.last_raised.toordinal(), x.team, x.need))
    return counts
