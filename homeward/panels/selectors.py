"""Reads for the Achieving Early Permanence Panel: the council's schedule, a sitting's list, the
weekly admissions report and the deadlines around the panel, read from the deadline ledger.

Query counts stay fixed as the data grows (tests/panels/test_pages.py asserts it). Deadlines
come from the ledger (``homeward.timescales``), never from arithmetic here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from homeward.accounts.access import visible_children
from homeward.children.models import Child, JourneyEvent, JourneyEventKind
from homeward.children.selectors import with_current_details
from homeward.domain import panels as domain
from homeward.domain import timescales as engine
from homeward.domain.timescales import Event
from homeward.panels.models import Panel, RecruitmentNeed, Referral, SittingAttendance
from homeward.timescales import selectors as timescales
from homeward.timescales.models import Expectation

if TYPE_CHECKING:
    from homeward.accounts.models import User

BECAME_LOOKED_AFTER = JourneyEventKind.BECAME_LOOKED_AFTER.value
AEPP_HELD = JourneyEventKind.AEPP_HELD.value
PPM_HELD = JourneyEventKind.PERMANENCE_PLANNING_MEETING.value
CEASED = JourneyEventKind.CEASED_LOOKED_AFTER.value
ADMISSIONS_DAYS = 7  # the weekly admissions report: children looked after in the last 7 days


# The installation's settings for the panel's schedule, by ``domain.schedule_for`` keyword
# (homeward/settings.py; a blank one keeps the council's; checked at start-up by checks.py).
SCHEDULE_SETTINGS: dict[str, str] = {
    "panel_day": "HOMEWARD_AEPP_DAY",
    "cutoff_day": "HOMEWARD_AEPP_CUTOFF_DAY",
    "cutoff_time": "HOMEWARD_AEPP_CUTOFF_TIME",
    "when_panel_day_closed": "HOMEWARD_AEPP_BANK_HOLIDAY",
    "when_cutoff_day_closed": "HOMEWARD_AEPP_CUTOFF_BANK_HOLIDAY",
}


def schedule_choices() -> dict[str, str]:
    """The installation's choices as given, by ``domain.schedule_for`` keyword."""
    return {
        keyword: str(getattr(settings, variable, "") or "")
        for keyword, variable in SCHEDULE_SETTINGS.items()
    }


def schedule(council: str | None = None) -> domain.PanelSchedule | None:
    """This installation's AEPP schedule (its council profile, with the installation's panel
    day, cut-off and bank-holiday choices); None when the council holds no AEPP."""
    return domain.schedule_for(council or settings.HOMEWARD_COUNCIL, **schedule_choices())


# -- the engine's deadlines -------------------------------------------------------------------


def _opens_ppm_clock(expectation: engine.Expectation) -> bool:
    rule = expectation.rule
    return AEPP_HELD in rule.starts and PPM_HELD in rule.satisfied_by


def first_ppm_due(child: Child, panel_date: dt.date) -> engine.Expectation | None:
    """The engine's expectation of the first permanence planning meeting after the panel on
    ``panel_date`` (SPEC T2: within 6 weeks; rule ``first-ppm``), with the child's own events
    and the panel as if it had been recorded (the outcome is being written)."""
    held = Event(panel_date, AEPP_HELD)
    for expectation in timescales.what_if(child, [held]):
        if _opens_ppm_clock(expectation) and (expectation.occurrence, expectation.since) == (
            1,
            held,
        ):
            return expectation
    return None


def first_ppm_dues(children: QuerySet[Child]) -> dict[tuple[int, dt.date], dt.date]:
    """For many children at once (one query): the stored last day for the first permanence
    planning meeting after each panel on their record, by (child, panel date)."""
    rows = Expectation.objects.filter(
        child__in=children.values("pk"),
        occurrence=1,
        since_kind=AEPP_HELD,
        satisfied_by__contains=f",{PPM_HELD},",
    ).values_list("child_id", "since_on", "due")
    return {(child, since): due for child, since, due in rows}


# -- a sitting's list -------------------------------------------------------------------------


