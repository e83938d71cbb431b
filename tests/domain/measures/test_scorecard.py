"""The adoption scorecard's A1, A2 and A10, per child and as three-year averages.

The rules' text (homeward/domain/measures/scorecard.py cites it): DfE, "Adoption scorecards:
methodology and guidance": A1 is the "average time between a child entering care and moving in
with its adoptive family, for children who have been adopted"; A2 the "average time between a
local authority receiving court authority to place a child and the local authority deciding on a
match to an adoptive family"; A10 is A1 "adjusted for foster carer adoptions". The DfE's help
text for A2 (LG Inform metric 912): children adopted in the three-year period ending 31 March;
"Children who were not placed for adoption prior to the adoption order are excluded. Children
with no placement order or freeing order are also excluded. A time of zero is assigned to
children who were matched before court authority was received." "Figures are rounded to the
nearest day." Thresholds (SPEC.md section 2): A1 426 days, A2 121 days; none for A10.
"""

from __future__ import annotations

from homeward.domain.measures import (
    A1,
    A2,
    A10,
    NO_CHILD_QUALIFIES,
    Window,
    a1,
    a2,
    a10,
    scorecard,
)

from .helpers import D, episode, journey

ADOPTED = D(2025, 10, 1)


def adopted_child(child_id: str = "C1", adopted: D = ADOPTED):
    """Entered care 1 March 2024; placement order 10 January 2025; matched 1 April 2025; placed
    for adoption 20 April 2025; adoption order on ``adopted``."""
    return journey(
        child_id,
        ("became_looked_after", D(2024, 3, 1)),
        ("placement_order", D(2025, 1, 10)),
        ("matched", D(2025, 4, 1)),
        ("placed_for_adoption", D(2025, 4, 20)),
        ("ceased_looked_after", adopted),
        outcomes=(("adoption", adopted),),
    )


def test_a1_entering_care_to_placed_for_adoption():
    # 1 March 2024 to 1 March 2025 is 365 days (29 February 2024 is before the start), then 31
    # days of March and 19 of April: 415, within the 426-day threshold.
    figure = a1(adopted_child())
    assert figure.days == 415
    assert figure.start == D(2024, 3, 1) and figure.end == D(2025, 4, 20)
    assert figure.counted_on == D(2025, 10, 1)
    assert figure.within_threshold is True
    assert A1.threshold_days == 426


def test_a2_placement_order_to_match_decision():
    # 10 January to 1 April 2025: 21 days of January, 28 of February, 31 of March, 1 of April.
    figure = a2(adopted_child())
    assert figure.days == 81
    assert figure.within_threshold is True
    assert A2.threshold_days == 121


def test_a1_across_29_february_in_a_leap_year():
    # February 2028 has 29 days: 1 February to 1 March 2028 is 29 days.
    child = journey(
        "C1",
        ("became_looked_after", D(2028, 2, 1)),
        ("placed_for_adoption", D(2028, 3, 1)),
    )
    assert a1(child).days == 29


def test_a1_counts_from_the_latest_period_of_care_for_a_child_who_came_back():
    # Looked after January to June 2022, back on 1 January 2024, placed 1 June 2024 (2024 is a
    # leap year): 31 + 29 + 31 + 30 + 31 = 152 days from the return, not from 2022.
    child = journey(
        "C1",
        ("became_looked_after", D(2022, 1, 1)),
        ("ceased_looked_after", D(2022, 6, 1)),
        ("became_looked_after", D(2024, 1, 1)),
        ("placed_for_adoption", D(2024, 6, 1)),
    )
    assert a1(child).days == 152
    assert a1(child).start == D(2024, 1, 1)


def test_a_child_not_yet_placed_does_not_qualify_and_says_why():
    child = journey(
        "C1", ("became_looked_after", D(2026, 1, 5)), ("placement_order", D(2026, 6, 1))
    )
    figure = a1(child)
    assert figure.days is None and not figure.qualifies
    assert figure.note == "Not yet placed for adoption."
    assert a2(child).note == "Placement order 1 June 2026; no match decision yet."


def test_a_child_placed_but_not_yet_adopted_has_a_figure_that_does_not_count_yet():
    child = journey(
        "C1",
        ("became_looked_after", D(2026, 1, 5)),
        ("placed_for_adoption", D(2026, 9, 1)),
    )
    figure = a1(child)
    assert figure.days == 239
    assert figure.counted_on is None
    assert "once the adoption order is made" in figure.note


def test_a2_is_zero_for_a_child_matched_before_the_placement_order():
    child = journey(
        "C1",
        ("became_looked_after", D(2024, 3, 1)),
        ("matched", D(2024, 12, 1)),
        ("placement_order", D(2025, 1, 10)),
        ("placed_for_adoption", D(2025, 1, 20)),
        outcomes=(("adoption", D(2025, 9, 1)),),
    )
    figure = a2(child)
    assert figure.days == 0
    assert "counted as 0 days" in figure.note


