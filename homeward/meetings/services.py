"""Writes for meetings. Each is one transaction that validates everything first, writes, and
audits; nothing is half-saved.

Recording a held meeting creates the journey events its type declares
(``homeward.domain.meetings``), so the timescales engine counts it, then plans the next meeting
the engine now expects (a PPM 6 weeks on, the next Child in Care review), dated from the engine:
when the engine expects nothing (the child is matched and placed, or has left care), nothing is
planned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts import access
from homeward.audit.models import AuditAction
from homeward.audit.services import record, snapshot
from homeward.children.models import Child, JourneyEvent, PersonInChildsLife
from homeward.domain import meetings as domain
from homeward.domain.calendar import govuk_date
from homeward.domain.councils import readable_source
from homeward.domain.timescales import Event
from homeward.meetings.models import Action, AgendaAnswer, Attendance, Escalation, Meeting
from homeward.meetings.selectors import (
    RECORDED_ELSEWHERE,
    NoLongerDue,
    child_expectations,
    no_longer_due,
)
from homeward.timescales.models import Expectation

if TYPE_CHECKING:
    from homeward.accounts.actor import Actor
    from homeward.accounts.models import User


def meeting_type(key: str) -> domain.MeetingType:
    """The council's own declaration of a meeting type; a ValidationError for any other key."""
    try:
        return domain.meeting_type(settings.HOMEWARD_COUNCIL, key)
    except domain.UnknownMeetingType:
        raise ValidationError(
            {"type": f"{key!r} is not a meeting {settings.HOMEWARD_COUNCIL.title()} holds"}
        ) from None


def recorded_elsewhere_message(mtype: domain.MeetingType) -> str:
    return (
        f"The {mtype.name} is not planned or recorded as a meeting: refer the child and record "
        "what the panel agreed on the child's Early permanence panel page"
    )


def recordable_type(key: str) -> domain.MeetingType:
    """A type of meeting planned and recorded here: the council's declaration, refused (a
    ValidationError) for a type another part of Homeward records (``RECORDED_ELSEWHERE``: the
    AEPP has one record, on the panel, DQ 'Achieving early permanence panel')."""
    mtype = meeting_type(key)
    if key in RECORDED_ELSEWHERE:
        raise ValidationError({"type": recorded_elsewhere_message(mtype)})
    return mtype


def agency_names(mtype: domain.MeetingType) -> set[str]:
    """The agencies and roles the procedure names for this meeting (Virtual School, Dudley
    Lighthouse Links, health...), folded for comparison: a place to attend as, not a person."""
    names: set[str] = set()
    for attendee in mtype.attendees:
        if attendee.role is None:
            names.add(attendee.label.casefold().strip())
            names.add(attendee.label.split(" (")[0].casefold().strip())
    return names


def named_professional_problem(mtype: domain.MeetingType, name: str, attendee_key: str) -> str:
    """Why a professional's name is not a person's name ("Virtual School"), or ""."""
    text = name.strip()
    if text and text.casefold() in agency_names(mtype):
        return (
            f"“{text}” is an agency or role, not a person: enter the professional's full name, "
            "and choose the agency under Attending as"
        )
    if attendee_key and attendee_key not in {a.key for a in mtype.attendees if a.role is None}:
        return "Select one of the agencies or roles listed for this meeting"
    return ""


@dataclass(frozen=True)
class AttendeeIn:
    """One attendee as recorded: a member of staff, a person in the child's life, or a named
    professional from another agency (exactly one)."""

    attended: bool
    user: User | None = None
    person: PersonInChildsLife | None = None
    name: str = ""
    attendee_key: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class ActionIn:
    text: str
    owner: User | None
    due_on: dt.date | None


@dataclass
class MeetingRecord:
    """What the chair records about a held meeting."""

    held_on: dt.date | None
    chair: User | None
    childs_views: str
    views_gathered: str
    decisions: str
    summary_for_child: str
    # Durham 'Looked After Reviews' and Devon 'What we will do': the parents are told too.
    summary_for_parents: str = ""
    venue: str = ""
    attendees: Sequence[AttendeeIn] = ()
    answers: Mapping[str, str] = field(default_factory=dict)
    outcomes: Mapping[str, str] = field(default_factory=dict)
    actions: Sequence[ActionIn] = ()


