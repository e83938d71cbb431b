"""The Corporate Parenting Board's figures by financial-year quarter (issue 16 item 3).

Quarters are financial-year quarters (Q1 April to June ... Q4 January to March), as the SSDA903
year and the DfE's figures run to 31 March. Each quarter's figure is the measure's own definition
with the quarter as its window (homeward/domain/measures/quarters.py): A1, A2 and A10 (DfE,
Adoption scorecards: methodology and guidance) over the children adopted in the quarter; the 26
weeks over the proceedings whose final order falls in it (Children Act 1989 s32(1)(a): the issue
day is day 1, so 181 days or fewer is within); the stability indicators (DfE, Stability
measures) on the quarter's last day. Every date below is worked by hand.
"""

from __future__ import annotations

import pytest

from homeward.domain.measures import NO_CHILD_QUALIFIES
from homeward.domain.measures import quarters as q
from homeward.domain.measures.quarters import MetDeadline, Quarter

from .helpers import D, journey

TODAY = D(2026, 11, 24)  # tests/clock.py: Tuesday 24 November 2026


@pytest.mark.parametrize(
    "day,label",
    [
        (D(2026, 3, 31), "Q4 2025-26"),  # the financial year ends on 31 March
        (D(2026, 4, 1), "Q1 2026-27"),
        (D(2026, 6, 30), "Q1 2026-27"),
        (D(2026, 7, 1), "Q2 2026-27"),
        (D(2026, 11, 24), "Q3 2026-27"),
        (D(2027, 1, 1), "Q4 2026-27"),
        (D(1999, 12, 31), "Q3 1999-00"),
    ],
)
def test_the_quarter_a_day_falls_in(day, label):
    assert Quarter.of(day).label == label


def test_a_quarters_days_and_months():
    q3 = Quarter(2026, 3)
    assert (q3.first, q3.last, q3.months) == (
        D(2026, 10, 1),
        D(2026, 12, 31),
        "October to December 2026",
    )
    q4 = Quarter(2025, 4)  # January to March 2026: the year's last quarter, in the next year
    assert (q4.first, q4.last) == (D(2026, 1, 1), D(2026, 3, 31))
    assert Quarter(2023, 4).last == D(2024, 3, 31)  # a leap year's February inside
    assert q4.following() == Quarter(2026, 1) and Quarter(2026, 1).previous() == q4


def test_this_quarter_to_date_and_the_four_before_it_oldest_first():
    shown = q.quarters_to(TODAY)
    assert [s.label for s in shown] == [
        "Q3 2025-26",
        "Q4 2025-26",
        "Q1 2026-27",
        "Q2 2026-27",
        "Q3 2026-27",
    ]
    # The quarter under way counts to today.
    assert shown[-1].window(TODAY).last == TODAY
    assert shown[0].window(TODAY).last == D(2025, 12, 31)
    assert shown[-1].describe(TODAY) == "Q3 2026-27 (1 October to 24 November 2026, to date)"
    assert shown[0].describe(TODAY) == "Q3 2025-26 (October to December 2025)"


def test_a_quarter_by_its_key_and_nothing_else():
    assert Quarter.parse("2026-Q3") == Quarter(2026, 3) and Quarter(2026, 3).key == "2026-Q3"
    for bad in ("", "2026", "2026-Q5", "26-Q1", "2026-Qx", "x-Q1"):
        with pytest.raises(ValueError):
            Quarter.parse(bad)
    with pytest.raises(ValueError):
        Quarter(2027, 1).window(TODAY)  # not begun


def _adopted(child_id, care, order, matched, placed, adopted):
    return journey(
        child_id,
        ("became_looked_after", care),
        ("placement_order", order),
        ("matched", matched),
        ("placed_for_adoption", placed),
        ("ceased_looked_after", adopted),
        outcomes=(("adoption", adopted),),
    )


CHILDREN = (
    # Adopted 1 October 2025 (Q3 2025-26): A1 1 March 2024 to 20 April 2025 = 415 days; A2
    # 10 January to 1 April 2025 = 21 + 28 + 31 + 1 = 81 days.
    _adopted("C1", D(2024, 3, 1), D(2025, 1, 10), D(2025, 4, 1), D(2025, 4, 20), D(2025, 10, 1)),
    # Adopted 15 May 2026 (Q1 2026-27): A1 1 January 2025 to 1 March 2026 = 365 + 31 + 28 = 424
    # days; A2 1 August 2025 to 1 February 2026 = 31 + 30 + 31 + 30 + 31 + 31 = 184 days.
    _adopted("C2", D(2025, 1, 1), D(2025, 8, 1), D(2026, 2, 1), D(2026, 3, 1), D(2026, 5, 15)),
    # Adopted 20 June 2026 (Q1 2026-27): A1 1 January to 1 November 2025 = 304 days; A2 1
    # September to 1 October 2025 = 30 days.
    _adopted("C3", D(2025, 1, 1), D(2025, 9, 1), D(2025, 10, 1), D(2025, 11, 1), D(2026, 6, 20)),
    # Care proceedings issued 1 February 2026, care order 10 August 2026 (Q2 2026-27): 1
    # February to 1 August is 28 + 31 + 30 + 31 + 30 + 31 = 181 days (the last day within the
    # 26 weeks), then 9 more to 10 August = 190 days, over.
    journey(
        "C4",
        ("became_looked_after", D(2026, 1, 20)),
        ("proceedings_issued", D(2026, 2, 1)),
        ("care_order", D(2026, 8, 10)),
    ),
)


