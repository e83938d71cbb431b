"""Writes for the Achieving Early Permanence Panel: referring a child to a sitting, and recording
what the panel agreed. Each is one transaction that checks everything first, then writes and
audits; a refusal names the field and says what to do, and nothing is half-saved.

Rules (Dudley quick reference guide, 001_d6c3849112f62e7d.txt):
- a referral after the sitting's cut-off (5pm on the Wednesday before, or the installation's
  own day and time: ``HOMEWARD_AEPP_CUTOFF_DAY``, ``HOMEWARD_AEPP_CUTOFF_TIME``) is late and
  must be marked late, with the reason ('Achieving early permanence panel'; SPEC T3);
- the outcome is fostering, adoption or special guardianship, with a family finder or an SGO
  social worker allocated ('Outcomes from meeting');
- the first permanence planning meeting is within 6 weeks of the panel (SPEC T2): the date is
  checked against the timescales engine's own deadline (rule ``first-ppm``);
- recording the outcome records that the panel considered the child (JourneyEvent
  ``aepp_held``, which meets SPEC T1 and starts T2 in the engine).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from homeward.accounts.models import Role
from homeward.audit.models import AuditAction
from homeward.audit.services import record, snapshot
from homeward.children.models import Child, JourneyEvent
from homeward.children.services import allocate_family_finder, allocate_sgo_social_worker
from homeward.domain import panels as domain
from homeward.domain.councils import readable_source
from homeward.meetings.services import schedule_meeting
from homeward.panels import selectors
from homeward.panels.models import (
    Outcome,
    Panel,
    RecruitmentNeed,
    Referral,
    SittingAttendance,
)

if TYPE_CHECKING:
    from homeward.accounts.actor import Actor
    from homeward.accounts.models import User

PPM_MEETING_TYPE = "ppm"  # homeward.domain.meetings: the council's permanence planning meeting


def current_time() -> dt.datetime:
    """Now; the one clock referrals are timed by (tests replace it)."""
    return timezone.now()


def _day(day: dt.date) -> str:
    return domain.govuk_day(day)


def _schedule_or_refuse() -> domain.PanelSchedule:
    schedule = selectors.schedule()
    if schedule is None:
        raise ValidationError("This council does not hold an Achieving Early Permanence Panel.")
    return schedule


def _is_looked_after(child: Child) -> bool:
    return child.events.filter(kind=selectors.BECAME_LOOKED_AFTER).exists()


@transaction.atomic
def refer(
    child: Child,
    *,
    panel_date: dt.date | None,
    route: str,
    is_late: bool,
    late_reason: str,
    by: User,
    actor: Actor | None = None,
    now: dt.datetime | None = None,
) -> Referral:
    """Put ``child`` on the list for the panel sitting on ``panel_date``."""
    schedule = _schedule_or_refuse()
    now = now or current_time()
    today = timezone.localdate(now)
    late_reason = late_reason.strip()
    errors: dict[str, str] = {}
    sitting = schedule.sitting_on(panel_date) if panel_date else None
    if panel_date is None:
        errors["panel"] = "Select the panel to refer the child to"
    elif sitting is None:
        errors["panel"] = (
            f"The panel does not sit on {_day(panel_date)}: choose one of the panel dates listed"
        )
    elif panel_date < today:
        errors["panel"] = f"The panel on {_day(panel_date)} has already sat: choose a later panel"
    elif Panel.objects.filter(date=panel_date, status=Panel.Status.HELD).exists():
        errors["panel"] = f"The panel on {_day(panel_date)} has been held: choose a later panel"
    if route not in domain.ROUTES:
        errors["route"] = "Select how the child was referred"
    elif route == domain.WEEKLY_ADMISSIONS and not _is_looked_after(child):
        errors["route"] = (
            f"{child.full_name} has not become looked after, so is not on the weekly admissions "
            "report: choose the Legal Gateway Panel, or record when the child became looked after"
        )
    if sitting is not None and "panel" not in errors:
        already = Referral.objects.filter(
            child=child, panel__date__gte=today, withdrawn_at__isnull=True
        ).select_related("panel", "outcome")
        waiting = next((r for r in already if not hasattr(r, "outcome")), None)
        if waiting is not None:
            errors["panel"] = (
                f"{child.full_name} is already on the list for the panel on "
                f"{_day(waiting.panel.date)}"
            )
        late = sitting.is_late(now)
        cutoff = domain.describe_cutoff(sitting.cutoff)
        if late and not is_late:
            errors["is_late"] = (
                f"The cut-off for the panel on {_day(sitting.date)} was {cutoff}: tick "
                "'This is a late referral' and say why, or choose a later panel"
            )
        elif is_late and not late:
            errors["is_late"] = (
                f"This referral is in time for the panel on {_day(sitting.date)} (cut-off "
                f"{cutoff}): untick 'This is a late referral'"
            )
        elif late and not late_reason:
            errors["late_reason"] = "Enter why the referral is late"
        elif not late and late_reason:
            errors["late_reason"] = (
                "This referral is in time: clear the reason, which is only for a late referral"
            )
    if errors:
        raise ValidationError(errors)
    assert panel_date is not None and sitting is not None
    panel, _ = Panel.objects.get_or_create(date=panel_date)
    referral = Referral(
        panel=panel,
        child=child,
        route=route,
        referred_at=now,
        referred_by=by,
        is_late=is_late,
        late_reason=late_reason,
    )
    referral.full_clean(exclude=["panel", "child"])
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError:  # another referral for this child and panel got there first
        on_list = f"{child.full_name} is already on the list for the panel on {_day(panel_date)}"
        raise ValidationError({"panel": on_list}) from None
    record(
        AuditAction.CREATE,
        actor=actor,
        user=by,
        child_id=child.child_id,
        obj=referral,
        summary=f"Referred to the Achieving Early Permanence Panel on {_day(panel_date)}"
        + (" (late)" if is_late else ""),
        after=snapshot(referral),
    )
    return referral


def _still_waiting(referral: Referral, what: str) -> Referral:
    """The referral, locked, if it is still waiting for its panel; else refused, saying why."""
    referral = (
        Referral.objects.select_for_update().select_related("panel", "child").get(pk=referral.pk)
    )
    if referral.is_withdrawn:
        raise ValidationError(f"This referral was already withdrawn: there is nothing to {what}")
    if Outcome.objects.filter(referral=referral).exists():
        raise ValidationError(
            f"The panel on {_day(referral.panel.date)} has recorded its outcome for "
            f"{referral.child.full_name}: a referral the panel considered cannot be {what}d"
        )
    return referral


@transaction.atomic
def move_referral(
    referral: Referral,
    *,
    panel_date: dt.date | None,
    reason: str,
    by: User,
    actor: Actor | None = None,
    now: dt.datetime | None = None,
) -> Referral:
    """Move a waiting referral to another sitting, with the reason: when the panel's day has
    changed, a referral on a day it no longer sits is moved, not left stranded. The move keeps
    the referral (when and how it was made, whether late) and records where it was before."""
    schedule = _schedule_or_refuse()
    now = now or current_time()
    today = timezone.localdate(now)
    referral = _still_waiting(referral, "move")
    reason = reason.strip()
    errors: dict[str, str] = {}
    if panel_date is None:
        errors["panel"] = "Select the panel to move the referral to"
    elif panel_date == referral.panel.date:
        errors["panel"] = (
            f"The referral is already for the panel on {_day(panel_date)}: choose another panel"
        )
    elif schedule.sitting_on(panel_date) is None:
        errors["panel"] = (
            f"The panel does not sit on {_day(panel_date)}: choose one of the panel dates listed"
        )
    elif panel_date < today:
        errors["panel"] = f"The panel on {_day(panel_date)} has already sat: choose a later panel"
    elif Panel.objects.filter(date=panel_date, status=Panel.Status.HELD).exists():
        errors["panel"] = f"The panel on {_day(panel_date)} has been held: choose a later panel"
    elif Referral.objects.filter(
        child=referral.child_id, panel__date=panel_date, withdrawn_at__isnull=True
    ).exists():
        errors["panel"] = (
            f"{referral.child.full_name} is already on the list for the panel on {_day(panel_date)}"
        )
    if not reason:
        errors["reason"] = "Enter why the referral is moved"
    if errors:
        raise ValidationError(errors)
    assert panel_date is not None
    before = snapshot(referral)
    old_date = referral.panel.date
    referral.panel, _ = Panel.objects.get_or_create(date=panel_date)
    referral.moved_from = old_date
    referral.move_reason = reason
    return _save_change(
        referral,
        before=before,
        by=by,
        actor=actor,
        summary=f"Moved the early permanence panel referral from {_day(old_date)} to "
        f"{_day(panel_date)}: {reason}",
    )


@transaction.atomic
def withdraw_referral(
    referral: Referral,
    *,
    reason: str,
    by: User,
    actor: Actor | None = None,
    now: dt.datetime | None = None,
) -> Referral:
    """Take a waiting referral off the panel's list, with the reason. It is kept (withdrawn),
    so the child's record shows it, and the child may be referred again."""
    _schedule_or_refuse()
    now = now or current_time()
    referral = _still_waiting(referral, "withdraw")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the referral is withdrawn"})
    before = snapshot(referral)
    referral.withdrawn_at = now
    referral.withdrawn_by = by
    referral.withdrawal_reason = reason
    return _save_change(
        referral,
        before=before,
        by=by,
        actor=actor,
        summary=f"Withdrew the early permanence panel referral for {_day(referral.panel.date)}: "
        f"{reason}",
    )


