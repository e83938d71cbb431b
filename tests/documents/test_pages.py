"""The Documents tab, the upload form and the download (homeward/documents/views.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction, AuditEntry
from homeward.documents import services
from homeward.documents.models import Document
from homeward.meetings.models import Meeting
from tests.accounts.test_access_matrix import without_csrf_token
from tests.clock import NOW

PDF = b"%PDF-1.4\n% a tiny synthetic document\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
TODAY = NOW.date()


def files_in(folder: Path) -> list[Path]:
    return [p for p in Path(folder).rglob("*") if p.is_file()]


def add_url(child) -> str:
    return reverse("documents:add", args=[child.child_id])


def form(file: SimpleUploadedFile | None, **fields: str) -> dict:
    data = {
        "type": "court_order",
        "title": "Interim care order",
        "description": "Made at the first hearing",
        "dated_0": "20",
        "dated_1": "11",
        "dated_2": "2026",
        **fields,
    }
    if file is not None:
        data["file"] = file
    return data


def file(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def store(council, child=None, title="Letter", **kwargs) -> Document:
    actor = Actor.working_as(council.users["social_worker"])
    args = {"type": "letter", "dated": TODAY, "filename": "letter.pdf", **kwargs}
    return services.store(actor, child or council.child_a, PDF, title=title, **args)


@pytest.fixture
def worker(client, council):
    client.force_login(council.users["social_worker"])
    return client


def test_uploading_a_document_files_it_on_the_record(worker, council) -> None:
    response = worker.post(add_url(council.child_a), form(file("ico.pdf", PDF)), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "documents:documents", args=[council.child_a.child_id]
    )
    document = Document.objects.get()
    assert (document.title, document.type, document.dated) == (
        "Interim care order",
        "court_order",
        dt.date(2026, 11, 20),
    )
    html = response.content.decode()
    assert "Interim care order uploaded" in html and "ico.pdf" in html
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(document.pk)).exists()


def test_the_upload_form_is_the_govuk_file_upload_with_the_types(worker, council) -> None:
    html = worker.get(add_url(council.child_a)).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert "govuk-file-upload" in html and 'type="file"' in html
    assert "Photo for life story work" in html


@pytest.mark.parametrize(
    "upload,fields,message",
    [
        (None, {}, "Choose the file to upload"),
        (("setup.exe", b"MZ\x90\x00"), {}, "setup.exe is a .exe file: upload a PDF, PNG"),
        (("order.pdf", PNG), {}, "order.pdf is named as a PDF but its content is a PNG image"),
        (("ico.pdf", PDF), {"title": ""}, "Enter a title for the document"),
        (("ico.pdf", PDF), {"dated_0": ""}, "Date of the document must include a day"),
        (("ico.pdf", PDF), {"type": ""}, "Select the type of document"),
    ],
)
def test_bad_input_shows_the_error_summary_naming_the_field(
    worker, council, upload, fields, message, _documents_in_a_temporary_folder
) -> None:
    response = worker.post(
        add_url(council.child_a), form(file(*upload) if upload else None, **fields)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and message in html
    assert not Document.objects.exists()
    assert files_in(_documents_in_a_temporary_folder) == []


def test_a_file_over_the_limit_is_refused_naming_the_file(worker, council, settings) -> None:
    settings.HOMEWARD_DOCUMENT_MAX_MB = 0.001
    response = worker.post(add_url(council.child_a), form(file("big.pdf", PDF + b"0" * 2000)))
    html = response.content.decode()
    assert 'href="#id_file"' in html
    assert "big.pdf is 0.0 MB: a document must be smaller than 0.001 MB" in html


def test_a_failed_write_leaves_nothing_in_the_store_or_the_temporary_folder(
    client, council, settings, tmp_path, _documents_in_a_temporary_folder
) -> None:
    """Nothing half-written: the row fails, the stored file goes, and Django's temporary copy of
    the upload (forced to disk here) is deleted when the request ends."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload streams to a temporary file
    client.force_login(council.users["social_worker"])
    client.raise_request_exception = False
    with mock.patch.object(Document, "save", side_effect=DatabaseError("the database went away")):
        response = client.post(add_url(council.child_a), form(file("ico.pdf", PDF)))
    assert response.status_code == 500
    assert files_in(_documents_in_a_temporary_folder) == []
    assert files_in(tmp_path) == []
    assert not Document.objects.exists()


def test_a_new_version_replaces_the_old_which_stays_listed(worker, council) -> None:
    old = store(council, title="Child permanence report")
    url = add_url(council.child_a) + f"?replaces={old.pk}"
    assert "Upload a new version" in worker.get(url).content.decode()
    worker.post(url, form(file("cpr-v2.pdf", PDF), title="Child permanence report", type="report"))
    old.refresh_from_db()
    assert old.superseded_by is not None
    html = worker.get(reverse("documents:documents", args=[council.child_a.child_id])).content
    assert b"Replaced" in html


def test_the_list_is_newest_first_and_filters_by_type(worker, council) -> None:
    store(council, title="Older letter", dated=TODAY - dt.timedelta(days=30))
    store(council, title="Newer letter")
    store(council, title="The order", type="court_order")
    store(council, child=council.child_a2, title="Someone else's letter")
    url = reverse("documents:documents", args=[council.child_a.child_id])
    html = worker.get(url).content.decode()
    assert html.index("Newer letter") < html.index("Older letter")
    assert "Someone else's letter" not in html
    assert 'aria-current="page" href="' + url in html  # the Documents tab
    letters = worker.get(url, {"type": "court_order"}).content.decode()
    assert "The order" in letters and "Newer letter" not in letters


