"""Meetings for the demo council: the record behind the latest permanence planning meeting and
Child in Care review the demo's practice already put on each child's timeline, with attendance,
agenda answers, decisions, a summary for the child and an action plan (some actions done, some
overdue); the next meeting of each planned from the stored timescales; and a few IRO
escalations where the permanence plan is late. Deterministic from the demo's seed; written with
``bulk_create`` and capped, so a 50,000-child demo stays fast."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from homeward.accounts.models import Role, User
from homeward.children.models import Allocation, Child, JourneyEvent
from homeward.demo.drifting import drifting_children
from homeward.domain import meetings as domain
from homeward.domain.councils import CouncilProfile
from homeward.domain.timescales import Event
from homeward.meetings.models import Action, AgendaAnswer, Attendance, Escalation, Meeting
from homeward.meetings.services import (
    AttendeeIn,
    MeetingRecord,
    because_text,
    meetings_due_from,
    record_meeting,
)
from homeward.planning.models import PermanencePlan
from homeward.timescales import ledger
from homeward.timescales import selectors as timescales

# The journey events the demo's practice records, and the meeting each is the record of.
MEETING_FOR_EVENT = {"permanence_planning_meeting": "ppm", "cic_review": "cic_review"}

VIEWS = (
    "Wants to stay at the carers' home and see their brother more often.",
    "Likes the carers' dog and wants to keep going to the same school.",
    "Worried about moving again; would like to know where home will be for good.",
    "Too young to say: settled and smiling with the carers, reaches for them when upset.",
)
ANSWERS = (
    "Discussed; agreed as recorded in the decisions.",
    "No change since the last meeting.",
    "Assessment under way; the social worker to report back at the next meeting.",
    "Explored with the family; see the action plan.",
)
# What a meeting decided, its summary for the child and the one for the parents, by the
# preferred option of the child's agreed permanence plan (homeward.demo.planning runs first), so
# they never disagree.
TWIN_TRACK = (
    "Twin-track plan continues: reunification assessment alongside the connected carer "
    "assessment of the maternal aunt.",
    "We met to talk about where you will grow up. We are finding out if you can live with your "
    "aunt. You will keep seeing your mum every week.",
    "We are assessing whether your child can come home to you, and at the same time whether "
    "the maternal aunt can care for them. Family time stays every week.",
)
DECISIONS_BY_PLAN = {
    "reunification": (
        "Reunification is the plan: the parenting assessment continues, with the connected "
        "carer assessment as the contingency.",
        "We are working on you going home. We will keep checking that home is safe for you.",
        "The plan is for your child to come home to you. The parenting assessment carries on, "
        "and we will review progress with you before the next review.",
    ),
    "connected_care": (
        "A home in the family network is the plan; the connected carer assessment to finish.",
        "We are finding out if you can live with your family for good.",
        "The plan is for your child to live with family. The assessment of the family carers "
        "will finish first; we will tell you what it says.",
    ),
    "sgo": (
        "Special guardianship with the connected carers is the plan; SGO assessment to finish.",
        "We are finding out if your family can look after you until you grow up.",
        "The plan is special guardianship with the family carers. The assessment will finish "
        "first, and you can give your views to the court.",
    ),
    "cao": (
        "A child arrangements order with the carers is the plan; the report to the court next.",
        "We are asking the court for you to keep living with the people who look after you.",
        "The plan is a child arrangements order for your child to stay with their carers. We "
        "will send you a copy of the report to the court.",
    ),
    "adoption": (
        "Adoption is the plan if the final hearing agrees; family finding to begin.",
        "We are looking for a family who will look after you for always. We will tell you about "
        "them before you meet them.",
        "The plan is adoption if the court agrees at the final hearing. We will start looking "
        "for a family, and explain to you what happens next and what support you can have.",
    ),
    "long_term_fostering": (
        "Long-term fostering with the current carers is the plan; explore special guardianship.",
        "Everyone agreed you can stay with your carers. We will keep checking you are happy there.",
        "The plan is for your child to stay with their carers long term. We will look at "
        "whether special guardianship could suit them, and talk it through with you.",
    ),
}
DECISIONS_BY_PLAN["foster_for_adoption"] = DECISIONS_BY_PLAN["adoption"]
ACTIONS = (
    "Complete the connected carer viability assessment",
    "Update the genogram with the paternal family",
    "Send the family time plan to the parents' solicitors",
    "Ask the Virtual School for the personal education plan",
    "Write the child's later life letter draft",
    "Arrange a life story work session",
)


def build_meetings(
    profile: CouncilProfile, *, today: dt.date, seed: int, limit: int = 300
) -> dict[str, int]:
    rng = random.Random(seed * 31 + 5)
    allocations = {
        a.child_id: a
        for a in Allocation.objects.filter(ended_on__isnull=True).select_related(
            "social_worker", "iro", "team"
        )
    }
    latest: dict[tuple[int, str], dt.date] = {
        (child_id, kind): day
        for child_id, kind, day in JourneyEvent.objects.filter(kind__in=MEETING_FOR_EVENT)
        .values_list("child_id", "kind")
        .annotate(last=Max("date"))
        .values_list("child_id", "kind", "last")
    }
    children = sorted({child_id for child_id, _ in latest if child_id in allocations})
    named_worker = User.objects.filter(username="social-worker").first()
    managers: dict[int, User] = {}
    for manager in User.objects.filter(role=Role.TEAM_MANAGER).prefetch_related("teams"):
        for team in manager.teams.all():
            managers.setdefault(team.pk, manager)

    def priority(child_id: int) -> tuple[bool, bool, int]:
        allocation = allocations[child_id]
        return (
            allocation.social_worker != named_worker,
            allocation.team_id not in managers,
            child_id,
        )

    chosen = sorted(children, key=priority)[:limit]
    events = {
        (e.child_id, e.kind, e.date): e.pk
        for e in JourneyEvent.objects.filter(child_id__in=chosen, kind__in=MEETING_FOR_EVENT).only(
            "pk", "child_id", "kind", "date"
        )
    }
    born = dict(Child.objects.filter(pk__in=chosen).values_list("pk", "date_of_birth"))
    plans: dict[int, str] = {}
    for child_id, kind in (
        PermanencePlan.objects.filter(child_id__in=chosen)
        .order_by("child_id", "version")
        .values_list("child_id", "preferred_option__kind")
    ):
        plans[child_id] = kind  # the latest version wins
    meetings: list[Meeting] = []
    for child_id in chosen:
        allocation = allocations[child_id]
        for kind, key in MEETING_FOR_EVENT.items():
            held = latest.get((child_id, kind))
            if held is None:
                continue
            chair = allocation.iro if key == "cic_review" else managers.get(allocation.team_id)
            outcomes = (
                {"permanence_plan": rng.choice(("yes", "yes", "no")), "special_guardianship": "no"}
                if key == "cic_review"
                else {}
            )
            dob = born.get(child_id)
            young = dob is not None and (held - dob).days < 4 * 365
            decided = DECISIONS_BY_PLAN.get(plans.get(child_id, ""), TWIN_TRACK)
            meetings.append(
                Meeting(
                    child_id=child_id,
                    type=key,
                    status=Meeting.Status.HELD,
                    held_on=held,
                    chair=chair,
                    venue=rng.choice(("Council offices", "Video call", "The carers' home")),
                    childs_views=VIEWS[-1] if young else rng.choice(VIEWS[:-1]),
                    views_gathered="observed"
                    if young
                    else rng.choice(("social_worker", "attended", "advocate", "own_words")),
                    decisions=decided[0],
                    outcomes=outcomes,
                    summary_for_child=decided[1],
                    summary_for_parents=decided[2],
                    recorded_by=chair,
                    recorded_at=timezone.make_aware(dt.datetime.combine(held, dt.time(17, 0))),
                    created_by=chair,
                )
            )
    Meeting.objects.bulk_create(meetings, batch_size=2000)
    drifting = drifting_children()
    attendance: list[Attendance] = []
    answers: list[AgendaAnswer] = []
    actions: list[Action] = []
    links = []
    for meeting in meetings:
        allocation = allocations[meeting.child_id]
        mtype = domain.meeting_type(profile.slug, meeting.type)
        assert meeting.held_on is not None
        present = [u for u in (meeting.chair, allocation.social_worker) if u is not None]
        attendance += [
            Attendance(meeting=meeting, user=u, attendee_key=_key(mtype, u.role), attended=True)
            for u in dict.fromkeys(present)
        ]
        attendance.append(
            Attendance(
                meeting=meeting,
                name=f"{rng.choice(('Sam', 'Alex', 'Jo', 'Chris'))} Testwell-Demo",
                attendee_key="carers" if meeting.type == "cic_review" else "fostering",
                organisation="Foster carer" if meeting.type == "cic_review" else "Fostering",
                attended=rng.random() < 0.8,
            )
        )
        answers += [
            AgendaAnswer(meeting=meeting, item=item.key, answer=rng.choice(ANSWERS))
            for item in mtype.agenda
        ]
        owner = allocation.social_worker
        if owner is not None:
            on_time = meeting.child_id not in drifting
            for text in rng.sample(ACTIONS, rng.randint(1, 3)):
                due = meeting.held_on + dt.timedelta(days=rng.randint(7, 35))
                done = due < today - dt.timedelta(days=5) and rng.random() < 0.7
                done = done or (on_time and due < today)  # kept to time: done when due
                actions.append(
                    Action(
                        meeting=meeting,
                        text=text,
                        owner=owner,
                        due_on=due,
                        status=Action.Status.DONE if done else Action.Status.OPEN,
                        done_on=min(today, due + dt.timedelta(days=rng.randint(-5, 6)))
                        if done
                        else None,
                    )
                )
        kind = next(k for k, v in MEETING_FOR_EVENT.items() if v == meeting.type)
        event_pk = events.get((meeting.child_id, kind, meeting.held_on))
        if event_pk is not None:
            links.append(Meeting.events.through(meeting_id=meeting.pk, journeyevent_id=event_pk))
    Attendance.objects.bulk_create(attendance, batch_size=5000)
    AgendaAnswer.objects.bulk_create(answers, batch_size=5000)
    Action.objects.bulk_create(actions, batch_size=5000)
    Meeting.events.through.objects.bulk_create(links, batch_size=5000)
    planned, escalations = _plan_and_escalate(chosen, meetings, allocations, rng, today)
    return {
        "meetings_held": len(meetings),
        "meetings_planned": planned,
        "actions": len(actions),
        "escalations": escalations,
    }


def _resolved(drifts: bool, raised: dt.date, roll: float, today: dt.date) -> bool:
    """An escalation is answered within weeks where the team keeps to time; one still open is a
    drifting team's, raised in the last two months (older ones have been answered, or gone on
    to a formal stage the demo does not show)."""
    if not drifts or raised < today - dt.timedelta(days=60):
        return True
    return roll < 0.35


def _key(mtype: domain.MeetingType, role: str) -> str:
    return next((a.key for a in mtype.attendees if a.role == role), "")


def _plan_and_escalate(
    chosen: list[int],
    meetings: list[Meeting],
    allocations: dict[int, Allocation],
    rng: random.Random,
    today: dt.date,
) -> tuple[int, int]:
    """The next meeting of each kind the engine expects, and an informal escalation from the
    latest review where the permanence plan is overdue (about one in three is resolved)."""
    since: dict[int, set[Event]] = defaultdict(set)
    reviews: dict[int, Meeting] = {}
    for meeting in meetings:
        assert meeting.held_on is not None
        kind = next(k for k, v in MEETING_FOR_EVENT.items() if v == meeting.type)
        since[meeting.child_id].add(Event(meeting.held_on, kind))
        if meeting.type == "cic_review":
            reviews[meeting.child_id] = meeting
    planned: list[Meeting] = []
    escalations: list[Escalation] = []
    drifting = drifting_children()
    ledger.recompute(chosen)  # the meetings' events were written in bulk
    found = timescales.for_children(Child.objects.filter(pk__in=chosen), today=today)
    already = set(
        Meeting.objects.filter(child_id__in=chosen, status=Meeting.Status.PLANNED).values_list(
            "child_id", "type"
        )
    )
    for child_id, expectations in found.items():
        allocation = allocations[child_id]
        for mtype, expectation in meetings_due_from(expectations, since[child_id]):
            if (child_id, mtype.key) in already:
                continue
            planned.append(
                Meeting(
                    child_id=child_id,
                    type=mtype.key,
                    status=Meeting.Status.PLANNED,
                    planned_on=domain.suggested_date(expectation.due),
                    chair=allocation.iro if mtype.key == "cic_review" else None,
                    scheduled_because=because_text(expectation)[:500],
                )
            )
        review = reviews.get(child_id)
        plan = [e for e in expectations if e.rule_id == timescales.PLAN_RULE]
        if (
            review is not None
            and allocation.iro is not None
            and plan
            and plan[-1].status == "overdue"
            and review.held_on is not None
            and review.held_on >= plan[-1].due
        ):
            raised = review.held_on
            resolved = raised + dt.timedelta(days=rng.randint(5, 20))
            escalations.append(
                Escalation(
                    child_id=child_id,
                    meeting=review,
                    stage="informal",
                    issue="No written permanence plan in the care plan at the review, after its "
                    "deadline.",
                    raised_on=raised,
                    raised_by=allocation.iro,
                    respond_by=raised + dt.timedelta(days=10),
                    resolved_on=resolved
                    if resolved <= today
                    and _resolved(child_id in drifting, raised, rng.random(), today)
                    else None,
                    outcome="Plan agreed at the team manager's supervision."
                    if resolved <= today
                    else "",
                )
            )
    if escalations and all(e.resolved_on is not None for e in escalations):
        # One still open, so the IRO's and team manager's worklists show one: the latest,
        # raised again by the IRO this week after the review found the plan still missing,
        # its response not yet due.
        latest = max(escalations, key=lambda e: (e.raised_on, e.child_id))
        latest.raised_on = max(latest.raised_on, today - dt.timedelta(days=4))
        latest.respond_by = latest.raised_on + dt.timedelta(days=10)
        latest.resolved_on = None
    resolved = 0
    for escalation in escalations:
        if escalation.resolved_on is None:
            escalation.outcome = ""
            continue
        # The IRO tells the child what was done on their behalf (DU 'Role of the IRO'); every
        # other one is left untold, so the Voice tab shows both.
        resolved += 1
        told_on = escalation.resolved_on + dt.timedelta(days=4)
        if resolved % 2 and told_on <= today:
            escalation.told_child_on = told_on
            escalation.told_child = (
                "I told you I was worried there was no written plan for where you will grow up. "
                "I asked your social worker's manager to sort it out, and now there is a plan."
            )
    Meeting.objects.bulk_create(planned, batch_size=2000)
    Escalation.objects.bulk_create(escalations, batch_size=2000)
    return len(planned), len(escalations)


def build_network_meetings(profile: CouncilProfile, *, today: dt.date) -> int:
    """Where the council's family network meeting agrees how often the network meets (Durham,
    002 'Family Group Conference/ Network meetings'; issue 18 item 9), the demo social worker's
    first children have one recorded with an agreed interval, so the next is planned on their
    Meetings tab (one of them already past its date and not recorded)."""
    mtype = domain.meeting_type(profile.slug, "family_network_meeting")
    intervals = [(o, answer) for o in mtype.outcomes for answer, _ in o.next_in_days]
    worker = User.objects.filter(username="social-worker").first()
    if not intervals or worker is None:
        return 0
    children = Child.objects.filter(
        allocations__ended_on__isnull=True,
        allocations__social_worker=worker,
        date_of_birth__isnull=False,
        date_of_birth__lt=today - dt.timedelta(days=120),
    ).order_by("child_id")[:3]
    made = 0
    for n, child in enumerate(children):
        outcome, answer = intervals[n % len(intervals)]
        held_on = today - dt.timedelta(days=(35, 10, 20)[n % 3])
        data = MeetingRecord(
            held_on=held_on,
            chair=worker,
            childs_views="Wants to keep seeing their nan and cousins.",
            views_gathered="social_worker",
            decisions="The network will share the safety plan and meet again as agreed.",
            summary_for_child="Your family met to plan how to keep you safe. They will meet again.",
            summary_for_parents=(
                "The family network agreed a safety plan and will meet again at the interval "
                "agreed."
            ),
            attendees=[AttendeeIn(True, user=worker)],
            answers={item.key: "Discussed with the family." for item in mtype.agenda},
            outcomes={o.key: answer if o is outcome else o.choices[-1][0] for o in mtype.outcomes},
        )
        try:
            record_meeting(child, mtype.key, data, by=worker, today=today)
        except ValidationError:
            continue
        made += 1
    return made
