"""The planning services and models: each rule of twin-track planning enforced on a child's
record, refused whole when broken (nothing half-saved), recorded with who, when and why, and
audited. Each test names the procedure or statute it encodes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.test import override_settings

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import Child, JourneyEvent
from homeward.planning import services
from homeward.planning.models import (
    AppendOnly,
    Assessment,
    OptionChange,
    PermanenceAchieved,
    PermanenceOption,
    PermanencePlan,
)
from homeward.planning.selectors import assessment_row
from homeward.timescales.selectors import for_child
from tests.factories import ChildFactory, JourneyEventFactory
from tests.planning.factories import AssessmentFactory, PermanenceOptionFactory, today

pytestmark = pytest.mark.django_db


def errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def add(council, kind: str, by: str = "social_worker") -> PermanenceOption:
    return services.add_option(
        council.child_a,
        kind=kind,
        next_step="",
        reason="Realistic option raised at the Child Permanence Meeting",
        by=council.users[by],
    )


def move(option: PermanenceOption, to: str, by, reason: str = "Assessment found it so") -> None:
    services.change_status(option, to=to, reason=reason, by=by)
    option.refresh_from_db()


def test_adding_the_first_option_adds_reunification_beside_it(council) -> None:
    """DS objective 2: reunification remains part of concurrent planning until permanence."""
    sw = council.users["social_worker"]
    add(council, "connected_care")
    options = {o.kind: o for o in council.child_a.permanence_options.all()}
    assert set(options) == {"connected_care", "reunification"}
    assert options["reunification"].status == "to_explore"
    (change,) = options["reunification"].changes.all()
    assert change.by == sw and "objective 2" in change.reason
    (added,) = options["connected_care"].changes.all()
    assert (added.from_status, added.to_status, added.by) == ("", "to_explore", sw)
    assert added.reason == "Realistic option raised at the Child Permanence Meeting"
    assert (
        AuditEntry.objects.filter(
            action=AuditAction.CREATE, child_id=council.child_a.child_id, username=sw.username
        ).count()
        == 2
    )


def test_an_option_is_added_once_and_with_a_reason(council) -> None:
    """Homeward's rule: one record per option for a child, with why it is explored (DV 'Guiding
    Principles': "explore all realistic options concurrently")."""
    add(council, "sgo")
    with pytest.raises(ValidationError) as exc:
        add(council, "sgo")
    assert errors(exc)["kind"] == [
        f"Special guardianship order is already an option for {council.child_a.full_name}: "
        "change its status instead"
    ]
    with pytest.raises(ValidationError) as exc:
        services.add_option(
            council.child_a, kind="cao", next_step="", reason=" ", by=council.users["social_worker"]
        )
    assert errors(exc) == {"reason": ["Enter why this option is being explored"]}
    assert not council.child_a.permanence_options.filter(kind="cao").exists()


def test_every_change_records_who_when_and_why_and_is_audited(council) -> None:
    """Homeward's rule (issue 6 part 1): every change records who, when and why."""
    sw = council.users["social_worker"]
    option = add(council, "sgo")
    move(option, "being_assessed", sw, reason="Viability assessment of grandmother requested")
    change = option.changes.first()
    assert (change.from_status, change.to_status, change.by) == ("to_explore", "being_assessed", sw)
    assert change.reason == "Viability assessment of grandmother requested"
    assert change.at is not None and change.signed_off_by is None
    entry = AuditEntry.objects.filter(action=AuditAction.CHANGE, object_type="permanence option")
    assert entry.first().before["status"] == "to_explore"
    assert entry.first().after["status"] == "being_assessed"


def test_the_history_is_append_only(council) -> None:
    """Homeward's rule: the history of who moved an option, when and why is never rewritten."""
    option = add(council, "sgo")
    change = option.changes.first()
    change.reason = "Rewritten"
    with pytest.raises(AppendOnly):
        change.save()
    with pytest.raises(AppendOnly):
        change.delete()