def _save_change(
    referral: Referral, *, before: dict[str, Any], by: User, actor: Actor | None, summary: str
) -> Referral:
    """Validate and save a waiting referral's move or withdrawal, audited with what changed."""
    referral.full_clean(exclude=["panel", "child"])
    referral.save()
    record(
        AuditAction.CHANGE,
        actor=actor,
        user=by,
        child_id=referral.child.child_id,
        obj=referral,
        summary=summary,
        before=before,
        after=snapshot(referral),
    )
    return referral


def first_ppm_error(
    child: Child, panel_date: dt.date, first_ppm_date: dt.date, today: dt.date
) -> str | None:
    """Why ``first_ppm_date`` cannot be the first PPM after the panel, or None. The latest date
    is the timescales engine's (rule ``first-ppm``: within 6 weeks of the panel)."""
    if first_ppm_date < panel_date:
        return (
            "The first permanence planning meeting must be on or after the panel "
            f"({_day(panel_date)})"
        )
    expectation = selectors.first_ppm_due(child, panel_date)
    if expectation is not None and first_ppm_date > expectation.due:
        rule = expectation.rule
        interval = " then ".join(step.describe() for step in expectation.steps)
        return (
            f"The first permanence planning meeting must be within {interval} of the panel: "
            f"by {_day(expectation.due)} ({rule.source_name or readable_source(rule.source)})"
        )
    return None


