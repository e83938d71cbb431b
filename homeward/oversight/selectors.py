"""Worklists and drift, read from the deadline ledger (``homeward.timescales``) with SQL: a
page's cost follows the rows it shows, not the size of the council. Nothing here runs the
timescales engine or computes a deadline itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse

from homeward.accounts.access import Children, of_children
from homeward.children.models import Child
from homeward.domain import panels, permanence
from homeward.domain.timescales import Status, task_status
from homeward.family.models import FamilyTimePlan
from homeward.meetings.models import Action
from homeward.panels.models import Outcome
from homeward.planning.models import Assessment, PermanencePlan
from homeward.quality.models import CaseAuditAction
from homeward.timescales import selectors as timescales
from homeward.timescales.models import Expectation, ExpectationQuerySet, State


def worklist(children: Children, *, today: dt.date, within_days: int = 14) -> ExpectationQuerySet:
    """What is overdue or falls due within ``within_days``, most urgent first (stored rows)."""
    return timescales.worklist(children, today=today, within_days=within_days)


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
    """Annotate each child with what decides its pathway (``pathway_key``): the latest plan's
    preferred option and the latest panel outcome. Worked out when they change and stored
    (``drift.refresh``), not per page."""
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
    reviews are overdue (``tasks_overdue``: three subqueries added up in one column, each
    selected once; the drift dashboard's query count stays fixed). "Overdue" is
    ``task_status``'s: due before today and not done."""
    return children.annotate(
        tasks_overdue=_count(Action.objects.still_open().filter(due_on__lt=today), "meeting__child")
        + _count(Assessment.objects.still_due().filter(due_on__lt=today))
        + _count(FamilyTimePlan.objects.running().filter(review_date__lt=today))
    )


def pathway_key(plan: str | None, aepp: str | None) -> tuple[str, str]:
    key = f"plan:{plan}" if plan else f"aepp:{aepp}" if aepp else "none"
    return key, PATHWAY_LABELS.get(key, key)


