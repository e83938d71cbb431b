"""Reading the deadline ledger: every page that shows a deadline reads these rows with SQL.
Status on a given day (overdue, due soon...) is worked out by the query (``as_of``); the engine
runs here only for a "what if" (a date not yet recorded, such as a panel being planned)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet

from homeward.accounts.access import Children, of_children
from homeward.children.models import Child, JourneyEvent
from homeward.domain import timescales as engine
from homeward.domain.timescales import ChildFacts, Event
from homeward.timescales import ledger
from homeward.timescales.models import Expectation, ExpectationQuerySet

PLAN_RULE = ledger.PLAN_RULE
# The child's fields a worklist row shows (its link and name).
CHILD_FIELDS = (
    "child__child_id",
    "child__first_name",
    "child__last_name",
    "child__date_of_birth",
    "child__expected_date_of_delivery",
)


def for_child(child: Child, *, today: dt.date) -> list[Expectation]:
    """Every stored expectation of one child, in the engine's order (rule, then date)."""
    return list(Expectation.objects.filter(child=child).as_of(today).order_by("position"))


def met_by_kind(child: Child, kind: str, *, today: dt.date) -> list[Expectation]:
    """The stored expectations of one child that an event of ``kind`` meets (a family time
    agreement: Durham's check at each placement), in the engine's order. One query."""
    return met_by_any(child, [kind], today=today)


def met_by_any(child: Child, kinds: Iterable[str], *, today: dt.date) -> list[Expectation]:
    """The stored expectations of one child that an event of any of ``kinds`` meets (the life
    story book and the later life letter), in the engine's order. One query."""
    met = Q()
    for kind in kinds:
        met |= Q(satisfied_by__contains=f",{kind},")
    return list(Expectation.objects.filter(met, child=child).as_of(today).order_by("position"))


def rules_met_by(kind: str) -> list[engine.Rule]:
    """This installation's rules an event of ``kind`` meets (their title, due and source), whether
    or not a child has a row for them yet: a page can say what a council asks before the event
    that starts the clock is recorded. No query."""
    return [rule for rule in ledger.rules() if kind in rule.satisfied_by]


def for_children(children: QuerySet[Child], *, today: dt.date) -> dict[int, list[Expectation]]:
    """The stored expectations of many children (one query), by child pk."""
    found: dict[int, list[Expectation]] = {}
    for row in (
        of_children(Expectation.objects.all(), children)
        .as_of(today)
        .order_by("child_id", "position")
    ):
        found.setdefault(row.child_id, []).append(row)
    return found


def worklist(children: Children, *, today: dt.date, within_days: int = 14) -> ExpectationQuerySet:
    """Deadlines overdue or falling due within ``within_days`` for these children, most urgent
    first (a milestone is a date to act from, not work due)."""
    return (
        _work_due(children, today=today, within_days=within_days)
        .as_of(today)
        .select_related("child")
        .only(
            *CHILD_FIELDS,
            "child_id",
            "rule_id",
            "occurrence",
            "title",
            "responsible",
            "milestone",
            "due",
            "state",
            "late_by",
        )
        .order_by("due", "rule_id", "child__child_id", "position")
    )


def _work_due(children: Children, *, today: dt.date, within_days: int) -> ExpectationQuerySet:
    """Open work for these children due by ``within_days`` from ``today``: what ``worklist``
    lists and ``worklist_counts`` counts."""
    horizon = today + dt.timedelta(days=within_days)
    return of_children(Expectation.objects.work(), children).filter(due__lte=horizon)


class WorklistCounts(NamedTuple):
    total: int
    overdue: int
    # How many in each of ``engine.DUE_GROUPS`` ("overdue" included), by key.
    groups: dict[str, int]


def worklist_counts(children: Children, *, today: dt.date, within_days: int = 14) -> WorklistCounts:
    """How many deadlines ``worklist`` holds, how many of them are overdue, and how many fall
    in each of the worklist's groups (``engine.due_group``): one query that reads only the index
    of open work (``ts_work_due``) when the children are every child."""
    tomorrow = today + dt.timedelta(days=1)
    week_end = today + dt.timedelta(days=engine.THIS_WEEK_DAYS)
    groups = {
        "overdue": Q(due__lt=today),
        "today": Q(due=today),
        "tomorrow": Q(due=tomorrow),
        "this_week": Q(due__gt=tomorrow, due__lte=week_end),
        "later": Q(due__gt=week_end),
    }
    counts = _work_due(children, today=today, within_days=within_days).aggregate(
        total=Count("due"), **{key: Count("due", filter=q) for key, q in groups.items()}
    )
    return WorklistCounts(counts["total"], counts["overdue"], {key: counts[key] for key in groups})


def permanence_plan(child: Child, *, today: dt.date) -> Expectation | None:
    """The permanence-plan deadline: the open one if there is one, else the latest."""
    plans = [e for e in for_child(child, today=today) if e.rule_id == PLAN_RULE]
    if not plans:
        return None
    open_ = [e for e in plans if e.status.is_open]
    return (open_ or plans)[-1]


def what_if(
    child: Child, events: Iterable[Event], *, with_recorded: bool = True
) -> list[engine.Expectation]:
    """The engine's expectations for ``child`` as if ``events`` were recorded (with the child's
    own events, unless ``with_recorded`` is False): for a date being chosen, such as the first
    PPM after a panel that has not been recorded yet. Never stored."""
    timeline = list(events)
    if with_recorded:
        timeline += [
            Event(day, kind, weeks or 0)
            for day, kind, weeks in JourneyEvent.objects.filter(child=child)
            .order_by()
            .values_list("date", "kind", "weeks")
        ]
    return ledger.evaluate(
        ChildFacts(child.date_of_birth, child.expected_date_of_delivery), timeline
    )
