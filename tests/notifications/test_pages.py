"""The outbox (/notifications/), a retry, notification settings and an email's link: who sees
what, bad input, constant query counts. Issue 18 item 3: "Sent and failed messages are
recorded"; who sees the outbox: their own messages, system administrators and service managers
all (access.can_see_every_notification)."""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from homeward.audit.models import AuditAction, AuditEntry
from homeward.notifications import services
from homeward.notifications.backends import ConsoleBackend
from homeward.notifications.models import Message, Preference

OUTBOX = "/notifications/"


def message(user, status="sent", kind="digest", error=""):
    m = services.queue(
        kind,
        [user],
        link_path="/my-work/",
        personalisation={"overdue": "2", "due": "3", "until": "1 December 2026"},
    )[0]
    Message.objects.filter(pk=m.pk).update(status=status, error=error, attempts=1)
    return Message.objects.get(pk=m.pk)


SEES_ALL = {"service_manager", "system_administrator"}


@pytest.mark.parametrize(
    "role", ["social_worker", "team_manager", "iro", "service_manager", "system_administrator"]
)
def test_each_person_sees_their_own_messages_and_the_overseers_see_all(client, council, role):
    mine = message(council.users["social_worker"])
    theirs = message(council.users["team_manager"], status="failed", error="Timed out")
    user = council.users[role]
    client.force_login(user)
    html = client.get(OUTBOX).content.decode()
    assert (f'id="message-{mine.pk}"' in html) == (role in SEES_ALL or role == "social_worker")
    assert (f'id="message-{theirs.pk}"' in html) == (role in SEES_ALL or role == "team_manager")
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, username=user.username, summary__contains="outbox"
    ).exists()


def test_the_outbox_shows_status_error_and_a_retry_for_a_failed_message(client, council):
    failed = message(council.users["social_worker"], status="failed", error="Timed out")
    client.force_login(council.users["social_worker"])
    html = client.get(OUTBOX).content.decode()
    assert "Failed" in html and "Timed out" in html
    assert f'action="/notifications/{failed.pk}/retry/"' in html
    assert "Homeward: 2 overdue, 3 due by 1 December 2026" in html
    only_failed = client.get(OUTBOX, {"status": "failed"}).content.decode()
    assert f"message-{failed.pk}" in only_failed


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(OUTBOX).status_code == 200
    return len(queries)


def test_the_outbox_runs_the_same_queries_however_many_messages(client, council):
    manager = council.users["service_manager"]
    client.force_login(manager)
    message(council.users["social_worker"])
    few = _queries(client)
    for role in ("team_manager", "iro", "colleague", "team_manager_other_team"):
        for status in ("sent", "failed", "queued"):
            message(council.users[role], status=status, error="x")
    assert _queries(client) == few


def test_a_failed_message_is_sent_again(
    client, council, outbox, django_capture_on_commit_callbacks
):
    user = council.users["social_worker"]
    user.email = "sw-a@council.example"
    user.save()
    failed = message(user, status="failed", error="has no email address")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/notifications/{failed.pk}/retry/", follow=True)
    failed.refresh_from_db()
    assert failed.status == "sent" and failed.attempts == 2 and failed.error == ""
    assert response.redirect_chain[-1][0] == f"{OUTBOX}#message-{failed.pk}"
    assert [m["to"] for m in outbox.sent] == ["sw-a@council.example"]
    assert AuditEntry.objects.filter(summary__startswith="Retried a notification").exists()


def test_a_retry_that_fails_again_says_why(
    client, council, failing, django_capture_on_commit_callbacks
):
    user = council.users["social_worker"]
    user.email = "sw-a@council.example"
    user.save()
    failed = message(user, status="failed", error="Timed out")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/notifications/{failed.pk}/retry/")
    html = client.get(response["Location"]).content.decode()
    failed.refresh_from_db()
    assert failed.status == "failed" and failed.attempts == 2
    assert "Can&#x27;t send to this recipient" in html


def test_a_sent_message_is_never_sent_twice(client, council, outbox):
    sent = message(council.users["social_worker"], status="sent")
    client.force_login(council.users["social_worker"])
    html = client.post(f"/notifications/{sent.pk}/retry/", follow=True).content.decode()
    assert "Only a message that failed can be sent again" in html and outbox.sent == []


@pytest.mark.parametrize("role", ["colleague", "team_manager", "iro"])
def test_nobody_retries_a_message_they_may_not_see(client, council, outbox, role):
    failed = message(council.users["social_worker"], status="failed", error="x")
    client.force_login(council.users[role])
    assert client.post(f"/notifications/{failed.pk}/retry/").status_code == 404
    failed.refresh_from_db()
    assert failed.status == "failed" and outbox.sent == []


def test_a_service_manager_retries_anyones_failed_message(
    client, council, outbox, django_capture_on_commit_callbacks
):
    failed = message(council.users["social_worker"], status="failed", error="x")
    client.force_login(council.users["service_manager"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/notifications/{failed.pk}/retry/")
    failed.refresh_from_db()
    assert failed.attempts == 2  # tried again (no address here: failed again, saying so)
    assert "has no email address" in failed.error


def test_the_retry_takes_only_a_post(client, council):
    failed = message(council.users["social_worker"], status="failed", error="x")
    client.force_login(council.users["social_worker"])
    assert client.get(f"/notifications/{failed.pk}/retry/").status_code == 405


def test_notification_settings_need_a_choice_and_save_it(client, council):
    user = council.users["social_worker"]
    client.force_login(user)
    page = client.get("/notifications/settings/").content.decode()
    assert "Weekly, on Mondays" in page and "No digest" in page
    response = client.post("/notifications/settings/", {})
    html = response.content.decode()
    assert "govuk-error-summary" in html and "Select how often to get a digest" in html
    assert 'href="#id_digest' in html
    assert not Preference.objects.exists()
    response = client.post("/notifications/settings/", {"digest": "weekly"})
    assert response.status_code == 302 and response["Location"] == OUTBOX
    assert Preference.objects.get(user=user).digest == "weekly"
    assert "Your digest: Weekly" in client.get(OUTBOX).content.decode()
    response = client.post("/notifications/settings/", {"digest": "hourly"})
    assert "govuk-error-summary" in response.content.decode()
    assert Preference.objects.get(user=user).digest == "weekly"


def test_an_emails_link_leads_its_recipient_to_the_page(client, council):
    sent = message(council.users["social_worker"])
    client.force_login(council.users["social_worker"])
    response = client.get(f"/notifications/go/{sent.token}/")
    assert response.status_code == 302 and response["Location"] == "/my-work/"


def test_an_emails_link_is_no_use_to_anyone_else(client, council):
    sent = message(council.users["social_worker"])
    client.force_login(council.users["service_manager"])
    assert client.get(f"/notifications/go/{sent.token}/").status_code == 404
    client.logout()
    response = client.get(f"/notifications/go/{sent.token}/")
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_the_console_backend_writes_the_email_to_the_log(caplog):
    with caplog.at_level(logging.WARNING, logger="homeward.notifications"):
        ConsoleBackend().send(
            kind="digest",
            email_address="sw@council.example",
            personalisation={
                "first_name": "Sam",
                "overdue": "1",
                "due": "2",
                "until": "1 December 2026",
                "link": "http://127.0.0.1:8000/notifications/go/x/",
            },
            reference="r",
        )
    assert "Email to sw@council.example: Homeward: 1 overdue, 2 due by 1 December 2026" in (
        caplog.text
    )
