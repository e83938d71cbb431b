"""Worked examples for the life story book and the later life letter, due to the adopters within
10 working days of the adoption ceremony (the ceremony celebrating the adoption order): Adoption
Agencies Regulations 2005 reg 35 and the statutory guidance on adoption, chapter 5, as councils'
adoption procedures cite them (statutory.toml ``life-story-book``, ``later-life-letter``).

Written from that text: the day of the ceremony is day 0; working days skip weekends and England's
bank holidays (homeward.domain.calendar). The rules are statutory, so every council has them."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.domain.timescales import Event, Status, evaluate, rules_for

D = dt.date
RULES = ("life-story-book", "later-life-letter")
GIVEN = {"life-story-book": "life_story_book_given", "later-life-letter": "later_life_letter_given"}


LATER = D(2027, 2, 1)


def due(events: list[Event], council: str = "dudley", today: dt.date = LATER) -> dict:
    return {
        e.rule.id: e
        for e in evaluate(rules_for(council), events, today=today)
        if e.rule.id in RULES
    }


@pytest.mark.parametrize("council", ["dudley", "durham", "devon"])
def test_ten_working_days_from_a_ceremony_with_no_holiday_between(council) -> None:
    """Ceremony on Friday 6 November 2026: working days 9-13 and 16-20 November; the tenth is
    Friday 20 November."""
    found = due([Event(D(2026, 11, 6), "adoption_ceremony")], council)
    assert set(found) == set(RULES)
    for rule in RULES:
        assert found[rule].due == D(2026, 11, 20)
        assert found[rule].status is Status.OVERDUE  # nothing given, and 1 February 2027 is later


def test_christmas_and_the_boxing_day_substitute_holiday_are_not_working_days() -> None:
    """Ceremony on Monday 14 December 2026: 15-18 (4), 21-24 (8); Friday 25 December is
    Christmas Day and Monday 28 December the substitute for Boxing Day (a Saturday), both bank
    holidays; then 29 (9) and 30 December (10)."""
    found = due([Event(D(2026, 12, 14), "adoption_ceremony")])
    assert {rule: e.due for rule, e in found.items()} == dict.fromkeys(RULES, D(2026, 12, 30))


def test_given_on_the_tenth_day_is_on_time_and_a_day_later_is_late() -> None:
    events = [
        Event(D(2026, 11, 6), "adoption_ceremony"),
        Event(D(2026, 11, 20), "life_story_book_given"),
        Event(D(2026, 11, 23), "later_life_letter_given"),
    ]
    found = due(events)
    book, letter = found["life-story-book"], found["later-life-letter"]
    assert (book.status, book.met_by) == (Status.MET_ON_TIME, events[1])
    assert (letter.status, letter.days_late) == (Status.MET_LATE, 3)


def test_no_ceremony_no_deadline() -> None:
    """An adoption order with no ceremony recorded sets no date: the guidance counts from the
    ceremony, which is arranged after the order."""
    assert due([Event(D(2026, 11, 2), "order_made")]) == {}


def test_each_is_met_only_by_its_own_event() -> None:
    found = due(
        [
            Event(D(2026, 11, 6), "adoption_ceremony"),
            Event(D(2026, 11, 10), "life_story_book_given"),
        ]
    )
    assert found["life-story-book"].status is Status.MET_ON_TIME
    assert found["later-life-letter"].status is Status.OVERDUE
    assert found["later-life-letter"].rule.satisfied_by == (GIVEN["later-life-letter"],)


def first_stage(events: list[Event], today: dt.date = LATER):
    (found,) = [
        e
        for e in evaluate(rules_for("devon"), events, today=today)
        if e.rule.id == "life-story-book-first-stage"
    ]
    return found


def test_the_first_stage_is_due_at_the_second_review_of_the_adoptive_placement() -> None:
    """ "The first stage is at the second statutory review of the child's placement with the
    prospective adopter": placed for adoption Monday 2 March 2026; the first review (AAR 2005 reg
    36: within 4 weeks) held Friday 27 March; the second then due within 3 months, by 27 June 2026,
    and so the first stage."""
    events = [Event(D(2026, 3, 2), "placed_for_adoption"), Event(D(2026, 3, 27), "cic_review")]
    found = first_stage(events, today=D(2026, 4, 1))
    assert (found.due, found.status) == (D(2026, 6, 27), Status.UPCOMING)


def test_once_the_second_review_is_held_the_first_stage_is_due_that_day() -> None:
    events = [
        Event(D(2026, 3, 2), "placed_for_adoption"),
        Event(D(2026, 3, 27), "cic_review"),
        Event(D(2026, 6, 10), "cic_review"),
        Event(D(2026, 6, 12), "life_story_book_first_stage_given"),
    ]
    found = first_stage(events)
    assert (found.due, found.status, found.days_late) == (D(2026, 6, 10), Status.MET_LATE, 2)


def test_the_adoption_order_stops_the_first_stage() -> None:
    """After the order the completed book is due from the ceremony instead."""
    events = [
        Event(D(2026, 3, 2), "placed_for_adoption"),
        Event(D(2026, 3, 27), "cic_review"),
        Event(D(2026, 5, 1), "order_made"),
    ]
    assert first_stage(events).status is Status.NO_LONGER_APPLIES