@dataclass(frozen=True)
class Recorded:
    meeting: Meeting
    events: list[JourneyEvent]
    planned_next: list[Meeting]
    # Meetings still planned that the timescales no longer expect (e.g. a PPM after the child
    # was placed), each with the engine's reason: kept for the chair to cancel, never deleted.
    no_longer_due: list[NoLongerDue] = field(default_factory=list)


def _check_action(
    child: Child, action: ActionIn, *, prefix: str, not_before: dt.date | None, staff: set[int]
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not action.text.strip():
        errors[f"{prefix}text"] = "Enter what needs to be done"
    if action.owner is None:
        errors[f"{prefix}owner"] = "Select who will do it"
    elif action.owner.pk not in staff:
        errors[f"{prefix}owner"] = (
            f"{action.owner} cannot work on {child.full_name}'s record, so cannot own an action: "
            "choose someone who can"
        )
    if action.due_on is None:
        errors[f"{prefix}due_on"] = "Enter the date it is due by"
    elif not_before is not None and action.due_on < not_before:
        errors[f"{prefix}due_on"] = (
            f"The due date must be on or after the date of the meeting ({govuk_date(not_before)})"
        )
    return errors


def validate_record(
    child: Child, mtype: domain.MeetingType, data: MeetingRecord, *, today: dt.date
) -> None:
    """Every problem with a meeting's record at once, keyed by the form field it belongs to:
    ``held_on``, ``chair``, ``attendees``, ``answer_<item>``, ``outcome_<question>``,
    ``action_<n>_<field>`` (n from 0) and the record's own fields."""
    errors: dict[str, str] = {}
    held = data.held_on
    if held is None:
        errors["held_on"] = "Enter the date the meeting was held"
    elif held > today:
        errors["held_on"] = (
            "The date the meeting was held must be today or in the past: plan a future meeting "
            "instead"
        )
    elif child.date_of_birth and held < child.date_of_birth and not mtype.before_birth:
        errors["held_on"] = (
            f"A {mtype.name} cannot be held before the child's date of birth "
            f"({govuk_date(child.date_of_birth)})"
        )
    staff = set(access.staff_who_can_change(child).values_list("pk", flat=True))
    if data.chair is not None and data.chair.pk not in staff:
        errors["chair"] = f"{data.chair} cannot work on {child.full_name}'s record"
    elif data.chair is None and mtype.chair_role is not None:
        errors["chair"] = "Select who chaired the meeting"
    attended = [a for a in data.attendees if a.attended]
    if not attended:
        errors["attendees"] = "Record who attended the meeting"
    for attendee in data.attendees:
        filled = [x for x in (attendee.user, attendee.person, attendee.name.strip()) if x]
        if len(filled) != 1:
            errors["attendees"] = (
                "Each attendee must be a member of staff, a person in the child's life, or a "
                "professional named in full"
            )
        elif attendee.person is not None and attendee.person.child_id != child.pk:
            errors["attendees"] = f"{attendee.person.person} is not in {child.full_name}'s life"
        elif attendee.user is None and attendee.person is None:
            problem = named_professional_problem(mtype, attendee.name, attendee.attendee_key)
            problem = problem or (
                ""
                if attendee.attendee_key or attendee.organisation.strip()
                else f"Say what {attendee.name.strip()} attended as: their agency or role"
            )
            if problem:
                errors["attendees"] = problem
    if not data.views_gathered:
        errors["views_gathered"] = "Select how the child's views were gathered"
    elif data.views_gathered not in dict(domain.VIEWS_GATHERED):
        errors["views_gathered"] = "Select one of the ways listed"
    if not data.childs_views.strip():
        errors["childs_views"] = (
            "Enter the child's views, wishes and feelings (or, for a baby, what was observed)"
        )
    for item in mtype.agenda_asked:
        if not data.answers.get(item.key, "").strip():
            errors[f"answer_{item.key}"] = f"Enter what the meeting said about: {item.question}"
    for key, message in mtype.outcome_errors(data.outcomes).items():
        errors[f"outcome_{key}"] = message
    if not data.decisions.strip():
        errors["decisions"] = "Enter the decisions the meeting made"
    if not data.summary_for_child.strip():
        errors["summary_for_child"] = "Write what was decided in words the child will understand"
    if not data.summary_for_parents.strip():
        errors["summary_for_parents"] = "Write what was decided in plain words for the parents"
    for i, action in enumerate(data.actions):
        errors.update(
            _check_action(child, action, prefix=f"action_{i}_", not_before=held, staff=staff)
        )
    if errors:
        raise ValidationError(errors)


def _answer(data: MeetingRecord, key: str) -> str:
    """An agenda item's answer; the child's views come from the record's own field (asked once)."""
    if key == "childs_views":
        return data.childs_views.strip()
    return data.answers.get(key, "").strip()


@transaction.atomic
def record_meeting(
    child: Child,
    type_key: str,
    data: MeetingRecord,
    *,
    by: User,
    meeting: Meeting | None = None,
    actor: Actor | None = None,
    today: dt.date | None = None,
) -> Recorded:
    """Record a held meeting (a planned one, or one recorded only after it happened): its
    attendance, the child's views, the agenda's answers, outcomes, decisions, the summary for
    the child and the action plan; create its journey events; plan the next one the timescales
    engine expects. Raises ValidationError (nothing saved) for any bad input."""
    today = today or timezone.localdate()
    mtype = recordable_type(type_key)
    if meeting is not None:
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.child_id != child.pk or meeting.type != type_key:
            raise ValidationError("This meeting belongs to another child or is of another type")
        if meeting.status != Meeting.Status.PLANNED:
            raise ValidationError(
                f"This meeting is already {meeting.get_status_display().lower()}: it cannot be "
                "recorded again"
            )
    validate_record(child, mtype, data, today=today)
    assert data.held_on is not None
    before = snapshot(meeting) if meeting is not None else None
    if meeting is None:
        meeting = Meeting(child=child, type=type_key, created_by=by)
    meeting.status = Meeting.Status.HELD
    meeting.held_on = data.held_on
    meeting.chair = data.chair
    meeting.venue = data.venue.strip()
    meeting.childs_views = data.childs_views.strip()
    meeting.views_gathered = data.views_gathered
    meeting.decisions = data.decisions.strip()
    meeting.summary_for_child = data.summary_for_child.strip()
    meeting.summary_for_parents = data.summary_for_parents.strip()
    meeting.outcomes = dict(data.outcomes)
    meeting.recorded_by = by
    meeting.recorded_at = timezone.now()
    meeting.full_clean(exclude=["events"])
    meeting.save()
    rows = [
        Attendance(
            meeting=meeting,
            user=a.user,
            person=a.person,
            name="" if (a.user or a.person) else a.name.strip(),
            attendee_key=a.attendee_key,
            organisation=a.organisation.strip(),
            attended=a.attended,
        )
        for a in data.attendees
    ]
    for row in rows:
        row.full_clean()
    Attendance.objects.bulk_create(rows)
    AgendaAnswer.objects.bulk_create(
        [
            AgendaAnswer(meeting=meeting, item=item.key, answer=_answer(data, item.key))
            for item in mtype.agenda
        ]
    )
    actions = [
        Action(meeting=meeting, text=a.text.strip(), owner=a.owner, due_on=a.due_on)
        for a in data.actions
    ]
    for action in actions:
        action.full_clean()
    Action.objects.bulk_create(actions)
    events: list[JourneyEvent] = []
    for kind in mtype.events_for(data.outcomes):
        event = JourneyEvent(
            child=child,
            kind=kind,
            date=data.held_on,
            notes=f"Recorded with the {mtype.name} held on {govuk_date(data.held_on)}",
            recorded_by=by,
        )
        try:
            event.full_clean()
        except ValidationError as exc:
            raise ValidationError({"held_on": exc.messages}) from exc
        event.save()
        events.append(event)
    meeting.events.set(events)
    after = snapshot(meeting)
    after["attendance"] = [
        f"{r.display_name} ({'attended' if r.attended else 'apologies'})" for r in rows
    ]
    after["actions"] = [f"{a.text} — {a.owner} by {a.due_on.isoformat()}" for a in actions]
    after["events"] = [e.kind for e in events]
    record(
        AuditAction.CHANGE if before else AuditAction.CREATE,
        child_id=child.child_id,
        obj=meeting,
        summary=f"Recorded the {mtype.name} held on {govuk_date(data.held_on)}",
        before=before,
        after=after,
        actor=actor,
        user=by,
    )
    planned = _plan_next(child, events, by=by, actor=actor, today=today)
    planned += _plan_agreed_next(child, mtype, data, by=by, actor=actor, today=today)
    return Recorded(meeting, events, planned, _no_longer_due(child, today=today))


def _no_longer_due(child: Child, *, today: dt.date) -> list[NoLongerDue]:
    """The child's planned meetings the engine no longer expects, now this one is recorded."""
    planned = list(
        Meeting.objects.filter(child=child, status=Meeting.Status.PLANNED).order_by(
            "planned_on", "pk"
        )
    )
    if not planned:
        return []
    stale = no_longer_due(planned, child_expectations(child, today=today))
    return [stale[m.pk] for m in planned if m.pk in stale]


def _plan_next(
    child: Child,
    events: list[JourneyEvent],
    *,
    by: User,
    actor: Actor | None,
    today: dt.date,
) -> list[Meeting]:
    """Plan the meetings whose timescale now runs from the events just recorded: the engine's
    open expectations counted from them, met by a meeting type's event. The date is the
    engine's due date, or the working day before it when that is a weekend or bank holiday
    (``domain.suggested_date``); when it expects nothing (the rule stopped: matched and
    placed, left care), nothing is planned."""
    created = {Event(e.date, e.kind) for e in events}
    if not created:
        return []
    expectations = child_expectations(child, today=today)
    planned: list[Meeting] = []
    for mtype, expectation in meetings_due_from(expectations, created):
        meeting, created_now = _schedule(
            child,
            mtype,
            domain.suggested_date(expectation.due),
            by=by,
            because=because_text(expectation),
            actor=actor,
        )
        if created_now:
            planned.append(meeting)
    return planned


def _plan_agreed_next(
    child: Child,
    mtype: domain.MeetingType,
    data: MeetingRecord,
    *,
    by: User,
    actor: Actor | None,
    today: dt.date,
) -> list[Meeting]:
    """Plan the next meeting of this type at the interval the meeting agreed (Durham's agreed
    frequency of family network meetings, 002 'Family Group Conference/ Network meetings'), on
    a working day (``domain.suggested_date``); nothing when it agreed none."""
    agreed = mtype.next_agreed(data.outcomes)
    if agreed is None or data.held_on is None:
        return []
    days, outcome = agreed
    due = data.held_on + dt.timedelta(days=days)
    agreed_as = outcome.labels[data.outcomes[outcome.key]].lower()
    meeting, created_now = _schedule(
        child,
        mtype,
        domain.suggested_date(due),
        by=by,
        because=(
            f"Agreed at the {mtype.name.lower()} held on {govuk_date(data.held_on)}: "
            f"{agreed_as} ({readable_source(outcome.source)})"
        ),
        actor=actor,
    )
    return [meeting] if created_now else []


def meetings_due_from(
    expectations: Sequence[Expectation], since: set[Event]
) -> list[tuple[domain.MeetingType, Expectation]]:
    """The meeting types to plan next, soonest first: for each open expectation now counted from
    one of the ``since`` events, the council's meeting types whose record meets it."""
    found: list[tuple[domain.MeetingType, Expectation]] = []
    seen: set[str] = set()
    for expectation in sorted(expectations, key=lambda e: e.due):
        if not expectation.status.is_open or expectation.since not in since:
            continue
        for kind in expectation.satisfied_by_kinds:
            for mtype in domain.types_for_event(settings.HOMEWARD_COUNCIL, kind):
                if mtype.key in RECORDED_ELSEWHERE:
                    continue  # the AEPP is planned by referring the child to the panel
                if mtype.key not in seen:
                    seen.add(mtype.key)
                    found.append((mtype, expectation))
    return found


def because_text(expectation: Expectation) -> str:
    return f"{expectation.title}: due by {govuk_date(expectation.due)} ({expectation.cited})"


def _schedule(
    child: Child,
    mtype: domain.MeetingType,
    planned_on: dt.date,
    *,
    by: User,
    because: str = "",
    chair: User | None = None,
    venue: str = "",
    actor: Actor | None = None,
) -> tuple[Meeting, bool]:
    existing = (
        Meeting.objects.filter(child=child, type=mtype.key, status=Meeting.Status.PLANNED)
        .order_by("planned_on")
        .first()
    )
    if existing is not None:
        return existing, False
    meeting = Meeting(
        child=child,
        type=mtype.key,
        status=Meeting.Status.PLANNED,
        planned_on=planned_on,
        chair=chair,
        venue=venue.strip(),
        scheduled_because=because[:500],
        created_by=by,
    )
    meeting.full_clean(exclude=["events"])
    meeting.save()
    record(
        AuditAction.CREATE,
        child_id=child.child_id,
        obj=meeting,
        summary=f"Planned a {mtype.name} for {govuk_date(planned_on)}",
        after=snapshot(meeting),
        actor=actor,
        user=by,
    )
    return meeting, True


@transaction.atomic
def schedule_meeting(
    child: Child,
    type_key: str,
    planned_on: dt.date,
    *,
    by: User,
    chair: User | None = None,
    venue: str = "",
    because: str = "",
    actor: Actor | None = None,
) -> Meeting:
    """Plan a meeting of the council's type ``type_key`` for ``planned_on`` (e.g. the first PPM
    from an early permanence panel's outcome). If one of that type is already planned for the
    child, that one is returned unchanged: a child has one next meeting of each type. A type
    recorded elsewhere (the AEPP) is refused."""
    mtype = recordable_type(type_key)
    if chair is not None and not access.can_change_child(chair, child):
        raise ValidationError({"chair": f"{chair} cannot work on {child.full_name}'s record"})
    meeting, _ = _schedule(
        child, mtype, planned_on, by=by, because=because, chair=chair, venue=venue, actor=actor
    )
    return meeting


def planned_meeting_of_type(child: Child, type_key: str) -> Meeting | None:
    return (
        Meeting.objects.filter(child=child, type=type_key, status=Meeting.Status.PLANNED)
        .order_by("planned_on")
        .first()
    )


@transaction.atomic
def cancel_meeting(
    meeting: Meeting, *, because: str, by: User, actor: Actor | None = None
) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(
            f"Only a planned meeting can be cancelled; this one is "
            f"{meeting.get_status_display().lower()}"
        )
    if not because.strip():
        raise ValidationError({"because": "Enter why the meeting is cancelled"})
    before = snapshot(meeting)
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_because = because.strip()[:500]
    meeting.save(update_fields=["status", "cancelled_because"])
    record(
        AuditAction.CHANGE,
        child_id=meeting.child.child_id,
        obj=meeting,
        summary=f"Cancelled the {meeting.get_type_display()} planned for {meeting.planned_on}",
        before=before,
        after=snapshot(meeting),
        actor=actor,
        user=by,
    )
    return meeting


@transaction.atomic
def add_action(meeting: Meeting, data: ActionIn, *, by: User, actor: Actor | None = None) -> Action:
    """Add an action to a held meeting's plan after the meeting."""
    child = meeting.child
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError("Actions are added to a meeting once it has been held")
    staff = set(access.staff_who_can_change(child).values_list("pk", flat=True))
    errors = _check_action(child, data, prefix="", not_before=meeting.held_on, staff=staff)
    if errors:
        raise ValidationError(errors)
    action = Action(meeting=meeting, text=data.text.strip(), owner=data.owner, due_on=data.due_on)
    action.full_clean()
    action.save()
    record(
        AuditAction.CREATE,
        child_id=child.child_id,
        obj=action,
        summary=f"Added an action to the {meeting.get_type_display()}: {action.text}",
        after=snapshot(action),
        actor=actor,
        user=by,
    )
    return action


@transaction.atomic
def update_action(
    action: Action,
    *,
    status: str,
    done_on: dt.date | None,
    by: User,
    actor: Actor | None = None,
    today: dt.date | None = None,
) -> Action:
    """Mark an action done (on a date), cancel it, or open it again."""
    today = today or timezone.localdate()
    action = Action.objects.select_for_update().select_related("meeting__child").get(pk=action.pk)
    if status not in Action.Status.values:
        raise ValidationError({"status": "Select done, cancelled or still open"})
    if status == Action.Status.DONE:
        held = action.meeting.held_on
        if done_on is None:
            raise ValidationError({"done_on": "Enter the date it was done"})
        if done_on > today:
            raise ValidationError({"done_on": "The date it was done must be today or in the past"})
        if held is not None and done_on < held:
            raise ValidationError(
                {
                    "done_on": "The date it was done must be on or after the meeting "
                    f"({govuk_date(held)})"
                }
            )
    else:
        done_on = None
    before = snapshot(action)
    action.status = status
    action.done_on = done_on
    action.full_clean()
    action.save(update_fields=["status", "done_on"])
    record(
        AuditAction.CHANGE,
        child_id=action.meeting.child.child_id,
        obj=action,
        summary=f"Action {action.get_status_display().lower()}: {action.text}",
        before=before,
        after=snapshot(action),
        actor=actor,
        user=by,
    )
    return action


def _check_escalation_dates(
    raised_on: dt.date | None, respond_by: dt.date | None, today: dt.date
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if raised_on is None:
        errors["raised_on"] = "Enter the date it was raised"
    elif raised_on > today:
        errors["raised_on"] = "The date it was raised must be today or in the past"
    if respond_by is None:
        errors["respond_by"] = "Enter the date a response is due by"
    elif raised_on is not None and respond_by < raised_on:
        errors["respond_by"] = "The response must be due on or after the date it was raised"
    return errors


@transaction.atomic
def raise_escalation(
    child: Child,
    *,
    stage: str,
    issue: str,
    raised_on: dt.date | None,
    respond_by: dt.date | None,
    by: User,
    meeting: Meeting | None = None,
    actor: Actor | None = None,
    today: dt.date | None = None,
) -> Escalation:
    """An IRO raises a concern about the child's plan: informally first, or at formal stage 1
    (DU 'Role of the IRO': resolve problems at the lowest level). Tracked until resolved."""
    today = today or timezone.localdate()
    if not access.can_escalate(by, child):
        raise ValidationError("Only the child's IRO or a service manager can raise an escalation")
    errors = _check_escalation_dates(raised_on, respond_by, today)
    if stage not in domain.FIRST_STAGES:
        errors["stage"] = "Select informal resolution or formal stage 1"
    if not issue.strip():
        errors["issue"] = "Enter what the concern is"
    if meeting is not None and meeting.child_id != child.pk:
        errors["meeting"] = "That meeting is about another child"
    if errors:
        raise ValidationError(errors)
    escalation = Escalation(
        child=child,
        meeting=meeting,
        stage=stage,
        issue=issue.strip(),
        raised_on=raised_on,
        raised_by=by,
        respond_by=respond_by,
    )
    escalation.full_clean()
    escalation.save()
    record(
        AuditAction.CREATE,
        child_id=child.child_id,
        obj=escalation,
        summary=f"Raised an escalation ({escalation.get_stage_display().lower()})",
        after=snapshot(escalation),
        actor=actor,
        user=by,
    )
    return escalation


@transaction.atomic
def progress_escalation(
    escalation: Escalation,
    *,
    resolve: bool,
    on: dt.date | None,
    outcome: str,
    respond_by: dt.date | None = None,
    by: User,
    actor: Actor | None = None,
    today: dt.date | None = None,
) -> Escalation:
    """Resolve an open escalation, or take it to the next stage (the open stage closes on
    ``on`` and a new one is raised that day, pointing back to it). Returns the open stage, or
    the resolved one."""
    today = today or timezone.localdate()
    escalation = (
        Escalation.objects.select_for_update().select_related("child").get(pk=escalation.pk)
    )
    child = escalation.child
    if not access.can_escalate(by, child):
        raise ValidationError("Only the child's IRO or a service manager can do this")
    if not escalation.is_open:
        raise ValidationError("This stage of the escalation is already closed")
    errors: dict[str, str] = {}
    if on is None:
        errors["on"] = "Enter the date"
    elif on > today:
        errors["on"] = "The date must be today or in the past"
    elif on < escalation.raised_on:
        errors["on"] = (
            f"The date must be on or after it was raised ({govuk_date(escalation.raised_on)})"
        )
    if not outcome.strip():
        errors["outcome"] = "Enter the outcome" if resolve else "Enter why it is taken further"
    following = domain.next_stage(escalation.stage)
    if not resolve:
        if following is None:
            errors["resolve"] = "This is the last stage: it can only be resolved"
        if respond_by is None:
            errors["respond_by"] = "Enter the date a response is due by"
        elif on is not None and respond_by < on:
            errors["respond_by"] = "The response must be due on or after the date it is raised"
    if errors:
        raise ValidationError(errors)
    assert on is not None
    before = snapshot(escalation)
    stages = dict(domain.ESCALATION_STAGES)
    escalation.resolved_on = on
    escalation.outcome = (
        outcome.strip() if resolve else f"Taken to {stages[following or '']}: {outcome.strip()}"
    )
    escalation.save(update_fields=["resolved_on", "outcome"])
    record(
        AuditAction.CHANGE,
        child_id=child.child_id,
        obj=escalation,
        summary="Resolved an escalation"
        if resolve
        else f"Took an escalation to {stages[following or '']}",
        before=before,
        after=snapshot(escalation),
        actor=actor,
        user=by,
    )
    if resolve:
        return escalation
    assert following is not None
    nxt = Escalation(
        child=child,
        meeting=escalation.meeting,
        stage=following,
        issue=escalation.issue,
        raised_on=on,
        raised_by=by,
        respond_by=respond_by,
        previous=escalation,
    )
    nxt.full_clean()
    nxt.save()
    record(
        AuditAction.CREATE,
        child_id=child.child_id,
        obj=nxt,
        summary=f"Escalation now at {nxt.get_stage_display().lower()}",
        after=snapshot(nxt),
        actor=actor,
        user=by,
    )
    return nxt


@transaction.atomic
def record_told_child(
    escalation: Escalation,
    *,
    on: dt.date | None,
    told: str,
    by: User,
    actor: Actor | None = None,
    today: dt.date | None = None,
) -> Escalation:
    """Record what the IRO told the child was done on their behalf once an escalation is
    resolved (Durham 'Role of the Independent Reviewing Officer': "the IRO should be able to
    demonstrate to children that they are taking action on their behalf"). Raises
    ValidationError, nothing saved, for bad input."""
    today = today or timezone.localdate()
    escalation = (
        Escalation.objects.select_for_update().select_related("child").get(pk=escalation.pk)
    )
    child = escalation.child
    if not access.can_escalate(by, child):
        raise ValidationError("Only the child's IRO or a service manager can do this")
    if escalation.is_open:
        raise ValidationError("Resolve the escalation first, then record what the child was told")
    errors: dict[str, str] = {}
    if on is None:
        errors["told_child_on"] = "Enter the date the IRO told the child"
    elif on > today:
        errors["told_child_on"] = "The date the IRO told the child must be today or in the past"
    elif escalation.resolved_on and on < escalation.resolved_on:
        errors["told_child_on"] = (
            "The date the IRO told the child must be on or after the escalation was resolved "
            f"({govuk_date(escalation.resolved_on)})"
        )
    if not told.strip():
        errors["told_child"] = "Enter what the IRO told the child was done on their behalf"
    if errors:
        raise ValidationError(errors)
    before = snapshot(escalation)
    escalation.told_child_on = on
    escalation.told_child = told.strip()
    escalation.save(update_fields=["told_child_on", "told_child"])
    record(
        AuditAction.CHANGE,
        child_id=child.child_id,
        obj=escalation,
        summary="Recorded what the IRO told the child was done on their behalf",
        before=before,
        after=snapshot(escalation),
        actor=actor,
        user=by,
    )
    return escalation