def test_a_social_worker_cannot_rule_an_option_out_and_nothing_is_saved(council) -> None:
    """DS objective 7: options are signed off as no longer viable by the Child Permanence
    Meeting, chaired by the team manager (003_82d866961b2f94a8.txt)."""
    option = add(council, "connected_care")
    audits = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        move(option, "ruled_out", council.users["social_worker"], reason="Aunt withdrew")
    assert errors(exc)["__all__"] == [
        "Ruling family and friends (connected) care out needs sign-off by a team manager or "
        "service manager (000_f860603ee99ef2b2.txt objective 7: the Child Permanence Meeting "
        "signs off options no longer viable)"
    ]
    option.refresh_from_db()
    assert option.status == "to_explore"
    assert option.changes.count() == 1
    assert AuditEntry.objects.count() == audits


@pytest.mark.parametrize("role", ["team_manager", "service_manager"])
def test_a_manager_rules_an_option_out_with_the_reason_and_is_the_sign_off(council, role) -> None:
    """DS objective 7."""
    option = add(council, "connected_care")
    manager = council.users[role]
    move(
        option,
        "ruled_out",
        manager,
        reason="Form C assessment negative: aunt cannot care long term",
    )
    assert option.status == "ruled_out"
    change = option.changes.first()
    assert change.signed_off_by == manager and change.by == manager
    assert change.reason.startswith("Form C assessment negative")


def test_a_rule_out_needs_a_reason_even_from_a_manager(council) -> None:
    """DS objective 7: the meeting signs off options "no longer viable", so a rule-out says why,
    whoever signs it off."""
    option = add(council, "connected_care")
    with pytest.raises(ValidationError) as exc:
        move(option, "ruled_out", council.users["team_manager"], reason="")
    assert errors(exc) == {"reason": ["Enter why it is not viable"]}


def test_a_team_manager_of_another_team_cannot_sign_off(council) -> None:
    """Need-to-know (homeward/accounts/access.py): sign-off only for their teams' children."""
    option = add(council, "connected_care")
    with pytest.raises(ValidationError):
        move(option, "ruled_out", council.users["team_manager_other_team"], reason="Not viable")


