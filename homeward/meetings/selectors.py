"""Reads for the meetings pages and the "Actions from meetings" worklist, with a fixed number of
queries whatever the number of meetings, attendees or actions. Deadlines come from the
deadline ledger (``homeward.timescales``); actions' statuses from
``homeward.domain.timescales.task_status``, so an action becomes overdue like any deadline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from homeward.accounts import access
from homeward.children.models import Child
from homeward.domain import meetings as domain
from homeward.domain.events import label as event_label
from homeward.domain.timescales import Status, task_status
from homeward.meetings.models import Action, Attendance, Escalation, Meeting
from homeward.timescales import selectors as timescales
from homeward.timescales.models import Expectation

if TYPE_CHECKING:
    from homeward.accounts.models import User


# Types recorded by another part of Homeward, with the page that records them: the AEPP's
# referrals, late flags and outcomes live in homeward/panels, so that the panel has one record.
RECORDED_ELSEWHERE = {"aepp": "panels:child"}


def council_types() -> tuple[domain.MeetingType, ...]:
    """The council's meeting types that are planned and recorded here."""
    types = domain.meeting_types(settings.HOMEWARD_COUNCIL)
    return tuple(t for t in types if t.key not in RECORDED_ELSEWHERE)


def type_of(meeting: Meeting) -> domain.MeetingType | None:
    """The council's declaration of a meeting's type (None for a type another profile holds)."""
    try:
        return domain.meeting_type(settings.HOMEWARD_COUNCIL, meeting.type)
    except domain.UnknownMeetingType:
        return None


def type_name(key: str) -> str:
    try:
        return domain.meeting_type(settings.HOMEWARD_COUNCIL, key).name
    except domain.UnknownMeetingType:
        return domain.TYPE_KEYS.get(key, key)


@dataclass(frozen=True)
class DueMeeting:
    """A meeting the timescales engine expects: an open expectation met by a meeting type."""

    mtype: domain.MeetingType
    expectation: Expectation
    planned: Meeting | None


def child_meetings(child: Child) -> list[Meeting]:
    """The child's meetings: planned (soonest first), then held and cancelled (newest first)."""
    meetings = list(
        Meeting.objects.filter(child=child)
        .select_related("child", "chair")
        .annotate(open_actions=Count("actions", filter=Q(actions__status=Action.Status.OPEN)))
    )
    planned = sorted(
        (m for m in meetings if m.status == Meeting.Status.PLANNED),
        key=lambda m: (m.planned_on, m.pk),
    )
    rest = sorted(
        (m for m in meetings if m.status != Meeting.Status.PLANNED),
        key=lambda m: (m.held_on or m.planned_on, m.pk),
        reverse=True,
    )
    return planned + rest


def child_expectations(child: Child, *, today: dt.date) -> list[Expectation]:
    """The child's stored expectations (the deadline ledger), with their status on ``today``."""
    return timescales.for_child(child, today=today)


def due_meetings(
    child: Child,
    meetings: list[Meeting],
    *,
    today: dt.date,
    expectations: list[Expectation] | None = None,
) -> list[DueMeeting]:
    """What the engine expects next for each meeting type that meets a rule, most urgent first,
    with the planned meeting of that type if there is one."""
    if expectations is None:
        expectations = child_expectations(child, today=today)
    planned = {}
    for meeting in meetings:
        if meeting.status == Meeting.Status.PLANNED:
            planned.setdefault(meeting.type, meeting)
    due: list[DueMeeting] = []
    # (An AEPP due is listed too; the page links it to the panel, where it is recorded.)
    for expectation in sorted(expectations, key=lambda e: e.sort_key):
        if not expectation.status.is_open or expectation.milestone:
            continue
        for kind in expectation.satisfied_by_kinds:
            for mtype in domain.types_for_event(settings.HOMEWARD_COUNCIL, kind):
                due.append(DueMeeting(mtype, expectation, planned.get(mtype.key)))
    return due


@dataclass(frozen=True)
class NoLongerDue:
    """A planned meeting the timescales no longer expect, with the engine's reason: shown as
    "No longer due by the timescales" for the chair to cancel (never deleted by Homeward)."""

    meeting: Meeting
    reason: str


