"""Timescales for many children at once, from the engine (``homeward.domain.timescales``).

Two queries whatever the number of children: one for the children's facts, one for their
events; the engine does the rest in memory. Nothing here computes a deadline itself.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from homeward.children.models import Child, JourneyEvent
from homeward.domain.timescales import ChildFacts, Event, Expectation, evaluate, rules_for

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
    by_pk = {child.pk: child for child in children}
    events: dict[int, list[Event]] = defaultdict(list)
    for child_id, kind, date in JourneyEvent.objects.filter(
        child__in=children.values("pk")
    ).values_list("child_id", "kind", "date"):
        events[child_id].append(Event(date, kind))
    return by_pk, events


def _evaluate(child: Child, events: list[Event], today: dt.date) -> list[Expectation]:
    return evaluate(
        rules_for(settings.HOMEWARD_COUNCIL),
        events,
        today=today,
        child=ChildFacts(child.date_of_birth, child.expected_date_of_delivery),
    )


def expectations_for(
    children: QuerySet[Child], *, today: dt.date
) -> dict[int, tuple[Child, list[Expectation]]]:
    by_pk, events = _load(children)
    return {pk: (child, _evaluate(child, events.get(pk, []), today)) for pk, child in by_pk.items()}


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


@dataclass(frozen=True)
class DriftRow:
    """One child on the drift dashboard."""

    child: Child
    days_in_care: int | None  # None when not looked after now
    overdue: list[Expectation]
    permanence_plan: Expectation | None  # the latest permanence-plan expectation, if any

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
    rows.sort(
        key=lambda r: (-len(r.overdue), -(r.worst.days_late if r.worst else 0), r.child.child_id)
    )
    return rows
