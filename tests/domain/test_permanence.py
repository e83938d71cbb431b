"""The rules of twin-track planning as worked examples (homeward/domain/permanence.py), each
citing its source. Pure Python: no database."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.domain import permanence as rules
from homeward.domain.councils import SEED_TITLES
from homeward.domain.permanence import AdoptionReadiness, Met, OptionState
from homeward.domain.permanence import OptionStatus as S

TODAY = dt.date(2026, 6, 2)
READY = AdoptionReadiness(nothing_else_will_do=True, adm_decided=True, ffa_considered=True)


def messages(problems: list[rules.Problem]) -> str:
    return " | ".join(p.message for p in problems)


def test_every_option_kind_from_the_issue_is_there_with_a_source_naming_a_seed_or_statute() -> None:
    """DV 'Options for permanence', DU section 4 and DS 'No Order Principle' name the options."""
    assert set(rules.KINDS) == {
        "reunification",
        "connected_care",
        "sgo",
        "cao",
        "adoption",
        "foster_for_adoption",
        "long_term_fostering",
        "residential",
        "supported_living",
        "no_order",
    }
    for kind in rules.OPTION_KINDS:
        assert any(seed in kind.source for seed in SEED_TITLES) or "Act" in kind.source
    assert [s.label for s in S] == [
        "To explore",
        "Being assessed",
        "Viable",
        "Preferred plan",
        "Contingency plan",
        "Ruled out",
    ]


def test_the_quick_reference_guide_criteria_are_data_with_their_source() -> None:
    """DQ 'Identifying the right Permanence Plan': four criteria in each of three columns."""
    assert {group: len(c) for group, c in rules.CRITERIA.items()} == {
        "cao_sgo": 4,
        "adoption": 4,
        "permanent_fostering": 4,
    }
    assert rules.criteria_for("sgo") == rules.criteria_for("cao") == rules.CRITERIA["cao_sgo"]
    assert rules.criteria_for("foster_for_adoption") == rules.CRITERIA["adoption"]
    assert rules.criteria_for("long_term_fostering") == rules.CRITERIA["permanent_fostering"]
    assert rules.criteria_for("residential") == ()
    wish = rules.CRITERIA["adoption"][3]
    assert wish.text == "The child expresses a wish to be adopted"
    assert wish.source.startswith(
        "001_d6c3849112f62e7d.txt 'Identifying the right Permanence Plan'"
    )


def test_a_criterion_answered_met_or_not_met_needs_its_evidence() -> None:
    """DQ 'Identifying the right Permanence Plan': decision support records the evidence."""
    key = "adoption_4"
    assert rules.criterion_problems(key, Met.UNKNOWN, "") == []
    assert rules.criterion_problems(key, Met.YES, "Said so to her IRO on 3 May") == []
    (problem,) = rules.criterion_problems(key, Met.NO, "  ")
    assert problem.field == "evidence_adoption_4"
    assert "Enter the evidence for your answer to: the child expresses a wish" in problem.message
    assert rules.summarise("adoption", {"adoption_1": Met.YES, "adoption_2": Met.NO}) == (1, 1, 2)


def test_ruling_an_option_out_needs_a_reason_and_a_managers_sign_off() -> None:
    """DS objective 7: the Child Permanence Meeting signs off options no longer viable."""
    refused = rules.status_change_problems(
        "connected_care",
        S.BEING_ASSESSED,
        S.RULED_OUT,
        reason="",
        signed_off_by_role="social_worker",
    )
    assert [p.field for p in refused] == ["reason", ""]
    assert "Enter why it is not viable" in messages(refused)
    assert "needs sign-off by a team manager or service manager" in messages(refused)
    assert "000_f860603ee99ef2b2.txt objective 7" in messages(refused)
    for role in ("team_manager", "service_manager"):
        assert (
            rules.status_change_problems(
                "connected_care",
                S.BEING_ASSESSED,
                S.RULED_OUT,
                reason="Viability assessment negative",
                signed_off_by_role=role,
            )
            == []
        )


def test_reunification_stays_open_unless_a_manager_rules_it_out() -> None:
    """DS objective 2: reunification remains part of concurrent planning until permanence."""
    (problem,) = rules.status_change_problems(
        "reunification",
        S.TO_EXPLORE,
        S.RULED_OUT,
        reason="Mother moved away",
        signed_off_by_role=None,
    )
    assert problem.message.startswith("Reunification stays part of the plan until permanence")
    assert "objective 2" in problem.message


def test_every_change_of_status_needs_a_reason() -> None:
    """Homeward's rule (issue 6, part 1): every change records who, when and why."""
    (problem,) = rules.status_change_problems(
        "sgo", S.TO_EXPLORE, S.BEING_ASSESSED, reason=" ", signed_off_by_role=None
    )
    assert problem == rules.Problem("reason", "Enter the reason for the change")


