"""Issue 13's regimes through the journey event form: what a social worker records is what the
stored deadlines follow (the same rules as the import). The clock is Tue 24 Nov 2026."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from homeward.timescales.selectors import for_child
from tests.factories import AllocationFactory, ChildFactory

D = dt.date


@pytest.fixture
def record(client, council):
    client.force_login(council.users["social_worker"])
    child = ChildFactory(date_of_birth=D(2020, 5, 1))  # no journey yet
    AllocationFactory(
        child=child, social_worker=council.users["social_worker"], team=council.team_a
    )

    def post(kind: str, day: dt.date) -> None:
        response = client.post(
            f"/children/{child.child_id}/events/add/",
            {"kind": kind, "date_0": day.day, "date_1": day.month, "date_2": day.year},
        )
        assert response.status_code == 302, response.content.decode()[:2000]

    return child, post


def stored(child, rule_id: str):
    today = timezone.localdate()
    return [
        (e.occurrence, e.anchor_on, e.due)
        for e in for_child(child, today=today)
        if e.rule_id == rule_id
    ]


def test_placed_with_a_parent_recorded_on_the_journey_starts_weekly_visits(record) -> None:
    """CPR 2010 reg 28(3): became looked after and placed with a parent Mon 2 Nov 2026: a visit
    weekly (first by 9 Nov) in place of reg 28(2)'s timetable."""
    child, post = record
    post("became_looked_after", D(2026, 11, 2))
    post("placed_with_parent", D(2026, 11, 2))
    post("social_worker_visit", D(2026, 11, 6))
    assert stored(child, "visits-placed-with-parent") == [
        (1, D(2026, 11, 2), D(2026, 11, 9)),
        (2, D(2026, 11, 2), D(2026, 11, 13)),
    ]
    assert stored(child, "visits") == []


def test_a_second_became_looked_after_recorded_restarts_nothing(record) -> None:
    """A period of care starts the clocks once: the review stays due 20 working days from
    2 Nov 2026 (30 Nov), and a care plan agreed before it (30 Oct) meets reg 4(2)."""
    child, post = record
    post("care_plan_agreed", D(2026, 10, 30))
    post("became_looked_after", D(2026, 11, 2))
    post("became_looked_after", D(2026, 11, 16))
    assert stored(child, "cic-review") == [(1, D(2026, 11, 2), D(2026, 11, 30))]
    (care_plan,) = [
        e for e in for_child(child, today=timezone.localdate()) if e.rule_id == "care-plan"
    ]
    assert care_plan.met_on == D(2026, 10, 30) and care_plan.late_by == 0


def test_a_first_review_recorded_early_moves_the_permanence_plan(record) -> None:
    """The plan at the second review: first review held 20 Nov 2026 -> second, and the plan,
    due 20 Feb 2027."""
    child, post = record
    post("became_looked_after", D(2026, 11, 2))
    post("cic_review", D(2026, 11, 20))
    assert stored(child, "permanence-plan") == [(1, D(2026, 11, 2), D(2027, 2, 20))]