@transaction.atomic
def record_outcome(
    referral: Referral,
    *,
    pathway: str,
    worker: User | None,
    first_ppm_date: dt.date | None,
    notes: str,
    by: User,
    actor: Actor | None = None,
    today: dt.date | None = None,
) -> Outcome:
    """Record (or change) what the panel agreed for one child on its list. The first time, this
    records that the panel considered the child (``aepp_held`` on the panel's date) and plans
    the first permanence planning meeting."""
    _schedule_or_refuse()
    today = today or timezone.localdate()
    referral = (
        Referral.objects.select_for_update().select_related("panel", "child").get(pk=referral.pk)
    )
    child, panel = referral.child, referral.panel
    if referral.is_withdrawn:
        raise ValidationError("This referral was withdrawn: the panel has no outcome to record")
    if panel.sat_on > today:
        raise ValidationError(
            f"The panel on {_day(panel.sat_on)} has not sat yet: record its outcome on or after "
            "that day"
        )
    errors: dict[str, str] = {}
    info = domain.PATHWAYS.get(pathway)
    if info is None:
        errors["pathway"] = "Select the pathway the panel agreed"
    if worker is None:
        errors["worker"] = (
            f"Select the {info.worker_title} allocated"
            if info
            else "Select the family finder or SGO social worker allocated"
        )
    elif not worker.is_active:
        errors["worker"] = f"{worker} no longer works here: choose someone else"
    elif info is not None and worker.role != info.worker_role:
        errors["worker"] = (
            f"{worker} is a {worker.get_role_display().lower()}: for {info.label.lower()} "
            f"choose the {info.worker_title} the panel allocated"
        )
    if first_ppm_date is None:
        errors["first_ppm_date"] = "Enter the date of the first permanence planning meeting"
    else:
        problem = first_ppm_error(child, panel.sat_on, first_ppm_date, today)
        if problem:
            errors["first_ppm_date"] = problem
    if errors:
        raise ValidationError(errors)
    assert info is not None and worker is not None and first_ppm_date is not None

    existing = Outcome.objects.filter(referral=referral).first()
    before = snapshot(existing) if existing else None
    outcome = existing or Outcome(referral=referral, recorded_by=by)
    outcome.pathway = pathway
    outcome.worker = worker
    outcome.first_ppm_date = first_ppm_date
    outcome.notes = notes.strip()
    if outcome.journey_event_id is None:
        outcome.journey_event = _panel_held(child, panel, info, by=by, actor=actor)
    outcome.full_clean()
    outcome.save()
    record(
        AuditAction.CREATE if before is None else AuditAction.CHANGE,
        actor=actor,
        user=by,
        child_id=child.child_id,
        obj=outcome,
        summary=f"{'Recorded' if before is None else 'Changed'} the Achieving Early Permanence "
        f"Panel's outcome ({info.label.lower()}) of {_day(panel.sat_on)}",
        before=before,
        after=snapshot(outcome),
    )
    if panel.status != Panel.Status.HELD:
        panel_before = snapshot(panel)
        panel.status = Panel.Status.HELD
        panel.save(update_fields=["status"])
        record(
            AuditAction.CHANGE,
            actor=actor,
            user=by,
            obj=panel,
            summary=f"The Achieving Early Permanence Panel of {_day(panel.date)} was held",
            before=panel_before,
            after=snapshot(panel),
        )
    if worker.role == Role.FAMILY_FINDER:
        # The fostering and adoption outcomes allocate a family finder (seed 001, "Outcomes";
        # SPEC section 4): on the child's allocation, so that they may see the child.
        allocate_family_finder(
            child,
            worker,
            on=min(panel.sat_on, today),
            actor=actor,
            reason=f"Allocated by the Achieving Early Permanence Panel of {_day(panel.sat_on)} "
            f"({info.label.lower()})",
        )
    elif worker.role == Role.SOCIAL_WORKER:
        # The special guardianship outcome allocates an SGO social worker (seed 001, 'Outcomes
        # from meeting'): on the child's allocation too, so that they may open the child.
        allocate_sgo_social_worker(
            child,
            worker,
            on=min(panel.sat_on, today),
            actor=actor,
            reason=f"Allocated by the Achieving Early Permanence Panel of {_day(panel.sat_on)} "
            f"({info.label.lower()})",
        )
    if before is None and first_ppm_date >= today:  # a date already past is not planned now
        _plan_first_ppm(child, panel, first_ppm_date, by=by, actor=actor)
    return outcome