def test_the_list_takes_the_same_queries_however_many_documents(worker, council) -> None:
    url = reverse("documents:documents", args=[council.child_a.child_id])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert worker.get(url).status_code == 200
        return len(ctx)

    store(council, title="First")
    one = queries()
    for n in range(5):
        old = store(council, title=f"Letter {n}")
        store(council, title=f"Letter {n} v2", supersedes=old)
    assert queries() == one


def test_a_download_is_an_audited_attachment_never_cached_or_sniffed(worker, council) -> None:
    actor = Actor.working_as(council.users["social_worker"])
    document = services.store(
        actor, council.child_a, PDF, "court_order", "Order", TODAY, filename='ico "final".pdf'
    )
    url = reverse("documents:download", args=[council.child_a.child_id, document.pk])
    response = worker.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="ico _final_.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_id=str(document.pk))
    assert entry.child_id == council.child_a.child_id and "Order" in entry.summary


def test_a_document_of_another_child_is_not_found_through_this_childs_url(worker, council) -> None:
    theirs = store(council, child=council.child_b)
    mine = store(council)
    url = reverse("documents:download", args=[council.child_a.child_id, theirs.pk])
    assert worker.get(url).status_code == 404
    nonesuch = reverse("documents:download", args=[council.child_a.child_id, mine.pk + 100])
    assert worker.get(nonesuch).status_code == 404
    assert AuditEntry.objects.filter(action=AuditAction.DENIED).count() == 2


@pytest.mark.parametrize("role", ["social_worker_other_team", "other_iro", "family_finder"])
@pytest.mark.parametrize("name", ["documents:documents", "documents:download", "documents:add"])
def test_a_child_not_yours_gets_the_same_answer_as_no_such_child(client, council, role, name):
    document = store(council)
    client.force_login(council.users[role])
    args = [document.pk] if name == "documents:download" else []
    not_yours = client.get(reverse(name, args=[council.child_a.child_id, *args]))
    no_such = client.get(reverse(name, args=["NOSUCH1", *args]))
    assert not_yours.status_code == no_such.status_code == 404
    assert without_csrf_token(not_yours) == without_csrf_token(no_such)


@pytest.mark.parametrize(
    "role,may_upload",
    [("social_worker", True), ("team_manager", True), ("performance_analyst", False)],
)
def test_only_those_who_record_on_the_file_are_offered_the_upload(
    client, council, role, may_upload
) -> None:
    client.force_login(council.users[role])
    html = client.get(reverse("documents:documents", args=[council.child_a.child_id])).content
    assert (b"Upload a document" in html) == may_upload
    assert client.get(add_url(council.child_a)).status_code == (200 if may_upload else 403)


def test_printing_held_minutes_files_a_copy_once_and_again_after_a_change(client, council):
    """Minutes Homeward renders are filed too, so the record has one list (issue 17 item 5)."""
    meeting = Meeting.objects.create(
        child=council.child_a,
        type="ppm",
        status="held",
        held_on=TODAY,
        recorded_at=NOW,
        chair=council.users["team_manager"],
    )
    client.force_login(council.users["social_worker"])
    url = reverse("meetings:minutes", args=[council.child_a.child_id, meeting.pk])
    assert client.get(url).status_code == 200
    first = Document.objects.get(source=f"meeting:{meeting.pk}")
    assert first.rendered and first.type == "minutes" and first.content_type == "application/pdf"
    client.get(url)
    assert Document.objects.filter(source=f"meeting:{meeting.pk}").count() == 1
    Meeting.objects.filter(pk=meeting.pk).update(recorded_at=NOW + dt.timedelta(hours=1))
    client.get(url)
    first.refresh_from_db()
    assert first.superseded_by is not None and first.superseded_by.source == first.source


def test_a_planned_meetings_agenda_is_not_filed(client, council) -> None:
    meeting = Meeting.objects.create(
        child=council.child_a, type="ppm", status="planned", planned_on=TODAY
    )
    client.force_login(council.users["social_worker"])
    client.get(reverse("meetings:minutes", args=[council.child_a.child_id, meeting.pk]))
    assert not Document.objects.exists()


def test_an_upload_far_over_the_limit_is_refused_before_it_is_read_or_stored(
    client, council, settings, tmp_path, _documents_in_a_temporary_folder
) -> None:
    """Its declared length is enough: the body is read and dropped, never parsed into Django's
    temporary folder, and the form says why (413 Content Too Large)."""
    settings.HOMEWARD_DOCUMENT_MAX_MB = 0.01
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    client.force_login(council.users["social_worker"])
    response = client.post(add_url(council.child_a), form(file("big.pdf", PDF + b"0" * 100_000)))
    assert response.status_code == 413
    html = response.content.decode()
    assert "govuk-error-summary" in html and 'href="#id_file"' in html
    assert "The selected file is 0.1 MB: a document must be smaller than 0.01 MB" in html
    assert files_in(tmp_path) == [] and files_in(_documents_in_a_temporary_folder) == []
    assert not Document.objects.exists()
