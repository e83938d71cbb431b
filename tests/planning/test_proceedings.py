"""Care proceedings on the Plan tab: the issue date and the court's extensions, each recording
the journey event the 26 weeks run on (Children Act 1989 s32(1)(a), (5), (7), (8))."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import JourneyEvent
from homeward.planning.models import CareProceedings, ProceedingsExtension
from homeward.timescales.selectors import for_child
from tests.children.test_case_record import date_fields
from tests.clock import TODAY


@pytest.fixture
def sw(client, council):
    client.force_login(council.users["social_worker"])
    return client


def plan_url(child, rest: str = "") -> str:
    return f"/children/{child.child_id}/plan/{rest}"


def deadline(child, rule_id: str = "care-proceedings-26-weeks"):
    return next(e for e in for_child(child, today=TODAY) if e.rule_id == rule_id)


def test_an_interim_care_order_without_an_issue_date_is_estimated_and_asks_for_it(
    sw, council
) -> None:
    """Interim care order 10 August 2026 (legal status C1), no issue date: the 26 weeks are
    estimated from the order, to 7 February 2027, and both tabs ask for the issue date. Once the
    issue date (6 August 2026) is recorded, the deadline is 3 February 2027 and no longer asked."""
    child = council.child_a
    JourneyEvent.objects.create(child=child, kind="interim_care_order", date=dt.date(2026, 8, 10))
    estimate = deadline(child, "care-proceedings-26-weeks-estimated")
    assert estimate.due == dt.date(2027, 2, 7)
    for url in (f"/children/{child.child_id}/timescales/", plan_url(child)):
        page = sw.get(url).content.decode()
        assert "estimated from the interim care order" in page
    response = sw.post(
        plan_url(child, "proceedings/add/"),
        {**date_fields("issued_on", dt.date(2026, 8, 6)), "court_reference": "ZW26C00123"},
    )
    assert response.status_code == 302
    proceedings = CareProceedings.objects.get(child=child)
    assert proceedings.journey_event.kind == "proceedings_issued"
    assert deadline(child).due == dt.date(2027, 2, 3)
    assert not [e for e in for_child(child, today=TODAY) if e.rule_id.endswith("estimated")]
    page = sw.get(f"/children/{child.child_id}/timescales/").content.decode()
    assert "estimated from the interim care order" not in page
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, summary__startswith="Recorded care proceedings issued"
    ).exists()


def test_an_extension_moves_the_deadline_and_is_shown_with_its_reason(sw, council) -> None:
    """Issued 1 June 2026, due 29 November 2026; the court extends by 8 weeks on 20 November
    2026: due 24 January 2027 (s32(5), (8))."""
    child = council.child_a
    sw.post(plan_url(child, "proceedings/add/"), date_fields("issued_on", dt.date(2026, 6, 1)))
    proceedings = CareProceedings.objects.get(child=child)
    assert deadline(child).due == dt.date(2026, 11, 29)
    response = sw.post(
        plan_url(child, f"proceedings/{proceedings.pk}/extensions/add/"),
        {
            **date_fields("granted_on", dt.date(2026, 11, 20)),
            "weeks": "8",
            "reason": "Expert assessment of the father delayed",
        },
    )
    assert response.status_code == 302
    extension = ProceedingsExtension.objects.get()
    assert extension.journey_event.weeks == 8
    assert deadline(child).due == dt.date(2027, 1, 24)
    page = sw.get(plan_url(child)).content.decode()
    assert "Extended by 8 weeks" in page and "Expert assessment of the father delayed" in page


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"weeks": "9", "reason": "x"}, "An extension is of 1 to 8 weeks"),
        ({"weeks": "0", "reason": "x"}, "An extension is of 1 to 8 weeks"),
        ({"weeks": "", "reason": "x"}, "Enter the weeks the court extended the timetable by"),
        ({"weeks": "8", "reason": ""}, "Enter why the court extended the timetable"),
        ({"weeks": "8", "reason": "x", "granted": dt.date(2026, 5, 1)}, "on or after the date"),
    ],
)
def test_a_bad_extension_is_refused_and_nothing_is_written(sw, council, fields, message) -> None:
    child = council.child_a
    sw.post(plan_url(child, "proceedings/add/"), date_fields("issued_on", dt.date(2026, 6, 1)))
    proceedings = CareProceedings.objects.get(child=child)
    granted = fields.pop("granted", dt.date(2026, 11, 20))
    events = JourneyEvent.objects.count()
    response = sw.post(
        plan_url(child, f"proceedings/{proceedings.pk}/extensions/add/"),
        {**date_fields("granted_on", granted), **fields},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and message in page
    assert not ProceedingsExtension.objects.exists()
    assert JourneyEvent.objects.count() == events
    assert deadline(child).due == dt.date(2026, 11, 29)


def test_the_events_are_changed_only_through_the_proceedings(sw, council) -> None:
    child = council.child_a
    sw.post(plan_url(child, "proceedings/add/"), date_fields("issued_on", dt.date(2026, 6, 1)))
    event = CareProceedings.objects.get().journey_event
    response = sw.get(f"/children/{child.child_id}/events/{event.pk}/change/")
    assert response.status_code == 302  # sent back: "recorded with the care proceedings record"
