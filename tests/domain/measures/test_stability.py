"""Placement stability as the DfE defines it (homeward/domain/measures/stability.py cites it).

Short-term: children looked after on the day "with 3 or more placements during the year".
Long-term: "children aged under 16 who have been looked after continuously for at least 2.5
years, and who were living in the same placement for at least 2 years, or are placed for adoption
and their adoptive placement together with their previous placement last for at least 2 years".
Both leave out children looked after under an agreed series of short-term placements (V3, V4).
"""

from __future__ import annotations

from homeward.domain.measures import (
    NO_CHILD_QUALIFIES,
    long_term_stability,
    share_stable,
    share_with_three_or_more,
    three_or_more_placements,
)

from .helpers import D, episode, journey

YEAR_END = D(2026, 3, 31)


def moves(*extra):
    """Looked after from 1 May 2025 with foster carers (U6); new carers 1 August 2025 (P); a
    temporary placement from 1 October (T0) and back to the same kind of placement on 5 October
    (not a move); a change with the same carers to long-term fostering on 1 December (T: not a
    move); then ``extra``."""
    return (
        episode(D(2025, 5, 1), D(2025, 8, 1), "S", "C2", "U6"),
        episode(D(2025, 8, 1), D(2025, 10, 1), "P", "C2", "U6"),
        episode(D(2025, 10, 1), D(2025, 10, 5), "P", "C2", "T0"),
        episode(D(2025, 10, 5), D(2025, 12, 1), "P", "C2", "U6"),
        episode(D(2025, 12, 1), None if not extra else D(2026, 2, 1), "T", "C2", "U4"),
        *extra,
    )


def test_two_placements_in_the_year_is_not_three():
    figure = three_or_more_placements(journey("C1", episodes=moves()), YEAR_END)
    assert figure.in_cohort
    assert figure.placements == 2
    assert not figure.flagged
    assert figure.note == "2 placements from 1 April 2025 to 31 March 2026."


def test_a_third_carer_in_the_year_makes_three():
    child = journey("C1", episodes=moves(episode(D(2026, 2, 1), None, "P", "C2", "U4")))
    figure = three_or_more_placements(child, YEAR_END)
    assert figure.placements == 3
    assert figure.flagged


def test_the_placement_open_when_the_year_began_counts():
    # Placed 1 January 2025 (before the year), moved 1 June 2025 and 1 January 2026: three.
    child = journey(
        "C1",
        episodes=(
            episode(D(2025, 1, 1), D(2025, 6, 1), "S", "C2", "U6"),
            episode(D(2025, 6, 1), D(2026, 1, 1), "P", "C2", "U6"),
            episode(D(2026, 1, 1), None, "P", "C2", "K2"),
        ),
    )
    assert three_or_more_placements(child, YEAR_END).placements == 3
    # A year later the first two have ended before the year began.
    assert three_or_more_placements(child, D(2027, 3, 31)).placements == 1


def test_the_year_ending_29_february_begins_on_1_march():
    child = journey(
        "C1",
        episodes=(
            episode(D(2027, 1, 1), D(2027, 2, 28), "S", "C2", "U6"),
            episode(D(2027, 2, 28), None, "P", "C2", "U4"),
        ),
    )
    figure = three_or_more_placements(child, D(2028, 2, 29))
    assert figure.since == D(2027, 3, 1)
    assert figure.placements == 1  # the first ended on 28 February 2027, before the year


def test_short_breaks_and_children_not_looked_after_are_not_in_the_cohort():
    breaks = journey("C1", episodes=(episode(D(2025, 6, 1), None, "S", "V3", "U6"),))
    gone = journey("C2", episodes=(episode(D(2025, 6, 1), D(2026, 1, 1), "S", "C2", "U6", "E4A"),))
    assert not three_or_more_placements(breaks, YEAR_END).in_cohort
    assert "short breaks" in three_or_more_placements(breaks, YEAR_END).note
    assert not three_or_more_placements(gone, YEAR_END).in_cohort
    found = share_with_three_or_more([breaks, gone], YEAR_END)
    assert found.percentage is None
    assert found.describe() == f"{NO_CHILD_QUALIFIES} on 31 March 2026"


