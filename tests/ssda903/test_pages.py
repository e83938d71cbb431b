"""The SSDA903 pages: upload (a background task on the database queue), progress and result,
blocking problems as CSV, data quality per rule and per child, and the audited export."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import Child
from homeward.ssda903.models import ImportRun
from tests.paths import DFE_FAKE_RETURN as PEER

HEADER = b"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,F,01/01/2015,WBRI,,,\n"
EPISODES = (
    b"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
    b"PL_POST,URN\nA1,01/06/2026,S,C1,N1,U4,PR1,,,,,,\n"
)


def run_worker() -> None:
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


@pytest.fixture
def analyst(client, council):
    client.force_login(council.users["performance_analyst"])
    return client


@pytest.mark.parametrize(
    "role", ["social_worker", "team_manager", "iro", "panel_administrator", "system_administrator"]
)
@pytest.mark.parametrize(
    "url", ["/ssda903/", "/ssda903/data-quality/", "/ssda903/export/?year=2027"]
)
def test_only_analysts_and_service_managers_use_the_return(client, council, role, url) -> None:
    client.force_login(council.users[role])
    assert client.get(url).status_code == 403
    assert AuditEntry.objects.filter(
        action=AuditAction.DENIED, username=council.users[role].username
    ).exists()


# The worker closes its database connection after each task, as a worker should: the test's
# data must be committed, not held in a transaction that would be lost with the connection.
@pytest.mark.django_db(transaction=True)
def test_an_upload_is_imported_by_the_background_worker(analyst, council) -> None:
    response = analyst.post(
        "/ssda903/",
        {
            "files": [
                SimpleUploadedFile("header.csv", HEADER, "text/csv"),
                SimpleUploadedFile("episodes.csv", EPISODES, "text/csv"),
            ],
            "collection_year": "2027",
        },
    )
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ssda903/imports/{run.pk}/"
    assert run.status == ImportRun.Status.QUEUED
    page = analyst.get(f"/ssda903/imports/{run.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in page and "<progress" in page  # still working: it polls
    run_worker()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.IMPORTED, run.message
    assert run.started_by == council.users["performance_analyst"]
    assert Child.objects.filter(child_id="A1").exists()
    fragment = analyst.get(f"/ssda903/imports/{run.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "every 2s" not in fragment  # finished: polling stops
    assert "Imported" in fragment and "DfE rule failures" in fragment


# The worker closes its database connection after each task, as a worker should: the test's
# data must be committed, not held in a transaction that would be lost with the connection.
@pytest.mark.django_db(transaction=True)
def test_a_blocked_upload_lists_every_problem_and_offers_them_as_csv(analyst) -> None:
    bad = EPISODES.replace(b",C1,", b",Q9,")
    analyst.post(
        "/ssda903/",
        {
            "files": [
                SimpleUploadedFile("header.csv", HEADER),
                SimpleUploadedFile("episodes.csv", bad),
            ]
        },
    )
    run_worker()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.BLOCKED
    page = analyst.get(f"/ssda903/imports/{run.pk}/").content.decode()
    assert "1 problem to fix" in page and "LS &#x27;Q9&#x27; is not an SSDA903 code" in page
    csv_text = analyst.get(f"/ssda903/imports/{run.pk}/problems.csv").content.decode()
    assert csv_text.splitlines() == [
        "file,row,column,message",
        "episodes.csv,2,LS,LS 'Q9' is not an SSDA903 code",
    ]
    assert not Child.objects.filter(child_id="A1").exists()


def test_the_upload_form_refuses_other_files(analyst) -> None:
    response = analyst.post("/ssda903/", {"files": [SimpleUploadedFile("notes.docx", b"x")]})
    assert "notes.docx is not a CSV or XML file" in response.content.decode()
    response = analyst.post("/ssda903/", {})
    assert "Choose the return&#x27;s CSV files or its XML file" in response.content.decode()
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_dfe_failures_are_shown_per_rule_and_on_each_childs_record(client, council) -> None:
    call_command(
        "import_903",
        str(PEER / "csv"),
        "--year",
        "2025",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    run = ImportRun.objects.get()
    assert run.counts["dfe_failures"] == 63850
    client.force_login(council.users["performance_analyst"])
    page = client.get("/ssda903/data-quality/").content.decode()
    assert "392c" in page and "63850 failures" in page
    failure = run.failures.filter(rule="101").first()
    page = client.get("/ssda903/data-quality/", {"rule": "101"}).content.decode()
    assert failure.child_id in page
    record = client.get(f"/children/{failure.child_id}/").content.decode()
    assert "fails" in record and "Rule 101" in record


def test_the_export_download_is_a_zip_of_the_tables_and_is_audited(analyst, council) -> None:
    response = analyst.get("/ssda903/export/", {"year": "2027"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "ssda903-2026-27/header.csv" in names and "ssda903-2026-27/episodes.csv" in names
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert entry.username == council.users["performance_analyst"].username
    assert "2026-27" in entry.summary


def test_the_problems_csv_cannot_carry_spreadsheet_formulas(analyst) -> None:
    run = ImportRun.objects.create(
        source="x",
        status=ImportRun.Status.BLOCKED,
        blocking=[{"file": "=HYPERLINK(1)", "row": "2", "column": "LS", "message": "+bad"}],
    )
    text = analyst.get(f"/ssda903/imports/{run.pk}/problems.csv").content.decode()
    assert text.splitlines()[1] == "'=HYPERLINK(1),2,LS,'+bad"
