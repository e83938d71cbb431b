"""Worked examples for the legal process beyond the 26 weeks and support after permanence
(issue 18 items 4 and 7): each rule with dates worked out from its text, and each council's
practice with its source."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.domain import legal
from homeward.domain.meetings import meeting_types
from homeward.domain.timescales import Event, Status, evaluate, rules_for

D = dt.date
TODAY = D(2026, 12, 7)


def rows(council: str, events: list[tuple[str, dt.date]], rule_id: str, today=TODAY):
    found = evaluate(rules_for(council), [Event(d, k) for k, d in events], today=today)
    return [(e.occurrence, e.due, e.status) for e in found if e.rule.id == rule_id]


# Pre-proceedings within 16 weeks (Public Law Working Group best practice guidance, check).


@pytest.mark.parametrize("council", ["dudley", "durham", "devon"])
def test_pre_proceedings_are_due_to_conclude_16_weeks_after_they_start(council) -> None:
    """The PLO started on Monday 3 August 2026: 16 weeks on is Monday 23 November 2026, passed
    on 7 December with nothing recorded: overdue."""
    assert rows(council, [("plo_started", D(2026, 8, 3))], "pre-proceedings-16-weeks") == [
        (1, D(2026, 11, 23), Status.OVERDUE)
    ]


def test_pre_proceedings_ended_without_an_application_meets_the_16_weeks() -> None:
    events = [("plo_started", D(2026, 8, 3)), ("pre_proceedings_ended", D(2026, 11, 2))]
    assert rows("dudley", events, "pre-proceedings-16-weeks") == [
        (1, D(2026, 11, 23), Status.MET_ON_TIME)
    ]


def test_proceedings_issued_after_the_16_weeks_are_late() -> None:
    events = [("plo_started", D(2026, 8, 3)), ("proceedings_issued", D(2026, 12, 1))]
    assert rows("durham", events, "pre-proceedings-16-weeks") == [
        (1, D(2026, 11, 23), Status.MET_LATE)
    ]


def test_an_interim_care_order_shows_proceedings_were_issued() -> None:
    """s38(1): an interim care order is made only in proceedings already issued."""
    events = [("plo_started", D(2026, 8, 3)), ("interim_care_order", D(2026, 9, 14))]
    assert rows("devon", events, "pre-proceedings-16-weeks") == [
        (1, D(2026, 11, 23), Status.MET_ON_TIME)
    ]


# The support plan's annual review (SGR 2005 reg 17; ASSR 2005 reg 18, check).


@pytest.mark.parametrize("council", ["dudley", "durham", "devon"])
def test_a_support_plan_is_reviewed_a_year_after_it_is_agreed_then_each_year(council) -> None:
    """Agreed 29 February 2024 (a leap day): the first review is due 28 February 2025 (the
    month clamps); held on 10 February 2025, the next is due 10 February 2026, and with none
    held it is overdue on 7 December 2026."""
    events = [("support_plan_agreed", D(2024, 2, 29)), ("support_plan_reviewed", D(2025, 2, 10))]
    assert rows(council, events, "support-plan-review") == [
        (1, D(2025, 2, 28), Status.MET_ON_TIME),
        (2, D(2026, 2, 10), Status.OVERDUE),
    ]


def test_a_support_plan_review_runs_after_care_has_ended() -> None:
    """The child leaves care with the special guardianship order; the plan's review is due
    regardless: the record does not end at the order."""
    events = [
        ("became_looked_after", D(2025, 1, 6)),
        ("order_made", D(2026, 3, 2)),
        ("ceased_looked_after", D(2026, 3, 2)),
        ("support_plan_agreed", D(2026, 3, 2)),
    ]
    assert rows("dudley", events, "support-plan-review") == [(1, D(2027, 3, 2), Status.UPCOMING)]


def test_an_ended_support_plan_is_no_longer_reviewed() -> None:
    events = [("support_plan_agreed", D(2025, 3, 2)), ("support_plan_ended", D(2025, 9, 1))]
    assert [s for _, _, s in rows("dudley", events, "support-plan-review")] == [
        Status.NO_LONGER_APPLIES
    ]


# Durham's Kinship Care & Support Team: the review at the end of the first year.


def test_durhams_first_year_review_runs_from_the_special_guardianship_panels_approval() -> None:
    """Approved 14 January 2026: reviewed by 14 January 2027 (002 'Family or friends
    Placement'; from the approval: check). Only Durham has it."""
    events = [("special_guardianship_panel_approved", D(2026, 1, 14))]
    assert rows("durham", events, "kinship-first-year-review") == [
        (1, D(2027, 1, 14), Status.UPCOMING)
    ]
    assert rows("dudley", events, "kinship-first-year-review") == []
    assert rows("devon", events, "kinship-first-year-review") == []


def test_a_welfare_check_does_not_meet_the_first_year_review() -> None:
    events = [
        ("special_guardianship_panel_approved", D(2025, 10, 1)),
        ("kinship_welfare_check", D(2025, 10, 20)),
    ]
    assert rows("durham", events, "kinship-first-year-review") == [
        (1, D(2026, 10, 1), Status.OVERDUE)
    ]


# Meeting types as data.


def test_the_legal_meetings_each_council_holds() -> None:
    keys = {c: {t.key for t in meeting_types(c)} for c in ("dudley", "durham", "devon")}
    assert all("pre_proceedings_meeting" in k for k in keys.values())
    for durham_only in (
        "legal_clinic",
        "case_management_review_panel",
        "special_guardianship_panel",
    ):
        assert durham_only in keys["durham"]
        assert durham_only not in keys["dudley"] | keys["devon"]


def test_the_special_guardianship_panels_approval_is_a_journey_event() -> None:
    panel = next(t for t in meeting_types("durham") if t.key == "special_guardianship_panel")
    assert panel.events_for({"approved": "yes"}) == ("special_guardianship_panel_approved",)
    assert panel.events_for({"approved": "no"}) == ()
    assert "002_a77630a273fce245.txt" in panel.source


def test_a_pre_proceedings_meeting_is_recorded_as_an_event() -> None:
    meeting = next(t for t in meeting_types("devon") if t.key == "pre_proceedings_meeting")
    assert meeting.events_for({}) == ("pre_proceedings_meeting",)
    assert "Practice Direction 12A" in meeting.source


# Council practice, as data.


def test_each_councils_practice_cites_its_seed() -> None:
    dudley, durham, devon = (legal.practice(c) for c in ("dudley", "durham", "devon"))
    assert "Connected People's Fostering Team" in dudley.sgo_prompt_source
    assert "000_f860603ee99ef2b2.txt" in dudley.family_legal_consultation_source
    assert dudley.allowance_panel == "Access to Resources Panel"
    assert "001_d6c3849112f62e7d.txt" in dudley.allowance_panel_source
    assert "002_a77630a273fce245.txt" in durham.welfare_checks_source
    assert (
        not durham.family_legal_consultation_source and not devon.family_legal_consultation_source
    )
    assert not dudley.welfare_checks_source and not devon.welfare_checks_source
    assert "004_7232501e48845cda.txt" in devon.sgo_prompt_source


def test_explore_an_sgo_while_placed_with_connected_carers() -> None:
    placed = [(D(2026, 3, 1), "connected_person_temporary_approval")]
    assert legal.explore_sgo(placed)
    assert not legal.explore_sgo([*placed, (D(2026, 9, 1), "order_made")])
    assert not legal.explore_sgo([*placed, (D(2026, 5, 1), "foster_placement_started")])
    assert not legal.explore_sgo([(D(2026, 3, 1), "foster_placement_started")])


def test_a_court_filing_is_overdue_after_the_courts_date_until_filed() -> None:
    due = D(2026, 12, 4)
    assert legal.filing_status(legal.Filing("statement", due, None), TODAY) == "overdue"
    assert legal.filing_status(legal.Filing("statement", due, None), due) == "due today"
    assert legal.filing_status(legal.Filing("statement", due, D(2026, 12, 3)), TODAY) == "filed"
    assert legal.filing_status(legal.Filing("statement", due, TODAY), TODAY) == "filed late"


def test_an_agreed_allowance_needs_the_access_to_resources_panels_date_in_dudley() -> None:
    common = dict(
        order_kind="special_guardianship",
        agreed_on=D(2026, 11, 2),
        order_made_on=None,
        services="Therapy",
        today=TODAY,
    )
    problems = legal.support_plan_problems(
        **common, allowance="agreed", allowance_panel_on=None, council="dudley"
    )
    assert problems == {
        "allowance_panel_on": "Enter the date the Access to Resources Panel decided"
    }
    # Devon names no panel: the date is not asked for.
    assert not legal.support_plan_problems(
        **common, allowance="agreed", allowance_panel_on=None, council="devon"
    )
    future = legal.support_plan_problems(
        **{**common, "agreed_on": D(2026, 12, 8), "services": " "},
        allowance="none",
        allowance_panel_on=None,
        council="durham",
    )
    assert set(future) == {"agreed_on", "services"}
