"""Keeping each child's drift facts (``models.DriftFacts``) current: ``refresh`` works them out
for some children with the same SQL the dashboard used to run per child, and replaces the stored
rows in the caller's transaction. ``receivers.py`` calls it whenever an allocation, a permanence
plan or option, a panel, a referral, an outcome, an action from a meeting, an assessment or a
family time plan changes, and whenever the deadline ledger is recomputed (which is how bulk
writers, the SSDA903 import and the demo, reach it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import Min, OuterRef, QuerySet, Subquery

from homeward.children.models import Allocation, Child
from homeward.family.models import FamilyTimePlan
from homeward.meetings.models import Action
from homeward.oversight import selectors
from homeward.oversight.models import DriftFacts
from homeward.planning.models import Assessment

CHUNK = 900  # SQLite allows about a thousand parameters in one query


Facts = tuple[int | None, str, dt.date | None]  # team id, pathway key, first task due


def _first_due(rows: QuerySet, due: str, child_field: str = "child") -> Subquery:
    """The earliest ``due`` of ``rows`` belonging to the outer child."""
    earliest = (
        rows.filter(**{child_field: OuterRef("pk")})
        .order_by()
        .values(child_field)
        .annotate(first=Min(due))
        .values("first")
    )
    return Subquery(earliest)


def fresh(child_ids: Iterable[int] | None = None) -> dict[int, Facts]:
    """(team id, pathway key, first task due) for these children (every child with None),
    leaving out those with none of them: what the stored rows must say."""
    children = Child.objects.all() if child_ids is None else Child.objects.filter(pk__in=child_ids)
    team = Allocation.objects.filter(child=OuterRef("pk"), ended_on__isnull=True)
    rows = (
        selectors.with_pathway(children)
        .annotate(
            team_id=Subquery(team.values("team_id")[:1]),
            # The tasks ``with_overdue_tasks`` counts, each kind's earliest (the smallest of the
            # three is taken here: SQLite's scalar MIN() is null when any of them is).
            action_due=_first_due(Action.objects.still_open(), "due_on", "meeting__child"),
            assessment_due=_first_due(Assessment.objects.still_due(), "due_on"),
            review_due=_first_due(FamilyTimePlan.objects.running(), "review_date"),
        )
        .order_by()
        .values_list(
            "pk",
            "team_id",
            "plan_pathway",
            "aepp_pathway",
            "action_due",
            "assessment_due",
            "review_due",
        )
    )
    found = {}
    for pk, team_id, plan, aepp, *dues in rows:
        pathway = selectors.pathway_key(plan, aepp)[0]
        first_due = min((due for due in dues if due is not None), default=None)
        if team_id is not None or pathway != "none" or first_due is not None:
            found[pk] = (team_id, pathway, first_due)
    return found


def stored() -> dict[int, Facts]:
    return {
        pk: (team, pathway, first_due)
        for pk, team, pathway, first_due in DriftFacts.objects.values_list(
            "child_id", "team_id", "pathway", "first_task_due"
        )
    }


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def refresh(child_ids: Iterable[int]) -> None:
    """Replace these children's stored drift facts, in the caller's transaction."""
    ids = sorted(set(child_ids))
    with transaction.atomic():
        for chunk in _chunks(ids):
            rows = fresh(chunk)
            DriftFacts.objects.filter(child_id__in=chunk).delete()
            DriftFacts.objects.bulk_create(
                DriftFacts(child_id=pk, team_id=team, pathway=pathway, first_task_due=first_due)
                for pk, (team, pathway, first_due) in rows.items()
            )


def refresh_all() -> None:
    refresh(Child.objects.values_list("pk", flat=True))
