"""What triggers an email, who gets it, and that a failed send never loses the work.

Sources: Dudley quick reference guide (001_d6c3849112f62e7d.txt) 'Legal Gateway Panel /
Notification via weekly admissions report' (the panel's invitation to the social worker and team
manager); each meeting type's expected attendees (homeward/domain/rules/meetings); DU 'Role of
the IRO' (escalations); issue 18 item 3."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from homeward.meetings import services as meetings
from homeward.notifications.models import Message
from homeward.panels import services as panels
from homeward.panels.models import Referral
from tests.panels.conftest import at

D = dt.date
PANEL = D(2026, 12, 7)  # a Monday; referrals by 5pm on Wednesday 2 December 2026


def refer(council, route: str, by: str = "permanence_coordinator"):
    return panels.refer(
        council.child_a,
        panel_date=PANEL,
        route=route,
        is_late=False,
        late_reason="",
        by=council.users[by],
        now=at(D(2026, 12, 2), 14),
    )


def test_a_referral_from_the_weekly_admissions_report_invites_the_social_worker_and_manager(
    staff, outbox, django_capture_on_commit_callbacks
) -> None:
    """001: "Permanency co-ordinator will check weekly admissions report and email SW and team
    manager inviting them to attend"."""
    with django_capture_on_commit_callbacks(execute=True):
        refer(staff, "weekly_admissions")
    assert [m["to"] for m in outbox.sent] == ["sw-a@council.example", "tm-a@council.example"]
    assert {m["kind"] for m in outbox.sent} == {"aepp_invitation"}
    sent = Message.objects.filter(kind="aepp_invitation")
    assert [m.status for m in sent] == ["sent", "sent"]
    assert all(m.attempts == 1 and m.sent_at and m.provider_id for m in sent)
    assert sent[0].personalisation["panel_date"] == "7 December 2026"
    assert sent[0].template_id == "template-aepp_invitation"


def test_a_legal_gateway_referral_gives_the_social_worker_the_date(
    staff, outbox, django_capture_on_commit_callbacks
) -> None:
    """001: "Court Progression Manager will provide SW with date"."""
    with django_capture_on_commit_callbacks(execute=True):
        refer(staff, "legal_gateway")
    assert [m["to"] for m in outbox.sent] == ["sw-a@council.example"]


def test_nobody_is_emailed_about_what_they_did_themselves(
    staff, outbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        refer(staff, "weekly_admissions", by="social_worker")
    assert [m["to"] for m in outbox.sent] == ["tm-a@council.example"]


def test_an_email_carries_a_link_and_none_of_the_childs_details(
    staff, outbox, django_capture_on_commit_callbacks, settings
) -> None:
    settings.HOMEWARD_ADDRESS = "https://homeward.council.example"
    with django_capture_on_commit_callbacks(execute=True):
        refer(staff, "weekly_admissions")
    child = staff.child_a
    for sent in outbox.sent:
        text = " ".join(sent["personalisation"].values())
        for detail in (child.first_name, child.last_name, child.child_id):
            assert detail not in text
        assert sent["personalisation"]["link"].startswith(
            "https://homeward.council.example/notifications/go/"
        )


def test_a_failed_send_is_recorded_and_the_referral_is_kept(
    staff, failing, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        referral = refer(staff, "weekly_admissions")
    assert Referral.objects.filter(pk=referral.pk).exists()
    failed = Message.objects.filter(kind="aepp_invitation")
    assert [m.status for m in failed] == ["failed", "failed"]
    assert "Can't send to this recipient" in failed[0].error and failed[0].attempts == 1


def test_someone_without_an_email_address_is_a_failed_message_saying_so(
    council, outbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        refer(council, "legal_gateway")
    message = Message.objects.get()
    assert message.status == "failed" and "has no email address" in message.error
    assert outbox.sent == []


def test_work_that_rolls_back_sends_nothing(staff, outbox) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        refer(staff, "weekly_admissions")
        raise RuntimeError("the request failed after the referral")
    assert not Message.objects.exists() and outbox.sent == []


def test_nothing_is_sent_before_the_work_commits(
    staff, outbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        refer(staff, "weekly_admissions")
    assert outbox.sent == [] and len(callbacks) == 1
    assert set(Message.objects.values_list("status", flat=True)) == {"queued"}


def test_a_planned_ppm_invites_the_chair_and_the_childs_people_it_expects(
    staff, outbox, django_capture_on_commit_callbacks
) -> None:
    """Dudley's PPM expects the team manager (chair), the social worker and, where appropriate,
    the IRO (DM): the social worker and team manager are invited, not the IRO."""
    with django_capture_on_commit_callbacks(execute=True):
        meetings.schedule_meeting(
            staff.child_a, "ppm", D(2026, 12, 10), by=staff.users["permanence_coordinator"]
        )
    invited = {m["to"] for m in outbox.sent}
    assert invited == {"sw-a@council.example", "tm-a@council.example"}
    assert outbox.sent[0]["personalisation"]["meeting_date"] == "10 December 2026"


def test_a_planned_review_invites_the_iro(staff, outbox, django_capture_on_commit_callbacks):
    """reg 33: the child's IRO chairs the Child in Care review."""
    with django_capture_on_commit_callbacks(execute=True):
        meetings.schedule_meeting(
            staff.child_a, "cic_review", D(2026, 12, 10), by=staff.users["team_manager"]
        )
    assert "iro@council.example" in {m["to"] for m in outbox.sent}


def test_an_escalation_goes_to_the_iro_and_the_manager(
    staff, outbox, django_capture_on_commit_callbacks
) -> None:
    """Raised by a service manager: the child's IRO and team manager are told."""
    with django_capture_on_commit_callbacks(execute=True):
        meetings.raise_escalation(
            staff.child_a,
            stage="informal",
            issue="No written permanence plan at the second review",
            raised_on=D(2026, 11, 24),
            respond_by=D(2026, 12, 4),
            by=staff.users["service_manager"],
        )
    assert {m["to"] for m in outbox.sent} == {"iro@council.example", "tm-a@council.example"}
    assert outbox.sent[0]["personalisation"]["respond_by"] == "4 December 2026"
    assert "No written permanence plan" not in str(outbox.sent)


def test_an_escalation_taken_further_tells_them_again(
    staff, outbox, django_capture_on_commit_callbacks
) -> None:
    iro = staff.users["iro"]
    with django_capture_on_commit_callbacks(execute=True):
        first = meetings.raise_escalation(
            staff.child_a,
            stage="informal",
            issue="Drift",
            raised_on=D(2026, 11, 20),
            respond_by=D(2026, 11, 23),
            by=iro,
        )
        meetings.progress_escalation(
            first,
            resolve=False,
            on=D(2026, 11, 24),
            outcome="No response",
            respond_by=D(2026, 12, 1),
            by=iro,
        )
    # Raised by the IRO: the team manager is told, at each stage.
    assert [m["to"] for m in outbox.sent] == ["tm-a@council.example"] * 2
    assert "formal" in outbox.sent[1]["personalisation"]["stage"]


def test_a_trigger_that_goes_wrong_never_loses_the_referral(staff, monkeypatch, caplog) -> None:
    from homeward.notifications import services

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the notifications")

    monkeypatch.setattr(services, "queue", broken)
    referral = refer(staff, "weekly_admissions")
    assert Referral.objects.filter(pk=referral.pk).exists()
    assert "Notification trigger invite_to_the_panel failed" in caplog.text
