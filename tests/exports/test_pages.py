"""Your downloads: the list and the progress page show only your own (anyone else's is a 404),
every download is audited as an export, and downloads older than a day are removed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from homeward.audit.models import AuditAction, AuditEntry
from homeward.exports.models import Export
from homeward.exports.storage import export_storage
from homeward.exports.tasks import build_export
from tests.clock import NOW


@pytest.fixture
def ready(client, council, drifting) -> Export:
    """A drift workbook the service manager asked for, built."""
    client.force_login(council.users["service_manager"])
    client.post("/exports/new/", {"kind": "drift.xlsx", "only": "overdue"})
    export = Export.objects.get()
    build_export.call(export.pk)
    export.refresh_from_db()
    return export


def test_the_progress_page_says_how_it_is_going_in_words(client, council) -> None:
    client.force_login(council.users["performance_analyst"])
    response = client.post("/exports/new/", {"kind": "drift.csv", "team": "Team A"})
    export = Export.objects.get()
    assert response.status_code == 303 and response["Location"] == f"/exports/{export.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert 'Status: <strong class="govuk-tag govuk-tag--grey">Waiting to start</strong>' in page
    assert 'hx-trigger="every 2s"' in page and "<progress" in page  # still working: it polls
    assert f'href="/exports/{export.pk}/">Check again</a>' in page  # and without scripts
    build_export.call(export.pk)
    fragment = client.get(f"/exports/{export.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "every 2s" not in fragment  # finished: polling stops, and the live region says so
    assert "Your download is ready." in fragment
    assert f'href="/exports/{export.pk}/download/"' in fragment


def test_a_ready_download_is_audited_as_an_export(client, council, ready) -> None:
    response = client.get(f"/exports/{ready.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="drift-2026-11-24-overdue.xlsx"'
    )
    assert "no-store" in response["Cache-Control"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Drift"]
    assert sheet["A1"].value == "Child ID"
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert entry.username == council.users["service_manager"].username
    assert entry.summary == (
        f"Downloaded the drift dashboard (Excel workbook; only children with something "
        f"overdue) ({ready.rows} children)"
    )
    assert entry.after["kind"] == "drift.xlsx" and entry.after["only"] == "overdue"
    assert entry.path == f"/exports/{ready.pk}/download/"


def test_only_the_person_who_asked_sees_or_downloads_an_export(client, council, ready) -> None:
    listed = client.get("/exports/").content.decode()
    assert "The drift dashboard (Excel workbook" in listed and "Ready" in listed
    for role in ("performance_analyst", "team_manager", "social_worker"):
        client.force_login(council.users[role])
        assert client.get(f"/exports/{ready.pk}/").status_code == 404
        assert client.get(f"/exports/{ready.pk}/download/").status_code == 404
        assert "Excel workbook" not in client.get("/exports/").content.decode()
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_download_not_ready_is_not_offered(client, council) -> None:
    client.force_login(council.users["service_manager"])
    client.post("/exports/new/", {"kind": "drift.xlsx"})
    export = Export.objects.get()
    assert client.get(f"/exports/{export.pk}/download/").status_code == 404
    assert "Waiting to start" in client.get("/exports/").content.decode()


def test_downloads_older_than_a_day_are_removed(client, council, ready, time_machine) -> None:
    folder = str(ready.pk)
    assert export_storage.exists(ready.file.name)
    export_storage.save("999999/left-behind.csv", io.BytesIO(b"x"))  # no export of its own
    time_machine.move_to(NOW + dt.timedelta(hours=23), tick=False)
    client.force_login(council.users["service_manager"])  # a new session: the old one timed out
    client.post("/exports/new/", {"kind": "drift.csv"})
    newer = Export.objects.latest("pk")
    assert newer != ready
    out = io.StringIO()
    call_command("prune_exports", stdout=out)
    assert out.getvalue() == "Removed 0 downloads.\n"
    assert export_storage.exists(ready.file.name) and not export_storage.exists("999999")

    time_machine.move_to(NOW + dt.timedelta(hours=24, minutes=1), tick=False)
    client.force_login(council.users["service_manager"])
    listed = client.get("/exports/").content.decode()  # the list prunes too
    assert list(Export.objects.all()) == [newer]
    assert not export_storage.exists(ready.file.name) and not export_storage.exists(folder)
    assert "Excel workbook" not in listed and "CSV" in listed


# The worker closes its database connection after each task, as a worker should: the test's
# data must be committed, not held in a transaction that would be lost with the connection.
@pytest.mark.django_db(transaction=True)
def test_the_drift_pages_button_queues_a_download_the_worker_prepares(
    client, council, drifting
) -> None:
    client.force_login(council.users["service_manager"])
    page = client.get("/drift/", {"team": "Team A"}).content.decode()
    assert (
        'action="/exports/new/"' in page and 'value="drift.xlsx">Prepare an Excel download' in page
    )
    assert '<input type="hidden" name="team" value="Team A">' in page
    response = client.post("/exports/new/", {"kind": "drift.xlsx", "team": "Team A"})
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    export = Export.objects.get()
    assert export.status == Export.Status.READY, export.message
    assert export.rows == 4  # the two of the fixture's and the council's two in Team A
    page = client.get(response["Location"]).content.decode()
    assert "Ready" in page and "4 children" in page and "every 2s" not in page


def test_a_file_removed_meanwhile_is_a_404_not_an_error(client, council, ready) -> None:
    export_storage.delete(ready.file.name)
    assert client.get(f"/exports/{ready.pk}/download/").status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()
