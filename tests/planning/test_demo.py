"""The demo council's permanence planning (homeward/demo/planning.py) keeps the rules the
services enforce, and agrees with the children's journeys."""

from __future__ import annotations

from collections import Counter

import pytest
from django.utils import timezone

from homeward.children.models import JourneyEvent
from homeward.demo.builder import build
from homeward.documents.models import Document
from homeward.domain import permanence as rules
from homeward.domain.councils import profile_for
from homeward.planning.models import (
    AdoptionDecision,
    Assessment,
    MyPlanVersion,
    OptionChange,
    PermanenceAchieved,
    PermanenceOption,
    PermanencePlan,
)
from homeward.planning.selectors import assessment_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    return build(profile_for("dudley"), n_children=120, seed=2026, today=timezone.localdate())


def test_the_demo_has_options_plans_assessments_and_permanence(demo) -> None:
    """Issue 6 'Tests and evidence': the demo has options in every status, plans and assessments."""
    kinds = Counter(PermanenceOption.objects.values_list("kind", flat=True))
    assert {"reunification", "connected_care", "adoption", "long_term_fostering"} <= set(kinds)
    assert Counter(PermanenceOption.objects.values_list("status", flat=True)).keys() >= {
        "to_explore",
        "being_assessed",
        "viable",
        "preferred",
        "contingency",
        "ruled_out",
    }
    assert PermanencePlan.objects.exists() and PermanenceAchieved.objects.exists()
    today = timezone.localdate()
    statuses = Counter(assessment_row(a, today).status for a in Assessment.objects.all())
    assert statuses["overdue"] and statuses["met_on_time"], "some on time, some overdue"


def test_every_demo_plan_is_the_childs_own_permanence_plan_agreed_event(demo) -> None:
    """The plan is linked to the journey's event, not recorded twice (DS objective 7)."""
    latest: dict[int, PermanencePlan] = {}
    for plan in PermanencePlan.objects.select_related("journey_event").order_by("version"):
        assert plan.journey_event.kind == "permanence_plan_agreed"
        assert plan.journey_event.child_id == plan.child_id
        assert plan.agreed_on == plan.journey_event.date
        latest[plan.child_id] = plan
    assert any(plan.version == 2 for plan in latest.values()), "a plan that changed"
    for plan in latest.values():
        assert plan.preferred_option.status == "preferred"
        if plan.preferred_option.kind == "adoption":
            # Never adoption as the plan before the agency decision (DU section 4 Adoption).
            assert plan.child.adoption_decision.adm_decided_on <= plan.agreed_on
        options = [o.state for o in plan.child.permanence_options.all()]
        contingencies = [o.state for o in plan.contingencies.all()]
        decision = AdoptionDecision.objects.filter(child=plan.child).first()
        readiness = rules.AdoptionReadiness(
            nothing_else_will_do=bool(decision and decision.nothing_else_will_do),
            adm_decided=bool(decision and decision.adm_decided),
            ffa_considered=hasattr(plan.child, "ffa_consideration"),
        )
        assert (
            rules.plan_problems(
                preferred=plan.preferred_option.state,
                contingencies=contingencies,
                options=options,
                legal_route=plan.legal_route,
                support_plan=plan.support_plan,
                agreed_on=plan.agreed_on,
                today=timezone.localdate(),
                readiness=readiness,
            )
            == []
        ), plan
    agreed = JourneyEvent.objects.filter(kind="permanence_plan_agreed")
    assert agreed.count() >= PermanencePlan.objects.count()


def test_demo_histories_follow_the_allowed_transitions_and_rule_outs_are_signed_off(demo) -> None:
    """DS objective 7: every rule-out signed off by a team manager or service manager."""
    for option in PermanenceOption.objects.prefetch_related("changes"):
        history = sorted(option.changes.all(), key=lambda c: (c.at, c.pk))
        assert history[0].from_status == ""
        for change in history[1:]:
            allowed = rules.TRANSITIONS[rules.OptionStatus(change.from_status)]
            assert rules.OptionStatus(change.to_status) in allowed, (option, change)
        assert history[-1].to_status == option.status
    for change in OptionChange.objects.filter(to_status="ruled_out").select_related(
        "signed_off_by"
    ):
        assert change.signed_off_by.role in rules.SIGN_OFF_ROLES


def test_permanence_achieved_is_linked_to_the_journeys_own_event(demo) -> None:
    """Homeward's rule: permanence achieved is the journey's own event, never recorded twice."""
    for achieved in PermanenceAchieved.objects.select_related("journey_event", "option"):
        assert achieved.journey_event.kind == rules.achieved_event(
            achieved.option.kind, achieved.legal_route
        )
        assert achieved.journey_event.date == achieved.achieved_on


def test_the_demo_shares_one_childs_plan_with_them_with_its_pdf_filed(demo) -> None:
    """Issue 17 item 1: the demo's first social worker has a child whose plan was written from
    the record (one section left out) and shared with them, its PDF in their documents."""
    version = MyPlanVersion.objects.select_related("child", "shared_by", "document").get()
    assert version.shared_by.username == "social-worker"
    assert "meetings" not in [s["key"] for s in version.sections]
    assert version.document == Document.objects.get(child=version.child, type="my_plan")
    assert version.journey_event.kind == "plan_shared_with_child"
