"""Admission in Homeward (issue 13 item 8): a social worker or team manager adds a child (or an
unborn child) with their first allocation; a first episode recorded there starts the period of
care, and the journey events are those the SSDA903 derivation reads off the same episode, so
every clock starts as an import would start it. Bad input names the field; nothing is
half-written; everything is audited."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import Allocation, Child, Episode, JourneyEvent
from homeward.domain.ssda903.journey import EpisodeFacts, derive_events
from homeward.timescales.models import Expectation

URL = "/add-a-child/"


def date_fields(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


def admission(council, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "child_id": "NEW0001",
        "first_name": "Nia",
        "last_name": "Brook",
        "born": "yes",
        **date_fields("date_of_birth", dt.date(2019, 5, 2)),
        "sex": "F",
        "social_worker": council.users["social_worker"].pk,
        "team": council.team_a.pk,
        "iro": council.users["iro"].pk,
        "looked_after": "yes",
        **date_fields("start_date", dt.date(2026, 11, 16)),
        "legal_status": "V2",
        "placement_type": "U4",
        "category_of_need": "N1",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def sw(client, council):
    client.force_login(council.users["social_worker"])
    return client


def test_a_first_episode_starts_the_period_of_care_as_an_import_would(sw, council) -> None:
    """Became looked after on Monday 16 November 2026, accommodated under s20 (LS V2) with
    foster carers (PLACE U4): the events are derive_events' for the same episode, and the first
    Child in Care review is due within 20 working days, Monday 14 December 2026 (Care Planning,
    Placement and Case Review (England) Regulations 2010 reg 33)."""
    response = sw.post(URL, admission(council))
    assert response.status_code == 302
    child = Child.objects.get(child_id="NEW0001")
    assert response["Location"] == child.get_absolute_url()
    (episode,) = child.episodes.all()
    assert (episode.start_date, episode.reason_new_episode, episode.legal_status) == (
        dt.date(2026, 11, 16),
        "S",
        "V2",
    )
    assert (episode.placement_type, episode.end_date) == ("U4", None)
    expected = derive_events([EpisodeFacts(dt.date(2026, 11, 16), None, "S", "V2", "U4", "")])
    events = sorted((e.date, e.kind, e.notes) for e in child.events.all())
    assert events == [(e.date, e.kind, e.notes) for e in expected]
    assert {"became_looked_after", "accommodated_s20", "foster_placement_started"} <= {
        e[1] for e in events
    }
    assert set(child.events.values_list("source", flat=True)) == {JourneyEvent.Source.SSDA903}
    review = Expectation.objects.get(child=child, rule_id="cic-review", occurrence=1)
    assert review.due == dt.date(2026, 12, 14)
    allocation = child.allocations.get()
    assert allocation.social_worker == council.users["social_worker"]
    assert allocation.team == council.team_a and allocation.iro == council.users["iro"]
    audited = AuditEntry.objects.filter(child_id="NEW0001", action=AuditAction.CREATE)
    assert audited.filter(object_type="child").exists()
    assert audited.filter(object_type="episode").exists()
    assert audited.filter(object_type="journey event").count() == len(expected)


def test_an_interim_care_order_starts_its_event_too(sw, council) -> None:
    """LS C1 on the first episode: became looked after and the interim care order, the same
    day (SSDA903 legal status codes, as the import reads them)."""
    sw.post(URL, admission(council, legal_status="C1", placement_type="U1"))
    kinds = set(Child.objects.get(child_id="NEW0001").events.values_list("kind", flat=True))
    assert {"became_looked_after", "interim_care_order", "foster_placement_started"} <= kinds


def test_an_unborn_child_is_added_with_the_expected_date_of_delivery(sw, council) -> None:
    edd = dt.date(2027, 3, 27)
    response = sw.post(
        URL,
        admission(
            council,
            born="no",
            date_of_birth_0="",
            date_of_birth_1="",
            date_of_birth_2="",
            looked_after="no",
            **date_fields("expected_date_of_delivery", edd),
        ),
    )
    assert response.status_code == 302
    child = Child.objects.get(child_id="NEW0001")
    assert child.is_unborn and child.expected_date_of_delivery == edd
    assert not child.episodes.exists() and not child.events.exists()
    assert child.allocations.get().team == council.team_a


def test_a_team_manager_may_add_a_child_to_their_team(client, council) -> None:
    client.force_login(council.users["team_manager"])
    response = client.post(URL, admission(council, looked_after="no"))
    assert response.status_code == 302
    assert Child.objects.filter(child_id="NEW0001").exists()


@pytest.mark.parametrize(
    "role",
    ["iro", "service_manager", "permanence_coordinator", "performance_analyst", "family_finder"],
)
def test_only_social_workers_and_team_managers_add_children(client, council, role) -> None:
    client.force_login(council.users[role])
    assert client.get(URL).status_code == 403
    assert client.post(URL, admission(council)).status_code == 403
    assert not Child.objects.filter(child_id="NEW0001").exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.DENIED, summary="Refused: add a child"
    ).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"child_id": ""}, "child_id", "Enter the child ID"),
        ({"born": None}, "born", "Select whether the child has been born"),
        (
            {"date_of_birth_0": "", "date_of_birth_1": "", "date_of_birth_2": ""},
            "date_of_birth",
            "Enter the date of birth",
        ),
        ({"looked_after": None}, "looked_after", "Select whether the child is looked after now"),
        (
            {"start_date_0": "", "start_date_1": "", "start_date_2": ""},
            "start_date",
            "Enter the date the child became looked after",
        ),
        ({"legal_status": ""}, "legal_status", "Select the legal status"),
        ({"placement_type": ""}, "placement_type", "Select the placement type"),
        ({"team": ""}, "team", "Select the team"),
        (
            date_fields("start_date", dt.date(2018, 1, 1)),
            "start_date",
            "must be on or after their date of birth (02/05/2019)",
        ),
        (
            date_fields("start_date", dt.date(2026, 11, 25)),
            "start_date",
            "Start date must be today or in the past",
        ),
        (
            {"born": "no", **date_fields("expected_date_of_delivery", dt.date(2027, 3, 1))},
            "looked_after",
            "An unborn child cannot be looked after",
        ),
    ],
)
def test_bad_input_names_the_field_and_nothing_is_saved(
    sw, council, changes, field, message
) -> None:
    before = (Child.objects.count(), Episode.objects.count(), JourneyEvent.objects.count())
    allocations = Allocation.objects.count()
    response = sw.post(URL, admission(council, **changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors.get(field, [])), form.errors
    page = response.content.decode()
    assert "There is a problem" in page and "<title>Error: Add a child" in page
    after = (Child.objects.count(), Episode.objects.count(), JourneyEvent.objects.count())
    assert after == before and Allocation.objects.count() == allocations


def test_a_child_id_already_in_homeward_is_refused(sw, council) -> None:
    response = sw.post(URL, admission(council, child_id=council.child_a.child_id))
    assert response.status_code == 200
    assert response.context["form"].errors["child_id"] == [
        f"A child with child ID {council.child_a.child_id} is already in Homeward"
    ]


def test_a_team_outside_the_users_own_is_not_offered(sw, council) -> None:
    """The child must stay visible to whoever added them: their own teams only."""
    response = sw.post(URL, admission(council, social_worker="", team=council.team_b.pk))
    assert response.status_code == 200
    assert "team" in response.context["form"].errors
    assert not Child.objects.filter(child_id="NEW0001").exists()


def test_my_children_offers_add_a_child_to_those_who_may(client, council) -> None:
    client.force_login(council.users["social_worker"])
    assert 'href="/add-a-child/"' in client.get("/").content.decode()
    client.force_login(council.users["iro"])
    assert 'href="/add-a-child/"' not in client.get("/").content.decode()
