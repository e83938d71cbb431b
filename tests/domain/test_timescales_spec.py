"""Worked examples for the rest of SPEC section 1 and 2: "whichever comes first" (T4), care
outside the legal process (T9), when a pre-birth referral can start (T12), dates carers may apply
for an order (T15, T16), care leavers to 25 (T17) and the network meeting before a return home
(T19). Each cites its seed section or statute; seeds are in shared/seeds/.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homeward.domain.timescales import (
    ChildFacts,
    Event,
    RuleFileError,
    Status,
    evaluate,
    parse_rules,
    rules_for,
)

D = dt.date
DUDLEY, DURHAM, DEVON = rules_for("dudley"), rules_for("durham"), rules_for("devon")


def ev(kind: str, day: dt.date) -> Event:
    return Event(day, kind)


def only(expectations, rule_id: str):
    (found,) = [e for e in expectations if e.rule.id == rule_id]
    return found


# T4 -- 000_f860603ee99ef2b2.txt objective 7: "From the point where the decision is taken to
# start the Public Law Outline or within six weeks of a child become looked after (whichever
# comes first)".


def test_dudley_cpm_within_6_weeks_of_care_when_there_is_no_plo() -> None:
    result = evaluate(DUDLEY, [ev("became_looked_after", D(2026, 3, 2))], today=D(2026, 3, 3))
    cpm = only(result, "first-cpm")
    assert (cpm.due, cpm.status) == (D(2026, 4, 13), Status.UPCOMING)
    assert "whichever comes first" in cpm.explanation


def test_dudley_cpm_from_the_plo_decision_when_that_comes_first() -> None:
    events = [
        ev("became_looked_after", D(2026, 3, 2)),
        ev("plo_started", D(2026, 3, 16)),
        ev("permanence_planning_meeting", D(2026, 3, 20)),
    ]
    cpm = only(evaluate(DUDLEY, events, today=D(2026, 4, 1)), "first-cpm")
    assert (cpm.due, cpm.status, cpm.days_late) == (D(2026, 3, 16), Status.MET_LATE, 4)
    assert cpm.explanation.startswith(
        "Due 16 Mar 2026 because “Public Law Outline (pre-proceedings) started” was recorded "
        "on 16 Mar 2026"
    )


def test_dudley_cpm_a_plo_decided_before_care_starts_the_clock() -> None:
    """Pre-proceedings can start before a child is looked after: the decision comes first."""
    events = [ev("plo_started", D(2026, 1, 12)), ev("became_looked_after", D(2026, 2, 2))]
    cpm = only(evaluate(DUDLEY, events, today=D(2026, 1, 20)), "first-cpm")
    assert (cpm.due, cpm.status, cpm.days_late) == (D(2026, 1, 12), Status.OVERDUE, 8)


def test_dudley_cpm_a_plo_after_the_six_weeks_changes_nothing() -> None:
    events = [ev("became_looked_after", D(2026, 3, 2)), ev("plo_started", D(2026, 5, 1))]
    cpm = only(evaluate(DUDLEY, events, today=D(2026, 5, 2)), "first-cpm")
    assert (cpm.due, cpm.status) == (D(2026, 4, 13), Status.OVERDUE)


@given(plo_day=st.integers(0, 120))
def test_whichever_first_is_never_later_than_six_weeks_nor_earlier_than_the_plo(
    plo_day: int,
) -> None:
    """Adding the PLO decision can only bring the meeting forward, to no earlier than that
    decision; a PLO decided after the six weeks leaves the deadline where it was."""
    start = D(2026, 3, 2)
    plo = start + dt.timedelta(days=plo_day)
    events = [ev("became_looked_after", start), ev("plo_started", plo)]
    cpm = only(evaluate(DUDLEY, events, today=start), "first-cpm")
    assert cpm.due == min(plo, D(2026, 4, 13))


# T9 -- 004_7232501e48845cda.txt 'Permanence Planning Meetings': "Where a child has entered care
# outside of the legal process then a PPM should be held prior to the first Child in Care Review".


def test_devon_ppm_before_the_first_review_over_christmas_2026() -> None:
    """Accommodated under s20 on Friday 18 December 2026: the first review is due within 20
    working days (CPR 2010 reg 33(2)(a)); Christmas Day (Fri), Boxing Day substitute (Mon 28) and
    New Year's Day (Fri 1 Jan 2027) are not working days, so the PPM is due Wednesday 20 Jan."""
    events = [ev("became_looked_after", D(2026, 12, 18)), ev("accommodated_s20", D(2026, 12, 18))]
    ppm = only(evaluate(DEVON, events, today=D(2026, 12, 21)), "ppm-before-first-review")
    review = next(
        e for e in evaluate(DEVON, events, today=D(2026, 12, 21)) if e.rule.id == "cic-review"
    )
    assert ppm.due == review.due == D(2027, 1, 20)


