"""A looked-after review that records "permanence plan in place" while the stored
permanence-plan deadline is overdue (issue 13 item 14c) is put to the IRO, on the review's page
and on their My work: the IRO checks there is a written plan by its deadline and escalates delay
(DS 'Independent Reviewing Service'; DU 'Looked After Reviews', 'Role of the IRO')."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from homeward.children.models import JourneyEvent
from homeward.meetings import selectors, services
from homeward.meetings.models import Meeting
from homeward.timescales.selectors import permanence_plan
from tests.clock import TODAY
from tests.factories import JourneyEventFactory
from tests.meetings.helpers import record_data

WARNING = "This review records a written permanence plan in place, but its deadline"
MY_WORK = "Reviews recording a permanence plan that is overdue"


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def long_in_care(child) -> None:
    """Looked after 200 days ago, with the first and second reviews held 100 and 10 days ago
    and no permanence plan recorded as agreed: the plan's deadline (by the second review) has
    passed by today, whichever way it is counted."""
    for event in JourneyEvent.objects.filter(child=child, kind="became_looked_after"):
        event.date = TODAY - days(200)
        event.save()
    JourneyEventFactory(child=child, kind="cic_review", date=TODAY - days(100))
    JourneyEventFactory(child=child, kind="cic_review", date=TODAY - days(10))


def review(child, iro, *, plan: str) -> Meeting:
    return services.record_meeting(
        child,
        "cic_review",
        record_data(
            iro,
            "cic_review",
            held_on=TODAY,
            outcomes={"permanence_plan": plan, "special_guardianship": "no"},
        ),
        by=iro,
    ).meeting


def page(client, meeting: Meeting) -> str:
    response = client.get(f"/children/{meeting.child.child_id}/meetings/{meeting.pk}/")
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_a_review_recording_a_plan_past_its_deadline_is_flagged_to_the_iro(client, council) -> None:
    child, iro = council.child_a, council.users["iro"]
    long_in_care(child)
    plan = permanence_plan(child, today=TODAY)
    assert plan is not None
    assert plan.met_by is None and plan.due < TODAY
    meeting = review(child, iro, plan="yes")
    (flagged,) = selectors.plan_claimed_while_overdue(Meeting.objects.all())
    assert flagged.pk == meeting.pk and flagged.plan_due == plan.due
    client.force_login(iro)
    assert WARNING in page(client, meeting)
    my_work = " ".join(client.get("/my-work/").content.decode().split())
    assert MY_WORK in my_work and f"/meetings/{meeting.pk}/" in my_work
    # The social worker reads the review's page with the same warning; My work is the IRO's.
    client.force_login(council.users["social_worker"])
    assert WARNING in page(client, meeting)
    assert MY_WORK not in client.get("/my-work/").content.decode()


def test_no_flag_when_the_plan_was_agreed_or_the_review_says_there_is_none(client, council) -> None:
    child, iro = council.child_a, council.users["iro"]
    long_in_care(child)
    no_plan = review(child, iro, plan="no")
    assert not selectors.plan_claimed_while_overdue(Meeting.objects.filter(pk=no_plan.pk))
    client.force_login(iro)
    assert WARNING not in page(client, no_plan)

    JourneyEventFactory(child=child, kind="permanence_plan_agreed", date=TODAY - days(5))
    Meeting.objects.filter(pk=no_plan.pk).delete()
    in_place = review(child, iro, plan="yes")
    assert not selectors.plan_claimed_while_overdue(Meeting.objects.filter(pk=in_place.pk))
    assert WARNING not in page(client, in_place)
    assert MY_WORK not in client.get("/my-work/").content.decode()


def test_an_escalation_from_the_review_takes_it_off_my_work(client, council) -> None:
    child, iro = council.child_a, council.users["iro"]
    long_in_care(child)
    meeting = review(child, iro, plan="yes")
    assert list(selectors.plans_to_check(iro)) == [meeting]
    services.raise_escalation(
        child,
        stage="informal",
        issue="The review recorded a plan, but none is agreed on the Plan tab.",
        raised_on=TODAY,
        respond_by=TODAY + days(10),
        meeting=meeting,
        by=iro,
    )
    assert list(selectors.plans_to_check(iro)) == []


def test_plans_to_check_is_one_query_whatever_the_number_of_reviews(council) -> None:
    iro = council.users["iro"]
    long_in_care(council.child_a)
    review(council.child_a, iro, plan="yes")
    with CaptureQueriesContext(connection) as one:
        list(selectors.plans_to_check(iro))
    review(council.child_a, iro, plan="yes")
    with CaptureQueriesContext(connection) as two:
        found = list(selectors.plans_to_check(iro))
    assert len(found) == 2 and len(one.captured_queries) == len(two.captured_queries)