def test_a2_leaves_out_a_child_placed_with_consent_and_no_placement_order():
    child = journey(
        "C1",
        ("became_looked_after", D(2024, 3, 1)),
        ("placement_consent_given", D(2024, 6, 1)),
        ("matched", D(2024, 8, 1)),
        ("placed_for_adoption", D(2024, 9, 1)),
        outcomes=(("adoption", D(2025, 3, 1)),),
    )
    assert a2(child).days is None
    assert "No placement order" in a2(child).note
    assert a1(child).days is not None  # A1 still counts the child


def test_a_child_adopted_without_a_placement_for_adoption_before_the_order_is_left_out():
    child = journey(
        "C1",
        ("became_looked_after", D(2023, 3, 1)),
        ("placement_order", D(2024, 1, 10)),
        ("matched", D(2024, 4, 1)),
        outcomes=(("adoption", D(2025, 3, 1)),),
    )
    for figure in (a1(child), a2(child), a10(child)):
        assert figure.days is None
        assert "not counted" in figure.note


FOSTER_CARER_ADOPTION = (
    # Foster carers (U6) from 10 January 2024; moved on 1 March 2024 to carers approved as
    # adopters (U5, fostering for adoption); placement order 1 September 2024 (LS E1, same
    # carers); placed for adoption with them on 1 December 2024 (A5, RNE T: same carers);
    # adopted 1 May 2025 (REC E12).
    episode(D(2024, 1, 10), D(2024, 3, 1), "S", "C1", "U6"),
    episode(D(2024, 3, 1), D(2024, 9, 1), "P", "C1", "U5"),
    episode(D(2024, 9, 1), D(2024, 12, 1), "L", "E1", "U5"),
    episode(D(2024, 12, 1), D(2025, 5, 1), "T", "E1", "A5", "E12"),
)


def test_a10_counts_to_the_day_the_child_moved_in_with_the_carers_who_adopted():
    child = journey("C1", ("matched", D(2024, 11, 1)), episodes=FOSTER_CARER_ADOPTION)
    # A1: 10 January to 1 December 2024 (day 10 to day 336 of a leap year): 326 days.
    assert a1(child).days == 326
    # A10: to 1 March 2024, when the child moved in with the carers who adopted (day 61): 51.
    assert a10(child).days == 51
    assert a10(child).end == D(2024, 3, 1)
    assert a10(child).counted_on == D(2025, 5, 1)
    # A2 from the placement order read off the episodes (1 September, day 245) to the match
    # (1 November, day 306): 61.
    assert a2(child).days == 61
    assert A10.threshold_days is None  # SPEC.md: no separate threshold found


def test_a10_equals_a1_for_a_child_who_moved_to_new_adopters():
    episodes = (
        episode(D(2024, 1, 10), D(2024, 12, 1), "S", "C2", "U6"),
        episode(D(2024, 12, 1), D(2025, 5, 1), "B", "E1", "A6", "E12"),
    )
    child = journey("C1", episodes=episodes)
    assert a10(child).days == a1(child).days == 326


def test_a10_takes_the_day_moved_in_when_it_is_recorded_by_hand():
    child = journey(
        "C1",
        ("became_looked_after", D(2024, 1, 10)),
        ("placed_for_adoption", D(2024, 12, 1)),
        moved_in=D(2024, 3, 1),
    )
    assert a10(child).days == 51


def test_three_year_average_counts_only_children_adopted_in_the_window():
    # 2023-26: 1 April 2023 to 31 March 2026.
    window = Window.years_to_31_march(2026)
    assert (window.first, window.last) == (D(2023, 4, 1), D(2026, 3, 31))
    foster = journey("C2", ("matched", D(2024, 11, 1)), episodes=FOSTER_CARER_ADOPTION)
    not_yet = journey(
        "C3", ("became_looked_after", D(2025, 1, 1)), ("placement_order", D(2025, 6, 1))
    )
    too_late = adopted_child("C4", adopted=D(2026, 4, 1))
    a1_average, a2_average, a10_average = scorecard(
        [adopted_child("C1"), foster, not_yet, too_late], window
    )
    # A1: (415 + 326) / 2 = 370.5, rounded half up to 371; two children.
    assert a1_average.count == 2
    assert a1_average.mean_days == 371
    assert a1_average.meets_threshold is True
    assert a1_average.describe() == "371 days (2 children, 1 April 2023 to 31 March 2026)"
    # A2: (81 + 61) / 2 = 71.
    assert (a2_average.count, a2_average.mean_days) == (2, 71)
    # A10: (415 + 51) / 2 = 233.
    assert (a10_average.count, a10_average.mean_days) == (2, 233)
    assert {f.child_id for f in a1_average.figures} == {"C1", "C2"}


def test_an_average_where_no_child_qualifies_says_so_and_is_never_zero():
    window = Window.years_to_31_march(2026)
    not_yet = journey("C3", ("became_looked_after", D(2025, 1, 1)))
    for found in scorecard([not_yet], window):
        assert found.count == 0
        assert found.mean_days is None
        assert found.meets_threshold is None
        assert found.describe().startswith(NO_CHILD_QUALIFIES)


def test_within_threshold_counts_children_at_or_under_it_and_is_none_without_one():
    window = Window.years_to_31_march(2026)
    a1_average, _, a10_average = scorecard([adopted_child("C1")], window)
    assert a1_average.within_threshold == 1
    assert a10_average.within_threshold is None
