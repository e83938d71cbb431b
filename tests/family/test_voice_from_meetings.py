"""The child's voice kept whole (issue 17 item 3): the views a held meeting recorded reach the
Voice tab by themselves, in one timeline with the views recorded there, saying where, when, how
they were gathered and who recorded them; and a looked after review or permanence planning
meeting in the child's journey whose record keeps no view of the child shows as a gap until views
are recorded for that day. Sources: Care Planning Regulations 2010 reg 36 (check: the IRO
speaks with the child before each review); DS objective 6; DU 'Planning for Permanence',
'Child/ Young Person Participation'; DV 'Guiding Principles'."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

from django.urls import reverse

from homeward.family import selectors
from homeward.meetings import services
from homeward.meetings.services import AttendeeIn
from tests.clock import TODAY
from tests.factories import JourneyEventFactory
from tests.family.test_pages import date_fields
from tests.meetings.helpers import record_data

VIEWS = "Wants to stay with her brother and see her nan every week."


def words(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def hold_ppm(council, held_on: dt.date):
    manager = council.users["team_manager"]
    return services.record_meeting(
        council.child_a,
        "ppm",
        record_data(manager, held_on=held_on, attendees=[AttendeeIn(True, user=manager)]),
        by=manager,
    ).meeting


def test_views_given_at_a_meeting_reach_the_voice_tab_with_where_when_and_who(
    client, council
) -> None:
    meeting = hold_ppm(council, TODAY - dt.timedelta(days=10))
    client.force_login(council.users["social_worker"])
    response = client.get(reverse("family:voice", args=[council.child_a.child_id]))
    text = words(response)
    assert VIEWS in text
    assert "Child Permanence Meeting" in text  # Dudley's name for the PPM
    assert "The child did not come: the social worker talked with them before" in text
    assert f"recorded by {council.users['team_manager']}" in text
    assert "14 November 2026" in text
    assert f'href="{meeting.get_absolute_url()}"' in response.content.decode()
    # The meeting recorded the child's views: its journey event is no gap.
    assert "no record of" not in text


def test_a_review_with_no_views_is_a_gap_until_views_are_recorded_for_that_day(
    client, council
) -> None:
    child = council.child_a
    review_day = TODAY - dt.timedelta(days=20)
    JourneyEventFactory(child=child, kind="cic_review", date=review_day)  # as an import records it
    JourneyEventFactory(child=child, kind="social_worker_visit", date=TODAY)  # expects no views
    tab = selectors.voice_tab(child)
    assert [(e.kind, e.date) for e in tab.gaps] == [("cic_review", review_day)]

    client.force_login(council.users["social_worker"])
    voice = reverse("family:voice", args=[child.child_id])
    text = words(client.get(voice))
    assert "1 review or meeting has no record of" in text
    assert "Child in Care review held on 4 November 2026: no views recorded" in text

    response = client.post(
        reverse("family:add-views", args=[child.child_id]),
        {
            **date_fields("date", review_day),
            "how_gathered": "review",
            "whose_words": "child",
            "text": "I like my school and want to stay.",
        },
    )
    assert response.status_code == 302
    assert selectors.voice_tab(child).gaps == []
    text = words(client.get(voice))
    assert "no record of" not in text
    assert "“I like my school and want to stay.”" in text


def test_a_meeting_held_without_its_event_covering_counts_by_the_event_it_made(council) -> None:
    """A PPM recorded in Homeward made its own journey event: that event is covered by the
    meeting's views; another PPM event the same child has (imported) on a different day is not."""
    meeting = hold_ppm(council, TODAY - dt.timedelta(days=3))
    imported = JourneyEventFactory(
        child=council.child_a,
        kind="permanence_planning_meeting",
        date=TODAY - dt.timedelta(days=50),
    )
    tab = selectors.voice_tab(council.child_a)
    assert [e.pk for e in tab.gaps] == [imported.pk]
    assert tab.timeline[0] == meeting


def test_the_voice_tab_reads_meetings_in_constant_queries(
    client, council, django_assert_max_num_queries
) -> None:
    client.force_login(council.users["social_worker"])
    url = reverse("family:voice", args=[council.child_a.child_id])
    hold_ppm(council, TODAY - dt.timedelta(days=40))
    with django_assert_max_num_queries(60) as one:
        client.get(url)
    for weeks in (2, 3, 4):
        hold_ppm(council, TODAY - dt.timedelta(weeks=weeks))
        JourneyEventFactory(
            child=council.child_a, kind="cic_review", date=TODAY - dt.timedelta(days=weeks * 9)
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)


def test_each_review_shows_whether_the_iro_spoke_with_the_child_before_it(client, council):
    """Durham 'Role of the Independent Reviewing Officer': the IRO makes sure the child's wishes
    and feelings are considered; the conversation before a review counts for that review if it
    came after the review before it and on or before this one."""
    from homeward.family.models import VoiceEntry

    child = council.child_a
    first, second = TODAY - dt.timedelta(days=100), TODAY - dt.timedelta(days=10)
    JourneyEventFactory(child=child, kind="cic_review", date=first)
    JourneyEventFactory(child=child, kind="cic_review", date=second)
    # Before the first review: counts for the first, not for the second.
    VoiceEntry.objects.create(
        child=child,
        date=first - dt.timedelta(days=2),
        how_gathered="iro",
        whose_words="recorded",
        words_of="A. Reviewer, IRO",
        text="Talked about school and seeing mum.",
    )
    rows = selectors.voice_tab(child).iro_conversations
    assert [(r.review.date, r.conversation is not None) for r in rows] == [
        (second, False),
        (first, True),
    ]
    client.force_login(council.users["iro"])
    text = words(client.get(reverse("family:voice", args=[child.child_id])))
    assert "The IRO’s conversation before each review" in text
    assert "Review on 14 November 2026 Not recorded" in text
    assert "Review on 16 August 2026 The IRO spoke with" in text
    assert "on 14 August 2026" in text
