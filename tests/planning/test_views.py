"""The Plan tab and its forms: what each role sees and may do, bad input refused with a message
that names the field (nothing saved), and a query count that does not grow with the plan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import Child, JourneyEvent
from homeward.planning import services
from homeward.planning.models import (
    AdoptionDecision,
    Assessment,
    CriterionCheck,
    PermanenceOption,
    PermanencePlan,
)
from homeward.timescales.selectors import for_child
from tests.factories import JourneyEventFactory
from tests.planning.factories import AssessmentFactory, PermanenceOptionFactory, today

pytestmark = pytest.mark.django_db


def url(child: Child, tail: str = "") -> str:
    return f"/children/{child.child_id}/plan/{tail}"


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_the_record_has_a_plan_tab(client, council) -> None:
    """Issue 6 part 8: the child's record has a Plan tab, marked as the current page when open."""
    client.force_login(council.users["social_worker"])
    html = page(client, council.child_a.get_absolute_url())
    assert f'href="{url(council.child_a)}">Plan</a>' in html
    html = page(client, url(council.child_a))
    assert f'aria-current="page" href="{url(council.child_a)}">Plan</a>' in html


def test_the_plan_tab_shows_options_side_by_side_the_plan_its_deadline_and_assessments(
    client, council
) -> None:
    """Issue 6 part 8: all of it on one screen; the deadline from the engine (DS objective 7)."""
    child = council.child_a
    JourneyEvent.objects.filter(child=child).delete()
    JourneyEventFactory(
        child=child, kind="became_looked_after", date=today() - dt.timedelta(days=40)
    )
    sw = council.users["social_worker"]
    sgo = services.add_option(
        child, kind="sgo", next_step="Book the SGO assessment", reason="Grandmother offered", by=sw
    )
    AssessmentFactory(
        child=child, option=sgo, kind="special_guardianship", due_on=today() - dt.timedelta(days=2)
    )
    client.force_login(sw)
    html = page(client, url(child))
    assert '<h1 class="govuk-heading-l">Plan</h1>' in html
    assert 'class="hw-options"' in html
    assert "Special guardianship order" in html and "Reunification (return home)" in html
    assert "Book the SGO assessment" in html
    assert "To explore" in html
    expectations = for_child(child, today=today())
    (deadline,) = [e for e in expectations if e.rule_id == "permanence-plan"]
    assert deadline.title in html
    assert deadline.explanation.replace("'", "&#x27;") in html
    assert "Special guardianship assessment" in html
    assert "Overdue 2 days" in html
    assert "No permanence plan has been agreed yet." in html
    # Brothers and sisters and family time, from homeward.family's fragment.
    assert 'id="plan-siblings"' in html and 'id="plan-family-time"' in html
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, child_id=child.child_id, summary="Viewed planning: plan"
    ).exists()


def test_readers_see_the_plan_without_the_forms(client, council) -> None:
    """Panel administrators and analysts read only (homeward/accounts/access.py)."""
    PermanenceOptionFactory(child=council.child_a, kind="sgo")
    client.force_login(council.users["panel_administrator"])
    html = page(client, url(council.child_a))
    assert "Special guardianship order" in html
    assert "Add an option" not in html and "Rule out" not in html and ">Update<" not in html


def test_only_managers_are_offered_the_rule_out(client, council) -> None:
    """DS objective 7: only a team or service manager signs an option off (access.can_sign_off)."""
    PermanenceOptionFactory(child=council.child_a, kind="sgo")
    client.force_login(council.users["social_worker"])
    assert "Rule out<span" not in page(client, url(council.child_a))
    client.force_login(council.users["team_manager"])
    assert "Rule out<span" in page(client, url(council.child_a))


