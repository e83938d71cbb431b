"""Case audits (issue 18 item 9; Dudley strategy 000_f860603ee99ef2b2.txt 'Quality and Audit'):
a team manager or service manager records the short form, the grade and actions; the worker
sees them on the child's Case audits tab and the actions on "My work"; all or nothing, audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from homeward.audit.models import AuditAction, AuditEntry
from homeward.domain import case_audit as rules
from homeward.quality import services
from homeward.quality.models import CaseAudit, CaseAuditAction
from tests.clock import TODAY
from tests.factories import AllocationFactory, ChildFactory

pytestmark = pytest.mark.django_db


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def url(child, tail: str = "") -> str:
    return f"/children/{child.child_id}/case-audits/{tail}"


def form(council, grade="requires_improvement", **extra) -> dict[str, str]:
    data = {
        **date_fields("audited_on", TODAY),
        **{key: "yes" for key in rules.QUESTION_KEYS},
        "family_network": "partly",
        "grade": grade,
        "findings": "The plan is clear; the genogram is out of date.",
        "action_1_text": "Update the genogram with the paternal family",
        "action_1_owner": str(council.users["social_worker"].pk),
        **date_fields("action_1_due_on", TODAY + dt.timedelta(days=14)),
    }
    data.update(extra)
    return data


def test_a_team_manager_records_an_audit_and_the_worker_sees_grade_and_action(
    client, council
) -> None:
    child = council.child_a
    client.force_login(council.users["team_manager"])
    response = client.post(url(child, "add/"), form(council))
    assert response.status_code == 302, response.content.decode()[:2000]
    audit = CaseAudit.objects.get(child=child)
    assert (audit.grade, audit.auditor) == ("requires_improvement", council.users["team_manager"])
    assert audit.answers["family_network"] == "partly"
    action = CaseAuditAction.objects.get(audit=audit)
    assert (action.owner, action.due_on, action.child) == (
        council.users["social_worker"],
        dt.date(2026, 12, 8),
        child,
    )
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_type="case audit")
    assert "Requires improvement, 1 action(s)" in entry.summary
    client.force_login(council.users["social_worker"])
    page = client.get(url(child)).content.decode()
    assert "Requires improvement" in page and "Update the genogram with the paternal family" in page
    assert "Record a case audit" not in page  # not theirs to record
    assert "Mark done" in page
    assert "Quality and Audit" in page  # the source, on the page
    work = client.get("/my-work/", {"show": "tasks"}).content.decode()
    assert "Update the genogram with the paternal family" in work
    assert "Action from a case audit" in work


def test_bad_input_names_the_field_and_saves_nothing(client, council) -> None:
    child = council.child_a
    client.force_login(council.users["team_manager"])
    data = form(council, action_1_text="", action_1_owner="", grade="inadequate")
    for key in ("action_1_due_on_0", "action_1_due_on_1", "action_1_due_on_2", "child_voice"):
        data.pop(key)
    response = client.post(url(child, "add/"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "A grade of inadequate needs at least one action" in html
    assert "Answer: Is the child&#x27;s voice heard in the plan?" in html
    assert not CaseAudit.objects.exists()


def test_an_owner_who_does_not_work_the_case_is_refused_and_nothing_is_saved(council) -> None:
    """Actions reach "My work" naming the child: only staff who record on the file own them."""
    stranger = council.users["social_worker_other_team"]
    with pytest.raises(ValidationError) as refused:
        services.record_case_audit(
            council.child_a,
            audited_on=TODAY,
            grade="requires_improvement",
            answers={key: "yes" for key in rules.QUESTION_KEYS},
            findings="",
            actions=[services.NewAction("Update the plan", stranger, TODAY)],
            by=council.users["team_manager"],
            actor=None,
        )
    assert "does not record on this child's file" in str(refused.value)
    assert not CaseAudit.objects.exists() and not CaseAuditAction.objects.exists()


@pytest.mark.parametrize(
    "role,may",
    [
        ("team_manager", True),
        ("service_manager", True),
        ("social_worker", False),
        ("iro", False),
        ("permanence_coordinator", False),
        ("team_manager_other_team", False),
    ],
)
def test_who_may_record_a_case_audit(client, council, role, may) -> None:
    client.force_login(council.users[role])
    response = client.get(url(council.child_a, "add/"))
    expected = 200 if may else (404 if role == "team_manager_other_team" else 403)
    assert response.status_code == expected
    with pytest.raises(ValidationError) if not may else _nothing():
        services.record_case_audit(
            council.child_a,
            audited_on=TODAY,
            grade="good",
            answers={key: "yes" for key in rules.QUESTION_KEYS},
            findings="",
            actions=[],
            by=council.users[role],
            actor=None,
        )


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


def test_the_owner_marks_an_action_done_and_it_leaves_my_work(client, council) -> None:
    child = council.child_a
    audit = services.record_case_audit(
        child,
        audited_on=TODAY - dt.timedelta(days=20),
        grade="requires_improvement",
        answers={key: "yes" for key in rules.QUESTION_KEYS},
        findings="",
        actions=[
            services.NewAction(
                "Hold a family network meeting", council.users["social_worker"], TODAY
            )
        ],
        by=council.users["service_manager"],
        actor=None,
        today=TODAY - dt.timedelta(days=20),
    )
    action = audit.actions.get()
    client.force_login(council.users["social_worker"])
    assert "Hold a family network meeting" in client.get("/my-work/?show=tasks").content.decode()
    done = url(child, f"actions/{action.pk}/done/")
    bad = client.post(done, date_fields("done_on", TODAY + dt.timedelta(days=1)))
    assert "The date done must be today or in the past" in bad.content.decode()
    assert client.post(done, date_fields("done_on", TODAY)).status_code == 302
    action.refresh_from_db()
    assert action.done_on == TODAY
    assert (
        "Hold a family network meeting" not in client.get("/my-work/?show=tasks").content.decode()
    )
    # An analyst reads the audits but does not mark actions done.
    client.force_login(council.users["performance_analyst"])
    assert client.get(url(child)).status_code == 200
    assert client.get(done).status_code == 403


def test_an_action_overdue_shows_overdue_on_my_work(client, council) -> None:
    """An action due on Monday 16 November 2026 is overdue on Tuesday 24th by 8 days."""
    services.record_case_audit(
        council.child_a,
        audited_on=dt.date(2026, 11, 2),
        grade="inadequate",
        answers={key: "no" for key in rules.QUESTION_KEYS},
        findings="",
        actions=[
            services.NewAction(
                "Agree the permanence plan", council.users["social_worker"], dt.date(2026, 11, 16)
            )
        ],
        by=council.users["team_manager"],
        actor=None,
    )
    client.force_login(council.users["social_worker"])
    html = client.get("/my-work/?show=tasks").content.decode()
    assert "Agree the permanence plan" in html and "Overdue 8 days" in html


def test_the_case_audits_tab_and_my_work_run_a_fixed_number_of_queries(client, council) -> None:
    def audit_for(child) -> None:
        services.record_case_audit(
            child,
            audited_on=TODAY,
            grade="requires_improvement",
            answers={key: "yes" for key in rules.QUESTION_KEYS},
            findings="",
            actions=[
                services.NewAction(f"Action {n}", council.users["social_worker"], TODAY)
                for n in range(2)
            ],
            by=council.users["service_manager"],
            actor=None,
        )

    client.force_login(council.users["social_worker"])
    audit_for(council.child_a)
    with CaptureQueriesContext(connection) as small:
        client.get(url(council.child_a))
    with CaptureQueriesContext(connection) as work_small:
        client.get("/my-work/?show=tasks")
    for _ in range(3):
        audit_for(council.child_a)
        other = ChildFactory()
        AllocationFactory(
            child=other, social_worker=council.users["social_worker"], team=council.team_a
        )
        audit_for(other)
    with CaptureQueriesContext(connection) as large:
        client.get(url(council.child_a))
    with CaptureQueriesContext(connection) as work_large:
        client.get("/my-work/?show=tasks")
    assert len(small.captured_queries) == len(large.captured_queries)
    assert len(work_small.captured_queries) == len(work_large.captured_queries)