def _count(queryset: QuerySet, child_field: str = "child") -> Coalesce:
    """How many rows of ``queryset`` belong to the outer child (a subquery: one per page)."""
    counted = (
        queryset.filter(**{child_field: OuterRef("pk")})
        .order_by()
        .values(child_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def drift_children(children: QuerySet[Child], *, today: dt.date) -> QuerySet[Child]:
    """Children looked after now, each with what is overdue on ``today`` from the ledger, the
    most drifting first: the longest overdue, then the most things overdue. The order comes
    from stored columns; a page's own details are worked out for its rows only."""
    overdue = Expectation.objects.overdue(today).filter(child=OuterRef("pk"))
    worst = overdue.order_by("due", "position")
    return (
        with_overdue_tasks(children, today=today)
        .filter(timescales__looked_after_since__isnull=False)
        .annotate(
            # Stored per child (``drift.refresh``): what the summaries group by.
            drift_team=F("drift_facts__team__name"),
            pathway_key=Coalesce(F("drift_facts__pathway"), Value("none")),
            looked_after_since=F("timescales__looked_after_since"),
            # The earliest deadline not met, when it is already past: the longest overdue.
            oldest_due=Case(
                When(timescales__first_open_due__lt=today, then=F("timescales__first_open_due")),
                default=None,
                output_field=DateField(),
            ),
            overdue_count=Case(
                When(
                    timescales__first_open_due__lt=today,
                    then=_count(Expectation.objects.overdue(today)),
                ),
                default=Value(0),
            ),
            worst_title=Subquery(worst.values("title")[:1]),
            plan_due=F("timescales__plan_due"),
            plan_state=F("timescales__plan_state"),
            plan_met_on=F("timescales__plan_met_on"),
            plan_overdue=ExpressionWrapper(
                Q(timescales__plan_state=State.OPEN, timescales__plan_due__lt=today),
                output_field=BooleanField(),
            ),
            has_overdue_task=ExpressionWrapper(
                _any_task_overdue(today), output_field=BooleanField()
            ),
        )
        .order_by(F("oldest_due").asc(nulls_last=True), F("overdue_count").desc(), "child_id")
    )


# What a drift row shows of the child itself (``worklists.drift_rows``): the rest are annotations.
DRIFT_ROW_FIELDS = ("pk", "child_id", "first_name", "last_name")


def reaching(children: QuerySet[Child], *, today: dt.date, end: int) -> QuerySet[Child]:
    """``drift_children`` cut to the children who can be among its first ``end``: in that order
    the earliest overdue date comes first, so none whose date is later than the ``end``-th
    earliest can be (those with nothing overdue come last and cost nothing to count)."""
    if end < 1:
        return children
    cutoff = (
        children.filter(oldest_due__isnull=False)
        .order_by("oldest_due")
        .values_list("oldest_due", flat=True)[end - 1 : end]
        .first()
    )
    if cutoff is None:
        return children
    # At least ``end`` children are overdue by the cutoff, so none with nothing overdue (their
    # date is null, ordered last) can reach the first ``end``.
    return children.filter(oldest_due__lte=cutoff)


def _any_task_overdue(today: dt.date) -> Q:
    """An action from a meeting, an assessment or a family time review overdue (``task_status``:
    due before today and not done) for the child: their earliest, stored (``DriftFacts``), is
    before today."""
    return Q(drift_facts__first_task_due__lt=today)


_SOMETHING_OVERDUE = Q(oldest_due__isnull=False) | Q(has_overdue_task=True)


def filter_pathway(children: QuerySet[Child], key: str) -> QuerySet[Child]:
    """Children on one pathway (``PATHWAY_CHOICES``): an agreed plan's preferred option wins
    over the panel's outcome (``pathway_key``, stored per child by ``drift.refresh``)."""
    return children.filter(pathway_key=key)


def with_anything_overdue(children: QuerySet[Child]) -> QuerySet[Child]:
    return children.filter(_SOMETHING_OVERDUE)


@dataclass(frozen=True)
class Summary:
    children: int
    overdue: int
    no_plan: int

    def __add__(self, other: Summary) -> Summary:
        return Summary(
            self.children + other.children,
            self.overdue + other.overdue,
            self.no_plan + other.no_plan,
        )


def summarise(children: QuerySet[Child], *fields: str) -> list[tuple[tuple[str, ...], Summary]]:
    """Children, those with something overdue, and those without a plan past its deadline,
    grouped by ``fields`` (GROUP BY in the database: one query)."""
    rows = (
        children.order_by()
        .values(*fields)
        .annotate(
            n_children=Count("pk"),
            n_overdue=Count("pk", filter=_SOMETHING_OVERDUE),
            n_no_plan=Count("pk", filter=Q(plan_overdue=True)),
        )
    )
    return [
        (
            tuple(row[f] for f in fields),
            Summary(row["n_children"], row["n_overdue"], row["n_no_plan"]),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class PlanDeadline:
    """The permanence plan deadline as the drift dashboard shows it."""

    due: dt.date
    state: str
    met_on: dt.date | None
    today: dt.date

    @property
    def status(self) -> Status:
        if self.state == State.OPEN:
            return task_status(self.due, done_on=None, today=self.today)[0]
        return Status(self.state)

    @property
    def days_late(self) -> int:
        return max(0, (self.today - self.due).days) if self.state == State.OPEN else 0


@dataclass(frozen=True)
class DriftRow:
    """One child on the drift dashboard (``drift_children``)."""

    child: Child
    today: dt.date
    # Reviews and permanence planning meetings with no record of the child's views (issue 17:
    # the child's voice kept whole), counted for the page's children only.
    views_gaps: int = 0

    @property
    def days_in_care(self) -> int:
        return (self.today - self.child.looked_after_since).days

    @property
    def overdue(self) -> int:
        return self.child.overdue_count

    @property
    def worst_title(self) -> str:
        return self.child.worst_title or ""

    @property
    def worst_days_late(self) -> int:
        oldest = self.child.oldest_due
        return (self.today - oldest).days if oldest is not None else 0

    @property
    def pathway(self) -> tuple[str, str]:
        key = self.child.pathway_key
        return key, PATHWAY_LABELS.get(key, key)

    @property
    def overdue_tasks(self) -> int:
        """Actions, assessments and family time reviews overdue (``with_overdue_tasks``)."""
        return self.child.tasks_overdue or 0

    @property
    def permanence_plan(self) -> PlanDeadline | None:
        child = self.child
        if child.plan_due is None:
            return None
        return PlanDeadline(
            child.plan_due,
            child.plan_state,
            child.plan_met_on,
            self.today,
        )

    @property
    def plan_overdue(self) -> bool:
        return bool(self.child.plan_overdue)


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
    children: Children,
    *,
    today: dt.date,
    within_days: int | None = 14,
    actions: bool = False,
    limit: int | None = None,
) -> list[DatedTask]:
    """Assessments not yet completed and family time reviews (and, with ``actions``, open
    actions from meetings), overdue or due within ``within_days`` (all of them with None), most
    urgent first; with ``limit``, only the first so many (``dated_work_count`` says how many in
    all). One query for each kind whatever the number of children."""
    horizon = today + dt.timedelta(days=within_days) if within_days is not None else dt.date.max
    tasks: list[DatedTask] = []

    def first(queryset: QuerySet, due: str) -> QuerySet:
        queryset = queryset.order_by(due, "pk")
        return queryset[:limit] if limit is not None else queryset

    if actions:
        for action in first(
            of_children(
                Action.objects.still_open().filter(due_on__lte=horizon),
                children,
                "meeting__child",
            ).select_related("meeting__child", "owner"),
            "due_on",
        ):
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
    for a in first(_assessments_due(children, horizon).select_related("child"), "due_on"):
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
    plans = _reviews_due(children, horizon).select_related(
        "child", "with_person__person", "with_sibling"
    )
    for p in first(plans, "review_date"):
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
    # Actions from case audits (homeward/quality; Dudley strategy 'Quality and Audit').
    for ca in first(
        _audit_actions_due(children, horizon).select_related("child", "owner"), "due_on"
    ):
        status, late = task_status(ca.due_on, done_on=None, today=today)
        tasks.append(
            DatedTask(
                ca.child,
                ca.text,
                f"Action from a case audit, for {ca.owner}",
                ca.due_on,
                status,
                late,
                reverse("quality:case-audits", args=[ca.child.child_id]),
            )
        )
    order = {Status.OVERDUE: 0, Status.DUE_SOON: 1}
    tasks.sort(key=lambda t: (order.get(t.status, 2), t.due, t.child.child_id))
    return tasks[:limit] if limit is not None else tasks


def _assessments_due(children: Children, horizon: dt.date) -> QuerySet[Assessment]:
    return of_children(Assessment.objects.still_due(), children).filter(due_on__lte=horizon)


def _reviews_due(children: Children, horizon: dt.date) -> QuerySet[FamilyTimePlan]:
    return of_children(FamilyTimePlan.objects.running(), children).filter(review_date__lte=horizon)


def _audit_actions_due(children: Children, horizon: dt.date) -> QuerySet[CaseAuditAction]:
    return of_children(CaseAuditAction.objects.still_open(), children).filter(due_on__lte=horizon)


def dated_work_count(children: Children, *, today: dt.date, within_days: int = 14) -> int:
    """How many assessments, family time reviews and case audit actions ``dated_work`` has in
    all (one query: the three counted together, ``UNION ALL``)."""
    horizon = today + dt.timedelta(days=within_days)
    assessments = _assessments_due(children, horizon).order_by().values("pk")
    reviews = _reviews_due(children, horizon).order_by().values("pk")
    audit_actions = _audit_actions_due(children, horizon).order_by().values("pk")
    return assessments.union(reviews, audit_actions, all=True).count()