def test_a_rule_out_without_sign_off_cannot_even_be_written_to_the_database(council) -> None:
    """DS objective 7 (sign off on options no longer viable), kept by a database constraint too."""
    option = PermanenceOptionFactory(child=council.child_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        OptionChange.objects.create(
            option=option, from_status="to_explore", to_status="ruled_out", reason="x"
        )


@pytest.mark.parametrize("role", ["team_manager", "service_manager"])
def test_staff_with_option_history_are_deactivated_never_deleted(council, role) -> None:
    """Homeward's rule: the history keeps who moved an option and who signed a rule-out off
    (DS objective 7), so deleting that account is refused (PROTECT), not a broken record.
    Neither manager here is allocated to the child: only the history protects them."""
    sm, tm = council.users["service_manager"], council.users["team_manager"]
    option = add(council, "connected_care")
    move(option, "being_assessed", sm)
    move(option, "ruled_out", tm, reason="Form C assessment negative")
    with pytest.raises(ProtectedError), transaction.atomic():
        council.users[role].delete()
    assessed, ruled_out = option.changes.get(to_status="being_assessed"), option.changes.first()
    assert (assessed.by, ruled_out.by, ruled_out.signed_off_by) == (sm, tm, tm)
    council.users[role].is_active = False
    council.users[role].save()
    assert option.changes.first().signed_off_by == tm


def test_reunification_stays_open_unless_a_manager_rules_it_out(council) -> None:
    """DS objective 2."""
    add(council, "sgo")
    reunification = council.child_a.permanence_options.get(kind="reunification")
    with pytest.raises(ValidationError) as exc:
        move(reunification, "ruled_out", council.users["social_worker"], reason="Mother declined")
    assert "Reunification stays part of the plan until permanence is reached" in str(exc.value)
    move(reunification, "ruled_out", council.users["team_manager"], reason="Mother declined")
    assert reunification.status == "ruled_out"


def test_reunification_being_assessed_is_the_reunification_assessment_starting(council) -> None:
    """DU section 4 'Return home from care': a network meeting during the assessment period
    (Durham's rule looks back to this event)."""
    add(council, "sgo")
    reunification = council.child_a.permanence_options.get(kind="reunification")
    move(reunification, "being_assessed", council.users["social_worker"], reason="PAMS requested")
    event = JourneyEvent.objects.get(child=council.child_a, kind="reunification_assessment_started")
    assert (event.date, event.source) == (today(), "recorded")


def readied_for_adoption(council) -> PermanenceOption:
    """An adoption option found viable, every other realistic option decided."""
    tm = council.users["team_manager"]
    adoption = add(council, "adoption")
    move(adoption, "viable", tm)
    reunification = council.child_a.permanence_options.get(kind="reunification")
    move(reunification, "ruled_out", tm, reason="Parenting assessment negative")
    return adoption


def test_adoption_cannot_be_preferred_until_re_b_and_the_adm_decision_are_recorded(council) -> None:
    """DU section 4 'Adoption'; Re B [2013] UKSC 33; Children Act 1989 s22C(9A)-(9C)."""
    sw = council.users["social_worker"]
    adoption = readied_for_adoption(council)
    with pytest.raises(ValidationError) as exc:
        move(adoption, "preferred", sw)
    assert (
        "Adoption cannot be the preferred plan until the agency decision maker's decision and "
        "the 'nothing else will do' reasoning are recorded"
    ) in errors(exc)["status"][0]
    adoption.refresh_from_db()
    assert adoption.status == "viable"

    services.record_adoption_decision(
        council.child_a,
        nothing_else_will_do="No family member passed viability; the child needs a lifelong "
        "family and a new sense of identity.",
        adm_name="Test Decisionmaker",
        adm_decided_on=today() - dt.timedelta(days=3),
        adm_outcome="should_be_placed",
        by=sw,
    )
    with pytest.raises(ValidationError) as exc:
        move(adoption, "preferred", sw)
    assert "duty to consider foster for adoption" in errors(exc)["status"][0]
    services.record_ffa_consideration(
        council.child_a,
        considered_on=today(),
        connected_carer_considered="Maternal aunt: not approved as a foster carer",
        decision="foster_for_adoption",
        reasons="The baby can be placed with carers approved as prospective adopters",
        by=sw,
    )
    move(adoption, "preferred", sw)
    assert adoption.status == "preferred"


def test_the_adm_decision_is_the_journey_event_the_engine_reads(council) -> None:
    """DU section 4: the agency decision maker decides the child should be placed for adoption."""
    sw = council.users["social_worker"]
    day = today() - dt.timedelta(days=5)
    decision = services.record_adoption_decision(
        council.child_a,
        nothing_else_will_do="",
        adm_name="Test Decisionmaker",
        adm_decided_on=day,
        adm_outcome="should_be_placed",
        by=sw,
    )
    event = decision.journey_event
    assert (event.kind, event.date, event.source, event.recorded_by) == (
        "adm_decision",
        day,
        "recorded",
        sw,
    )
    # Changing the decision moves the same event; withdrawing it removes it.
    services.record_adoption_decision(
        council.child_a,
        nothing_else_will_do="",
        adm_name="Test Decisionmaker",
        adm_decided_on=day - dt.timedelta(days=1),
        adm_outcome="should_be_placed",
        by=sw,
    )
    assert JourneyEvent.objects.get(pk=event.pk).date == day - dt.timedelta(days=1)
    services.record_adoption_decision(
        council.child_a,
        nothing_else_will_do="",
        adm_name="",
        adm_decided_on=None,
        adm_outcome="",
        by=sw,
    )
    assert not JourneyEvent.objects.filter(child=council.child_a, kind="adm_decision").exists()


def test_an_adm_decision_in_the_future_is_refused_and_nothing_saved(council) -> None:
    """Homeward's rule: a decision is recorded once made, so it is never dated in the future."""
    with pytest.raises(ValidationError) as exc:
        services.record_adoption_decision(
            council.child_a,
            nothing_else_will_do="Reasoning",
            adm_name="Test Decisionmaker",
            adm_decided_on=today() + dt.timedelta(days=1),
            adm_outcome="should_be_placed",
            by=council.users["social_worker"],
        )
    assert errors(exc) == {"adm_decided_on": ["Date of the decision must be today or in the past"]}
    assert not hasattr(Child.objects.get(pk=council.child_a.pk), "adoption_decision")


def adoption_preferred(council) -> PermanenceOption:
    """Adoption made the preferred plan with everything DU section 4 Adoption asks for."""
    sw = council.users["social_worker"]
    adoption = readied_for_adoption(council)
    decide(council, outcome="should_be_placed")
    services.record_ffa_consideration(
        council.child_a,
        considered_on=today(),
        connected_carer_considered="Maternal aunt: not approved as a foster carer",
        decision="neither",
        reasons="The child is settled with their current foster carers",
        by=sw,
    )
    move(adoption, "preferred", sw)
    return adoption


def decide(council, *, outcome: str, reasoning: str = "No realistic option but adoption") -> None:
    services.record_adoption_decision(
        council.child_a,
        nothing_else_will_do=reasoning,
        adm_name="Test Decisionmaker" if outcome else "",
        adm_decided_on=today() - dt.timedelta(days=3) if outcome else None,
        adm_outcome=outcome,
        by=council.users["social_worker"],
    )


@pytest.mark.parametrize("outcome", ["", "not_agreed"])
def test_the_adm_decision_cannot_be_withdrawn_while_adoption_is_preferred(council, outcome) -> None:
    """DU section 4 'Adoption' (002_a77630a273fce245.txt: "you must be satisfied that nothing
    else will do"); Re B [2013] UKSC 33: adoption is preferred only with the ADM's decision, so
    withdrawing it first needs adoption moved off preferred. Nothing is saved."""
    adoption = adoption_preferred(council)
    decision = council.child_a.adoption_decision
    audits, events = AuditEntry.objects.count(), JourneyEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        decide(council, outcome=outcome)
    assert errors(exc) == {
        "adm_outcome": [
            "The agency decision maker's decision that the child should be placed for adoption "
            "cannot be withdrawn or changed while adoption is the preferred plan: first make "
            "adoption a contingency or viable option, or agree a new permanence plan without it "
            "(002_a77630a273fce245.txt section 4 Adoption; Re B (Care Proceedings: Appeal) "
            "[2013] UKSC 33)"
        ]
    }
    decision.refresh_from_db()
    assert (decision.adm_outcome, decision.journey_event is not None) == ("should_be_placed", True)
    assert (AuditEntry.objects.count(), JourneyEvent.objects.count()) == (audits, events)

    # Moved off preferred, the decision can be changed.
    move(adoption, "contingency", council.users["social_worker"])
    decide(council, outcome=outcome)
    decision.refresh_from_db()
    assert decision.adm_outcome == outcome and decision.journey_event is None


def test_the_nothing_else_will_do_reasoning_stays_while_adoption_is_preferred(council) -> None:
    """DU section 4 'Adoption'; Re B [2013] UKSC 33."""
    adoption_preferred(council)
    with pytest.raises(ValidationError) as exc:
        decide(council, outcome="should_be_placed", reasoning=" ")
    assert list(errors(exc)) == ["nothing_else_will_do"]
    assert "cannot be removed while adoption is the preferred plan" in str(exc.value)
    assert council.child_a.adoption_decision.nothing_else_will_do == (
        "No realistic option but adoption"
    )


def looked_after(council, days_ago: int = 60) -> None:
    JourneyEvent.objects.filter(child=council.child_a).delete()
    JourneyEventFactory(
        child=council.child_a,
        kind="became_looked_after",
        date=today() - dt.timedelta(days=days_ago),
    )


def plan_expectation(child: Child):
    expectations = for_child(child, today=today())
    (plan,) = [e for e in expectations if e.rule_id == "permanence-plan"]
    return plan


def agree(council, preferred, contingencies, **overrides):
    arguments = {
        "preferred": preferred,
        "contingencies": contingencies,
        "legal_route": "special_guardianship_order",
        "support_plan": "SGO support: allowance, therapeutic parenting course, family time plan",
        "agreed_on": today(),
        "agreed_by": "Second Child in Care review",
        "by": council.users["social_worker"],
    }
    arguments.update(overrides)
    return services.agree_plan(council.child_a, **arguments)


def test_agreeing_the_plan_meets_the_engines_permanence_plan_deadline(council) -> None:
    """DS objective 7: a written permanence plan by the 2nd Child in Care review (the engine's
    rule 'permanence-plan'); the plan agreed is the journey event permanence_plan_agreed."""
    looked_after(council)
    assert plan_expectation(council.child_a).status.is_open
    sw = council.users["social_worker"]
    sgo = add(council, "sgo")
    move(sgo, "viable", sw)
    reunification = council.child_a.permanence_options.get(kind="reunification")
    plan = agree(council, sgo, [reunification])
    assert plan.version == 1
    event = plan.journey_event
    assert (event.kind, event.date, event.source) == ("permanence_plan_agreed", today(), "recorded")
    expectation = plan_expectation(council.child_a)
    assert expectation.status == "met_on_time"
    assert expectation.met_by.date == today()
    sgo.refresh_from_db()
    reunification.refresh_from_db()
    assert (sgo.status, reunification.status) == ("preferred", "contingency")
    assert sgo.changes.first().plan == plan
    assert "Permanence plan version 1 agreed" in reunification.changes.first().reason


def test_a_new_version_keeps_the_old_one_and_moves_dropped_options_back_to_viable(council) -> None:
    """Versioned plan (issue 6 part 3); DS 'Permanence Pathways': plans are revisited."""
    sw, tm = council.users["social_worker"], council.users["team_manager"]
    sgo, ltf = add(council, "sgo"), add(council, "long_term_fostering")
    move(sgo, "viable", sw)
    move(ltf, "viable", sw)
    reunification = council.child_a.permanence_options.get(kind="reunification")
    first = agree(council, sgo, [reunification, ltf], agreed_on=today() - dt.timedelta(days=30))
    move(reunification, "ruled_out", tm, reason="Parenting assessment negative")
    second = agree(council, ltf, [], legal_route="care_order")
    assert [p.version for p in council.child_a.permanence_plans.all()] == [2, 1]
    first = PermanencePlan.objects.get(pk=first.pk)
    assert first.preferred_option == sgo
    assert set(first.contingencies.values_list("kind", flat=True)) == {
        "reunification",
        "long_term_fostering",
    }
    assert second.preferred_option == ltf
    sgo.refresh_from_db()
    assert sgo.status == "viable"
    with pytest.raises(AppendOnly):
        first.save()
    with pytest.raises(ValidationError) as exc:
        agree(council, ltf, [], legal_route="care_order", agreed_on=today() - dt.timedelta(days=31))
    assert errors(exc)["agreed_on"] == [
        "Date agreed must be on or after the date the last version was agreed "
        f"({today().day} {today():%B %Y})"
    ]


def test_a_plan_with_adoption_preferred_without_the_decision_is_refused_and_nothing_saved(
    council,
) -> None:
    """Issue 6 'Bad input'; DU section 4 Adoption; Re B [2013] UKSC 33."""
    adoption = readied_for_adoption(council)
    events = JourneyEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        agree(council, adoption, [], legal_route="adoption_order")
    assert "agency decision maker's decision" in errors(exc)["preferred_option"][0]
    assert not PermanencePlan.objects.exists()
    assert JourneyEvent.objects.count() == events
    adoption.refresh_from_db()
    assert adoption.status == "viable"


def test_a_plan_without_reunification_is_refused_until_it_is_ruled_out(council) -> None:
    """DS objective 2."""
    sgo = add(council, "sgo")
    move(sgo, "viable", council.users["social_worker"])
    with pytest.raises(ValidationError) as exc:
        agree(council, sgo, [])
    assert "Reunification stays part of the plan" in errors(exc)["contingencies"][0]


def test_a_plan_cannot_name_another_childs_option(council) -> None:
    """Homeward's safety rule: a child's plan is made only of that child's own options."""
    other = PermanenceOptionFactory(child=council.child_b, status="viable")
    with pytest.raises(ValidationError) as exc:
        agree(council, other, [])
    assert errors(exc) == {"__all__": ["Choose options recorded for this child"]}


def test_an_assessment_completed_before_it_was_requested_is_refused(council) -> None:
    """Issue 6 'Bad input'; Homeward's rule: an assessment is completed after it is requested."""
    assessment = Assessment(
        child=council.child_a,
        kind="parenting",
        assessor="Independent social worker",
        requested_on=today() - dt.timedelta(days=10),
        due_on=today(),
        completed_on=today() - dt.timedelta(days=11),
        outcome="supports",
    )
    with pytest.raises(ValidationError) as exc:
        services.save_assessment(assessment, before=None, by=council.users["social_worker"])
    assert errors(exc)["completed_on"][0].startswith(
        "An assessment cannot be completed before it was requested"
    )
    assert not Assessment.objects.exists()
    # And the database refuses it too.
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            **{
                f: getattr(assessment, f)
                for f in ("child", "kind", "assessor", "requested_on", "due_on", "completed_on")
            }
        )