def _govuk(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _source(expectation: Expectation) -> str:
    return expectation.cited


def _why_not_due(expectations: list[Expectation]) -> str:
    """The engine's reason no expectation is open: the latest rule that stopped applying (the
    event that stopped it: placed, left care...), else the latest one met."""
    stopped = [e for e in expectations if e.status == Status.NO_LONGER_APPLIES]
    if stopped:
        last = max(stopped, key=lambda e: (e.stopped_by or e.since, e.due))
        if last.stopped_by is None:
            return f"{last.title}: a new period began before it was met ({_source(last)})"
        stop = last.stopped_by
        return (
            f"{last.title}: it stopped applying when {event_label(stop.kind).lower()} on "
            f"{_govuk(stop.date)} ({_source(last)})"
        )
    met = max(expectations, key=lambda e: (e.met_by or e.since, e.due))
    when = f" on {_govuk(met.met_by.date)}" if met.met_by is not None else ""
    return f"{met.title}: met{when}, and no further one is expected ({_source(met)})"


def no_longer_due(
    meetings: list[Meeting], expectations: list[Expectation]
) -> dict[int, NoLongerDue]:
    """The planned meetings, by id, whose timescale no longer applies: their type meets rules
    the engine has counted for the child, and none of those has an open expectation now (e.g.
    the PPM every 6 weeks "until the child is matched and placed", DS objective 7, once the
    child is placed). Meetings of a type no rule governs are never marked."""
    governed: dict[str, list[Expectation]] = {}
    for expectation in expectations:
        if expectation.milestone:
            continue
        for kind in expectation.satisfied_by_kinds:
            for mtype in domain.types_for_event(settings.HOMEWARD_COUNCIL, kind):
                governed.setdefault(mtype.key, []).append(expectation)
    found: dict[int, NoLongerDue] = {}
    for meeting in meetings:
        rules = governed.get(meeting.type)
        if meeting.status != Meeting.Status.PLANNED or not rules:
            continue
        if any(e.status.is_open for e in rules):
            continue
        found[meeting.pk] = NoLongerDue(meeting, _why_not_due(rules))
    return found


def meeting_record(child: Child, meeting_id: int) -> Meeting:
    """One meeting with everything its page and minutes show, in a fixed number of queries."""
    return get_object_or_404(
        Meeting.objects.select_related(
            "child", "chair", "recorded_by", "created_by"
        ).prefetch_related(
            Prefetch(
                "attendance",
                queryset=Attendance.objects.select_related("user", "person__person"),
            ),
            "answers",
            Prefetch("actions", queryset=Action.objects.select_related("owner")),
            Prefetch(
                "escalations",
                queryset=Escalation.objects.select_related("raised_by").order_by("raised_on", "pk"),
            ),
            "events",
        ),
        pk=meeting_id,
        child=child,
    )


@dataclass(frozen=True)
class AgendaRow:
    item: domain.AgendaItem
    answer: str


def agenda_rows(meeting: Meeting, mtype: domain.MeetingType) -> list[AgendaRow]:
    answers = {a.item: a.answer for a in meeting.answers.all()}
    return [AgendaRow(item, answers.get(item.key, "")) for item in mtype.agenda]


@dataclass(frozen=True)
class OutcomeRow:
    outcome: domain.Outcome
    answer: str

    @property
    def label(self) -> str:
        return self.outcome.labels.get(self.answer, "")


def outcome_rows(meeting: Meeting, mtype: domain.MeetingType) -> list[OutcomeRow]:
    return [OutcomeRow(o, str(meeting.outcomes.get(o.key, ""))) for o in mtype.outcomes]


@dataclass(frozen=True)
class ActionItem:
    """An action with its status as the engine's arithmetic gives it."""

    action: Action
    status: Status
    days_late: int

    @property
    def sort_key(self) -> tuple[int, dt.date, int]:
        order = {Status.OVERDUE: 0, Status.DUE_SOON: 1, Status.UPCOMING: 2}
        return (order.get(self.status, 3), self.action.due_on, self.action.pk)


def action_item(action: Action, today: dt.date) -> ActionItem:
    status, late = task_status(
        action.due_on,
        done_on=action.done_on,
        today=today,
        cancelled=action.status == Action.Status.CANCELLED,
    )
    return ActionItem(action, status, late)


def meeting_actions(meeting: Meeting, *, today: dt.date) -> list[ActionItem]:
    return sorted((action_item(a, today) for a in meeting.actions.all()), key=lambda i: i.sort_key)


def open_actions(
    user: User,
    children: access.Children,
    *,
    scope: str,
    today: dt.date,
    within_days: int = 14,
    limit: int = 50,
) -> tuple[list[ActionItem], int]:
    """Open actions for "My work": every one the user owns and, beyond "mine", those on the
    children in scope (the user's teams', or all they may see) that are overdue or due within
    ``within_days``, as the deadlines above them are; always only on children the user may
    see; overdue first (the earliest due first). Two queries (the first ``limit`` and how many
    in all), however many actions."""
    actions = access.of_children(
        Action.objects.still_open(),
        access.visible_children(user),
        "meeting__child",
    )
    if scope == "mine":
        actions = actions.filter(owner=user)
    else:
        soon = today + dt.timedelta(days=within_days)
        in_scope = Q(due_on__lte=soon)
        if not access.is_every_child(children):
            in_scope &= Q(meeting__child__in=access.child_pks(children))
        actions = actions.filter(in_scope | Q(owner=user))
    if not limit:  # only the count (another list is shown): ``[:0]`` still compiles its query
        return [], actions.count()
    first = actions.select_related("owner", "meeting__child").order_by("due_on", "pk")[:limit]
    return [action_item(a, today) for a in first], actions.count()


@dataclass(frozen=True)
class EscalationItem:
    escalation: Escalation
    status: Status
    days_late: int


def escalation_item(escalation: Escalation, today: dt.date) -> EscalationItem:
    status, late = task_status(escalation.respond_by, done_on=escalation.resolved_on, today=today)
    return EscalationItem(escalation, status, late)


def child_escalations(child: Child, *, today: dt.date) -> list[EscalationItem]:
    """Every stage of every escalation about the child, open ones first."""
    rows = Escalation.objects.filter(child=child).select_related("raised_by", "meeting")
    items = [escalation_item(e, today) for e in rows]
    items.sort(key=lambda i: (not i.escalation.is_open, -i.escalation.raised_on.toordinal()))
    return items


def open_escalations(user: User, *, today: dt.date) -> list[EscalationItem]:
    """Open escalations the user raised (an IRO's own), on children they may still see. No query
    for a role that never raises one; sorted here, so the child's name is not joined to sort."""
    if not access.may_escalate(user):
        return []
    rows = (
        Escalation.objects.filter(
            raised_by=user,
            resolved_on__isnull=True,
            child__in=access.visible_children(user).values("pk"),
        )
        .select_related("child")
        .order_by()
    )
    items = [escalation_item(e, today) for e in rows]
    items.sort(key=lambda i: (i.status != Status.OVERDUE, i.escalation.respond_by))
    return items


def plan_claimed_while_overdue(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Held Child in Care reviews that record a written permanence plan in place while the
    stored permanence-plan deadline had passed with no plan recorded as agreed by the review
    (issue 13 item 14c): the IRO checks and escalates delay (DS 'Independent Reviewing
    Service'; DU 'Looked After Reviews'), so the review and the ledger disagreeing is put to
    them. Each is annotated with ``plan_due``, the deadline that had passed. One query."""
    late_plan = (
        Expectation.objects.filter(
            child=OuterRef("child"), rule_id=timescales.PLAN_RULE, due__lt=OuterRef("held_on")
        )
        .filter(Q(met_on__isnull=True) | Q(met_on__gt=OuterRef("held_on")))
        .exclude(stopped_on__lte=OuterRef("held_on"))
        .order_by("-due")
    )
    return (
        meetings.filter(
            type="cic_review", status=Meeting.Status.HELD, outcomes__permanence_plan="yes"
        )
        .annotate(plan_due=Subquery(late_plan.values("due")[:1]))
        .filter(plan_due__isnull=False)
    )


def plans_to_check(user: User) -> QuerySet[Meeting]:
    """For an IRO's My work: the reviews they chaired (or of children they review) that
    record a permanence plan the timescales do not have (``plan_claimed_while_overdue``), while
    no plan is yet recorded as agreed and no escalation was raised from the review."""
    unmet = Expectation.objects.filter(
        child=OuterRef("child"), rule_id=timescales.PLAN_RULE, met_on__isnull=True
    )
    escalated = Escalation.objects.filter(meeting=OuterRef("pk"))
    reviews = Meeting.objects.filter(child__in=access.visible_children(user).values("pk")).filter(
        Q(chair=user) | Q(child__allocations__ended_on__isnull=True, child__allocations__iro=user)
    )
    return (
        plan_claimed_while_overdue(reviews)
        .filter(Exists(unmet))
        .exclude(Exists(escalated))
        .select_related("child")
        .distinct()
        .order_by("held_on", "pk")
    )
