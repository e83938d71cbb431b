"""The family's voice (issue 18 item 2): the views of parents, family members and carers, per
meeting and per permanence option, kept beside the child's on the Voice tab and the meeting's
page; the care plan discussed with a parent before and after each looked after review; and what
the IRO told the child was done on their behalf.

Sources: Devon Permanence Matters (004_7232501e48845cda.txt) 'What we will do'; Durham Early
Permanence Planning Strategy (002_a77630a273fce245.txt) 'Looked After Reviews' and 'Role of the
Independent Reviewing Officer'. The clock is Tuesday 24 November 2026.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import Relationship
from homeward.family import selectors
from homeward.family.models import FamilyView, FamilyViewOccasion
from homeward.meetings.models import Escalation
from tests.clock import TODAY
from tests.factories import (
    ChildFactory,
    JourneyEventFactory,
    PersonInChildsLifeFactory,
    UserFactory,
)
from tests.family.test_pages import date_fields
from tests.family.test_query_counts import queries_for
from tests.family.test_voice_from_meetings import VIEWS, hold_ppm, words
from tests.planning.factories import PermanenceOptionFactory

D = dt.date
DAY = dt.timedelta(days=1)


def mother(council):
    return council.child_a.people.get()  # the fixture's person: a mother


def view(council, **fields) -> FamilyView:
    entry = FamilyView(
        child=council.child_a,
        person=fields.pop("person", None) or mother(council),
        date=fields.pop("date", TODAY - DAY),
        occasion=fields.pop("occasion", FamilyViewOccasion.OTHER),
        text=fields.pop("text", "I want my daughter home."),
        **fields,
    )
    entry.full_clean()
    entry.save()
    return entry


def test_views_heard_at_a_meeting_must_name_one_of_the_childs_meetings(council) -> None:
    with pytest.raises(ValidationError) as caught:
        view(council, occasion=FamilyViewOccasion.MEETING)
    assert caught.value.message_dict["meeting"] == ["Select the meeting"]
    meeting = hold_ppm(council, TODAY - 3 * DAY)
    with pytest.raises(ValidationError) as caught:
        view(council, occasion=FamilyViewOccasion.OTHER, meeting=meeting)
    assert "Only choose a meeting" in caught.value.message_dict["meeting"][0]
    assert view(council, occasion=FamilyViewOccasion.MEETING, meeting=meeting).meeting == meeting


def test_the_person_and_the_option_must_be_the_childs_own_and_the_date_not_future(
    council,
) -> None:
    stranger = PersonInChildsLifeFactory(child=ChildFactory())
    others = PermanenceOptionFactory(child=council.child_b)
    with pytest.raises(ValidationError) as caught:
        view(council, person=stranger, option=others, date=TODAY + DAY, text="   ")
    errors = caught.value.message_dict
    assert errors["person"] == ["Select someone from this child's people"]
    assert errors["option"] == ["Select one of this child's permanence options"]
    assert errors["date"] == ["Date must be today or in the past"]
    assert errors["text"] == ["Enter what they said"]


def test_the_family_is_heard_beside_the_child_at_a_meeting_and_about_an_option(
    client, council
) -> None:
    """DV 'What we will do': the child's and the family's views, together."""
    meeting = hold_ppm(council, TODAY - 10 * DAY)
    view(council, occasion=FamilyViewOccasion.MEETING, meeting=meeting, text="Mum agrees.")
    nan = PersonInChildsLifeFactory(child=council.child_a, relationship=Relationship.GRANDPARENT)
    carer = PersonInChildsLifeFactory(child=council.child_a, relationship=Relationship.FOSTER_CARER)
    option = PermanenceOptionFactory(child=council.child_a, kind="sgo")
    view(council, person=nan, option=option, text="I would care for her for good.")
    view(council, person=carer, text="She is settled with us.")
    client.force_login(council.users["social_worker"])
    page = words(client.get(meeting.get_absolute_url()))
    assert VIEWS in page  # the child's
    assert "The family’s views at this meeting" in page and "Mum agrees." in page
    assert "I would care for her for good." not in page  # not heard at this meeting
    assert "What we decided, for the parents" in page
    assert "We will assess the grandmother as a carer" in page
    tab = words(client.get(reverse("family:voice", args=[council.child_a.child_id])))
    assert VIEWS in tab and "The family’s views" in tab
    assert "Mum agrees." in tab and "Parent" in tab
    assert "I would care for her for good." in tab and "Family member" in tab
    assert "About: Special guardianship order" in tab
    assert "She is settled with us." in tab and "Carer" in tab


def test_the_care_plan_discussed_with_a_parent_before_and_after_each_review(
    client, council
) -> None:
    """DU 'Looked After Reviews'. Reviews on 1 September and 10 November 2026. The mother:
    before 1 September on 28 August, after it on 4 September; before 10 November on 6 November;
    nothing after 10 November (today is 24 November: a gap). The grandmother's discussion after
    10 November is not with a parent, so it does not count."""
    child = council.child_a
    JourneyEventFactory(child=child, kind="cic_review", date=D(2026, 9, 1))
    JourneyEventFactory(child=child, kind="cic_review", date=D(2026, 11, 10))
    before, after = FamilyViewOccasion.BEFORE_REVIEW, FamilyViewOccasion.AFTER_REVIEW
    view(council, occasion=before, date=D(2026, 8, 28))
    view(council, occasion=after, date=D(2026, 9, 4))
    view(council, occasion=before, date=D(2026, 11, 6))
    nan = PersonInChildsLifeFactory(child=child, relationship=Relationship.GRANDPARENT)
    view(council, person=nan, occasion=after, date=D(2026, 11, 12))
    tab = selectors.voice_tab(child, today=TODAY)
    assert [(r.review, r.before, r.after) for r in tab.care_plan_discussions] == [
        (D(2026, 11, 10), D(2026, 11, 6), None),
        (D(2026, 9, 1), D(2026, 8, 28), D(2026, 9, 4)),
    ]
    assert tab.care_plan_gaps == 1
    client.force_login(council.users["iro"])
    text = words(client.get(reverse("family:voice", args=[child.child_id])))
    assert "1 discussion with the parents not recorded" in text
    assert (
        "Review on 10 November 2026 Before: discussed on 6 November 2026 After: Not recorded"
        in (text)
    )


def test_the_voice_tab_shows_what_the_iro_told_the_child(client, council) -> None:
    """DU 'Role of the IRO': "demonstrate to children that they are taking action on their
    behalf"."""
    child, iro = council.child_a, council.users["iro"]
    told = Escalation.objects.create(
        child=child,
        stage="informal",
        issue="No written permanence plan",
        raised_on=D(2026, 10, 1),
        raised_by=iro,
        respond_by=D(2026, 10, 11),
        resolved_on=D(2026, 10, 9),
        outcome="Plan agreed",
        told_child_on=D(2026, 10, 12),
        told_child="I asked for a plan for you and now there is one.",
    )
    Escalation.objects.create(
        child=child,
        stage="informal",
        issue="Family time not reviewed",
        raised_on=D(2026, 11, 1),
        raised_by=iro,
        respond_by=D(2026, 11, 11),
        resolved_on=D(2026, 11, 10),
        outcome="Reviewed",
    )
    assert [e.issue for e in selectors.voice_tab(child).iro_actions] == [
        "Family time not reviewed",
        told.issue,
    ]
    client.force_login(iro)
    response = client.get(reverse("family:voice", args=[child.child_id]))
    text = words(response)
    assert "Told Ava on 12 October 2026: I asked for a plan for you and now there is one." in text
    assert "Not told yet" in text and "Record what Ava was told" in text
    client.force_login(council.users["social_worker"])  # may not record it: no link offered
    assert "Record what Ava was told" not in words(
        client.get(reverse("family:voice", args=[child.child_id]))
    )


