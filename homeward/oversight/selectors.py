"""Timescales for many children at once, from the engine (``homeward.domain.timescales``).

Two queries whatever the number of children: one for the children's facts, one for their
events; the engine does the rest in memory. Nothing here computes a deadline itself.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from homeward.children.models import Child, JourneyEvent
from homeward.domain import panels, permanence
from homeward.domain.timescales import (
    ChildFacts,
    Event,
    Expectation,
    Rule,
    Status,
    evaluate,
    rules_for,
    task_status,
)
from homeward.family.models import FamilyTimePlan
from homeward.meetings.models import Action
from homeward.panels.models import Outcome
from homeward.planning.models import Assessment, PermanencePlan

CHILD_FIELDS = (
    "child_id",
    "first_name",
    "last_name",
    "date_of_birth",
    "expected_date_of_delivery",
)


@dataclass(frozen=True)
class ChildExpectation:
    child: Child
    expectation: Expectation


def _load(children: QuerySet[Child]) -> tuple[dict[int, Child], dict[int, list[Event]]]:
    with _without_cycle_collection():
        by_pk = {child.pk: child for child in children}
        events: dict[int, list[Event]] = defaultdict(list)
        for child_id, kind, date in JourneyEvent.objects.filter(
            child__in=children.values("pk")
        ).values_list("child_id", "kind", "date"):
            events[child_id].append(Event(date, kind))
    return by_pk, events


def _evaluate(
    child: Child, events: list[Event], today: dt.date, rules: Sequence[Rule] | None = None
) -> list[Expectation]:
    return evaluate(
        rules if rules is not None else rules_for(settings.HOMEWARD_COUNCIL),
        events,
        today=today,
        child=ChildFacts(child.date_of_birth, child.expected_date_of_delivery),
    )


def expectations_for(
    children: QuerySet[Child], *, today: dt.date
) -> dict[int, tuple[Child, list[Expectation]]]:
    by_pk, events = _load(children)
    rules = rules_for(settings.HOMEWARD_COUNCIL)
    with _without_cycle_collection():
        return {
            pk: (child, _evaluate(child, events.get(pk, []), today, rules))
            for pk, child in by_pk.items()
        }


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector walks every live object again and again while a council's
    expectations pile up (a million tuples for 50,000 children), though they hold no cycles:
    paused while they are built, it costs nothing. Reference counting still frees garbage."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def worklist(
    children: QuerySet[Child], *, today: dt.date, within_days: int = 14
) -> list[ChildExpectation]:
    """What is overdue or falls due within ``within_days``, most urgent first."""
    horizon = today + dt.timedelta(days=within_days)
    items = [
        ChildExpectation(child, e)
        for child, expectations in expectations_for(children, today=today).values()
        for e in expectations
        # A milestone (carers may apply for an order from...) is a date to act from, not work due.
        if e.status.is_open and e.due <= horizon and not e.rule.milestone
    ]
    items.sort(key=lambda item: (item.expectation.sort_key, item.child.child_id))
    return items


def _pathway_choices() -> list[tuple[str, str]]:
    choices = [
        (f"plan:{kind.key}", f"{kind.label} (agreed plan)") for kind in permanence.OPTION_KINDS
    ]
    choices += [(f"aepp:{key}", f"{p.label} (panel outcome)") for key, p in panels.PATHWAYS.items()]
    return [*choices, ("none", "Not yet decided")]


# The pathway a child is on: the preferred option of their latest agreed permanence plan, or,
# before a plan is agreed, the pathway the Achieving Early Permanence Panel agreed.
PATHWAY_CHOICES = _pathway_choices()
PATHWAY_LABELS = dict(PATHWAY_CHOICES)


def with_pathway(children: QuerySet[Child]) -> QuerySet[Child]:
    """Annotate each child with the pathway keys the drift dashboard groups by (subqueries: no
    extra query per child)."""
    plan = PermanencePlan.objects.filter(child=OuterRef("pk")).order_by("-version")
    outcome = Outcome.objects.filter(referral__child=OuterRef("pk")).order_by(
        "-referral__panel__date"
    )
    return children.annotate(
        plan_pathway=Subquery(plan.values("preferred_option__kind")[:1]),
        aepp_pathway=Subquery(outcome.values("pathway")[:1]),
    )


def with_overdue_tasks(children: QuerySet[Child], *, today: dt.date) -> QuerySet[Child]:
    """Annotate each child with how many actions from meetings, assessments and family time
    reviews are overdue (subqueries: the drift dashboard's query count stays fixed). "Overdue"
    is ``task_status``'s: due before today and not done."""

    def count(queryset: QuerySet, child_field: str) -> Coalesce:  # type: ignore[type-arg]
        counted = (
            queryset.filter(**{child_field: OuterRef("pk")})
            .order_by()
            .values(child_field)
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))

    return children.annotate(
        overdue_actions=count(
            Action.objects.filter(status=Action.Status.OPEN, due_on__lt=today), "meeting__child"
        ),
        overdue_assessments=count(
            Assessment.objects.filter(completed_on__isnull=True, cancelled=False, due_on__lt=today),
            "child",
        ),
        overdue_reviews=count(
            FamilyTimePlan.objects.filter(ended_on__isnull=True, review_date__lt=today), "child"
        ),
    )