def test_devon_care_within_the_legal_process_has_no_such_rule() -> None:
    events = [ev("became_looked_after", D(2026, 3, 2)), ev("interim_care_order", D(2026, 3, 2))]
    assert not [
        e
        for e in evaluate(DEVON, events, today=D(2026, 3, 3))
        if e.rule.id == "ppm-before-first-review"
    ]


# T12 -- 002_a77630a273fce245.txt 'Pre-birth planning': "Pre-birth referrals should be progressed
# at the earliest opportunity (from 12 weeks gestation)".


def test_durham_pre_birth_referral_can_start_at_12_weeks() -> None:
    unborn = ChildFacts(expected_date_of_delivery=D(2026, 9, 1))
    before = only(evaluate(DURHAM, [], today=D(2026, 2, 1), child=unborn), "pre-birth-referral")
    assert (before.due, before.status) == (D(2026, 2, 17), Status.UPCOMING)
    assert before.explanation.startswith("From 17 Feb 2026 because the expected date of delivery")
    after = only(evaluate(DURHAM, [], today=D(2026, 3, 1), child=unborn), "pre-birth-referral")
    assert after.status == Status.REACHED  # a date to act from, never "overdue"


def test_durham_a_pre_birth_referral_made_ends_the_milestone() -> None:
    unborn = ChildFacts(expected_date_of_delivery=D(2026, 9, 1))
    events = [ev("pre_birth_referral", D(2026, 2, 10))]
    result = evaluate(DURHAM, events, today=D(2026, 3, 1), child=unborn)
    assert only(result, "pre-birth-referral").status == Status.NO_LONGER_APPLIES


# T15 -- Adoption and Children Act 2002 s42(2); 002 'Fostering for Adoption': "The prospective
# adopters can then make an application for adoption (post the plan being placed for 10 week)".


def test_adopters_may_apply_10_weeks_after_placement() -> None:
    events = [
        ev("became_looked_after", D(2024, 1, 10)),
        ev("placement_started", D(2025, 2, 3)),  # the same day: the adoptive placement itself
        ev("placed_for_adoption", D(2025, 2, 3)),
    ]
    soon = only(evaluate(DURHAM, events, today=D(2025, 4, 7)), "adoption-application")
    assert (soon.due, soon.status) == (D(2025, 4, 14), Status.DUE_SOON)
    reached = only(evaluate(DURHAM, events, today=D(2025, 4, 14)), "adoption-application")
    assert reached.status == Status.REACHED and reached.days_late == 0


def test_a_placement_that_ends_before_10_weeks_ends_the_milestone() -> None:
    events = [
        ev("became_looked_after", D(2024, 1, 10)),
        ev("placed_for_adoption", D(2025, 2, 3)),
        ev("placement_started", D(2025, 3, 1)),  # the adoptive placement ended
    ]
    result = only(evaluate(DURHAM, events, today=D(2025, 5, 1)), "adoption-application")
    assert result.status == Status.NO_LONGER_APPLIES
    assert "stopped applying when: placement started on 1 Mar 2025" in result.explanation


