"""Journey events read off SSDA903 episodes: worked examples (codes as csc-validator-be-903)."""

import datetime as dt

from homeward.domain.ssda903.journey import DerivedEvent, EpisodeFacts, derive_events

D = dt.date


def ep(start, end, rne, ls, place, rec=""):
    return EpisodeFacts(start, end, rne, ls, place, rec)


def test_an_adoption_journey() -> None:
    events = derive_events(
        [
            ep(D(2024, 1, 10), D(2024, 6, 1), "S", "C1", "U4", "X1"),
            ep(D(2024, 6, 1), D(2025, 2, 3), "L", "E1", "U4", "X1"),  # placement order
            ep(D(2025, 2, 3), D(2025, 9, 30), "P", "E1", "A5", "E11"),  # placed, then adopted
        ],
        adoption_decisions=(D(2024, 5, 20),),
        matched_on=D(2025, 1, 15),
    )
    assert events == [
        DerivedEvent(D(2024, 1, 10), "became_looked_after"),
        DerivedEvent(D(2024, 1, 10), "foster_placement_started", "U4"),
        DerivedEvent(D(2024, 1, 10), "interim_care_order"),
        DerivedEvent(D(2024, 1, 10), "long_term_placement_agreed", "U4"),
        DerivedEvent(D(2024, 5, 20), "adm_decision", "Should be placed for adoption"),
        DerivedEvent(D(2024, 6, 1), "placement_order"),
        DerivedEvent(D(2025, 1, 15), "matched", "Matched with prospective adopters"),
        # A5: placed for adoption with the current foster carers: the child did not move.
        DerivedEvent(D(2025, 2, 3), "placed_for_adoption"),
        DerivedEvent(
            D(2025, 9, 30),
            "ceased_looked_after",
            "E11: Adopted: application for an adoption order unopposed",
        ),
        DerivedEvent(D(2025, 9, 30), "order_made", "Adoption (E11)"),
    ]


def test_a_gap_between_episodes_starts_a_new_period_of_care() -> None:
    events = derive_events(
        [
            ep(D(2023, 3, 1), D(2023, 8, 1), "S", "V2", "U1", "E4A"),
            ep(D(2024, 2, 1), None, "S", "V2", "U4"),
        ]
    )
    kinds = [(e.date, e.kind) for e in events]
    assert (D(2023, 8, 1), "returned_home") in kinds
    assert [d for d, k in kinds if k == "became_looked_after"] == [D(2023, 3, 1), D(2024, 2, 1)]


def test_a_change_of_placement_starts_a_placement_but_no_legal_event() -> None:
    events = derive_events(
        [
            ep(D(2024, 1, 1), D(2024, 3, 1), "S", "C2", "U4", "X1"),
            ep(D(2024, 3, 1), None, "P", "C2", "U5"),
        ]
    )
    assert [e.kind for e in events] == [
        "became_looked_after",
        "care_order",
        "foster_placement_started",  # U4: with local authority foster carers
        "long_term_placement_agreed",  # U4: long-term fostering (CPR 2010 reg 28(2)(c)(i))
        "foster_placement_started",  # U5: a new foster placement, a new year (CA 1989 s10(5A))
        "fostering_for_adoption_placement",  # U5: carers who are approved adopters
        "placement_started",
    ]


def test_section_20_accommodation_is_care_outside_the_legal_process() -> None:
    """004 'Permanence Planning Meetings': a PPM before the first review where a child entered
    care outside the legal process; SSDA903 legal status V2 is accommodation under s20."""
    events = derive_events([ep(D(2024, 1, 1), None, "S", "V2", "K2")])
    assert [e.kind for e in events] == ["accommodated_s20", "became_looked_after"]


def test_special_guardianship_is_an_order_made() -> None:
    events = derive_events([ep(D(2024, 1, 1), D(2025, 1, 1), "S", "C2", "U1", "E45")])
    assert DerivedEvent(D(2025, 1, 1), "order_made", "Special guardianship (E45)") in events


def test_each_review_in_the_return_is_a_child_in_care_review_held() -> None:
    events = derive_events(
        [ep(D(2024, 1, 1), None, "S", "C2", "U4")],
        reviews=(D(2024, 1, 25), D(2024, 4, 20)),
    )
    assert [e for e in events if e.kind == "cic_review"] == [
        DerivedEvent(D(2024, 1, 25), "cic_review"),
        DerivedEvent(D(2024, 4, 20), "cic_review"),
    ]


def test_an_episode_ending_and_another_starting_the_same_day_is_one_period() -> None:
    """SSDA903 guidance: a change of legal status on the day an episode ends continues the
    period of care, whatever the new episode's reason says: no end, no second start."""
    events = derive_events(
        [
            ep(D(2024, 1, 1), D(2024, 3, 1), "S", "V2", "U6", "E13"),
            ep(D(2024, 3, 1), None, "S", "C2", "U6"),
        ]
    )
    kinds = [e.kind for e in events]
    assert kinds.count("became_looked_after") == 1
    assert "ceased_looked_after" not in kinds
    assert DerivedEvent(D(2024, 3, 1), "care_order") in events


def test_short_breaks_are_read_from_legal_status_v3_and_v4() -> None:
    """CPR 2010 reg 48: V3/V4 short breaks follow their own timetable."""
    events = derive_events([ep(D(2024, 1, 1), None, "S", "V3", "U6")])
    assert DerivedEvent(D(2024, 1, 1), "short_breaks_started", "Legal status V3") in events


def test_placed_with_a_parent_is_read_from_place_p1() -> None:
    """CPR 2010 reg 28(3): weekly visits; SSDA903 PLACE P1 is placed with a parent."""
    events = derive_events(
        [
            ep(D(2024, 1, 1), D(2024, 2, 1), "S", "C1", "U6", "X1"),
            ep(D(2024, 2, 1), None, "P", "C1", "P1"),
        ]
    )
    assert DerivedEvent(D(2024, 2, 1), "placed_with_parent", "P1") in events
    assert DerivedEvent(D(2024, 2, 1), "placement_started") in events


def test_fostering_for_adoption_then_placed_with_the_same_carers_is_no_move() -> None:
    """ACA 2002 s42(2): the 10 weeks run from the day the child moved in with the carers (U5,
    approved adopters); placed for adoption with them (A5, current foster carers) is no move."""
    events = derive_events(
        [
            ep(D(2024, 1, 1), D(2024, 5, 1), "S", "C2", "U5", "X1"),
            ep(D(2024, 5, 1), None, "P", "E1", "A5"),
        ]
    )
    assert DerivedEvent(D(2024, 1, 1), "fostering_for_adoption_placement", "U5") in events
    assert DerivedEvent(D(2024, 5, 1), "placed_for_adoption") in events
    assert DerivedEvent(D(2024, 5, 1), "placement_started") not in events