def test_an_assessment_is_overdue_like_any_deadline(council) -> None:
    """homeward.domain.timescales.task_status: the engine's own statuses for dated tasks."""
    late = AssessmentFactory(child=council.child_a, due_on=today() - dt.timedelta(days=3))
    soon = AssessmentFactory(child=council.child_a, due_on=today() + dt.timedelta(days=5))
    done = AssessmentFactory(
        child=council.child_a,
        due_on=today() - dt.timedelta(days=3),
        completed_on=today() - dt.timedelta(days=1),
        outcome="supports",
    )
    assert (assessment_row(late, today()).status, assessment_row(late, today()).days_late) == (
        "overdue",
        3,
    )
    assert assessment_row(soon, today()).status == "due_soon"
    assert (assessment_row(done, today()).status, assessment_row(done, today()).days_late) == (
        "met_late",
        2,
    )


def test_an_assessments_outcome_moves_the_option_it_informs_through_the_same_history(
    council,
) -> None:
    """Issue 6 part 4: an outcome can move an option's status."""
    sw = council.users["social_worker"]
    option = add(council, "connected_care")
    assessment = AssessmentFactory.build(
        child=council.child_a,
        option=option,
        completed_on=today(),
        outcome="supports",
        outcome_summary="Grandmother can meet the child's needs",
    )
    services.save_assessment(assessment, before=None, move_option_to="viable", by=sw)
    option.refresh_from_db()
    assert option.status == "viable"
    change = option.changes.first()
    assert change.assessment == assessment and change.by == sw
    assert change.reason == (
        f"Viability assessment completed on {today().day} {today():%B %Y}: supports the option. "
        "Grandmother can meet the child's needs"
    )


