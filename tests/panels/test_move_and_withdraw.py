"""Moving a waiting referral to another panel, or withdrawing it, with the reason (issue 13): a
changed panel day must not strand the children waiting. Today is Tuesday 24 November 2026; the
Dudley panel sits on Mondays (30 November, 7 and 14 December), referrals by 5pm the Wednesday
before (Dudley quick reference guide, 'Achieving early permanence panel')."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from homeward.audit.models import AuditAction, AuditEntry
from homeward.panels import selectors, services
from homeward.panels.models import Outcome, Panel, Referral
from tests.panels.conftest import DUDLEY, at
from tests.panels.test_services import PANEL, refer

D = dt.date
NOW = at(D(2026, 11, 24), 10)
LATER_PANEL = D(2026, 12, 14)


@pytest.fixture
def referral(council):
    return refer(council, now=NOW)


def _state():
    return (
        AuditEntry.objects.count(),
        list(Referral.objects.values_list("panel__date", "moved_from", "move_reason")),
        list(Referral.objects.values_list("withdrawn_at", "withdrawal_reason")),
        Panel.objects.count(),
    )


def _refused(call, field: str) -> str:
    before = _state()
    with pytest.raises(ValidationError) as caught:
        call()
    assert _state() == before  # nothing half-written
    errors = caught.value.message_dict if hasattr(caught.value, "error_dict") else {}
    if field == "__all__":
        return caught.value.messages[0]
    assert field in errors, caught.value
    return errors[field][0]


def test_moving_keeps_the_referral_records_where_it_was_and_why_and_audits(council, referral):
    by = council.users["permanence_coordinator"]
    moved = services.move_referral(
        referral, panel_date=LATER_PANEL, reason="Parents' solicitor asked", by=by, now=NOW
    )
    moved.refresh_from_db()
    assert (moved.pk, moved.panel.date, moved.moved_from, moved.move_reason) == (
        referral.pk,
        LATER_PANEL,
        PANEL,
        "Parents' solicitor asked",
    )
    assert moved.referred_at == referral.referred_at and moved.route == referral.route
    entry = AuditEntry.objects.filter(action=AuditAction.CHANGE).latest("pk")
    assert "from Monday 7 December 2026 to Monday 14 December 2026" in entry.summary
    assert entry.before["panel"] != entry.after["panel"]


@pytest.mark.parametrize(
    "panel_date,reason,field,message",
    [
        (LATER_PANEL, "   ", "reason", "Enter why the referral is moved"),
        (None, "x", "panel", "Select the panel to move the referral to"),
        (D(2026, 11, 23), "x", "panel", "has already sat"),
        (D(2026, 12, 8), "x", "panel", "The panel does not sit on Tuesday 8 December 2026"),
        (PANEL, "x", "panel", "already for the panel on Monday 7 December 2026"),
    ],
)
def test_a_move_with_no_reason_or_to_a_past_or_non_sitting_date_is_refused(
    council, referral, panel_date, reason, field, message
):
    by = council.users["permanence_coordinator"]
    text = _refused(
        lambda: services.move_referral(
            referral, panel_date=panel_date, reason=reason, by=by, now=NOW
        ),
        field,
    )
    assert message in text


def test_a_move_to_a_panel_the_child_is_already_on_or_that_was_held_is_refused(council, referral):
    by = council.users["permanence_coordinator"]
    Panel.objects.create(date=LATER_PANEL, status=Panel.Status.HELD)
    text = _refused(
        lambda: services.move_referral(
            referral, panel_date=LATER_PANEL, reason="x", by=by, now=NOW
        ),
        "panel",
    )
    assert "has been held" in text


def test_withdrawing_keeps_the_referral_off_the_list_and_the_child_may_be_referred_again(
    council, referral
):
    by = council.users["permanence_coordinator"]
    services.withdraw_referral(referral, reason="Returned home to mother", by=by, now=NOW)
    referral.refresh_from_db()
    assert referral.is_withdrawn and referral.withdrawn_by == by
    assert referral.withdrawal_reason == "Returned home to mother"
    assert selectors.panel_list(by, DUDLEY.sitting_on(PANEL)).referrals == []
    assert selectors.open_referral(council.child_a, D(2026, 11, 24)) is None
    again = refer(council, now=NOW)  # the same panel: the withdrawn one does not block it
    assert again.pk != referral.pk
    entry = AuditEntry.objects.filter(action=AuditAction.CHANGE).latest("pk")
    assert entry.summary.startswith("Withdrew the early permanence panel referral")


def test_withdrawing_needs_a_reason_and_happens_once(council, referral):
    by = council.users["permanence_coordinator"]
    message = _refused(
        lambda: services.withdraw_referral(referral, reason=" ", by=by, now=NOW), "reason"
    )
    assert message == "Enter why the referral is withdrawn"
    services.withdraw_referral(referral, reason="No longer needed", by=by, now=NOW)
    message = _refused(
        lambda: services.withdraw_referral(referral, reason="again", by=by, now=NOW), "__all__"
    )
    assert "already withdrawn" in message
    message = _refused(
        lambda: services.move_referral(
            referral, panel_date=LATER_PANEL, reason="x", by=by, now=NOW
        ),
        "__all__",
    )
    assert "already withdrawn" in message


def test_a_referral_the_panel_considered_is_neither_moved_nor_withdrawn(council, referral):
    by = council.users["permanence_coordinator"]
    Outcome.objects.create(
        referral=referral,
        pathway="fostering",
        worker=council.users["social_worker"],
        first_ppm_date=D(2026, 12, 20),
        recorded_by=by,
    )
    for call in (
        lambda: services.withdraw_referral(referral, reason="x", by=by, now=NOW),
        lambda: services.move_referral(
            referral, panel_date=LATER_PANEL, reason="x", by=by, now=NOW
        ),
    ):
        assert "has recorded its outcome" in _refused(call, "__all__")


def test_a_changed_panel_day_lists_the_waiting_referrals_to_move(council, referral, settings):
    """The installation moves its panel from Monday to Thursday: the referral for Monday
    7 December is stranded until it is moved to a Thursday."""
    admin = council.users["permanence_coordinator"]
    assert selectors.stranded_referrals(admin, selectors.schedule()) == []
    settings.HOMEWARD_AEPP_DAY = "thursday"
    schedule = selectors.schedule()
    assert [r.pk for r in selectors.stranded_referrals(admin, schedule)] == [referral.pk]
    services.move_referral(
        referral, panel_date=D(2026, 12, 10), reason="The panel now sits on Thursdays", by=admin
    )
    assert selectors.stranded_referrals(admin, schedule) == []


# The pages ------------------------------------------------------------------------------------


def _login(client, council, role="permanence_coordinator"):
    client.force_login(council.users[role])
    return client


def _url(child, what: str, panel: dt.date = PANEL, **extra: str) -> str:
    query = "&".join([f"panel={panel.isoformat()}", *(f"{k}={v}" for k, v in extra.items())])
    return f"/children/{child.child_id}/early-permanence-panel/{what}/?{query}"


def test_the_childs_panel_tab_offers_move_and_withdraw_for_a_waiting_referral(
    client, council, referral
):
    html = (
        _login(client, council)
        .get(f"/children/{council.child_a.child_id}/early-permanence-panel/")
        .content.decode()
    )
    assert "Move to another panel" in html and "Withdraw the referral" in html


def test_moving_through_the_page(client, council, referral):
    page = _login(client, council).get(_url(council.child_a, "move"))
    assert page.status_code == 200 and "Monday 14 December 2026" in page.content.decode()
    response = client.post(
        _url(council.child_a, "move"),
        {"panel": LATER_PANEL.isoformat(), "reason": "Assessment report not ready"},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.panel.date, referral.moved_from) == (LATER_PANEL, PANEL)
    tab = client.get(response["Location"]).content.decode()
    assert "Moved from the panel on 7 December 2026: Assessment report not ready" in tab


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"panel": "2026-12-14", "reason": ""}, "reason", "Enter why the referral is moved"),
        ({"reason": "x"}, "panel", "Select the panel to move the referral to"),
        ({"panel": "2026-12-08", "reason": "x"}, "panel", "Select a valid choice"),
    ],
)
def test_the_move_page_names_the_field_in_error(client, council, referral, data, field, message):
    response = _login(client, council).post(_url(council.child_a, "move"), data)
    html = response.content.decode()
    assert response.status_code == 200 and f'href="#id_{field}' in html and message in html
    referral.refresh_from_db()
    assert (
        referral.panel.date == PANEL
        and not AuditEntry.objects.filter(action=AuditAction.CHANGE).exists()
    )


def test_withdrawing_through_the_page(client, council, referral):
    response = _login(client, council).post(_url(council.child_a, "withdraw"), {"reason": ""})
    assert 'href="#id_reason">Enter why the referral is withdrawn' in response.content.decode()
    response = client.post(_url(council.child_a, "withdraw"), {"reason": "Returned home"})
    assert response.status_code == 302
    tab = client.get(response["Location"]).content.decode()
    assert "Withdrawn" in tab and "Returned home" in tab and "Refer to the panel" in tab


def test_no_waiting_referral_on_that_day_is_not_found(client, council, referral):
    client = _login(client, council)
    assert client.get(_url(council.child_a, "move", panel=LATER_PANEL)).status_code == 404
    assert client.get(_url(council.child_a, "withdraw", panel=D(2026, 12, 9))).status_code == 404


def test_the_panel_list_shows_stranded_referrals_for_the_administrator_to_move(
    client, council, referral, settings
):
    settings.HOMEWARD_AEPP_DAY = "thursday"
    client = _login(client, council, "panel_administrator")
    html = client.get("/panels/aepp/").content.decode()
    assert "1 referral is for a day the panel no longer sits" in html
    move = _url(council.child_a, "move", **{"from": "aepp"}).replace("&", "&amp;")
    assert move in html
    response = client.post(
        _url(council.child_a, "move", **{"from": "aepp"}),
        {"panel": "2026-12-10", "reason": "The panel now sits on Thursdays"},
    )
    assert response.status_code == 302 and response["Location"] == "/panels/aepp/"
    assert "no longer sits" not in client.get("/panels/aepp/").content.decode()