# T16 -- Children Act 1989 s10(5A), s14A(5)(d); 002 'Family or friends Placement': a local
# authority foster parent "if the child has lived with him for a period of at least one year".


def test_foster_carers_may_apply_after_a_year_a_leap_day_placement() -> None:
    """Placed on 29 February 2024: a year on is 28 February 2025 (months clamp at month end)."""
    events = [
        ev("became_looked_after", D(2024, 2, 29)),
        ev("foster_placement_started", D(2024, 2, 29)),
    ]
    result = only(evaluate(DEVON, events, today=D(2025, 1, 1)), "foster-carer-order-application")
    assert (result.due, result.status) == (D(2025, 2, 28), Status.UPCOMING)


def test_a_move_to_new_foster_carers_starts_a_new_year() -> None:
    events = [
        ev("became_looked_after", D(2024, 1, 8)),
        ev("foster_placement_started", D(2024, 1, 8)),
        ev("placement_started", D(2024, 9, 2)),
        ev("foster_placement_started", D(2024, 9, 2)),
    ]
    result = [
        e
        for e in evaluate(DEVON, events, today=D(2025, 1, 1))
        if e.rule.id == "foster-carer-order-application"
    ]
    assert [(e.due, e.status) for e in result] == [
        (D(2025, 1, 8), Status.NO_LONGER_APPLIES),
        (D(2025, 9, 2), Status.UPCOMING),
    ]


# T17 -- Children Act 1989 s23CZB; 000 objective 10: "assessed and supported up to the age of 25".


def test_a_care_leaver_is_supported_until_25() -> None:
    child = ChildFacts(date_of_birth=D(2008, 6, 10))
    events = [ev("became_looked_after", D(2023, 5, 1)), ev("ceased_looked_after", D(2026, 6, 10))]
    support = only(
        evaluate(DUDLEY, events, today=D(2026, 7, 1), child=child), "care-leaver-support"
    )
    assert (support.due, support.status) == (D(2033, 6, 10), Status.UPCOMING)
    assert support.explanation.startswith("Until 10 Jun 2033, when the young person turns 25")


def test_a_young_child_leaving_care_is_not_a_care_leaver() -> None:
    child = ChildFacts(date_of_birth=D(2020, 6, 10))
    events = [ev("became_looked_after", D(2023, 5, 1)), ev("ceased_looked_after", D(2026, 6, 10))]
    result = evaluate(DUDLEY, events, today=D(2026, 7, 1), child=child)
    assert not [e for e in result if e.rule.id == "care-leaver-support"]


# T19 -- 002 'Return home from care': "A network meeting or FGC should take place during the
# assessment period ... prior to the child or young person returning home."


def test_durham_network_meeting_during_the_assessment_before_the_return() -> None:
    events = [
        ev("became_looked_after", D(2026, 1, 5)),
        ev("reunification_assessment_started", D(2026, 3, 2)),
        ev("family_network_meeting", D(2026, 3, 10)),
        ev("returned_home", D(2026, 5, 1)),
        ev("ceased_looked_after", D(2026, 5, 1)),
    ]
    check = only(
        evaluate(DURHAM, events, today=D(2026, 6, 1)), "network-meeting-before-return-home"
    )
    assert (check.status, check.met_by) == (
        Status.MET_ON_TIME,
        ev("family_network_meeting", D(2026, 3, 10)),
    )


def test_durham_a_meeting_before_the_assessment_began_does_not_count() -> None:
    events = [
        ev("became_looked_after", D(2026, 1, 5)),
        ev("family_network_meeting", D(2026, 1, 20)),
        ev("reunification_assessment_started", D(2026, 3, 2)),
        ev("returned_home", D(2026, 5, 1)),
    ]
    check = only(
        evaluate(DURHAM, events, today=D(2026, 6, 1)), "network-meeting-before-return-home"
    )
    assert check.status == Status.MISSED and not check.status.is_open
    assert "between the last" in check.explanation