def test_a_negative_outcome_cannot_rule_out_without_sign_off_and_the_assessment_is_not_saved(
    council,
) -> None:
    """DS objective 7; nothing half-saved."""
    option = add(council, "connected_care")
    assessment = AssessmentFactory.build(
        child=council.child_a, option=option, completed_on=today(), outcome="does_not_support"
    )
    with pytest.raises(ValidationError) as exc:
        services.save_assessment(
            assessment, before=None, move_option_to="ruled_out", by=council.users["social_worker"]
        )
    assert "needs sign-off by a team manager" in errors(exc)["move_option_to"][0]
    assert not Assessment.objects.exists()
    option.refresh_from_db()
    assert option.status == "to_explore"


@override_settings(HOMEWARD_COUNCIL="durham")
def test_a_completed_pre_birth_assessment_meets_durhams_28_week_rule(council) -> None:
    """DU 'Pre-birth planning': the assessment completed by 28 weeks (rule pre-birth-assessment)."""
    unborn = ChildFactory(
        date_of_birth=None, expected_date_of_delivery=today() + dt.timedelta(days=60)
    )
    assessment = AssessmentFactory.build(
        child=unborn,
        kind="pre_birth",
        requested_on=today() - dt.timedelta(days=40),
        due_on=today(),
        completed_on=today() - dt.timedelta(days=1),
        outcome="inconclusive",
    )
    services.save_assessment(assessment, before=None, by=council.users["social_worker"])
    event = assessment.journey_event
    assert (event.kind, event.date) == (
        "pre_birth_assessment_completed",
        today() - dt.timedelta(days=1),
    )
    expectations = for_child(unborn, today=today())
    (rule,) = [e for e in expectations if e.rule_id == "pre-birth-assessment"]
    assert rule.met_by is not None and rule.met_by.date == event.date


