"""The case record's forms and invariants: bad input is refused with a message that names the
field, and nothing is saved (issue 2, "Bad input")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import Child, Episode, JourneyEvent, Person, PersonInChildsLife
from tests.factories import ChildFactory, EpisodeFactory

TODAY = timezone.localdate


def date_fields(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


@pytest.fixture
def sw(client, council):
    client.force_login(council.users["social_worker"])
    return client


def test_a_journey_event_is_added_with_the_govuk_date_input_and_audited(sw, council) -> None:
    child = council.child_a
    day = TODAY() - dt.timedelta(days=3)
    response = sw.post(
        f"/children/{child.child_id}/events/add/",
        {"kind": "placement_order", **date_fields("date", day), "notes": "Made at court"},
    )
    assert response.status_code == 302
    event = child.events.get(kind="placement_order")
    assert event.date == day
    assert event.recorded_by == council.users["social_worker"]
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, child_id=child.child_id)
    assert entry.after["kind"] == "placement_order"
    assert entry.before is None
    page = sw.get(child.get_absolute_url()).content.decode()
    assert "Placement order made" in page
    assert f"{day.day} {day:%B %Y}" in page  # GOV.UK date style, "14 March 2026"


@pytest.mark.parametrize(
    "fields,field,message",
    [
        ({"date_0": "31", "date_1": "2", "date_2": "2026"}, "date", "must be a real date"),
        ({"date_0": "", "date_1": "", "date_2": ""}, "date", "Enter the date"),
        ({"date_0": "1", "date_1": "", "date_2": "2026"}, "date", "Date must include a month"),
        ({"date_0": "1", "date_1": "2", "date_2": "26"}, "date", "the year must include 4 numbers"),
    ],
)
def test_impossible_or_missing_dates_are_refused(sw, council, fields, field, message) -> None:
    child = council.child_a
    count = JourneyEvent.objects.count()
    response = sw.post(f"/children/{child.child_id}/events/add/", {"kind": "matched", **fields})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert JourneyEvent.objects.count() == count


def test_an_event_in_the_future_is_refused(sw, council) -> None:
    child = council.child_a
    response = sw.post(
        f"/children/{child.child_id}/events/add/",
        {"kind": "matched", **date_fields("date", TODAY() + dt.timedelta(days=1))},
    )
    assert "Date must be today or in the past" in response.content.decode()
    assert not child.events.filter(kind="matched").exists()


def test_becoming_looked_after_before_birth_is_refused(sw, council) -> None:
    child = council.child_a
    before_birth = child.date_of_birth - dt.timedelta(days=1)
    response = sw.post(
        f"/children/{child.child_id}/events/add/",
        {"kind": "became_looked_after", **date_fields("date", before_birth)},
    )
    html = response.content.decode()
    assert "must be on or after their date of birth" in html
    assert child.events.filter(date=before_birth).count() == 0


def episode_post(start: dt.date, **extra: str) -> dict[str, str]:
    return {
        **date_fields("start_date", start),
        "reason_new_episode": "S",
        "legal_status": "C2",
        "placement_type": "U4",
        **extra,
    }


def test_an_episode_with_codes_outside_the_ssda903_lists_is_refused(sw, council) -> None:
    child = ChildFactory()
    child.allocations.create(social_worker=council.users["social_worker"], started_on=TODAY())
    data = episode_post(TODAY() - dt.timedelta(days=10), legal_status="Z9", placement_type="Q1")
    response = sw.post(f"/children/{child.child_id}/episodes/add/", data)
    html = response.content.decode()
    assert "Select a valid choice. Z9 is not one of the available choices." in html
    assert "Q1 is not one of the available choices" in html
    assert not child.episodes.exists()


def test_an_episode_ending_before_it_starts_is_refused(sw, council) -> None:
    child = ChildFactory()
    child.allocations.create(social_worker=council.users["social_worker"], started_on=TODAY())
    start = TODAY() - dt.timedelta(days=10)
    data = episode_post(
        start, reason_ceased="E4A", **date_fields("end_date", start - dt.timedelta(days=1))
    )
    html = sw.post(f"/children/{child.child_id}/episodes/add/", data).content.decode()
    assert "End date must be the same as or after the start date" in html
    assert not child.episodes.exists()


def test_an_episode_before_the_date_of_birth_is_refused(sw, council) -> None:
    child = ChildFactory(date_of_birth=TODAY() - dt.timedelta(days=30))
    child.allocations.create(social_worker=council.users["social_worker"], started_on=TODAY())
    html = sw.post(
        f"/children/{child.child_id}/episodes/add/", episode_post(TODAY() - dt.timedelta(days=40))
    ).content.decode()
    assert "Start date must be on or after the child&#x27;s date of birth" in html
    assert not child.episodes.exists()


def test_a_ceased_episode_needs_its_reason_and_overlaps_are_refused(sw, council) -> None:
    child = council.child_a  # has an open episode from 90 days ago
    start = TODAY() - dt.timedelta(days=30)
    html = sw.post(
        f"/children/{child.child_id}/episodes/add/",
        episode_post(start, **date_fields("end_date", TODAY() - dt.timedelta(days=5))),
    ).content.decode()
    assert "Select the reason the episode ceased" in html
    assert "overlaps the episode that started on" in html
    assert child.episodes.count() == 1


def test_the_next_episode_may_start_the_day_the_last_ceased(sw, council) -> None:
    child = ChildFactory()
    child.allocations.create(social_worker=council.users["social_worker"], started_on=TODAY())
    first = EpisodeFactory(
        child=child,
        start_date=TODAY() - dt.timedelta(days=60),
        end_date=TODAY() - dt.timedelta(days=20),
        reason_ceased="X1",
    )
    response = sw.post(
        f"/children/{child.child_id}/episodes/add/",
        episode_post(first.end_date, reason_new_episode="L"),
    )
    assert response.status_code == 302
    assert child.episodes.count() == 2


def test_changing_an_episode_audits_before_and_after(sw, council) -> None:
    child = council.child_a
    episode = child.episodes.get()
    data = {
        **date_fields("start_date", episode.start_date),
        "reason_new_episode": "S",
        "legal_status": "C2",
        "placement_type": "U5",
    }
    response = sw.post(f"/children/{child.child_id}/episodes/{episode.pk}/change/", data)
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, child_id=child.child_id)
    assert entry.before["legal_status"] == "C1"
    assert entry.after["legal_status"] == "C2"
    assert ("placement_type", "U4", "U5") in entry.changed_fields


def test_a_person_and_their_relationship_are_saved_together(sw, council) -> None:
    child = council.child_a
    response = sw.post(
        f"/children/{child.child_id}/people/add/",
        {
            "person-first_name": "Testgran",
            "person-last_name": "Ashcroft",
            "link-relationship": "grandparent",
            "link-has_parental_responsibility": "",
        },
    )
    assert response.status_code == 302
    link = child.people.get(person__last_name="Ashcroft")
    assert link.relationship == "grandparent"
    assert not link.has_parental_responsibility


def test_a_person_without_a_relationship_saves_nothing(sw, council) -> None:
    child = council.child_a
    people = Person.objects.count()
    response = sw.post(
        f"/children/{child.child_id}/people/add/",
        {"person-first_name": "Testgran", "person-last_name": "Ashcroft", "link-relationship": ""},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert Person.objects.count() == people
    assert not PersonInChildsLife.objects.filter(person__last_name="Ashcroft").exists()


def test_a_date_of_birth_after_the_child_became_looked_after_is_refused(sw, council) -> None:
    child = council.child_a  # episode started 90 days ago
    new_dob = TODAY() - dt.timedelta(days=10)
    response = sw.post(
        f"/children/{child.child_id}/change/",
        {
            "first_name": child.first_name,
            "last_name": child.last_name,
            **date_fields("date_of_birth", new_dob),
        },
    )
    assert "Date of birth must be on or before the date the child became looked after" in (
        response.content.decode()
    )
    child.refresh_from_db()
    assert child.date_of_birth != new_dob


def test_an_unborn_child_is_first_class_and_cannot_have_episodes(council) -> None:
    unborn = ChildFactory(
        date_of_birth=None, expected_date_of_delivery=TODAY() + dt.timedelta(days=60)
    )
    assert unborn.is_unborn
    episode = Episode(
        child=unborn,
        start_date=TODAY(),
        reason_new_episode="S",
        legal_status="V2",
        placement_type="U4",
    )
    with pytest.raises(Exception, match="unborn child cannot have a looked-after episode"):
        episode.full_clean()


def test_a_child_needs_a_date_of_birth_or_expected_date_of_delivery(db) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Child.objects.create(child_id="X1", first_name="A", last_name="B", date_of_birth=None)


def test_reallocation_keeps_the_history_and_moves_access(client, council) -> None:
    child = council.child_a
    client.force_login(council.users["team_manager"])
    day = TODAY()
    response = client.post(
        f"/children/{child.child_id}/allocation/",
        {
            "social_worker": council.users["colleague"].pk,
            "team": council.team_a.pk,
            "iro": council.users["iro"].pk,
            **date_fields("started_on", day),
            "reason": "Ava's worker is moving to the assessment team",
        },
    )
    assert response.status_code == 302
    history = list(child.allocations.order_by("started_on"))
    assert len(history) == 2
    assert history[0].social_worker == council.users["social_worker"]
    assert history[0].ended_on == day - dt.timedelta(days=1)
    assert history[1].social_worker == council.users["colleague"] and history[1].ended_on is None
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, child_id=child.child_id)
    assert entry.before["social_worker"] == council.users["social_worker"].pk
    assert entry.after["social_worker"] == council.users["colleague"].pk
    assert entry.username == council.users["team_manager"].username
    assert entry.reason == "Ava's worker is moving to the assessment team"


def test_a_change_of_allocation_needs_a_reason(client, council) -> None:
    child = council.child_a
    client.force_login(council.users["team_manager"])
    response = client.post(
        f"/children/{child.child_id}/allocation/",
        {
            "social_worker": council.users["colleague"].pk,
            "team": council.team_a.pk,
            **date_fields("started_on", TODAY()),
            "reason": "  ",
        },
    )
    assert "Enter the reason for the change of allocation" in response.content.decode()
    assert child.allocations.count() == 1
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE).exists()


def test_a_social_worker_must_belong_to_the_team_they_are_allocated_through(
    client, council
) -> None:
    child = council.child_a
    client.force_login(council.users["service_manager"])
    response = client.post(
        f"/children/{child.child_id}/allocation/",
        {
            "social_worker": council.users["social_worker"].pk,
            "team": council.team_b.pk,
            **date_fields("started_on", TODAY()),
        },
    )
    assert "is not a member of Team B" in response.content.decode()
    assert child.allocations.count() == 1


def test_an_event_before_birth_is_refused_unless_it_is_a_pre_birth_event(sw, council) -> None:
    """Issue 4 'Bad input'; pre-birth planning (002 'Pre-birth planning') happens before birth."""
    child = council.child_a
    before_birth = child.date_of_birth - dt.timedelta(days=30)
    html = sw.post(
        f"/children/{child.child_id}/events/add/",
        {"kind": "matched", **date_fields("date", before_birth)},
    ).content.decode()
    assert "cannot be before the child&#x27;s date of birth" in html
    assert not child.events.filter(kind="matched").exists()
    response = sw.post(
        f"/children/{child.child_id}/events/add/",
        {"kind": "pre_birth_referral", **date_fields("date", before_birth)},
    )
    assert response.status_code == 302


def test_the_allocation_form_groups_social_workers_by_team(client, council) -> None:
    """A manager allocating looks in a team: the social workers come as one <optgroup> a team."""
    client.force_login(council.users["team_manager"])
    html = client.get(f"/children/{council.child_a.child_id}/allocation/").content.decode()
    team_a = html.index('<optgroup label="Team A">')
    team_b = html.index('<optgroup label="Team B">')
    assert team_a < html.index(str(council.users["colleague"])) < team_b
    assert html.index(str(council.users["social_worker_other_team"])) > team_b


def test_an_event_a_meeting_made_is_changed_with_the_meeting_not_on_its_own(
    client, council
) -> None:
    """An event another record made (here a meeting's) cannot be edited on the record page: the
    meeting would say one date and the timescales another."""
    from homeward.children.models import JourneyEvent
    from homeward.meetings.models import Meeting

    child = council.child_a
    event = JourneyEvent.objects.create(
        child=child, kind="permanence_planning_meeting", date=TODAY() - dt.timedelta(days=5)
    )
    meeting = Meeting.objects.create(
        child=child, type="ppm", status="held", planned_on=event.date, held_on=event.date
    )
    meeting.events.add(event)
    free = JourneyEvent.objects.create(child=child, kind="referral", date=TODAY())
    client.force_login(council.users["social_worker"])
    record = client.get(f"/children/{child.child_id}/").content.decode()
    assert f"/events/{event.pk}/change/" not in record
    assert f"/events/{free.pk}/change/" in record
    assert "Recorded with the meeting" in record
    url = f"/children/{child.child_id}/events/{event.pk}/change/"
    response = client.post(
        url, {"kind": "permanence_planning_meeting", **date_fields("date", TODAY())}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.date == TODAY() - dt.timedelta(days=5)  # nothing changed
    page = client.get(url, follow=True).content.decode()
    assert "change it there" in page
