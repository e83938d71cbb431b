"""The adoption scorecard on the child's Timescales tab (issue 15 item 6): the A2 clock from the
placement order to the match decision (threshold 121 days) and A1 from entering care (426 days),
running while the child waits, and the figures once the clock has stopped. The measures
themselves are worked through in tests/domain/measures/."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from homeward.timescales import journeys
from tests.factories import JourneyEventFactory
from tests.oversight.helpers import looked_after


def _on(days_ago: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days_ago)


def test_a_child_waiting_after_a_placement_order_sees_the_a2_clock_running(client, council) -> None:
    """Issue 16's example: a placement order 90 days ago and no match: A2's 121 days are reached
    31 days from today (SPEC section 2: A2 threshold 4 months, 121 days)."""
    child = looked_after(council, days_ago=400)
    JourneyEventFactory(child=child, kind="placement_order", date=_on(90))
    client.force_login(council.users["social_worker"])
    html = client.get(f"/children/{child.child_id}/timescales/").content.decode()
    assert "Adoption scorecard" in html
    assert "A2: 31 days left" in html
    card = journeys.scorecard(child, today=timezone.localdate())
    assert card is not None
    a2 = next(f for f in card.running if f.measure.code == "A2")
    assert a2.breach_date == _on(90) + dt.timedelta(days=121)
    assert a2.next_step in html


def test_a_clock_past_its_threshold_says_by_how_many_days(client, council) -> None:
    """A1: entering care to moving in with an adoptive family, threshold 426 days (SPEC
    section 2); 430 days in care, a placement order and no placement: 4 days over."""
    child = looked_after(council, days_ago=430)
    JourneyEventFactory(child=child, kind="placement_order", date=_on(100))
    client.force_login(council.users["social_worker"])
    html = client.get(f"/children/{child.child_id}/timescales/").content.decode()
    assert "A1: over by 4 days" in html


def test_a_child_not_on_the_adoption_route_has_no_scorecard(client, council) -> None:
    child = looked_after(council, days_ago=60)
    assert journeys.scorecard(child, today=timezone.localdate()) is None
    client.force_login(council.users["social_worker"])
    html = client.get(f"/children/{child.child_id}/timescales/").content.decode()
    assert "Adoption scorecard" not in html