@pytest.mark.parametrize(
    "kind,route,event_kind",
    [
        ("reunification", "no_order", "returned_home"),
        ("sgo", "special_guardianship_order", "order_made"),
        ("long_term_fostering", "care_order", "placed"),
    ],
)
def test_permanence_achieved_records_the_journey_event_that_fits(
    council, kind, route, event_kind
) -> None:
    """Issue 6 part 3: route, date and order; DU section 4 'Return home from care'."""
    option = PermanenceOptionFactory(child=council.child_a, kind=kind, status="preferred")
    day = today() - dt.timedelta(days=2)
    achieved = services.record_permanence_achieved(
        council.child_a,
        option=option,
        legal_route=route,
        achieved_on=day,
        notes="",
        by=council.users["social_worker"],
    )
    assert (achieved.journey_event.kind, achieved.journey_event.date) == (event_kind, day)


def test_permanence_by_an_order_that_cannot_secure_the_option_is_refused(council) -> None:
    """Children Act 1989 s14A: special guardianship is secured by a special guardianship order, not
    a care order (DU section 4 'Family or friends Placement')."""
    option = PermanenceOptionFactory(child=council.child_a, kind="sgo", status="preferred")
    with pytest.raises(ValidationError) as exc:
        services.record_permanence_achieved(
            council.child_a,
            option=option,
            legal_route="care_order",
            achieved_on=today(),
            notes="",
            by=council.users["social_worker"],
        )
    assert "cannot secure special guardianship order" in errors(exc)["legal_route"][0]
    assert not PermanenceAchieved.objects.exists()


