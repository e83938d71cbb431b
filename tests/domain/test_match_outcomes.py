"""Outcomes for learning (homeward/domain/match_outcomes.py; issue 15 item 8): what may be
recorded on a match and when, and the report's figures per route and per criterion, with
"none yet" where no match qualifies. Worked examples; the 2 years are the DfE long-term
placement stability measure's."""

from __future__ import annotations

import datetime as dt

from homeward.domain import match_outcomes as mo
from homeward.domain.match_outcomes import Entry, Figure, Kind, MatchRecord
from homeward.domain.matching import Outcome
from homeward.domain.measures import stability

TODAY = dt.date(2026, 11, 24)
MATCHED = dt.date(2024, 3, 1)


def problems(new: Entry, *earlier: Entry, matched_on: dt.date = MATCHED) -> dict[str, str]:
    return mo.problems(matched_on, list(earlier), new, TODAY)


def test_still_together_can_be_recorded_only_once_the_year_or_two_has_passed() -> None:
    assert problems(Entry(Kind.TOGETHER_1_YEAR, dt.date(2025, 3, 1))) == {}
    early = problems(Entry(Kind.TOGETHER_1_YEAR, dt.date(2025, 2, 28)))
    assert early == {
        "on": "Still together at 1 year can be recorded from 1 March 2025, 1 year after the "
        "match was agreed"
    }
    too_soon = problems(Entry(Kind.TOGETHER_2_YEARS, dt.date(2026, 1, 1)))
    assert "can be recorded from 1 March 2026, 2 years after" in too_soon["on"]
    assert mo.TOGETHER_AFTER_MONTHS[Kind.TOGETHER_2_YEARS] == stability.SAME_PLACEMENT_MONTHS


def test_an_unplanned_ending_needs_its_reason_and_nothing_follows_an_ending() -> None:
    ended = Entry(Kind.ENDED_UNPLANNED, dt.date(2024, 9, 1), "Placement broke down")
    assert problems(Entry(Kind.ENDED_UNPLANNED, dt.date(2024, 9, 1))) == {
        "reason": "Enter why the match ended unplanned"
    }
    assert problems(ended) == {}
    after = problems(Entry(Kind.TOGETHER_2_YEARS, dt.date(2026, 3, 1)), ended)
    assert after["kind"] == (
        "The match ended on 1 September 2024 (ended unplanned): nothing more can be recorded on it"
    )


def test_dates_in_the_future_before_the_match_or_before_the_last_outcome_are_refused() -> None:
    assert problems(Entry(Kind.ENDED_PLANNED, TODAY + dt.timedelta(days=1)))["on"] == (
        "The date must be today or in the past"
    )
    assert problems(Entry(Kind.ENDED_PLANNED, dt.date(2024, 2, 1)))["on"] == (
        "The date must be on or after the match was agreed (1 March 2024)"
    )
    year = Entry(Kind.TOGETHER_1_YEAR, dt.date(2025, 4, 1))
    assert problems(Entry(Kind.ENDED_PLANNED, dt.date(2025, 3, 15)), year)["on"] == (
        "The date must be on or after the last outcome recorded (1 April 2025)"
    )
    assert problems(Entry(Kind.TOGETHER_1_YEAR, dt.date(2025, 5, 1)), year)["kind"] == (
        "Still together at 1 year is already recorded for this match"
    )


def record(key: int, child: str, route: str, *entries: Entry, **criteria: Outcome) -> MatchRecord:
    return MatchRecord(
        key=key,
        child_id=child,
        route=route,
        matched_on=MATCHED,
        criteria={k: (k.title(), v) for k, v in criteria.items()},
        entries=entries,
    )


HELD = Entry(Kind.TOGETHER_2_YEARS, dt.date(2026, 3, 1))
BROKE = Entry(Kind.ENDED_UNPLANNED, dt.date(2024, 9, 1), "Broke down")
YEAR = Entry(Kind.TOGETHER_1_YEAR, dt.date(2025, 3, 1))


def test_per_route_held_counts_among_settled_matches_and_children_are_counted_once() -> None:
    records = [
        record(1, "C-1", "Match to IFA carers", HELD, religion=Outcome.MEETS),
        record(2, "C-2", "Match to IFA carers", BROKE, religion=Outcome.NOT_KNOWN),
        record(3, "C-2", "Match to IFA carers", YEAR, religion=Outcome.MEETS),  # a second match
        record(4, "C-3", "Adoption", religion=Outcome.MEETS),  # nothing recorded yet
    ]
    adoption, ifa = mo.by_route(records)
    assert (ifa.group, ifa.matches, ifa.children) == ("Match to IFA carers", 3, 2)
    assert ifa.held.describe() == "1 of 2 (1 child)"  # the 1-year-only match is not settled
    assert ifa.ended_unplanned.describe() == "1 of 3 (1 child)"
    assert adoption.held.describe() == mo.NONE_YET == "none yet"
    assert adoption.ended_unplanned.describe() == "none yet"


def test_per_criterion_every_outcome_is_listed_none_yet_where_no_match_had_it() -> None:
    records = [
        record(1, "C-1", "Adoption", HELD, religion=Outcome.MEETS),
        record(2, "C-2", "Adoption", BROKE, religion=Outcome.NOT_KNOWN),
    ]
    rows = mo.by_criterion(records)
    assert [(r.group, r.outcome) for r in rows] == [
        ("Religion", Outcome.MEETS),
        ("Religion", Outcome.PARTLY),
        ("Religion", Outcome.DOES_NOT_MEET),
        ("Religion", Outcome.NOT_KNOWN),
    ]
    meets, partly, _, not_known = rows
    assert meets.held.describe() == "1 of 1 (1 child)"
    assert meets.ended_unplanned.describe() == "0 of 1 (0 children)"
    assert partly.matches == 0 and partly.held.describe() == "none yet"
    assert not_known.ended_unplanned.describe() == "1 of 1 (1 child)"


def test_the_drill_down_gives_the_matches_behind_a_figure() -> None:
    records = [
        record(1, "C-1", "Adoption", HELD, religion=Outcome.MEETS),
        record(2, "C-2", "Adoption", BROKE, religion=Outcome.NOT_KNOWN),
        record(3, "C-3", "Long-term fostering", BROKE, religion=Outcome.NOT_KNOWN),
    ]
    assert [r.key for r in mo.chosen(records, route="Adoption", figure=Figure.HELD)] == [1]
    behind = mo.chosen(
        records, criterion="religion", outcome="not_known", figure=Figure.ENDED_UNPLANNED
    )
    assert [r.child_id for r in behind] == ["C-2", "C-3"]
    assert len(mo.chosen(records)) == 3
