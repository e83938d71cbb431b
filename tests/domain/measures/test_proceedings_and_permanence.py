"""The 26-week care proceedings measure and time to permanence by route.

Children Act 1989 s32(1)(a): proceedings are to be completed "within twenty-six weeks beginning
with the day on which the application was issued": the issue day is day 1, so the 26 weeks end on
the issue date + 181 days (SPEC.md section 2, which wins over "issue + 26 weeks").
"""

from __future__ import annotations

from decimal import Decimal

from homeward.domain.measures import (
    CARE_PROCEEDINGS,
    NO_CHILD_QUALIFIES,
    ChildJourney,
    Window,
    by_route,
    care_proceedings,
    care_proceedings_average,
    proceedings,
    time_to_permanence,
)
from homeward.domain.measures.proceedings import weeks
from homeward.domain.timescales import Event

from .helpers import D, episode, journey


def test_final_order_on_the_last_day_of_the_26_weeks_is_within():
    # Issued 1 March 2026: the 26 weeks end on 29 August 2026 (1 March + 181 days).
    child = journey("C1", ("proceedings_issued", D(2026, 3, 1)), ("care_order", D(2026, 8, 29)))
    (figure,) = care_proceedings(child)
    assert figure.days == 181
    assert figure.within_threshold is True
    assert proceedings(child)[0].last_day_within == D(2026, 8, 29)


def test_final_order_the_day_after_is_over_26_weeks():
    child = journey(
        "C1", ("proceedings_issued", D(2026, 3, 1)), ("placement_order", D(2026, 8, 30))
    )
    (figure,) = care_proceedings(child)
    assert figure.days == 182
    assert figure.within_threshold is False
    assert "over 26 weeks" in figure.note


def test_an_interim_care_order_does_not_end_proceedings():
    child = journey(
        "C1",
        ("proceedings_issued", D(2026, 3, 1)),
        ("interim_care_order", D(2026, 3, 2)),
    )
    (figure,) = care_proceedings(child)
    assert figure.days is None
    assert (
        figure.note == "Issued 1 March 2026; no final order yet (the 26 weeks end 29 August 2026)."
    )


def test_an_extension_moves_the_timetable_not_the_measure():
    extended = ChildJourney(
        "C1",
        (
            Event(D(2026, 3, 1), "proceedings_issued"),
            Event(D(2026, 8, 1), "proceedings_extended", weeks=8),
            Event(D(2026, 9, 20), "care_order"),
        ),
    )
    (case,) = proceedings(extended)
    assert case.extended_weeks == 8
    assert case.extended_to == D(2026, 10, 24)  # 29 August + 8 weeks
    (figure,) = care_proceedings(extended)
    assert figure.within_threshold is False  # 203 days, whatever the court extended


def test_each_set_of_proceedings_is_its_own_figure():
    child = journey(
        "C1",
        ("proceedings_issued", D(2024, 1, 8)),
        ("proceedings_concluded", D(2024, 5, 1)),
        ("proceedings_issued", D(2025, 2, 3)),
        ("care_order", D(2025, 9, 1)),
    )
    assert [f.days for f in care_proceedings(child)] == [114, 210]


def test_average_counts_proceedings_ended_in_the_window():
    window = Window(D(2026, 1, 1), D(2026, 12, 31))
    children = [
        journey("C1", ("proceedings_issued", D(2026, 3, 1)), ("care_order", D(2026, 8, 29))),
        journey("C2", ("proceedings_issued", D(2026, 3, 1)), ("care_order", D(2026, 9, 28))),
        journey("C3", ("proceedings_issued", D(2026, 6, 1))),
        journey("C4", ("proceedings_issued", D(2025, 1, 6)), ("care_order", D(2025, 7, 1))),
    ]
    found = care_proceedings_average(children, window)
    assert found.count == 2
    assert found.mean_days == 196  # (181 + 211) / 2
    assert found.within_threshold == 1
    assert (
        found.describe() == "196 days (2 sets of proceedings, 1 January 2026 to 31 December 2026)"
    )
    assert weeks(196) == Decimal("28.0")
    assert CARE_PROCEEDINGS.threshold_days == 181
    assert care_proceedings_average([], window).describe().startswith(NO_CHILD_QUALIFIES)


def test_time_to_permanence_by_route_from_the_episodes_reasons():
    # Special guardianship to former foster carers (REC E45) on 15 July 2025, after entering
    # care on 3 February 2025: 28 + 31 + 30 + 31 + 30 + 12 = 162 days.
    sgo = journey(
        "C1",
        episodes=(
            episode(D(2025, 2, 3), D(2025, 4, 1), "S", "V2", "U3"),
            episode(D(2025, 4, 1), D(2025, 7, 15), "L", "C2", "U3", "E45"),
        ),
    )
    (figure,) = time_to_permanence(sgo)
    assert figure.measure.code == "TTP-special guardianship"
    assert figure.days == 162
    home = journey(
        "C2",
        ("became_looked_after", D(2025, 5, 1)),
        ("ceased_looked_after", D(2025, 6, 1)),
        outcomes=(("return home", D(2025, 6, 1)),),
    )
    averages = by_route([sgo, home], Window.years_to_31_march(2026))
    assert averages["special guardianship"].mean_days == 162
    assert averages["return home"].mean_days == 31
    assert averages["adoption"].describe().startswith(NO_CHILD_QUALIFIES)
