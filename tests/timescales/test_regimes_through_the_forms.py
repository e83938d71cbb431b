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


def test_consent_to_placement_recorded_starts_the_authorised_but_not_placed_reviews(
    record,
) -> None:
    """AAR 2005 reg 36(1), authority to place by consent (ACA 2002 s18(2), s19): consent given
    2 Sep 2026 -> review by 2 Dec 2026; the placement order of 20 Nov 2026 restarts nothing."""
    child, post = record
    post("became_looked_after", D(2026, 6, 1))
    post("placement_consent_given", D(2026, 9, 2))
    assert stored(child, "authorised-for-adoption-review") == [(1, D(2026, 9, 2), D(2026, 12, 2))]
    post("placement_order", D(2026, 11, 20))
    assert stored(child, "authorised-for-adoption-review") == [(1, D(2026, 9, 2), D(2026, 12, 2))]


def test_an_interim_order_recorded_as_ended_stops_its_weekly_visits(record) -> None:
    """CPR 2010 reg 28(4) holds while the interim care order does: visited 6 Nov 2026 (due by
    9 Nov); the order ended 10 Nov, so the weekly visit due 13 Nov no longer applies."""
    child, post = record
    for kind in ("became_looked_after", "interim_care_order", "placed_with_parent"):
        post(kind, D(2026, 11, 2))
    post("social_worker_visit", D(2026, 11, 6))
    post("interim_care_order_ended", D(2026, 11, 10))
    rows = [
        (e.due, e.state, e.stopped_kind)
        for e in for_child(child, today=timezone.localdate())
        if e.rule_id == "visits-parent-interim-care-order"
    ]
    assert rows == [
        (D(2026, 11, 9), "met_on_time", ""),
        (D(2026, 11, 13), "no_longer_applies", "interim_care_order_ended"),
    ]


def test_the_childs_agreement_to_6_monthly_visits_recorded_on_the_regime_form(
    record, client
) -> None:
    """CPR 2010 reg 28(3A)/(6): a long-term foster placement since 3 Nov 2025 (recorded on the
    regime form), the child's agreement recorded 1 Nov 2026, and a visit recorded on 20 Nov
    2026, past the placement's first year: the next visit is due within 6 months, 20 May 2027."""
    child, post = record
    post("became_looked_after", D(2025, 11, 3))
    for kind, day in (
        ("long_term_placement_agreed", D(2025, 11, 3)),
        ("six_monthly_visits_agreed", D(2026, 11, 1)),
    ):
        response = client.post(
            f"/children/{child.child_id}/visiting-arrangements/add/",
            {"kind": kind, "date_0": day.day, "date_1": day.month, "date_2": day.year},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(
        f"/children/{child.child_id}/visits/add/",
        {"visited_on_0": 20, "visited_on_1": 11, "visited_on_2": 2026, "seen_alone": "yes"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert stored(child, "visits")[-1] == (2, D(2025, 11, 3), D(2027, 5, 20))
