"""Keeping each child's drift facts (``models.DriftFacts``) current: ``refresh`` works them out
for some children with the same SQL the dashboard used to run per child, and replaces the stored
rows in the caller's transaction. ``receivers.py`` calls it whenever an allocation, a permanence
plan or option, a panel, a referral or an outcome changes, and whenever the deadline ledger is
recomputed (which is how bulk writers, the SSDA903 import and the demo, reach it)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import OuterRef, Subquery

from homeward.children.models import Allocation, Child
from homeward.oversight import selectors
from homeward.oversight.models import DriftFacts

CHUNK = 900  # SQLite allows about a thousand parameters in one query


def fresh(child_ids: Iterable[int] | None = None) -> dict[int, tuple[int | None, str]]:
    """(team id, pathway key) for these children (every child with None), leaving out those with
    neither: what the stored rows must say."""
    children = Child.objects.all() if child_ids is None else Child.objects.filter(pk__in=child_ids)
    team = Allocation.objects.filter(child=OuterRef("pk"), ended_on__isnull=True)
    rows = (
        selectors.with_pathway(children)
        .annotate(team_id=Subquery(team.values("team_id")[:1]))
        .order_by()
        .values_list("pk", "team_id", "plan_pathway", "aepp_pathway")
    )
    found = {}
    for pk, team_id, plan, aepp in rows:
        pathway = selectors.pathway_key(plan, aepp)[0]
        if team_id is not None or pathway != "none":
            found[pk] = (team_id, pathway)
    return found


def stored() -> dict[int, tuple[int | None, str]]:
    return {
        pk: (team, pathway)
        for pk, team, pathway in DriftFacts.objects.values_list("child_id", "team_id", "pathway")
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
                DriftFacts(child_id=pk, team_id=team, pathway=pathway)
                for pk, (team, pathway) in rows.items()
            )


def refresh_all() -> None:
    refresh(Child.objects.values_list("pk", flat=True))