@pytest.mark.parametrize("current", list(S))
def test_an_option_is_preferred_only_after_it_is_found_viable(current: S) -> None:
    """DV 'Guiding Principles': consider the strengths and risks of each option first."""
    problems = rules.status_change_problems(
        "sgo", current, S.PREFERRED, reason="Agreed at the CPM", signed_off_by_role=None
    )
    if current in {S.VIABLE, S.CONTINGENCY}:
        assert problems == []
    else:
        assert problems, current
        assert problems[0].field == "status"


def test_a_ruled_out_option_can_be_reopened_when_circumstances_change() -> None:
    """DS 'Permanence Pathways': all pathways are revisited until the child is in their forever
    home; DU 'Return home from care': a return home may be years after care began."""
    assert (
        rules.status_change_problems(
            "reunification",
            S.RULED_OUT,
            S.TO_EXPLORE,
            reason="Father completed treatment",
            signed_off_by_role=None,
        )
        == []
    )
    problems = rules.status_change_problems(
        "reunification", S.RULED_OUT, S.PREFERRED, reason="x", signed_off_by_role=None
    )
    assert "cannot go from 'Ruled out' to 'Preferred plan' (it must be found viable first)" in (
        messages(problems)
    )


def test_adoption_is_not_the_preferred_plan_without_re_b_and_the_adm_decision() -> None:
    """DU section 4 'Adoption' (nothing else will do; Re B [2013] UKSC 33), the ADM's decision,
    and the duty to consider foster for adoption (Children Act 1989 s22C(9A)-(9C))."""
    problems = rules.status_change_problems(
        "adoption", S.VIABLE, S.PREFERRED, reason="CPM agreed", signed_off_by_role=None
    )
    text = messages(problems)
    assert (
        "Adoption cannot be the preferred plan until the agency decision maker's decision and the "
        "'nothing else will do' reasoning are recorded (002_a77630a273fce245.txt section 4 "
        "Adoption; Re B (Care Proceedings: Appeal) [2013] UKSC 33)"
    ) in text
    assert "s22C(9A)-(9C)" in text
    half = AdoptionReadiness(nothing_else_will_do=True, adm_decided=False, ffa_considered=True)
    assert rules.status_change_problems(
        "adoption", S.VIABLE, S.PREFERRED, reason="x", signed_off_by_role=None, readiness=half
    )
    assert (
        rules.status_change_problems(
            "adoption", S.VIABLE, S.PREFERRED, reason="x", signed_off_by_role=None, readiness=READY
        )
        == []
    )


def test_foster_for_adoption_is_an_adoption_route_too() -> None:
    """DU section 4 'Fostering for Adoption': ADM agreement before the placement."""
    assert rules.status_change_problems(
        "foster_for_adoption", S.VIABLE, S.PREFERRED, reason="x", signed_off_by_role=None
    )


def test_adoption_waits_while_other_realistic_options_are_still_being_assessed() -> None:
    """Re B: an evidence-based assessment of every realistic option (DU section 4 Adoption)."""
    problems = rules.status_change_problems(
        "adoption",
        S.VIABLE,
        S.PREFERRED,
        reason="x",
        signed_off_by_role=None,
        readiness=READY,
        undecided=["connected_care", "foster_for_adoption"],
    )
    assert "still to explore or being assessed (Family and friends (connected) care)" in (
        messages(problems)
    )


def test_a_child_has_one_preferred_plan_at_a_time() -> None:
    """DS objective 7: one "agreed, written Permanence Plan"; the other options are contingencies
    (DV 'What we will do': "a number of contingency plans alongside each other")."""
    problems = rules.status_change_problems(
        "sgo",
        S.VIABLE,
        S.PREFERRED,
        reason="x",
        signed_off_by_role=None,
        preferred_elsewhere="long_term_fostering",
    )
    assert "Long-term (permanent) fostering is already the preferred plan" in messages(problems)


def plan(**overrides: object) -> list[rules.Problem]:
    arguments: dict[str, object] = {
        "preferred": OptionState("sgo", S.VIABLE),
        "contingencies": [OptionState("reunification", S.BEING_ASSESSED)],
        "options": [
            OptionState("sgo", S.VIABLE),
            OptionState("reunification", S.BEING_ASSESSED),
        ],
        "legal_route": "special_guardianship_order",
        "support_plan": "SGO support plan: allowance and therapeutic support",
        "agreed_on": TODAY,
        "today": TODAY,
    }
    arguments.update(overrides)
    return rules.plan_problems(**arguments)