def test_the_social_worker_records_a_parents_views_from_the_meeting_page(client, council) -> None:
    child = council.child_a
    meeting = hold_ppm(council, TODAY - 2 * DAY)
    client.force_login(council.users["social_worker"])
    url = reverse("family:add-family-view", args=[child.child_id])
    form = client.get(f"{url}?meeting={meeting.pk}").content.decode()
    assert f'<option value="{meeting.pk}" selected>' in form
    response = client.post(
        url,
        {
            "person": mother(council).pk,
            **date_fields("date", TODAY - 2 * DAY),
            "occasion": "meeting",
            "meeting": meeting.pk,
            "option": "",
            "text": "I agree with the assessment of my mum.",
        },
    )
    assert response.status_code == 302
    saved = FamilyView.objects.get(child=child)
    assert saved.meeting == meeting and saved.recorded_by == council.users["social_worker"]
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, child_id=child.child_id, username="sw-a"
    ).exists()


def test_a_bad_post_names_each_field_and_saves_nothing(client, council) -> None:
    client.force_login(council.users["social_worker"])
    response = client.post(
        reverse("family:add-family-view", args=[council.child_a.child_id]),
        {"person": "", "occasion": "meeting", "text": ""},
    )
    page = words(response)
    assert response.status_code == 200 and "There is a problem" in page
    for message in ("Select whose views these are", "Enter what they said", "Select the meeting"):
        assert message in page
    assert not FamilyView.objects.exists()


@pytest.mark.parametrize(
    "role,status",
    [
        ("social_worker", 200),
        ("team_manager", 200),
        ("iro", 200),
        ("panel_administrator", 403),  # reads the record, does not write on it
        ("performance_analyst", 403),
        ("social_worker_other_team", 404),  # no need to know: the child is not said to exist
        ("family_finder", 404),
    ],
)
def test_who_may_record_the_familys_views(client, council, role, status) -> None:
    client.force_login(council.users[role])
    url = reverse("family:add-family-view", args=[council.child_a.child_id])
    assert client.get(url).status_code == status


def test_the_voice_tab_query_count_does_not_grow_with_the_familys_views(client, council) -> None:
    child = council.child_a
    client.force_login(council.users["social_worker"])
    url = reverse("family:voice", args=[child.child_id])
    meeting = hold_ppm(council, TODAY - 5 * DAY)

    def more(n: int) -> None:
        for i in range(n):
            person = PersonInChildsLifeFactory(child=child)
            view(
                council,
                person=person,
                occasion=FamilyViewOccasion.MEETING,
                meeting=meeting,
                option=PermanenceOptionFactory(child=child) if i == 0 and n == 1 else None,
                recorded_by=UserFactory(),
            )
            JourneyEventFactory(child=child, kind="cic_review", date=TODAY - (40 + i) * DAY)
            Escalation.objects.create(
                child=child,
                stage="informal",
                issue="Drift",
                raised_on=TODAY - 30 * DAY,
                raised_by=council.users["iro"],
                respond_by=TODAY - 20 * DAY,
                resolved_on=TODAY - 25 * DAY,
                outcome="Sorted",
            )

    more(1)
    small = queries_for(client, url)
    more(6)
    assert queries_for(client, url) == small
