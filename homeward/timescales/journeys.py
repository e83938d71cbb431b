"""A child's journey as the national measures read it (``homeward.domain.measures``): the same
journey events and facts the ledger gives the timescales engine, and the child's SSDA903
episodes. Three queries a child; the council-wide figures (issue 16) will be stored per child
as the ledger is, not worked out per page."""

from __future__ import annotations

import datetime as dt

from homeward.children.models import Child, Episode, JourneyEvent
from homeward.domain import measures
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
    events = tuple(
        Event(day, kind, weeks or 0)
        for day, kind, weeks in JourneyEvent.objects.filter(child=child)
        .order_by("date", "pk")
        .values_list("date", "kind", "weeks")
    )
    episodes = tuple(
        EpisodeFacts(*row)
        for row in Episode.objects.filter(child=child)
        .order_by("start_date", "pk")
        .values_list(*EPISODE_FIELDS)
    )
    return measures.ChildJourney(
        child.child_id,
        events=events,
        facts=ChildFacts(child.date_of_birth, child.expected_date_of_delivery),
        episodes=episodes,
    )


def scorecard(child: Child, *, today: dt.date) -> measures.ChildScorecard | None:
    """The adoption scorecard on the child's page (issue 15 item 6): A1, A2 and A10 where the
    clock has stopped, and the running A1 and A2 clocks with the day each reaches its threshold.
    None for a child who is not, and has not been, on the adoption route."""
    card = measures.child_scorecard(journey(child), today)
    if card.running or any(f.qualifies for f in (card.a1, card.a2, card.a10)):
        return card
    return None
