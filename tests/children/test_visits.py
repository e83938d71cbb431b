"""Recording a statutory visit (Care Planning Regulations 2010 reg 28) and the visiting regimes
the SSDA903 return does not say, from the child's Timescales tab: bad input is refused naming the
field, nothing is half-written, every write is audited, and the visit meets the one due."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import JourneyEvent, StatutoryVisit
from homeward.timescales.selectors import for_child
from tests.children.test_case_record import date_fields

TODAY = timezone.localdate


@pytest.fixture
def sw(client, council):
    client.force_login(council.users["social_worker"])
    return client


def test_the_timescales_tab_links_to_the_visit_and_regime_forms(sw, council) -> None:
    child = council.child_a
    page = sw.get(f"/children/{child.child_id}/timescales/").content.decode()
    assert f"/children/{child.child_id}/visits/add/" in page
    assert f"/children/{child.child_id}/visiting-arrangements/add/" in page


def test_a_visit_meets_the_visit_due_and_sets_the_next(sw, council) -> None:
    """Placed 2 November 2026: reg 28(2)(a) a visit within 1 week, by 9 November. A visit on
    6 November meets it; the next, within 6 weeks of it (reg 28(2)(b)), is due 18 December."""
    child = council.child_a
    child.events.all().delete()
    JourneyEvent.objects.create(child=child, kind="placement_started", date=dt.date(2026, 11, 2))
    response = sw.post(
        f"/children/{child.child_id}/visits/add/",
        {**date_fields("visited_on", dt.date(2026, 11, 6)), "seen_alone": "yes", "notes": "Well"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/children/{child.child_id}/timescales/"
    visit = StatutoryVisit.objects.get(child=child)
    assert visit.seen_alone is True and visit.journey_event is not None
    assert visit.journey_event.kind == "social_worker_visit"
    assert visit.journey_event.notes == "Statutory visit, seen alone"
    rows = for_child(child, today=TODAY())
    visits = [e for e in rows if e.rule_id == "visits"]
    assert [(e.due, e.met_on) for e in visits] == [
        (dt.date(2026, 11, 9), dt.date(2026, 11, 6)),
        (dt.date(2026, 12, 18), None),
    ]
    audited = set(
        AuditEntry.objects.filter(action=AuditAction.CREATE, child_id=child.child_id).values_list(
            "summary", flat=True
        )
    )
    assert any(s.startswith("Added statutory visit") for s in audited)
    assert any(s.startswith("Added journey event") for s in audited)


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"seen_alone": "yes"}, "Enter the date of the visit"),
        ({**date_fields("visited_on", dt.date(2026, 11, 6))}, "Select yes if the child was seen"),
        (
            {**date_fields("visited_on", dt.date(2026, 12, 1)), "seen_alone": "no"},
            "Date must be today or in the past",
        ),
        (
            {
                "visited_on_0": "31",
                "visited_on_1": "11",
                "visited_on_2": "2026",
                "seen_alone": "no",
            },
            "must be a real date",
        ),
    ],
)
def test_a_bad_visit_is_refused_and_nothing_is_written(sw, council, fields, message) -> None:
    child = council.child_a
    events_before = JourneyEvent.objects.count()
    audit_before = AuditEntry.objects.count()
    response = sw.post(f"/children/{child.child_id}/visits/add/", {"notes": "x", **fields})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and message in page
    assert not StatutoryVisit.objects.exists()
    assert JourneyEvent.objects.count() == events_before
    assert AuditEntry.objects.filter(action=AuditAction.CREATE).count() <= audit_before


def test_a_visit_before_the_child_was_born_leaves_nothing_half_written(sw, council) -> None:
    """The event refuses the date (before birth): the visit is not saved either."""
    child = council.child_a
    before_birth = child.date_of_birth - dt.timedelta(days=1)
    response = sw.post(
        f"/children/{child.child_id}/visits/add/",
        {**date_fields("visited_on", before_birth), "seen_alone": "no"},
    )
    assert response.status_code == 200
    assert "cannot be before the child&#x27;s date of birth" in response.content.decode()
    assert not StatutoryVisit.objects.exists()
    assert not child.events.filter(kind="social_worker_visit").exists()


@pytest.mark.parametrize(
    "kind",
    [
        "placed_with_parent",
        "connected_person_temporary_approval",
        "long_term_placement_agreed",
        "six_monthly_visits_agreed",
    ],
)
def test_the_social_worker_states_a_visiting_regime(sw, council, kind) -> None:
    child = council.child_a
    response = sw.post(
        f"/children/{child.child_id}/visiting-arrangements/add/",
        {"kind": kind, **date_fields("date", dt.date(2026, 11, 2)), "notes": "Agreed at review"},
    )
    assert response.status_code == 302
    event = child.events.get(kind=kind)
    assert event.date == dt.date(2026, 11, 2)
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, child_id=child.child_id, after__kind=kind
    ).exists()
    page = sw.get(child.get_absolute_url()).content.decode()
    assert event.get_kind_display() in page


def test_the_regime_form_offers_only_the_regimes(sw, council) -> None:
    child = council.child_a
    response = sw.post(
        f"/children/{child.child_id}/visiting-arrangements/add/",
        {"kind": "placement_order", **date_fields("date", dt.date(2026, 11, 2))},
    )
    assert response.status_code == 200
    assert "Select which applies to the child" in response.content.decode()
    assert not child.events.filter(kind="placement_order").exists()


def test_someone_who_may_not_change_the_child_cannot_record_a_visit(client, council) -> None:
    client.force_login(council.users["social_worker_other_team"])
    child = council.child_a
    response = client.post(
        f"/children/{child.child_id}/visits/add/",
        {**date_fields("visited_on", dt.date(2026, 11, 6)), "seen_alone": "yes"},
    )
    assert response.status_code in (403, 404)
    assert not StatutoryVisit.objects.exists()