def test_adding_an_option_without_a_reason_is_refused_with_the_field_named(client, council) -> None:
    """Homeward's rule: why an option is explored is recorded; DS objective 2 adds reunification."""
    client.force_login(council.users["social_worker"])
    response = client.post(url(council.child_a, "options/add/"), {"kind": "sgo", "reason": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "Enter why this option is being explored" in html
    assert not PermanenceOption.objects.exists()
    response = client.post(
        url(council.child_a, "options/add/"), {"kind": "sgo", "reason": "Grandmother offered"}
    )
    assert response.status_code == 302 and response["Location"] == url(council.child_a)
    assert set(council.child_a.permanence_options.values_list("kind", flat=True)) == {
        "sgo",
        "reunification",
    }


def test_updating_an_option_changes_its_status_with_the_reason_or_only_its_next_step(
    client, council
) -> None:
    """Homeward's rule: a change has its reason; ruling out has its own page (DS objective 7)."""
    option = PermanenceOptionFactory(child=council.child_a, kind="sgo")
    client.force_login(council.users["social_worker"])
    path = url(council.child_a, f"options/{option.pk}/update/")
    html = page(client, path)
    assert 'value="ruled_out"' not in html  # ruling out is its own, signed-off page
    response = client.post(
        path, {"status": "being_assessed", "reason": "", "next_step": option.next_step}
    )
    assert "Enter the reason for the change" in response.content.decode()
    response = client.post(path, {"status": "", "reason": "", "next_step": option.next_step})
    assert "Select the new status, or change the next step" in response.content.decode()
    response = client.post(
        path,
        {"status": "being_assessed", "reason": "Assessment booked", "next_step": "Visit on Friday"},
    )
    assert response.status_code == 302
    option.refresh_from_db()
    assert (option.status, option.next_step) == ("being_assessed", "Visit on Friday")
    assert option.changes.first().reason == "Assessment booked"


def test_ruling_out_needs_the_reason_and_the_managers_confirmation(client, council) -> None:
    """DS objective 7; issue 6 'Bad input': a ruled-out option without reason or sign-off."""
    option = PermanenceOptionFactory(child=council.child_a, kind="connected_care")
    path = url(council.child_a, f"options/{option.pk}/rule-out/")
    client.force_login(council.users["social_worker"])
    assert client.post(path, {"reason": "No", "sign_off": "on"}).status_code == 403
    client.force_login(council.users["team_manager"])
    html = client.post(path, {"reason": ""}).content.decode()
    assert "Enter why it is not viable" in html
    assert "Confirm that you sign this option off as not viable" in html
    option.refresh_from_db()
    assert option.status == "to_explore"
    response = client.post(path, {"reason": "Form C negative", "sign_off": "on"})
    assert response.status_code == 302
    option.refresh_from_db()
    assert option.status == "ruled_out"
    assert option.changes.first().signed_off_by == council.users["team_manager"]
    banner = client.get(response["Location"]).content.decode()
    assert f"ruled out, signed off by {council.users['team_manager']}" in banner
    # Ruled out already: nothing to sign off.
    assert client.get(path).status_code == 404


def test_criteria_answered_need_evidence(client, council) -> None:
    """DQ 'Identifying the right Permanence Plan'."""
    option = PermanenceOptionFactory(child=council.child_a, kind="adoption")
    client.force_login(council.users["social_worker"])
    path = url(council.child_a, f"options/{option.pk}/criteria/")
    html = page(client, path)
    assert "The child expresses a wish to be adopted" in html
    answers = {f"met_adoption_{n}": "unknown" for n in range(1, 5)}
    answers["met_adoption_1"] = "yes"
    html = client.post(path, answers).content.decode()
    assert "Enter the evidence for your answer to: the child&#x27;s primary need" in html
    assert not CriterionCheck.objects.exists()
    answers["evidence_adoption_1"] = "Aged 1; no family able to offer lifelong care"
    assert client.post(path, answers).status_code == 302
    check = CriterionCheck.objects.get(criterion="adoption_1")
    assert (check.met, check.recorded_by) == ("yes", council.users["social_worker"])
    assert "1 of 4 met, 3 not known yet" in page(client, url(council.child_a))


def test_an_option_without_criteria_has_no_criteria_page(client, council) -> None:
    """DQ 'Identifying the right Permanence Plan' has criteria for CAO/SGO, adoption and permanent
    fostering only: residential care has none."""
    option = PermanenceOptionFactory(child=council.child_a, kind="residential")
    client.force_login(council.users["social_worker"])
    assert client.get(url(council.child_a, f"options/{option.pk}/criteria/")).status_code == 404


def test_an_option_of_another_child_is_not_found(client, council) -> None:
    """Homeward's safety rule: an option is reached only through its own child's record."""
    other = PermanenceOptionFactory(child=council.child_a2, kind="sgo")
    client.force_login(council.users["social_worker"])
    assert client.get(url(council.child_a, f"options/{other.pk}/update/")).status_code == 404


def test_agreeing_adoption_as_preferred_without_the_recorded_decision_is_refused(
    client, council
) -> None:
    """Issue 6 'Bad input'; DU section 4 Adoption; Re B [2013] UKSC 33."""
    adoption = PermanenceOptionFactory(child=council.child_a, kind="adoption", status="viable")
    PermanenceOptionFactory(child=council.child_a, kind="reunification", status="contingency")
    client.force_login(council.users["social_worker"])
    form = {
        "preferred_option": adoption.pk,
        "contingencies": [],
        "legal_route": "adoption_order",
        "support_plan": "Adoption support",
        "agreed_by": "Child Permanence Meeting",
        **date_fields("agreed_on", today()),
    }
    response = client.post(url(council.child_a, "agree/"), form)
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Adoption cannot be the preferred plan until the agency decision maker&#x27;s decision"
        in html
    )
    assert "Reunification stays part of the plan" in html
    assert not PermanencePlan.objects.exists()
    assert not JourneyEvent.objects.filter(kind="permanence_plan_agreed").exists()


def test_agreeing_a_plan_from_the_form(client, council) -> None:
    """DS objective 7: an agreed, written Permanence Plan; DS 'Permanence Pathways': revisited."""
    sgo = PermanenceOptionFactory(child=council.child_a, kind="sgo", status="viable")
    reunification = PermanenceOptionFactory(child=council.child_a, kind="reunification")
    client.force_login(council.users["social_worker"])
    html = page(client, url(council.child_a, "agree/"))
    assert "Agree the permanence plan" in html
    response = client.post(
        url(council.child_a, "agree/"),
        {
            "preferred_option": sgo.pk,
            "contingencies": [reunification.pk],
            "legal_route": "special_guardianship_order",
            "support_plan": "Special guardianship allowance; therapeutic parenting course",
            "agreed_by": "Second Child in Care review",
            **date_fields("agreed_on", today()),
        },
    )
    assert response.status_code == 302
    plan = PermanencePlan.objects.get()
    assert plan.journey_event.kind == "permanence_plan_agreed"
    html = page(client, url(council.child_a))
    assert "Agreed plan, version 1" in html and "Second Child in Care review" in html
    assert "The agreed plan has been overtaken" not in html
    # A manager rules the preferred option out: the plan needs a new version, and says so.
    services.change_status(
        sgo, to="ruled_out", reason="Carers withdrew", by=council.users["team_manager"]
    )
    assert (
        "The agreed plan has been overtaken: special guardianship order has changed status"
        in page(client, url(council.child_a))
    )
    assert "Agree version 2 of the permanence plan" in page(client, url(council.child_a, "agree/"))


def test_an_assessment_completed_before_it_was_requested_is_refused_on_the_form(
    client, council
) -> None:
    """Issue 6 'Bad input'; Homeward's rule: an assessment is completed after it is requested."""
    client.force_login(council.users["social_worker"])
    form = {
        "kind": "parenting",
        "assessor": "Independent social worker",
        "outcome": "supports",
        **date_fields("requested_on", today() - dt.timedelta(days=10)),
        **date_fields("due_on", today()),
        **date_fields("completed_on", today() - dt.timedelta(days=12)),
    }
    response = client.post(url(council.child_a, "assessments/add/"), form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "An assessment cannot be completed before it was requested" in html
    assert 'href="#id_completed_on_0"' in html  # the error summary links to the date input
    assert not Assessment.objects.exists()
    form.update(date_fields("completed_on", today()))
    assert client.post(url(council.child_a, "assessments/add/"), form).status_code == 302
    assessment = Assessment.objects.get()
    assert "Met on time" in page(client, url(council.child_a))
    path = url(council.child_a, f"assessments/{assessment.pk}/change/")
    assert "Change parenting assessment" in page(client, path)


def test_recording_permanence_achieved_and_an_unplanned_ending(client, council) -> None:
    """DV 'Guiding Principles': a 'Learning' meeting when a placement ends unplanned, recorded."""
    sgo = PermanenceOptionFactory(child=council.child_a, kind="sgo", status="preferred")
    client.force_login(council.users["social_worker"])
    response = client.post(
        url(council.child_a, "achieved/"),
        {
            "option": sgo.pk,
            "legal_route": "special_guardianship_order",
            **date_fields("achieved_on", today() - dt.timedelta(days=30)),
        },
    )
    assert response.status_code == 302
    achieved = council.child_a.permanence_achieved.get()
    assert achieved.journey_event.kind == "order_made"
    path = url(council.child_a, f"achieved/{achieved.pk}/ending/")
    response = client.post(
        path,
        {
            "what_happened": "The special guardian could no longer care",
            "learning": "Respite from the start",
            **date_fields("ended_on", today()),
        },
    )
    assert "Enter the date of the learning review the learning is from" in response.content.decode()
    response = client.post(
        path,
        {
            "what_happened": "The special guardian could no longer care",
            "learning": "Respite from the start",
            **date_fields("ended_on", today()),
            **date_fields("review_held_on", today()),
        },
    )
    assert response.status_code == 302
    assert "Learning review" in page(client, url(council.child_a))


def test_the_adoption_and_foster_for_adoption_forms(client, council) -> None:
    """DU section 4 'Adoption' (Re B, the ADM); Children Act 1989 s22C(9A)-(9C)."""
    PermanenceOptionFactory(child=council.child_a, kind="adoption")
    client.force_login(council.users["social_worker"])
    html = page(client, url(council.child_a))
    assert "Adoption decisions" in html and "Not recorded" in html
    response = client.post(
        url(council.child_a, "adoption/"),
        {"nothing_else_will_do": "Every family option failed", "adm_outcome": "should_be_placed"},
    )
    html = response.content.decode()
    assert "Enter the date of the decision" in html and "Enter the name of the agency" in html
    response = client.post(
        url(council.child_a, "adoption/"),
        {
            "nothing_else_will_do": "Every family option failed",
            "adm_outcome": "should_be_placed",
            "adm_name": "Test Decisionmaker",
            **date_fields("adm_decided_on", today()),
        },
    )
    assert response.status_code == 302
    response = client.post(
        url(council.child_a, "foster-for-adoption/"),
        {
            "connected_carer_considered": "Aunt: not approved",
            "decision": "foster_for_adoption",
            "reasons": "Placement with approved adopters avoids a move",
            **date_fields("considered_on", today() + dt.timedelta(days=1)),
        },
    )
    assert "Date considered must be today or in the past" in response.content.decode()


def test_withdrawing_the_adm_decision_while_adoption_is_preferred_is_refused_on_the_form(
    client, council
) -> None:
    """DU section 4 'Adoption'; Re B [2013] UKSC 33: the error names what to do first."""
    PermanenceOptionFactory(child=council.child_a, kind="adoption", status="preferred")
    decided = {
        "nothing_else_will_do": "Every family option failed",
        "adm_outcome": "should_be_placed",
        "adm_name": "Test Decisionmaker",
        **date_fields("adm_decided_on", today()),
    }
    client.force_login(council.users["social_worker"])
    assert client.post(url(council.child_a, "adoption/"), decided).status_code == 302
    response = client.post(
        url(council.child_a, "adoption/"), {**decided, "adm_outcome": "not_agreed"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert 'href="#id_adm_outcome' in html
    assert "first make adoption a contingency or viable option" in html
    assert AdoptionDecision.objects.get(child=council.child_a).adm_outcome == "should_be_placed"


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def grow(child: Child, sw) -> None:
    for kind in ("sgo", "cao", "adoption", "long_term_fostering", "residential"):
        if not child.permanence_options.filter(kind=kind).exists():
            services.add_option(child, kind=kind, next_step="", reason="Raised", by=sw)
    for option in child.permanence_options.exclude(kind__in=["residential", "reunification"]):
        if option.status == "to_explore":
            services.change_status(option, to="viable", reason="Assessed", by=sw)
    for _ in range(3):
        AssessmentFactory(child=child, option=child.permanence_options.first())
    services.agree_plan(
        child,
        preferred=child.permanence_options.get(kind="sgo"),
        contingencies=list(child.permanence_options.filter(kind__in=["reunification", "cao"])),
        legal_route="special_guardianship_order",
        support_plan="Support",
        agreed_on=today(),
        agreed_by="Review",
        by=sw,
    )


def test_the_plan_tab_query_count_does_not_grow_with_the_plan(client, council) -> None:
    """Homeward's rule (STYLE.md convention 5): the page's query count does not grow."""
    sw = council.users["social_worker"]
    client.force_login(sw)
    grow(council.child_a, sw)  # one of everything: options, changes, a plan, assessments
    small = queries(client, url(council.child_a))
    services.add_option(council.child_a, kind="connected_care", next_step="", reason="x", by=sw)
    grow(council.child_a, sw)  # more of everything, and a second version of the plan
    assert queries(client, url(council.child_a)) == small