@transaction.atomic
def record_sitting_held(
    panel: Panel,
    *,
    held_on: dt.date | None,
    reason: str,
    by: User,
    actor: Actor | None = None,
    today: dt.date | None = None,
) -> Panel:
    """Record, after the event, that the panel listed for ``panel.date`` sat on another day
    (moved for a bank holiday, or an extraordinary sitting). The panel is held; each outcome
    already recorded moves its ``aepp_held`` event to that day, so the 2-week and 6-week clocks
    count from when the panel really sat. All or nothing, audited."""
    today = today or timezone.localdate()
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    reason = reason.strip()
    errors: dict[str, str] = {}
    if held_on is None:
        errors["held_on"] = "Enter the date the panel sat"
    elif held_on > today:
        errors["held_on"] = (
            f"The date the panel sat must be today or in the past: record a sitting after it has "
            f"taken place ({_day(held_on)} is in the future)"
        )
    elif held_on == panel.date:
        errors["held_on"] = (
            f"The panel was scheduled for {_day(held_on)}: enter the day it sat if that was "
            "another day, or record each child's outcome"
        )
    elif (
        Panel.objects.filter(Q(date=held_on, held_on__isnull=True) | Q(held_on=held_on))
        .exclude(pk=panel.pk)
        .exists()
    ):
        errors["held_on"] = (
            f"Another panel is recorded on {_day(held_on)}: refer the children to that panel "
            "or enter another date"
        )
    if not reason:
        errors["held_reason"] = "Enter why the panel sat on that day"
    if errors:
        raise ValidationError(errors)
    assert held_on is not None
    before = snapshot(panel)
    panel.held_on = held_on
    panel.held_reason = reason
    panel.status = Panel.Status.HELD
    panel.full_clean()
    panel.save(update_fields=["held_on", "held_reason", "status"])
    record(
        AuditAction.CHANGE,
        actor=actor,
        user=by,
        obj=panel,
        summary=f"The Achieving Early Permanence Panel listed for {_day(panel.date)} sat on "
        f"{_day(held_on)}: {reason}",
        before=before,
        after=snapshot(panel),
    )
    outcomes = Outcome.objects.filter(
        referral__panel=panel, journey_event__isnull=False
    ).select_related("journey_event", "referral__child")
    for outcome in outcomes:
        event = outcome.journey_event
        assert event is not None
        if event.date == held_on:
            continue
        event_before = snapshot(event)
        event.date = held_on
        event.full_clean()
        event.save()  # the ledger recomputes the child's timescales (signal path)
        record(
            AuditAction.CHANGE,
            actor=actor,
            user=by,
            child_id=outcome.referral.child.child_id,
            obj=event,
            summary=f"Changed journey event: the panel sat on {_day(held_on)}",
            before=event_before,
            after=snapshot(event),
        )
    return panel