def test_an_unplanned_ending_records_a_learning_review(council) -> None:
    """DV 'Guiding Principles': 'Learning' meetings when placements end unplanned."""
    option = PermanenceOptionFactory(child=council.child_a, kind="sgo", status="preferred")
    achieved = PermanenceAchieved.objects.create(
        child=council.child_a,
        option=option,
        legal_route="special_guardianship_order",
        achieved_on=today() - dt.timedelta(days=100),
    )
    with pytest.raises(ValidationError) as exc:
        services.record_ending(
            achieved,
            ended_on=today() - dt.timedelta(days=101),
            what_happened="Special guardian became unwell",
            review_held_on=None,
            learning="",
            by=council.users["social_worker"],
        )
    assert list(errors(exc)) == ["ended_on"]
    review = services.record_ending(
        achieved,
        ended_on=today() - dt.timedelta(days=10),
        what_happened="Special guardian became unwell",
        review_held_on=today(),
        learning="Respite should have been in the support plan from the start",
        by=council.users["team_manager"],
    )
    assert achieved.ending == review


def test_the_access_policy_and_the_rules_name_the_same_sign_off_roles() -> None:
    """homeward/accounts/access.py decides who may open the rule-out page; the domain's rule
    checks the same roles (DS objective 7)."""
    from homeward.accounts import access
    from homeward.domain import permanence

    assert {role.value for role in access.SIGN_OFF_ROLES} == set(permanence.SIGN_OFF_ROLES)