def _looked_after_on(before: dt.date | None = None) -> Subquery:
    events = JourneyEvent.objects.filter(child=OuterRef("child"), kind=BECAME_LOOKED_AFTER)
    if before is not None:
        events = events.filter(date__lte=before)
    return Subquery(events.order_by("-date").values("date")[:1])


@dataclass(frozen=True)
class PanelList:
    sitting: domain.Sitting
    panel: Panel | None
    referrals: list[Referral]  # the children this user may see, by name
    hidden: int  # children on the list whom this user may not see

    @property
    def total(self) -> int:
        return len(self.referrals) + self.hidden


def panel_list(user: User, sitting: domain.Sitting) -> PanelList:
    """The children referred to one sitting that ``user`` may see, with who referred them,
    whether late, when they became looked after and the outcome: three queries."""
    panel = Panel.objects.filter(date=sitting.date).first()
    if panel is None:
        return PanelList(sitting, None, [], 0)
    referrals = list(
        Referral.objects.filter(
            panel=panel, child__in=visible_children(user), withdrawn_at__isnull=True
        )
        .select_related("child", "referred_by", "outcome", "outcome__worker")
        .annotate(looked_after_on=_looked_after_on(panel.date))
        .order_by("child__last_name", "child__first_name", "child__child_id")
    )
    total = Referral.objects.filter(panel=panel, withdrawn_at__isnull=True).count()
    return PanelList(sitting, panel, referrals, total - len(referrals))


def referrals_for_child(child: Child) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(child=child)
        .select_related("panel", "referred_by", "outcome", "outcome__worker")
        .order_by("-panel__date")
    )


def open_referral(child: Child, today: dt.date) -> Referral | None:
    """A referral to a panel that has not sat yet (one child is on one list at a time)."""
    return (
        Referral.objects.filter(
            child=child, panel__date__gte=today, outcome__isnull=True, withdrawn_at__isnull=True
        )
        .select_related("panel")
        .order_by("panel__date")
        .first()
    )


def stranded_referrals(user: User, schedule: domain.PanelSchedule) -> list[Referral]:
    """Referrals ``user`` may see still waiting on a day the panel no longer sits (the
    installation's panel day changed): the panel administrator moves each to a sitting. One
    query; whether a day is a sitting is the schedule's answer, not the database's."""
    waiting = (
        Referral.objects.filter(
            child__in=visible_children(user),
            withdrawn_at__isnull=True,
            outcome__isnull=True,
        )
        .exclude(panel__status=Panel.Status.HELD)
        .select_related("panel", "child", "referred_by")
        .order_by("panel__date", "child__last_name", "child__first_name", "child__child_id")
    )
    return [r for r in waiting if schedule.sitting_on(r.panel.date) is None]


def panel_dates_with_referrals(around: dt.date, weeks: int = 52) -> set[dt.date]:
    span = dt.timedelta(weeks=weeks)
    return set(
        Panel.objects.filter(date__range=(around - span, around + span)).values_list(
            "date", flat=True
        )
    )


# -- the weekly admissions report -------------------------------------------------------------


@dataclass(frozen=True)
class Admission:
    child: Child
    looked_after_on: dt.date
    aepp: Expectation | None  # the stored deadline for the panel


