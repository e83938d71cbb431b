"""Reads for the children pages. Query counts stay constant as the data grows: related rows
come through annotations and ``select_related``/``prefetch_related``, never per row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value

from homeward.accounts.access import visible_children
from homeward.children.models import (
    Allocation,
    Child,
    Episode,
    JourneyEvent,
    JourneyEventKind,
    PersonInChildsLife,
    SignOff,
)
from homeward.domain import sign_offs as sign_off_rules

if TYPE_CHECKING:
    from homeward.accounts.models import User

SORTS = {
    "name": ("last_name", "first_name"),
    "child_id": ("child_id",),
    "dob": ("date_of_birth",),
    "legal_status": ("current_legal_status", "last_name"),
    "social_worker": ("current_social_worker_last", "last_name"),
    "team": ("current_team", "last_name"),
    "looked_after": ("first_looked_after", "last_name"),
}


@dataclass(frozen=True)
class ChildListFilters:
    q: str = ""
    scope: str = "all"  # "mine" | "team" | "all"
    team: str = ""
    legal_status: str = ""
    sort: str = "name"
    descending: bool = False


def _open_episode() -> QuerySet[Episode]:
    return Episode.objects.filter(child=OuterRef("pk"), end_date__isnull=True).order_by(
        "-start_date"
    )


def with_legal_status(qs: QuerySet[Child]) -> QuerySet[Child]:
    """Each child's current legal status (``current_legal_status``), as ``with_current_details``
    gives it, alone."""
    return qs.annotate(current_legal_status=Subquery(_open_episode().values("legal_status")[:1]))


def with_current_details(qs: QuerySet[Child]) -> QuerySet[Child]:
    # order_by(): the model's default ordering joins the child and sorts by name, for nothing.
    current_allocation = Allocation.objects.filter(
        child=OuterRef("pk"), ended_on__isnull=True
    ).order_by()
    open_episode = _open_episode()
    first_episode = Episode.objects.filter(child=OuterRef("pk")).order_by("start_date")
    return qs.annotate(
        current_social_worker_first=Subquery(
            current_allocation.values("social_worker__first_name")[:1]
        ),
        current_social_worker_last=Subquery(
            current_allocation.values("social_worker__last_name")[:1]
        ),
        current_team=Subquery(current_allocation.values("team__name")[:1]),
        current_legal_status=Subquery(open_episode.values("legal_status")[:1]),
        current_placement_type=Subquery(open_episode.values("placement_type")[:1]),
        first_looked_after=Subquery(first_episode.values("start_date")[:1]),
    )


def search(qs: QuerySet[Child], q: str) -> QuerySet[Child]:
    """Name, child ID or unique pupil number; every word must match somewhere. On PostgreSQL
    each comparison reads a trigram index (children migration 0010)."""
    for word in q.split():
        qs = qs.filter(
            Q(child_id__istartswith=word)
            | Q(upn__iexact=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    return qs


def children_list(user: User, filters: ChildListFilters) -> QuerySet[Child]:
    qs = visible_children(user)
    if filters.scope == "mine":
        # Allocated to me: as the social worker, the SGO social worker, or the family finder.
        qs = qs.filter(
            Q(allocations__social_worker=user)
            | Q(allocations__sgo_social_worker=user)
            | Q(allocations__family_finder=user),
            allocations__ended_on__isnull=True,
        )
    elif filters.scope == "team":
        qs = qs.filter(allocations__ended_on__isnull=True, allocations__team__in=user.teams.all())
    if filters.q:
        qs = search(qs, filters.q)
    qs = with_current_details(qs)
    if filters.team:
        qs = qs.filter(current_team=filters.team)
    if filters.legal_status:
        qs = qs.filter(current_legal_status=filters.legal_status)
    order = SORTS.get(filters.sort, SORTS["name"])
    if filters.descending:
        order = tuple(f"-{field}" for field in order)
    return qs.order_by(*order, "pk")


def child_record(child: Child) -> Child:
    """The child with everything the record page shows, in a fixed number of queries."""
    return (
        Child.objects.select_related("sibling_group")
        .prefetch_related(
            "episodes",
            Prefetch("people", queryset=PersonInChildsLife.objects.select_related("person")),
            Prefetch("events", queryset=JourneyEvent.objects.select_related("recorded_by")),
            Prefetch(
                "allocations",
                queryset=Allocation.objects.select_related(
                    "social_worker", "team", "iro", "family_finder", "sgo_social_worker"
                ),
            ),
            "sibling_group__children",
        )
        .get(pk=child.pk)
    )


def _owning_relations() -> list[Any]:
    """Every relation from another record to JourneyEvent (a meeting's events, an agreed plan's,
    a panel outcome's): the records that made an event and own it."""
    relations = []
    for rel in JourneyEvent._meta.get_fields(include_hidden=True):
        if not rel.auto_created or rel.concrete:
            continue  # JourneyEvent's own fields
        model = rel.related_model
        if model is None or model._meta.auto_created:
            continue  # the through table of a many-to-many: the relation itself is listed
        relations.append(rel)
    return relations


def event_owners(event_ids: list[int]) -> dict[int, str]:
    """For each event another record made, what made it ("meeting", "permanence plan"): such an
    event is changed through that record, never on its own, so the two cannot disagree. One
    query (every owning relation's rows together), whatever the number of events."""
    owners: dict[int, str] = {}
    if not event_ids:
        return owners
    relations = _owning_relations()
    # One query for every owning relation (UNION ALL), each row tagged with its relation's
    # place in the list, so the first relation that owns an event names it, as before.
    parts = [
        rel.related_model._default_manager.filter(**{f"{rel.field.name}__in": event_ids})
        .order_by()
        .values_list(rel.field.name, Value(i, output_field=IntegerField()))
        for i, rel in enumerate(relations)
    ]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    for event_id, i in sorted(rows, key=lambda row: row[1]):
        owners.setdefault(event_id, str(relations[i].related_model._meta.verbose_name))
    return owners


def timeline(child: Child) -> list[dict[str, object]]:
    """Journey events and episode changes, newest first, for the MOJ timeline."""
    items: list[dict[str, object]] = []
    events = list(child.events.all())
    owners = event_owners([event.pk for event in events])
    for event in events:
        items.append(
            {
                "date": event.date,
                "title": event.get_kind_display(),
                "detail": event.notes,
                "by": str(event.recorded_by) if event.recorded_by else "",
                "event": event,
                "owner": owners.get(event.pk, ""),
            }
        )
    items.sort(key=lambda item: (item["date"], item["title"]), reverse=True)
    return items


def current_allocation(child: Child) -> Allocation | None:
    for allocation in child.allocations.all():
        if allocation.ended_on is None:
            return allocation
    return None


def became_looked_after_on(child: Child) -> object:
    dates = [e.date for e in child.events.all() if e.kind == JourneyEventKind.BECAME_LOOKED_AFTER]
    return min(dates) if dates else None


@dataclass(frozen=True)
class AwaitingSignOff:
    """A step on the child's record still awaiting its sign-off (homeward.domain.sign_offs)."""

    sign_off: SignOff
    kind: sign_off_rules.SignOffKind


def awaiting_sign_offs(child: Child) -> list[AwaitingSignOff]:
    """The child's sign-offs asked for and not yet decided, oldest first: one query."""
    rows = child.sign_offs.filter(decided_on__isnull=True).order_by("requested_on", "pk")
    return [
        AwaitingSignOff(row, kind)
        for row in rows
        if (kind := sign_off_rules.kind_of(row.kind)) is not None
    ]
