"""Worked examples for T18, family time agreed before a placement (Durham Early Permanence
Planning Strategy, 'Family Time': "All family time must be negotiated as part of the Permanence
Plan, a formal agreement setting out how contact will take place, who with, where and how
frequently must be negotiated before placement, and reviewed regularly").

Written from that text: the check is made at each placement in a period of care, and is met by
family time arrangements agreed in that period on or before the day of the placement. Dudley's
and Devon's documents set no such timing (Dudley's Permanence Strategy, objective 8, says only
that links and family time are maintained), so only Durham has the rule.
"""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.domain.timescales import Event, Status, evaluate, rules_for

D = dt.date
DUDLEY, DURHAM, DEVON = rules_for("dudley"), rules_for("durham"), rules_for("devon")
RULE = "family-time-before-placement"
LATER = D(2026, 9, 1)


def checks(events: list[Event]) -> list:
    return sorted(
        (e for e in evaluate(DURHAM, events, today=LATER) if e.rule.id == RULE),
        key=lambda e: e.anchor.date,
    )


def test_agreed_before_the_placement_is_met_at_the_placement() -> None:
    """Looked after 2 Mar 2026, family time agreed 5 Mar, placed 9 Mar: met, by the agreement."""
    events = [
        Event(D(2026, 3, 2), "became_looked_after"),
        Event(D(2026, 3, 5), "family_time_agreed"),
        Event(D(2026, 3, 9), "placement_started"),
    ]
    (check,) = checks(events)
    assert (check.due, check.status, check.met_by) == (
        D(2026, 3, 9),
        Status.MET_ON_TIME,
        Event(D(2026, 3, 5), "family_time_agreed"),
    )


def test_no_agreement_before_the_placement_is_missed_not_overdue() -> None:
    """Placed 9 Mar 2026 with nothing agreed: "negotiated before placement" was not done, and
    agreeing it later cannot make it done before; the check is Missed, not left open."""
    events = [
        Event(D(2026, 3, 2), "became_looked_after"),
        Event(D(2026, 3, 9), "foster_placement_started"),
        Event(D(2026, 3, 20), "family_time_agreed"),
    ]
    (check,) = checks(events)
    assert (check.due, check.status, check.met_by) == (D(2026, 3, 9), Status.MISSED, None)
    assert not check.status.is_open
    assert "“family time arrangements agreed” between the last “became looked after”" in (
        check.explanation
    )


def test_agreed_the_day_of_the_placement_counts() -> None:
    """Agreed and placed on 29 Feb 2028 (a leap day): a day's order puts the agreement first."""
    day = D(2028, 2, 29)
    events = [
        Event(day, "placement_started"),  # recorded first, happens later in the day
        Event(day, "family_time_agreed"),
        Event(day, "became_looked_after"),
    ]
    (check,) = [e for e in evaluate(DURHAM, events, today=D(2028, 3, 31)) if e.rule.id == RULE]
    assert check.status == Status.MET_ON_TIME


def test_each_placement_is_checked_and_an_agreement_in_the_period_covers_a_move() -> None:
    """Placed 9 Mar 2026 without an agreement (missed); agreed 1 Apr; moved 30 Apr: the move
    was made with family time agreed, so that placement's check is met."""
    events = [
        Event(D(2026, 3, 2), "became_looked_after"),
        Event(D(2026, 3, 9), "placement_started"),
        Event(D(2026, 4, 1), "family_time_agreed"),
        Event(D(2026, 4, 30), "placement_started"),
    ]
    first, second = checks(events)
    assert (first.status, second.status) == (Status.MISSED, Status.MET_ON_TIME)


def test_an_agreement_from_an_earlier_period_of_care_does_not_count() -> None:
    """Agreed in the first period of care (ended 31 Jan 2026); back in care 2 Mar and placed
    9 Mar with nothing agreed since: missed. The period that ended at a month end is its own."""
    events = [
        Event(D(2025, 10, 1), "became_looked_after"),
        Event(D(2025, 10, 1), "family_time_agreed"),
        Event(D(2025, 10, 1), "placement_started"),
        Event(D(2026, 1, 31), "ceased_looked_after"),
        Event(D(2026, 3, 2), "became_looked_after"),
        Event(D(2026, 3, 9), "placement_started"),
    ]
    first, second = checks(events)
    assert (first.status, second.status) == (Status.MET_ON_TIME, Status.MISSED)


@pytest.mark.parametrize(
    "kind",
    [
        "placement_started",
        "foster_placement_started",
        "fostering_for_adoption_placement",
        "placed_with_parent",
        "connected_person_temporary_approval",
        "placed",
        "placed_for_adoption",
    ],
)
def test_every_kind_of_placement_is_checked(kind: str) -> None:
    events = [Event(D(2026, 3, 2), "became_looked_after"), Event(D(2026, 3, 9), kind)]
    (check,) = checks(events)
    assert check.status == Status.MISSED


def test_the_rule_cites_durhams_family_time_heading_and_is_durhams_only() -> None:
    (rule,) = [r for r in DURHAM if r.id == RULE]
    assert rule.source.startswith("Durham Early Permanence Planning Strategy, 'Family Time'")
    assert "negotiated before placement" in rule.source
    assert not [r for r in (*DUDLEY, *DEVON) if r.id == RULE]