def weekly_admissions(user: User, today: dt.date) -> list[Admission]:
    """Children ``user`` may see who became looked after in the last 7 days and have not been
    referred to a panel since (001_d6c3849112f62e7d.txt 'Notification via weekly admissions
    report'): one query, whatever the number of children."""
    since = today - dt.timedelta(days=ADMISSIONS_DAYS)
    latest = (
        JourneyEvent.objects.filter(child=OuterRef("pk"), kind=BECAME_LOOKED_AFTER)
        .order_by("-date")
        .values("date")[:1]
    )
    referred = Referral.objects.filter(
        child=OuterRef("pk"),
        panel__date__gte=OuterRef("looked_after_on"),
        withdrawn_at__isnull=True,
    )
    left_care = JourneyEvent.objects.filter(
        child=OuterRef("pk"), kind=CEASED, date__gte=OuterRef("looked_after_on")
    )
    # Only children with such an event in the week are worked out (``event_kind_date``): the
    # latest one per child is then asked of a few children, not of the whole council.
    in_week = JourneyEvent.objects.filter(
        kind=BECAME_LOOKED_AFTER, date__gte=since, date__lte=today
    ).values("child_id")
    children = (
        with_current_details(visible_children(user).filter(pk__in=in_week))
        .annotate(looked_after_on=Subquery(latest))
        .filter(looked_after_on__gte=since, looked_after_on__lte=today)
        .filter(~Exists(referred), ~Exists(left_care))
        .order_by("looked_after_on", "last_name", "first_name", "child_id")
    )
    children = list(children)
    # The panel's deadline from the day each became looked after (SPEC T1: within 2 weeks; rule
    # ``aepp`` in rules/dudley.toml), as stored: one query for the whole list.
    dues = {
        (row.child_id, row.anchor_on): row
        for row in Expectation.objects.filter(
            child__in=[c.pk for c in children],
            occurrence=1,
            anchor_kind=BECAME_LOOKED_AFTER,
            satisfied_by__contains=f",{AEPP_HELD},",
        ).as_of(today)
    }
    return [
        Admission(child, child.looked_after_on, dues.get((child.pk, child.looked_after_on)))
        for child in children
    ]


def aepp_deadline(child: Child, *, today: dt.date) -> Expectation | None:
    """The child's open deadline that the panel considering them meets (the stored ``aepp``
    expectation: within 2 weeks of becoming looked after), or None."""
    for expectation in timescales.for_child(child, today=today):
        if (
            expectation.status.is_open
            and not expectation.milestone
            and AEPP_HELD in expectation.satisfied_by_kinds
        ):
            return expectation
    return None


# The panel's own records (issue 18 item 8) ----------------------------------------------------


def sitting_record(panel: Panel, panel_record: domain.PanelRecord) -> dict[str, Any]:
    """A sitting's attendance (each with the label of their place), the places the procedure
    names that nobody who attended filled, and the recruitment needs it raised (with their
    labels). Two queries."""
    attendance = list(SittingAttendance.objects.filter(panel=panel))
    teams = {t.key: t.label for t in panel_record.teams}
    needs_labels = {n.key: n.label for n in panel_record.needs}
    needs = list(RecruitmentNeed.objects.filter(panel=panel).select_related("raised_by"))
    return {
        "attended": [(a, panel_record.seat_label(a.seat)) for a in attendance if a.attended],
        "apologies": [(a, panel_record.seat_label(a.seat)) for a in attendance if not a.attended],
        "unfilled": panel_record.unfilled({a.seat for a in attendance if a.attended}),
        "needs": [(n, teams.get(n.team, n.team), needs_labels.get(n.need, n.need)) for n in needs],
    }


def sufficiency(
    panel_record: domain.PanelRecord, *, since: dt.date, until: dt.date
) -> dict[str, Any]:
    """The recruitment needs raised at sittings that sat between ``since`` and ``until``
    (inclusive), summed by team and need (``domain.sufficiency``), and each need raised, newest
    first. Two queries, however many needs."""
    sat = Coalesce("panel__held_on", "panel__date")
    rows = list(
        RecruitmentNeed.objects.annotate(sat_on=sat)
        .filter(sat_on__gte=since, sat_on__lte=until)
        .select_related("panel")
        .order_by("-sat_on", "-pk")
    )
    teams = {t.key: t.label for t in panel_record.teams}
    labels = {n.key: n.label for n in panel_record.needs}
    counts = domain.sufficiency([(r.team, r.need, r.children, r.sat_on) for r in rows])
    by_team = []
    for team in panel_record.teams:
        mine = [c for c in counts if c.team == team.key]
        by_team.append(
            {
                "team": team,
                "counts": [(c, labels.get(c.need, c.need)) for c in mine],
                "raised": sum(c.raised for c in mine),
                "children": sum(c.children for c in mine),
            }
        )
    return {
        "by_team": by_team,
        "rows": [(r, teams.get(r.team, r.team), labels.get(r.need, r.need)) for r in rows],
        "raised": len(rows),
        "children": sum(r.children for r in rows),
    }
