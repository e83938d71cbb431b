"""Sessions end after HOMEWARD_IDLE_MINUTES without a request and at the absolute limit
(SESSION_COOKIE_AGE after sign-in); every response to a signed-in user is never cached; an
account locks after repeated failures whatever address they come from (issue 14)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from homeward.audit.models import AuditAction, AuditEntry
from homeward.demo.builder import DEMO_PASSWORD
from tests.clock import NOW
from tests.factories import UserFactory

SIGN_IN = reverse("accounts:sign-in")


@pytest.fixture
def signed_in(client, council):
    """The social worker, signed in through the sign-in page at tests.clock.NOW."""
    user = council.users["social_worker"]
    user.set_password(DEMO_PASSWORD)
    user.save()
    response = client.post(SIGN_IN, {"username": user.username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def at(time_machine, minutes: float) -> None:
    time_machine.move_to(NOW + dt.timedelta(minutes=minutes), tick=False)


def test_a_request_within_the_idle_limit_keeps_the_session(signed_in, council, time_machine):
    url = council.child_a.get_absolute_url()
    for minutes in (29, 58, 87):  # each within 30 minutes of the last
        at(time_machine, minutes)
        assert signed_in.get(url).status_code == 200


def test_the_last_request_is_written_at_most_once_a_minute(signed_in, time_machine) -> None:
    """Every page would otherwise write the session (a database write per request); to the
    minute is enough for an idle limit counted in minutes."""
    url = reverse("children:my-children")

    def session_writes() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert signed_in.get(url).status_code == 200
        return sum(
            1
            for q in ctx.captured_queries
            if q["sql"].startswith("UPDATE") and "session" in q["sql"]
        )

    at(time_machine, 2)
    assert session_writes() == 1
    at(time_machine, 2.5)
    assert session_writes() == 0
    at(time_machine, 3.1)
    assert session_writes() == 1


def test_thirty_minutes_idle_ends_the_session_with_a_message(signed_in, council, time_machine):
    url = council.child_a.get_absolute_url()
    at(time_machine, 1)
    assert signed_in.get(url).status_code == 200
    at(time_machine, 31)
    response = signed_in.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next={url}"
    page = signed_in.get(response["Location"])
    assert "You were signed out because you had done nothing for 30 minutes" in (
        page.content.decode()
    )
    assert not page.wsgi_request.user.is_authenticated
    assert AuditEntry.objects.filter(
        action=AuditAction.SIGN_OUT, username=council.users["social_worker"].username
    ).exists()
    # Signed out for good: going back later is no better.
    assert signed_in.get(url).status_code == 302


def test_the_idle_limit_is_a_setting(signed_in, council, settings, time_machine):
    settings.HOMEWARD_IDLE_MINUTES = 5
    url = council.child_a.get_absolute_url()
    at(time_machine, 4)
    assert signed_in.get(url).status_code == 200
    at(time_machine, 9)
    response = signed_in.get(url)
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("nothing for 5 minutes" in m for m in messages)


def test_a_session_ends_at_the_absolute_limit_however_active(signed_in, council, time_machine):
    url = council.child_a.get_absolute_url()
    minutes = 0
    while minutes < 8 * 60 - 20:  # a request every 20 minutes for a working day
        minutes += 20
        at(time_machine, minutes)
        assert signed_in.get(url).status_code == 200, f"after {minutes} minutes"
    at(time_machine, 8 * 60 + 1)
    response = signed_in.get(url)
    assert response.status_code == 302
    page = signed_in.get(response["Location"]).content.decode()
    assert "You were signed out because you signed in more than 8 hours ago" in page


@pytest.mark.parametrize("value", ["0", "half an hour", "-5"])
def test_a_bad_idle_setting_stops_start_up_naming_it(value, monkeypatch) -> None:
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import homeward.settings

    monkeypatch.setenv("HOMEWARD_IDLE_MINUTES", value)
    with pytest.raises(ImproperlyConfigured, match="HOMEWARD_IDLE_MINUTES"):
        importlib.reload(homeward.settings)
    monkeypatch.delenv("HOMEWARD_IDLE_MINUTES")
    importlib.reload(homeward.settings)


# -- Cache-Control: no-store ------------------------------------------------------------------


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "") and "private" in response.get(
        "Cache-Control", ""
    )


def test_every_page_and_download_for_a_signed_in_user_is_never_stored(client, council) -> None:
    from tests.documents.matrix import documents_url_values
    from tests.meetings.matrix import meetings_url_values

    client.force_login(council.users["service_manager"])
    child = council.child_a
    meeting_id = meetings_url_values(child, ["meeting_id"])["meeting_id"]
    document_id = documents_url_values(child, ["document_id"])["document_id"]
    responses = {
        "record": client.get(child.get_absolute_url()),
        "children": client.get("/"),
        "my work": client.get("/my-work/"),
        "drift csv": client.get("/drift/", {"download": "csv"}),
        "drift excel": client.get("/drift/", {"download": "xlsx"}),
        "forecasts": client.get("/reports/forecasts/"),
        "forecasts csv (streamed)": client.get("/reports/forecasts/", {"download": "csv"}),
        "minutes pdf": client.get(f"/children/{child.child_id}/meetings/{meeting_id}/minutes.pdf"),
        "document": client.get(f"/children/{child.child_id}/documents/{document_id}/download/"),
        "not found": client.get("/children/NOSUCH/"),
        "a form": client.get(f"/children/{child.child_id}/events/add/"),
        "SSDA903 return zip": client.get("/ssda903/export/", {"year": "2027"}),
    }
    assert responses["drift csv"]["Content-Type"].startswith("text/csv")
    assert responses["minutes pdf"]["Content-Type"] == "application/pdf"
    assert responses["SSDA903 return zip"]["Content-Type"] == "application/zip"
    for what, response in responses.items():
        assert no_store(response), f"{what}: {response.get('Cache-Control')}"


def test_the_panel_list_pdf_is_never_stored(client, council) -> None:
    client.force_login(council.users["service_manager"])
    response = client.get(reverse("panels:aepp-pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert no_store(response)


# -- lockout per account ------------------------------------------------------------------------


def test_failures_from_many_addresses_lock_the_account(client, db, settings) -> None:
    user = UserFactory(username="target")
    user.set_password(DEMO_PASSWORD)
    user.save()
    limit = settings.AXES_FAILURE_LIMIT
    for n in range(1, limit + 1):  # each guess from a new address
        response = client.post(
            SIGN_IN,
            {"username": "target", "password": f"wrong-guess-{n}"},
            REMOTE_ADDR=f"203.0.113.{n}",
        )
        # The form again until the limit; the limit's failure locks the account.
        assert response.status_code == (429 if n == limit else 200), f"failure {n}"
    # The right password from yet another address: still locked.
    response = client.post(
        SIGN_IN, {"username": "target", "password": DEMO_PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account from the attackers' addresses is not locked.
    other = UserFactory(username="bystander")
    other.set_password(DEMO_PASSWORD)
    other.save()
    response = client.post(
        SIGN_IN, {"username": "bystander", "password": DEMO_PASSWORD}, REMOTE_ADDR="203.0.113.1"
    )
    assert response.status_code == 302
