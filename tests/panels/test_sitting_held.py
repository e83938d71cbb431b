"""A panel that sat on another day than its listed one, recorded after the event with its real
date (issue 13 item 10): the outcomes count from that day.

Sources: Dudley quick reference guide (001_d6c3849112f62e7d.txt) 'Achieving early permanence
panel': the panel within 2 weeks of becoming looked after (SPEC T1, rule ``aepp``), the first
permanence planning meeting "within 6 weeks of the early permanence panel" (SPEC T2, rule
``first-ppm``). The clock is Tuesday 24 November 2026; the last panel listed sat Monday 23
November.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import JourneyEvent
from homeward.panels import services
from homeward.panels.models import Panel
from homeward.timescales.selectors import for_child
from tests.panels.conftest import before_cutoff, last_sitting, today

D = dt.date
EXTRAORDINARY = D(2026, 11, 20)  # Friday before the listed Monday


@pytest.fixture
def listed(council):
    """child_a on the list of the panel listed for Monday 23 November 2026."""
    sitting = last_sitting()
    assert sitting.date == D(2026, 11, 23)
    return services.refer(
        council.child_a,
        panel_date=sitting.date,
        route="legal_gateway",
        is_late=False,
        late_reason="",
        by=council.users["permanence_coordinator"],
        now=before_cutoff(sitting),
    )


def sat_on(council, referral, held_on, reason="Extraordinary sitting: the chair was away"):
    return services.record_sitting_held(
        referral.panel, held_on=held_on, reason=reason, by=council.users["permanence_coordinator"]
    )


def record_outcome(council, referral):
    referral.refresh_from_db()
    return services.record_outcome(
        referral,
        pathway="fostering",
        worker=council.users["family_finder"],
        first_ppm_date=D(2026, 12, 18),
        notes="",
        by=council.users["permanence_coordinator"],
    )


def test_a_panel_that_sat_early_counts_from_its_real_date(council, listed) -> None:
    """Listed for Mon 23 Nov, it sat at an extraordinary sitting on Fri 20 Nov: the outcome
    records aepp_held on 20 Nov, and the first PPM is due within 6 weeks of it (Fri 1 Jan
    2027), not of the listed day (4 Jan)."""
    panel = sat_on(council, listed, EXTRAORDINARY)
    assert (panel.date, panel.held_on, panel.status) == (
        D(2026, 11, 23),
        EXTRAORDINARY,
        Panel.Status.HELD,
    )
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, object_type="early permanence panel")
    assert "sat on Friday 20 November 2026: Extraordinary sitting" in entry.summary
    outcome = record_outcome(council, listed)
    assert outcome.journey_event.date == EXTRAORDINARY
    by_rule = {e.rule_id: e for e in for_child(council.child_a, today=today())}
    assert by_rule["aepp"].met_by.date == EXTRAORDINARY
    assert by_rule["first-ppm"].due == D(2027, 1, 1)


def test_outcomes_already_recorded_move_to_the_day_the_panel_sat(council, listed) -> None:
    """Outcomes recorded against the listed Monday, then the panel is recorded as having sat on
    Tuesday 24 November (moved): the journey event moves, audited, and the ledger follows
    (first PPM within 6 weeks: Tue 5 Jan 2027)."""
    event = record_outcome(council, listed).journey_event
    assert event.date == D(2026, 11, 23)
    sat_on(council, listed, D(2026, 11, 24), reason="Moved: the room was unavailable")
    event.refresh_from_db()
    assert event.date == D(2026, 11, 24)
    assert AuditEntry.objects.filter(
        action=AuditAction.CHANGE,
        child_id=council.child_a.child_id,
        summary__contains="the panel sat on Tuesday 24 November 2026",
    ).exists()
    by_rule = {e.rule_id: e for e in for_child(council.child_a, today=today())}
    assert by_rule["first-ppm"].due == D(2027, 1, 5)


@pytest.mark.parametrize(
    "held_on,reason,field,message",
    [
        (D(2026, 11, 25), "Moved", "held_on", "must be today or in the past"),
        (D(2026, 11, 23), "Moved", "held_on", "was scheduled for Monday 23 November 2026"),
        (None, "Moved", "held_on", "Enter the date the panel sat"),
        (EXTRAORDINARY, "  ", "held_reason", "Enter why the panel sat on that day"),
    ],
)
def test_a_sitting_that_cannot_be_recorded_is_refused_and_nothing_saved(
    council, listed, held_on, reason, field, message
) -> None:
    record_outcome(council, listed)
    counts = (AuditEntry.objects.count(), JourneyEvent.objects.count())
    with pytest.raises(ValidationError) as caught:
        sat_on(council, listed, held_on, reason=reason)
    assert message in caught.value.message_dict[field][0]
    panel = Panel.objects.get()
    assert (panel.held_on, panel.held_reason) == (None, "")
    assert (AuditEntry.objects.count(), JourneyEvent.objects.count()) == counts
    assert JourneyEvent.objects.get(kind="aepp_held").date == D(2026, 11, 23)


def test_a_day_another_panel_is_recorded_on_is_refused(council, listed) -> None:
    Panel.objects.create(date=D(2026, 11, 16), status=Panel.Status.HELD)
    with pytest.raises(ValidationError) as caught:
        sat_on(council, listed, D(2026, 11, 16))
    assert (
        "Another panel is recorded on Monday 16 November 2026"
        in (caught.value.message_dict["held_on"][0])
    )


# -- the page -------------------------------------------------------------------------------------

URL = "/panels/aepp/sat/?date=2026-11-23"


def test_the_panel_list_links_to_recording_the_day_it_sat(client, council, listed) -> None:
    client.force_login(council.users["permanence_coordinator"])
    html = client.get("/panels/aepp/?date=2026-11-23").content.decode()
    assert reverse("panels:sitting-held") + "?date=2026-11-23" in html


def test_recording_the_day_the_panel_sat_on_the_form(client, council, listed) -> None:
    client.force_login(council.users["team_manager"])
    assert "Record the day the panel sat" in client.get(URL).content.decode()
    form = {
        "held_on_0": "25",
        "held_on_1": "11",
        "held_on_2": "2026",
        "held_reason": "",
    }
    html = client.post(URL, form).content.decode()
    assert "There is a problem" in html and "Enter why the panel sat on that day" in html
    form.update(held_reason="Extraordinary sitting")
    html = client.post(URL, form).content.decode()
    assert "There is a problem" in html and "must be today or in the past" in html
    assert Panel.objects.get().held_on is None
    form.update(held_on_0="20")
    response = client.post(URL, form)
    assert response.status_code == 302
    assert response["Location"] == "/panels/aepp/?date=2026-11-23"
    assert Panel.objects.get().held_on == EXTRAORDINARY
    html = client.get(response["Location"]).content.decode()
    assert "Held on 20 November 2026" in html or "Held on 20 Nov 2026" in html
    assert "Sat on another day: Extraordinary sitting" in html


@pytest.mark.parametrize("role", ["social_worker", "panel_administrator", "family_finder"])
def test_only_those_who_record_outcomes_may_record_the_day(client, council, listed, role) -> None:
    client.force_login(council.users[role])
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"held_reason": "x"}).status_code == 403
    assert Panel.objects.get().held_on is None


def test_a_day_with_no_panel_recorded_is_not_found(client, council) -> None:
    client.force_login(council.users["permanence_coordinator"])
    assert client.get(URL).status_code == 404
