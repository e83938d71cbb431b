"""A child's journey as the national measures read it (``homeward.domain.measures``): the same
journey events and facts the ledger gives the timescales engine, and the child's SSDA903
episodes. Three queries a child (``journey``), or three for many children (``journeys_for``, the
forecasts' loader)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from django.db.models import Case, Count, DateField, F, Max, Q, QuerySet, When

from homeward.accounts import access
from homeward.children.models import Child, Episode, JourneyEvent
from homeward.domain import measures
from homeward.domain.measures.forecasts import ADOPTION_ROUTE
from homeward.domain.measures.proceedings import FINAL, ISSUED
from homeward.domain.measures.scorecard import PLACED_FOR_ADOPTION as PLACED
from homeward.domain.ssda903.journey import EpisodeFacts
from homeward.domain.timescales import ChildFacts, Event

EPISODE_FIELDS = (
    "start_date",
    "end_date",
    "reason_new_episode",
    "legal_status",
    "placement_type",
    "reason_ceased",
)


def journey(child: Child) -> measures.ChildJourney:
    """``child``'s journey: recorded events (with the weeks some carry) and episodes, oldest
    first."""
    return _journeys(Child.objects.filter(pk=child.pk))[0]


def scorecard(child: Child, *, today: dt.date) -> measures.ChildScorecard | None:
    """The adoption scorecard on the child's page (issue 15 item 6): A1, A2 and A10 where the
    clock has stopped, and the running A1 and A2 clocks with the day each reaches its threshold.
    None for a child who is not, and has not been, on the adoption route."""
    card = measures.child_scorecard(journey(child), today)
    if card.running or any(f.qualifies for f in (card.a1, card.a2, card.a10)):
        return card
    return None


# Who can have a forecast (homeward.domain.measures.forecasts): a child on the adoption route
# (an ADM decision, placement order, consent or fostering-for-adoption placement: the measures'
# ADOPTION_ROUTE) not yet placed for adoption, or a child whose latest care proceedings have no
# final order yet. The domain decides each child exactly (the current period of care, a child
# who ceased to be looked after); this only spares it the children who cannot have one.


def _latest(kinds: tuple[str, ...] | str) -> Max:
    kinds = (kinds,) if isinstance(kinds, str) else kinds
    return Max(Case(When(kind__in=kinds, then=F("date")), output_field=DateField()))


def forecast_candidates(children: QuerySet[Child]) -> QuerySet[JourneyEvent]:
    """The pks of ``children`` who can have a forecast, as one query on JourneyEvent (a GROUP BY
    child over the events that start or stop a clock), usable as a subquery."""
    rows = JourneyEvent.objects.filter(kind__in=(*ADOPTION_ROUTE, PLACED, ISSUED, *FINAL))
    rows = access.of_children(rows, children)
    return (
        rows.order_by()
        .values("child")
        .annotate(
            route=_latest(ADOPTION_ROUTE),
            placed=_latest(PLACED),
            issued=_latest(ISSUED),
            ended=_latest(FINAL),
            # More than one set of proceedings: an earlier one may still be open (the domain
            # pairs each issue with the first final order before the next), so let it look.
            issues=Count(Case(When(kind=ISSUED, then=F("pk")))),
        )
        .filter(
            Q(route__isnull=False) & (Q(placed__isnull=True) | Q(placed__lt=F("route")))
            | Q(issued__isnull=False) & (Q(ended__isnull=True) | Q(ended__lt=F("issued")))
            | Q(issues__gt=1)
        )
        .values("child")
    )


def journeys_for(
    children: QuerySet[Child], *, kinds: Collection[str] | None = None
) -> list[measures.ChildJourney]:
    """The journeys of those of ``children`` who can have a forecast, in three queries whatever
    their number: the children (with the candidates as a subquery), their events and their
    episodes, grouped by child here. ``kinds``: only the events of these kinds (what the
    caller's measures read, e.g. ``forecasts.EVENTS_READ``: visits and meetings are most of a
    journey)."""
    return _journeys(Child.objects.filter(pk__in=forecast_candidates(children)), kinds=kinds)


def _journeys(
    children: QuerySet[Child], *, kinds: Collection[str] | None = None
) -> list[measures.ChildJourney]:
    """The journeys of ``children`` in three queries whatever their number (the children, their
    events and their episodes, grouped by child here); with ``kinds``, only those events."""
    facts = {
        pk: (child_id, ChildFacts(born, due))
        for pk, child_id, born, due in children.order_by().values_list(
            "pk", "child_id", "date_of_birth", "expected_date_of_delivery"
        )
    }
    ids = children.values("pk")
    events: dict[int, list[Event]] = defaultdict(list)
    rows = JourneyEvent.objects.filter(child__in=ids)
    if kinds is not None:
        rows = rows.filter(kind__in=sorted(kinds))
    for pk, day, kind, weeks in rows.order_by("child", "date", "pk").values_list(
        "child", "date", "kind", "weeks"
    ):
        events[pk].append(Event(day, kind, weeks or 0))
    episodes: dict[int, list[EpisodeFacts]] = defaultdict(list)
    for pk, *row in (
        Episode.objects.filter(child__in=ids)
        .order_by("child", "start_date", "pk")
        .values_list("child", *EPISODE_FIELDS)
    ):
        episodes[pk].append(EpisodeFacts(*row))
    return [
        measures.ChildJourney(
            child_id,
            events=tuple(events[pk]),
            facts=child_facts,
            episodes=tuple(episodes[pk]),
        )
        for pk, (child_id, child_facts) in facts.items()
    ]


def journeys_of(
    children: QuerySet[Child], *, kinds: Collection[str] | None = None
) -> list[measures.ChildJourney]:
    """The journeys of those of ``children`` who have ever been looked after (an episode, or a
    "became looked after" on their journey), in three queries whatever their number: the
    Corporate Parenting Board's report works every measure out over them."""
    ever = Q(pk__in=Episode.objects.values("child")) | Q(
        pk__in=JourneyEvent.objects.filter(kind="became_looked_after").values("child")
    )
    return _journeys(children.filter(ever), kinds=kinds)