def test_a_sound_plan_has_no_problems() -> None:
    """DS objective 7: an agreed, written permanence plan."""
    assert plan() == []


def test_the_plan_keeps_reunification_unless_it_is_ruled_out() -> None:
    """DS objective 2."""
    (problem,) = plan(contingencies=[])
    assert problem.field == "contingencies"
    assert "Reunification stays part of the plan until permanence is reached" in problem.message
    ruled_out = [OptionState("sgo", S.VIABLE), OptionState("reunification", S.RULED_OUT)]
    assert plan(contingencies=[], options=ruled_out) == []
    assert plan(contingencies=[], permanence_achieved=True) == []


def test_a_plan_with_adoption_preferred_needs_the_recorded_decision() -> None:
    """DU section 4 Adoption; Re B [2013] UKSC 33; Children Act 1989 s22C(9A)-(9C)."""
    options = [OptionState("adoption", S.VIABLE), OptionState("reunification", S.RULED_OUT)]
    refused = plan(
        preferred=options[0], contingencies=[], options=options, legal_route="adoption_order"
    )
    assert {p.field for p in refused} == {"preferred_option"}
    assert "agency decision maker's decision" in messages(refused)
    agreed = plan(
        preferred=options[0],
        contingencies=[],
        options=options,
        legal_route="adoption_order",
        readiness=READY,
    )
    assert agreed == []


def test_the_legal_route_must_be_able_to_secure_the_preferred_option() -> None:
    """Children Act 1989 s14A (special guardianship), Adoption and Children Act 2002 ss21, 46;
    DU section 4 'Return home from care': a return home under a CAO or SGO is not reunification."""
    (problem,) = plan(legal_route="adoption_order")
    assert problem.field == "legal_route"
    assert problem.message.startswith(
        "Placement order, then adoption order cannot secure special guardianship order"
    )
    # A return home under a CAO or SGO is not reunification (DU section 4 'Return home').
    assert rules.route_problems("reunification", "child_arrangements_order")


def test_a_plan_is_refused_for_a_ruled_out_or_unassessed_option_bad_date_or_no_support() -> None:
    """DV 'Guiding Principles': weigh each option's strengths and risks first, and "Utilise a
    Support Plan when a child is permanently placed"; Homeward's rule: no dates in the future."""
    assert "has been ruled out" in messages(plan(preferred=OptionState("sgo", S.RULED_OUT)))
    assert "must first be assessed as viable" in messages(
        plan(preferred=OptionState("sgo", S.TO_EXPLORE))
    )
    assert [p.field for p in plan(support_plan=" ")] == ["support_plan"]
    assert [p.message for p in plan(agreed_on=TODAY + dt.timedelta(days=1))] == [
        "Date agreed must be today or in the past"
    ]
    (earlier,) = plan(
        previous_agreed_on=TODAY + dt.timedelta(days=0), agreed_on=TODAY - dt.timedelta(days=1)
    )
    assert earlier.message == (
        "Date agreed must be on or after the date the last version was agreed (2 June 2026)"
    )


def test_permanence_achieved_is_the_journey_event_that_fits_the_route() -> None:
    """DU section 4 'Return home from care' (reunification); orders made; placed with carers."""
    assert rules.achieved_event("reunification", "no_order") == "returned_home"
    assert rules.achieved_event("sgo", "special_guardianship_order") == "order_made"
    assert rules.achieved_event("adoption", "adoption_order") == "order_made"
    assert rules.achieved_event("long_term_fostering", "care_order") == "placed"
    assert rules.achieved_problems("sgo", S.RULED_OUT, "special_guardianship_order", TODAY, TODAY)


def test_an_unplanned_ending_is_dated_after_permanence_and_its_review_records_learning() -> None:
    """DV 'Guiding Principles': 'Learning' meetings after unplanned endings, learning recorded."""
    achieved = dt.date(2025, 1, 10)
    ok = rules.ending_problems(
        achieved_on=achieved,
        ended_on=dt.date(2026, 3, 1),
        review_held_on=dt.date(2026, 4, 1),
        learning="Support plan ended too early",
        today=TODAY,
    )
    assert ok == []
    bad = rules.ending_problems(
        achieved_on=achieved,
        ended_on=dt.date(2024, 12, 1),
        review_held_on=dt.date(2026, 4, 1),
        learning="",
        today=TODAY,
    )
    assert {p.field for p in bad} == {"ended_on", "learning"}