# Events on the same day happen in the journey's order (homeward/domain/events.py).


def test_a_child_who_leaves_care_the_day_they_arrive_has_nothing_open() -> None:
    day = D(2026, 3, 2)
    events = [ev("became_looked_after", day), ev("ceased_looked_after", day)]
    result = evaluate(DUDLEY, events, today=D(2026, 6, 1))
    assert result and not [
        e for e in result if e.status.is_open and e.rule.id != "care-leaver-support"
    ]


@pytest.mark.parametrize(
    "extra,message",
    [
        ("due_by_start = { referral = { days = 1 } }", "'due_by_start': 'referral' is not one of"),
        ("whichever_first = true", "'whichever_first': give true, with two or more starts"),
        ("milestone = 1", "'milestone': give true or false"),
        ('looks_back_to = ["nonsense"]', "'looks_back_to': unknown event 'nonsense'"),
        ('min_age_at_start = "sixteen"', "'min_age_at_start': give a whole number"),
    ],
)
def test_bad_new_fields_fail_to_load_naming_the_rule_and_field(extra: str, message: str) -> None:
    text = (
        '[[rule]]\nid="x"\ntitle="X"\nstarts="became_looked_after"\ndue={days=1}\n'
        f'satisfied_by="cic_review"\nresponsible="iro"\nsource="s"\n{extra}\n'
    )
    with pytest.raises(RuleFileError, match="x.toml, rule x, field " + message.replace("(", r"\(")):
        parse_rules(text, profile="x", file_name="x.toml")


def test_a_milestone_needs_no_satisfying_event_but_a_deadline_does() -> None:
    base = (
        '[[rule]]\nid="x"\ntitle="X"\nstarts="referral"\ndue={days=1}\nresponsible="iro"\n'
        'source="s"\n'
    )
    (rule,) = parse_rules(base + "milestone = true\n", profile="x", file_name="x.toml")
    assert rule.milestone and rule.satisfied_by == ()
    with pytest.raises(RuleFileError, match="missing field 'satisfied_by'"):
        parse_rules(base, profile="x", file_name="x.toml")


def test_durham_genogram_at_the_initial_visit() -> None:
    """002 'Family Group Conference/ Network meetings': "the completion of a genogram, this should
    be completed at the initial visit following the referral"."""
    events = [
        ev("referral", D(2026, 4, 1)),
        ev("initial_visit", D(2026, 4, 3)),
        ev("genogram_completed", D(2026, 4, 6)),
    ]
    genogram = only(evaluate(DURHAM, events, today=D(2026, 5, 1)), "genogram")
    assert (genogram.due, genogram.status, genogram.days_late) == (
        D(2026, 4, 3),
        Status.MET_LATE,
        3,
    )
    assert "sets the same day" in genogram.explanation


def test_visits_stay_six_weekly_after_the_first_year() -> None:
    """CPR 2010 reg 28(2)(c)(ii): after the first year of a placement not intended to last until
    18, visits stay at intervals of not more than 6 weeks."""
    placed = D(2024, 1, 8)
    visits = [ev("social_worker_visit", placed + dt.timedelta(days=5))] + [
        ev("social_worker_visit", placed + dt.timedelta(days=5, weeks=6 * n)) for n in range(1, 12)
    ]
    events = [ev("became_looked_after", D(2023, 6, 1)), ev("placement_started", placed), *visits]
    result = [e for e in evaluate(DUDLEY, events, today=D(2025, 6, 1)) if e.rule.id == "visits"]
    result = [e for e in result if e.anchor.date == placed]
    assert result[-1].due == visits[-1].date + dt.timedelta(weeks=6)
    assert all(e.status == Status.MET_ON_TIME for e in result[:-1])
