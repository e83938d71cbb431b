"""The digest of what falls due (issue 18 item 3: "a daily or weekly digest of what falls due
(each person chooses)"), from the stored timescales, as worked examples.

The child became looked after on Friday 20 November 2026, so (statutory rules) the first social
worker visit was due by Friday 27 November (reg 28 Care Planning Regulations 2010: within a
week), the care plan by Friday 4 December, and (Dudley, 001 'Legal Gateway Panel') the early
permanence panel by Friday 4 December (2 weeks)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from homeward.domain.calendar import LONDON
from homeward.notifications.digests import send_digests
from homeward.notifications.models import Message, Preference
from tests.factories import AllocationFactory, ChildFactory, JourneyEventFactory, UserFactory

D = dt.date
MONDAY = D(2026, 11, 30)
THURSDAY = D(2026, 12, 3)


@pytest.fixture
def worker(db, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 30, 7, tzinfo=LONDON), tick=True)
    user = UserFactory(username="sw-digest", first_name="Sam", email="sam@council.example")
    child = ChildFactory()
    AllocationFactory(child=child, social_worker=user)
    JourneyEventFactory(child=child, kind="became_looked_after", date=D(2026, 11, 20))
    return user


def digest(user, frequency, day):
    Preference.objects.update_or_create(user=user, defaults={"digest": frequency})
    Message.objects.filter(kind="digest").delete()
    return send_digests(day)


def test_a_weekly_digest_on_monday_counts_the_visit_overdue_and_two_due_that_week(worker, outbox):
    [message] = digest(worker, "weekly", MONDAY)
    assert message.personalisation | {"link": ""} == {
        "first_name": "Sam",
        "overdue": "1",  # the visit, due 27 November
        "due": "2",  # the care plan and the panel, due 4 December
        "until": "7 December 2026",
        "link": "",
    }
    assert message.link_path == "/my-work/"


def test_a_weekly_digest_is_not_sent_on_a_thursday(worker, outbox):
    assert digest(worker, "weekly", THURSDAY) == []


def test_a_daily_digest_on_monday_looks_only_to_tuesday(worker, outbox):
    [message] = digest(worker, "daily", MONDAY)
    assert (message.personalisation["overdue"], message.personalisation["due"]) == ("1", "0")
    assert message.personalisation["until"] == "1 December 2026"


def test_a_daily_digest_on_thursday_sees_fridays_deadlines(worker, outbox):
    [message] = digest(worker, "daily", THURSDAY)
    assert (message.personalisation["overdue"], message.personalisation["due"]) == ("1", "2")


def test_no_digest_for_those_who_chose_none_or_have_nothing_due(worker, outbox):
    assert digest(worker, "none", MONDAY) == []
    idle = UserFactory(username="nobody", email="n@council.example")
    Preference.objects.create(user=idle, digest="daily")
    assert [m.recipient for m in send_digests(MONDAY)] == []  # worker chose none; idle has none


def test_one_digest_a_day_however_often_the_command_runs(
    worker, outbox, django_capture_on_commit_callbacks
):
    Preference.objects.create(user=worker, digest="daily")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", "--date", MONDAY.isoformat())
        call_command("send_digests", "--date", MONDAY.isoformat())
    assert Message.objects.filter(kind="digest").count() == 1
    assert [m["to"] for m in outbox.sent] == ["sam@council.example"]
    assert Message.objects.get().status == "sent"


def test_the_command_refuses_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_digests", "--date", "30/11/2026")