def _by_key(measures):
    return {m.key: m for m in measures}


def test_the_adoption_scorecard_and_26_weeks_by_quarter():
    found = _by_key(q.national_measures(CHILDREN, q.quarters_to(TODAY), TODAY))
    a1 = [f.value for f in found["A1"].figures]
    a2 = [f.value for f in found["A2"].figures]
    # Q1 2026-27: A1 (424 + 304) / 2 = 364; A2 (184 + 30) / 2 = 107, one of the two within 121.
    assert a1 == [415, None, 364, None, None]
    assert a2 == [81, None, 107, None, None]
    q1 = found["A2"].figures[2]
    assert (q1.counted, q1.within, q1.over_threshold) == (2, 1, False)
    assert q1.text() == "107 days (2 children)"
    assert {b.child_id for b in q1.behind} == {"C2", "C3"}
    assert [b.counted for b in q1.behind] == [False, True]  # C2's 184 days are over 121
    # No child adopted in the quarter: no figure, never 0.
    assert found["A1"].figures[1].text() == NO_CHILD_QUALIFIES
    assert found["A1"].figures[1].counted == 0
    cp26 = found["CP26"].figures
    assert [f.value for f in cp26] == [None, None, None, 190, None]
    assert cp26[3].over_threshold and cp26[3].within == 0
    assert cp26[3].text() == "190 days (1 set of proceedings)"
    # Thresholds from the measures module (DfE, January 2014; s32(1)(a)).
    assert (found["A1"].threshold, found["A2"].threshold, found["A10"].threshold) == (
        426,
        121,
        None,
    )
    assert found["CP26"].threshold == 181


def test_a1_over_its_threshold_in_a_quarter_is_marked_over():
    late = _adopted(
        "C5", D(2024, 1, 1), D(2024, 6, 1), D(2024, 7, 1), D(2025, 3, 1), D(2025, 10, 10)
    )  # 1 January 2024 to 1 March 2025: 366 + 31 + 28 = 425 days
    later = _adopted(
        "C6", D(2024, 1, 1), D(2024, 6, 1), D(2024, 7, 1), D(2025, 3, 3), D(2025, 11, 10)
    )  # 427 days: the mean, 426, is at the threshold (within)
    figure = _by_key(q.national_measures([late, later], q.quarters_to(TODAY), TODAY))["A1"]
    assert (figure.figures[0].value, figure.figures[0].over_threshold) == (426, False)
    alone = _by_key(q.national_measures([later], q.quarters_to(TODAY), TODAY))["A1"]
    assert (alone.figures[0].value, alone.figures[0].over_threshold) == (427, True)


def test_stability_on_each_quarters_last_day():
    """Looked after from 1 January 2026 with new placements on 1 February and 1 March: on 31
    March 2026 three placements in the 12 months (flagged); on 31 December 2025 not looked
    after (no child qualifies)."""
    moved = journey(
        "C7",
        ("became_looked_after", D(2026, 1, 1)),
        ("placement_started", D(2026, 2, 1)),
        ("placement_started", D(2026, 3, 1)),
    )
    settled = journey("C8", ("became_looked_after", D(2026, 1, 1)))
    found = _by_key(q.national_measures([moved, settled], q.quarters_to(TODAY), TODAY))
    three = found["placements-3-plus"].figures
    assert three[0].text() == NO_CHILD_QUALIFIES
    assert three[1].text() == "50% (1 of 2 children)"
    assert three[4].window.last == TODAY  # the quarter under way: on today
    assert [b.child_id for b in three[1].behind if b.counted] == ["C7"]


def test_timeliness_of_the_deadlines_met_in_each_quarter():
    met = [
        MetDeadline("C1", "Child in Care review", D(2026, 10, 12), D(2026, 10, 10), True),
        MetDeadline("C2", "Child in Care review", D(2026, 10, 20), D(2026, 11, 5), False),
        MetDeadline("C2", "Child in Care review", D(2026, 6, 1), D(2026, 5, 30), True),
    ]
    figure = q.timeliness(q.TIMELINESS[0], met, q.quarters_to(TODAY), TODAY)
    assert [f.text() for f in figure.figures] == [
        NO_CHILD_QUALIFIES,
        NO_CHILD_QUALIFIES,
        "100% (1 of 1 deadline met)",
        NO_CHILD_QUALIFIES,
        "50% (1 of 2 deadlines met)",
    ]
    assert figure.figures[4].children == 2