def test_an_assessment_cannot_be_completed_before_it_was_requested() -> None:
    """Issue 6 'Bad input'; Homeward's rule: an assessment's dates run requested, due, completed."""
    (problem,) = rules.assessment_problems(
        requested_on=dt.date(2026, 5, 1),
        due_on=dt.date(2026, 6, 1),
        completed_on=dt.date(2026, 4, 30),
        outcome="supports",
        today=TODAY,
    )
    assert problem.field == "completed_on"
    assert problem.message == (
        "An assessment cannot be completed before it was requested: date completed must be on "
        "or after the date requested (1 May 2026)"
    )
    assert [
        p.field
        for p in rules.assessment_problems(
            requested_on=dt.date(2026, 5, 1),
            due_on=dt.date(2026, 4, 1),
            completed_on=None,
            outcome="supports",
            today=TODAY,
        )
    ] == ["due_on", "completed_on"]


def test_the_assessments_tracker_covers_the_issues_list_with_sources() -> None:
    """DS 'Connected People's Fostering Team' and 'Specialist Assessments'; DU 'Pre-birth
    planning' and 'Sibling Assessment'; DQ 'Outcomes from meeting' (Fostering)."""
    assert set(rules.ASSESSMENTS) == {
        "viability",
        "connected_person",
        "special_guardianship",
        "parenting",
        "cognitive",
        "psychiatric",
        "mother_and_baby",
        "drug_and_alcohol",
        "dna",
        "pre_birth",
        "together_and_apart",
        "fostering_permanency_report",
    }
    assert rules.ASSESSMENTS["pre_birth"].completes_event == "pre_birth_assessment_completed"
    assert all(kind.source for kind in rules.ASSESSMENT_KINDS)


def test_an_adm_decision_is_recorded_whole() -> None:
    """DU section 4: the agency decision maker's decision, by whom and when."""
    assert {
        p.field
        for p in rules.adm_problems(
            outcome="should_be_placed", decided_on=None, decision_maker="", today=TODAY
        )
    } == {"adm_decided_on", "adm_name"}
    assert rules.adm_problems(outcome="", decided_on=None, decision_maker="", today=TODAY) == []


@pytest.mark.parametrize("kind", ["adoption", "foster_for_adoption"])
def test_what_made_adoption_preferred_is_not_withdrawn_while_it_is(kind: str) -> None:
    """DU section 4 'Adoption' ("nothing else will do"; Re B [2013] UKSC 33): the ADM's decision
    and the reasoning stay while an adoption route is the preferred plan."""
    withdrawn = AdoptionReadiness(
        nothing_else_will_do=False, adm_decided=False, ffa_considered=True
    )
    problems = rules.preferred_adoption_problems(kind, withdrawn)
    assert [p.field for p in problems] == ["adm_outcome", "nothing_else_will_do"]
    label = rules.KINDS[kind].label.lower()
    assert f"while {label} is the preferred plan: first make {label} a contingency" in (
        problems[0].message
    )
    assert "002_a77630a273fce245.txt section 4 Adoption" in problems[0].message
    assert rules.preferred_adoption_problems(kind, READY) == []
    assert rules.preferred_adoption_problems("sgo", withdrawn) == []
    assert rules.preferred_adoption_problems(None, withdrawn) == []


# Strengths and risks of every option (issue 18 item 9; DV 'Guiding Principles': "consider the
# strengths and risks of each option").


def test_an_options_strengths_and_risks_are_both_recorded() -> None:
    assert rules.strengths_and_risks_problems("Keeps the child with family", "") == {
        "risks": "Enter the option's risks"
    }
    assert rules.strengths_and_risks_problems(" ", "Carers' health") == {
        "strengths": "Enter the option's strengths"
    }
    assert rules.strengths_and_risks_problems("Legal security", "Contested by parents") == {}


def test_an_option_not_yet_weighed_says_so_until_ruled_out() -> None:
    needed = rules.strengths_and_risks_needed("viable", "Legal security", "")
    assert (
        needed == "Record its strengths and risks (004_7232501e48845cda.txt 'Guiding Principles')"
    )
    assert rules.strengths_and_risks_needed("to_explore", "", "") == needed
    assert rules.strengths_and_risks_needed("ruled_out", "", "") is None
    assert rules.strengths_and_risks_needed("preferred", "Legal security", "Contested") is None
