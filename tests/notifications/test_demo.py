"""The demo council's outbox (homeward/demo/notifications.py; issue 18 item 10: visible on the
first click): sent messages of every kind, one failed, and "Send again" that works."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from homeward.accounts.models import User
from homeward.notifications.models import Message, Preference


@pytest.fixture
def demo(db):
    call_command("demo", children=120, seed=2026)


def test_the_demo_outbox_has_every_kind_and_a_failed_message(demo, client) -> None:
    kinds = set(Message.objects.values_list("kind", flat=True))
    assert kinds == {"aepp_invitation", "meeting_invitation", "escalation", "digest"}
    failed = Message.objects.get(status="failed")
    assert failed.recipient.username == "social-worker" and "no email address" in failed.error
    social_worker = User.objects.get(username="social-worker")
    assert social_worker.email == "social-worker@demo.homeward.invalid"
    assert Preference.objects.get(user=social_worker).digest == "weekly"
    client.force_login(social_worker)
    html = client.get("/notifications/").content.decode()
    assert "Failed" in html and "Send again" in html and "Sent" in html


def test_the_demos_failed_message_is_sent_again(
    demo, client, django_capture_on_commit_callbacks
) -> None:
    failed = Message.objects.get(status="failed")
    client.force_login(failed.recipient)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/notifications/{failed.pk}/retry/")
    failed.refresh_from_db()
    assert failed.status == "sent" and failed.attempts == 2
    assert failed.email_address == "social-worker@demo.homeward.invalid"


def test_no_demo_message_names_a_child(demo) -> None:
    from homeward.children.models import Child

    names = set(Child.objects.values_list("last_name", flat=True))
    for message in Message.objects.all():
        text = " ".join(message.personalisation.values())
        assert not [n for n in names if n in text]