def pathway_of(child: Child) -> tuple[str, str]:
    plan = getattr(child, "plan_pathway", None)
    aepp = getattr(child, "aepp_pathway", None)
    key = f"plan:{plan}" if plan else f"aepp:{aepp}" if aepp else "none"
    return key, PATHWAY_LABELS.get(key, key)


@dataclass(frozen=True)
class DriftRow:
    """One child on the drift dashboard."""

    child: Child
    days_in_care: int | None  # None when not looked after now
    overdue: list[Expectation]
    permanence_plan: Expectation | None  # the latest permanence-plan expectation, if any

    @property
    def pathway(self) -> tuple[str, str]:
        return pathway_of(self.child)

    @property
    def overdue_tasks(self) -> int:
        """Actions, assessments and family time reviews overdue (``with_overdue_tasks``)."""
        return sum(
            getattr(self.child, name, 0) or 0
            for name in ("overdue_actions", "overdue_assessments", "overdue_reviews")
        )

    @property
    def worst(self) -> Expectation | None:
        return max(self.overdue, key=lambda e: e.days_late) if self.overdue else None

    @property
    def plan_overdue(self) -> bool:
        return self.permanence_plan is not None and self.permanence_plan.status == "overdue"


def drift(children: QuerySet[Child], *, today: dt.date) -> list[DriftRow]:
    """Children looked after now, with what is overdue; the most drifting first."""
    by_pk, events = _load(children)
    rows: list[DriftRow] = []
    for pk, child in by_pk.items():
        timeline = events.get(pk, [])
        started = max((e.date for e in timeline if e.kind == "became_looked_after"), default=None)
        ceased = max((e.date for e in timeline if e.kind == "ceased_looked_after"), default=None)
        if started is None or (ceased is not None and ceased >= started):
            continue  # not looked after now
        expectations = _evaluate(child, timeline, today)
        plans = [e for e in expectations if e.rule.id == "permanence-plan"]
        rows.append(
            DriftRow(
                child=child,
                days_in_care=(today - started).days,
                overdue=[e for e in expectations if e.status == "overdue"],
                permanence_plan=plans[-1] if plans else None,
            )
        )
    # The most drifting first: the longest overdue, then the most things overdue.
    rows.sort(
        key=lambda r: (-(r.worst.days_late if r.worst else 0), -len(r.overdue), r.child.child_id)
    )
    return rows


@dataclass(frozen=True)
class DatedTask:
    """A dated piece of work that is not a rule: an assessment due, a family time review due.
    Its status is the engine's (``task_status``), so it is overdue like any other deadline."""

    child: Child
    what: str
    detail: str
    due: dt.date
    status: Status
    days_late: int
    url: str


def dated_work(
    children: QuerySet[Child],
    *,
    today: dt.date,
    within_days: int | None = 14,
    actions: bool = False,
) -> list[DatedTask]:
    """Assessments not yet completed and family time reviews (and, with ``actions``, open
    actions from meetings), overdue or due within ``within_days`` (all of them with None), most
    urgent first. One query for each kind whatever the number of children."""
    horizon = today + dt.timedelta(days=within_days) if within_days is not None else dt.date.max
    tasks: list[DatedTask] = []
    if actions:
        for action in Action.objects.filter(
            meeting__child__in=children.values("pk"),
            status=Action.Status.OPEN,
            due_on__lte=horizon,
        ).select_related("meeting__child", "owner"):
            status, late = task_status(action.due_on, done_on=None, today=today)
            tasks.append(
                DatedTask(
                    action.meeting.child,
                    action.text,
                    f"Action from a meeting, for {action.owner}",
                    action.due_on,
                    status,
                    late,
                    action.meeting.get_absolute_url(),
                )
            )
    assessments = Assessment.objects.filter(
        child__in=children.values("pk"),
        completed_on__isnull=True,
        cancelled=False,
        due_on__lte=horizon,
    ).select_related("child")
    for a in assessments:
        status, late = task_status(a.due_on, done_on=None, today=today)
        tasks.append(
            DatedTask(
                a.child,
                f"{a.get_kind_display()} due",
                a.assessor,
                a.due_on,
                status,
                late,
                reverse("planning:plan", args=[a.child.child_id]),
            )
        )
    plans = FamilyTimePlan.objects.filter(
        child__in=children.values("pk"), ended_on__isnull=True, review_date__lte=horizon
    ).select_related("child", "with_person__person", "with_sibling")
    for p in plans:
        status, late = task_status(p.review_date, done_on=None, today=today)
        tasks.append(
            DatedTask(
                p.child,
                "Family time review due",
                f"With {p.with_whom}",
                p.review_date,
                status,
                late,
                reverse("family:family-time", args=[p.child.child_id, p.pk]),
            )
        )
    order = {Status.OVERDUE: 0, Status.DUE_SOON: 1}
    tasks.sort(key=lambda t: (order.get(t.status, 2), t.due, t.child.child_id))
    return tasks