def _panel_held(
    child: Child,
    panel: Panel,
    info: domain.Pathway,
    *,
    by: User,
    actor: Actor | None,
) -> JourneyEvent:
    """The journey event the engine counts: the panel considered the child on its date. One
    already recorded for that day (by a meeting record, say) is used, not repeated."""
    event = child.events.filter(kind=selectors.AEPP_HELD, date=panel.sat_on).first()
    if event is not None:
        return event
    event = JourneyEvent(
        child=child,
        kind=selectors.AEPP_HELD,
        date=panel.sat_on,
        source=JourneyEvent.Source.RECORDED,
        recorded_by=by,
        notes=f"{info.label} pathway agreed",
    )
    event.full_clean()
    event.save()
    record(
        AuditAction.CREATE,
        actor=actor,
        user=by,
        child_id=child.child_id,
        obj=event,
        summary=f"Added journey event: {event}",
        after=snapshot(event),
    )
    return event


def _plan_first_ppm(
    child: Child,
    panel: Panel,
    planned_on: dt.date,
    *,
    by: User,
    actor: Actor | None,
) -> None:
    """Plan the first permanence planning meeting in the meetings app (it keeps a meeting
    already planned for the child)."""
    schedule_meeting(
        child,
        PPM_MEETING_TYPE,
        planned_on,
        by=by,
        because=f"Agreed at the Achieving Early Permanence Panel on {_day(panel.sat_on)}",
        actor=actor,
    )


# The panel's own records (issue 18 item 8) ----------------------------------------------------


def _sat(panel: Panel, today: dt.date) -> None:
    if panel.sat_on > today:
        raise ValidationError(
            f"The panel on {_day(panel.sat_on)} has not sat yet: record its attendance and the "
            "needs it raised after it sits"
        )