def test_which_deadlines_each_timeliness_figure_counts():
    reviews, ppms, plans = q.TIMELINESS
    assert reviews.counts("cic-review", ",cic_review,")
    # A council's permanence meetings are whatever rule its permanence planning meeting meets
    # (Dudley's "ppm" and "first-cpm", Durham's "early-ppm", Devon's "initial-ppm"...).
    assert ppms.counts("early-ppm", ",permanence_planning_meeting,")
    assert not ppms.counts("aepp", ",aepp_held,")
    assert plans.counts("permanence-plan", ",permanence_plan_agreed,")
    assert not plans.counts("care-plan", ",care_plan_agreed,")


def test_children_past_their_plan_deadline_with_no_plan_on_each_quarters_last_day():
    """The permanence plan is due by the second review (statutory guidance vol. 2; DS objective
    7). C1's fell due 1 February 2026 and was agreed 10 May 2026: no plan on 31 March (Q4
    2025-26), a plan by 30 June (Q1 2026-27). C2's fell due 1 September 2026 and is still not
    agreed: no plan on 30 September and today. C3 left care on 1 August 2026 with none: not
    counted from Q2. C1, agreed, counts (with a plan) while looked after. Before 1 February
    2026 nobody's deadline had passed: no child qualifies."""
    plans = [
        q.PlanDeadline("C1", D(2026, 2, 1), D(2026, 5, 10), None),
        q.PlanDeadline("C2", D(2026, 9, 1), None, None),
        q.PlanDeadline("C3", D(2026, 3, 1), None, None),
    ]
    in_care = {
        "C1": journey("C1", ("became_looked_after", D(2025, 9, 1))),
        "C2": journey("C2", ("became_looked_after", D(2026, 5, 1))),
        "C3": journey(
            "C3",
            ("became_looked_after", D(2025, 11, 1)),
            ("ceased_looked_after", D(2026, 8, 1)),
        ),
    }
    figure = q.no_plan(plans, in_care, q.quarters_to(TODAY), TODAY)
    assert [f.text() for f in figure.figures] == [
        NO_CHILD_QUALIFIES,  # Q3 2025-26: no deadline passed by 31 December 2025
        "100% (2 of 2 children)",  # 31 March 2026: C1 and C3 without a plan
        "50% (1 of 2 children)",  # 30 June: C1 agreed, C3 not
        "50% (1 of 2 children)",  # 30 September: C3 left care; C1 agreed; C2 none
        "50% (1 of 2 children)",  # today: the same
    ]
    assert [b.counted for b in figure.figures[2].behind] == [False, True]


def test_time_to_permanence_by_route_in_each_quarter():
    """Issue 16 item 1, time to permanence by route: days from entering care (the start of the
    period of care) to the day the child left it to permanence, averaged over the outcomes in the
    quarter, one row per route (homeward/domain/measures/permanence.py)."""
    sgo = journey(
        "S1",
        ("became_looked_after", D(2025, 6, 1)),
        ("ceased_looked_after", D(2026, 5, 1)),
        outcomes=(("special guardianship", D(2026, 5, 1)),),
    )  # 1 June 2025 to 1 May 2026: 30 + 31 + 31 + 30 + 31 + 30 + 31 + 31 + 28 + 31 + 30 = 334
    home = journey(
        "H1",
        ("became_looked_after", D(2026, 9, 1)),
        ("ceased_looked_after", D(2026, 10, 11)),
        outcomes=(("return home", D(2026, 10, 11)),),
    )  # 1 September to 11 October 2026: 30 + 10 = 40 days, in the quarter under way
    found = _by_key(q.national_measures([*CHILDREN, sgo, home], q.quarters_to(TODAY), TODAY))
    assert [f.value for f in found["ttp-special-guardianship"].figures] == [
        None, None, 334, None, None
    ]  # fmt: skip
    assert [f.value for f in found["ttp-return-home"].figures] == [None, None, None, None, 40]
    # Adoption by route counts the same adopted children as A1, to the adoption itself:
    # C1 1 March 2024 to 1 October 2025 = 579 days.
    assert found["ttp-adoption"].figures[0].value == 579
    assert found["ttp-adoption"].figures[0].behind[0].child_id == "C1"
    assert found["ttp-child-arrangements-order"].figures[2].text() == NO_CHILD_QUALIFIES
    assert found["ttp-adoption"].threshold is None  # no national threshold for these