def long_term(born, *episodes_):
    return journey("C1", born=born, episodes=episodes_)


def test_under_16_looked_after_2_5_years_and_in_the_same_placement_2_years():
    # In care since 1 January 2023 (2.5 years before 31 March 2026 is 30 September 2023); with
    # the same carers since 15 January 2024 (2 years before is 31 March 2024).
    child = long_term(
        D(2015, 6, 1),
        episode(D(2023, 1, 1), D(2024, 1, 15), "S", "C2", "U6"),
        episode(D(2024, 1, 15), None, "P", "C2", "U4"),
    )
    figure = long_term_stability(child, YEAR_END)
    assert figure.in_cohort and figure.flagged
    assert figure.since == D(2024, 1, 15)


def test_a_move_within_the_2_years_is_not_stable():
    child = long_term(
        D(2015, 6, 1),
        episode(D(2023, 1, 1), D(2024, 6, 1), "S", "C2", "U6"),
        episode(D(2024, 6, 1), None, "P", "C2", "U4"),
    )
    figure = long_term_stability(child, YEAR_END)
    assert figure.in_cohort and not figure.flagged


def test_placed_for_adoption_counts_the_placement_before_it():
    # Foster carers from 1 January 2024, placed with new adopters 1 June 2025: together more
    # than 2 years on 31 March 2026.
    child = long_term(
        D(2019, 6, 1),
        episode(D(2023, 1, 1), D(2024, 1, 1), "S", "C2", "U6"),
        episode(D(2024, 1, 1), D(2025, 6, 1), "P", "E1", "U6"),
        episode(D(2025, 6, 1), None, "P", "E1", "A6"),
    )
    figure = long_term_stability(child, YEAR_END)
    assert figure.flagged and figure.since == D(2024, 1, 1)


def test_not_in_the_cohort_at_16_or_before_2_5_years_or_without_a_date_of_birth():
    sixteen = long_term(D(2010, 1, 1), episode(D(2020, 1, 1), None, "S", "C2", "U4"))
    recent = long_term(D(2015, 1, 1), episode(D(2023, 10, 1), None, "S", "C2", "U4"))
    unknown = long_term(None, episode(D(2020, 1, 1), None, "S", "C2", "U4"))
    assert "under 16" in long_term_stability(sixteen, YEAR_END).note
    assert "less than 2.5 years" in long_term_stability(recent, YEAR_END).note
    assert "No date of birth" in long_term_stability(unknown, YEAR_END).note
    stable = long_term(D(2015, 6, 1), episode(D(2020, 1, 1), None, "S", "C2", "U4"))
    found = share_stable([sixteen, recent, unknown, stable], YEAR_END)
    assert (found.cohort, found.flagged, found.percentage) == (1, 1, 100)
    assert found.describe() == "100% (1 of 1 children on 31 March 2026)"


def test_placements_from_events_alone():
    child = journey(
        "C1",
        ("became_looked_after", D(2025, 6, 1)),
        ("placement_started", D(2025, 9, 1)),
        ("placement_started", D(2026, 1, 10)),
    )
    assert three_or_more_placements(child, YEAR_END).placements == 3


def test_foster_carers_who_become_adopters_count_from_when_the_child_moved_in_with_them():
    # Foster carers from 1 January 2023; new carers approved as adopters (U5) on 1 June 2024;
    # placed for adoption with them (A5, RNE T) on 1 October 2025. The adoptive placement and
    # the one before it (the same carers) began 1 June 2024: under 2 years on 31 March 2026. The
    # first foster carers do not count.
    child = long_term(
        D(2019, 6, 1),
        episode(D(2023, 1, 1), D(2024, 6, 1), "S", "C2", "U6"),
        episode(D(2024, 6, 1), D(2025, 10, 1), "P", "E1", "U5"),
        episode(D(2025, 10, 1), None, "T", "E1", "A5"),
    )
    figure = long_term_stability(child, YEAR_END)
    assert figure.in_cohort and not figure.flagged
    assert figure.since == D(2024, 6, 1)