@transaction.atomic
def record_attendance(
    panel: Panel,
    *,
    seat: str,
    name: str,
    attended: bool | None,
    by: User,
    actor: Actor | None = None,
    council: str | None = None,
    today: dt.date | None = None,
) -> SittingAttendance:
    """Record that someone sat on a sitting of the panel, in one of the places the council's
    procedure names (or as someone else), or sent apologies (001_d6c3849112f62e7d.txt
    'Achieving early permanence panel'). Audited; nothing saved on bad input."""
    today = today or timezone.localdate()
    panel_record = domain.record_for(council or settings.HOMEWARD_COUNCIL)
    if panel_record is None:
        raise ValidationError("This council holds no early permanence panel")
    _sat(panel, today)
    errors: dict[str, str] = {}
    seats = {s.key for s in panel_record.seats} | {domain.OTHER_SEAT.key}
    if seat not in seats:
        errors["seat"] = "Select their place on the panel"
    name = " ".join(name.split())
    if not name:
        errors["name"] = "Enter their name"
    elif SittingAttendance.objects.filter(panel=panel, name__iexact=name).exists():
        errors["name"] = f"{name} is already recorded for this sitting"
    if attended is None:
        errors["attended"] = "Select whether they attended or sent apologies"
    if errors:
        raise ValidationError(errors)
    row = SittingAttendance(
        panel=panel, seat=seat, name=name, attended=bool(attended), recorded_by=by
    )
    row.full_clean()
    row.save()
    record(
        AuditAction.CREATE,
        obj=row,
        summary=f"Recorded {name} as {'attending' if attended else 'sending apologies to'} "
        f"the early permanence panel on {_day(panel.sat_on)}",
        after=snapshot(row),
        actor=actor,
        user=by,
    )
    return row


@transaction.atomic
def raise_recruitment_need(
    panel: Panel,
    *,
    team: str,
    need: str,
    children: int | None,
    description: str,
    by: User,
    actor: Actor | None = None,
    council: str | None = None,
    today: dt.date | None = None,
) -> RecruitmentNeed:
    """Record a recruitment need the panel raised at a sitting, for the fostering or adoption
    recruitment team (000_f860603ee99ef2b2.txt 'Fostering Recruitment, Assessment and
    Training'; 'The Regional Adoption Agency: Adoption@Heart'). Audited; nothing saved on bad
    input."""
    today = today or timezone.localdate()
    panel_record = domain.record_for(council or settings.HOMEWARD_COUNCIL)
    if panel_record is None:
        raise ValidationError("This council holds no early permanence panel")
    _sat(panel, today)
    errors: dict[str, str] = {}
    if team not in {t.key for t in panel_record.teams}:
        errors["team"] = "Select the recruitment team"
    if need not in {n.key for n in panel_record.needs}:
        errors["need"] = "Select the need"
    elif "team" not in errors and not panel_record.team_recruits(team, need):
        teams = {t.key: t.label for t in panel_record.teams}
        label = next(n.label for n in panel_record.needs if n.key == need)
        others = " or ".join(
            teams[t] for t in sorted(panel_record.recruited_by.get(need, ())) if t != team
        )
        errors["need"] = (
            f"{teams[team]} does not recruit {label[0].lower() + label[1:]}: select {others}, "
            "or another need"
        )
    if children is None or children < 1:
        errors["children"] = "Enter how many children it was raised for, 1 or more"
    if not description.strip():
        errors["description"] = "Enter what carers are needed"
    if errors:
        raise ValidationError(errors)
    assert children is not None
    row = RecruitmentNeed(
        panel=panel,
        team=team,
        need=need,
        children=children,
        description=description.strip(),
        raised_by=by,
    )
    row.full_clean()
    row.save()
    record(
        AuditAction.CREATE,
        obj=row,
        summary=f"Recorded a recruitment need raised at the early permanence panel on "
        f"{_day(panel.sat_on)}",
        after=snapshot(row),
        actor=actor,
        user=by,
    )
    return row
