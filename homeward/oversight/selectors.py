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


def expectations_for(
    children: QuerySet[Child], *, today: dt.date
) -> dict[int, tuple[Child, list[Expectation]]]:
    rules = rules_for(settings.HOMEWARD_COUNCIL)
    by_pk = {child.pk: child for child in children}
    events: dict[int, list[Event]] = defaultdict(list)
    for child_id, kind, date in JourneyEvent.objects.filter(
        child__in=children.values("pk")
    ).values_list("child_id", "kind", "date"):
        events[child_id].append(Event(date, kind))
    return {
        pk: (
            child,
            evaluate(
                rules,
                events.get(pk, []),
                today=today,
                child=ChildFacts(child.date_of_birth, child.expected_date_of_delivery),
            ),
        )
        for pk, child in by_pk.items()
    }


def worklist(
    children: QuerySet[Child], *, today: dt.date, within_days: int = 14
) -> list[ChildExpectation]:
    """What is overdue or falls due within ``within_days``, most urgent first."""
    horizon = today + dt.timedelta(days=within_days)
    items = [
        ChildExpectation(child, e)
        for child, expectations in expectations_for(children, today=today).values()
        for e in expectations
        if e.status.is_open and e.due <= horizon
    ]
    items.sort(key=lambda item: (item.expectation.sort_key, item.child.child_id))
    return items
