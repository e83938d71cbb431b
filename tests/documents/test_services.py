"""Filing documents on a child's record (homeward/documents/services.py): checked, stored through
the documents storage, audited, and nothing left behind when the row cannot be written."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.db import DatabaseError

from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction, AuditEntry
from homeward.documents import services
from homeward.documents.models import Document
from tests.clock import NOW

PDF = b"%PDF-1.4\n% a tiny synthetic document\n%%EOF\n"
TODAY = NOW.date()


def files_in(folder: Path) -> list[Path]:
    return [p for p in Path(folder).rglob("*") if p.is_file()]


@pytest.fixture
def actor(council) -> Actor:
    return Actor.working_as(council.users["social_worker"])


def test_a_document_is_stored_with_its_facts_and_audited(
    council, actor, _documents_in_a_temporary_folder
) -> None:
    document = services.store(
        actor, council.child_a, PDF, "court_order", "Interim care order", TODAY, filename="ico.pdf"
    )
    assert (document.original_filename, document.size) == ("ico.pdf", len(PDF))
    assert document.content_type == "application/pdf"
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.uploaded_by == council.users["social_worker"]
    # A name of Homeward's making under the documents root, never the name sent.
    assert "ico" not in document.file.name
    assert files_in(_documents_in_a_temporary_folder) == [
        _documents_in_a_temporary_folder / document.file.name
    ]
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(document.pk))
    assert entry.child_id == council.child_a.child_id and "Interim care order" in entry.summary


@pytest.mark.parametrize(
    "kwargs,field,message",
    [
        ({"type": "poem"}, "type", "Select the type of document"),
        ({"title": " "}, "title", "Enter a title for the document"),
        ({"dated": None}, "dated", "Enter the date of the document"),
        ({"dated": TODAY + dt.timedelta(days=1)}, "dated", "today or in the past"),
        ({"upload": b""}, "file", "ico.pdf is empty"),
        ({"upload": b"MZ\x90"}, "file", "ico.pdf is named as a PDF but its content is not"),
    ],
)
def test_bad_input_is_refused_naming_the_field(council, actor, kwargs, field, message) -> None:
    args = {"upload": PDF, "type": "court_order", "title": "Order", "dated": TODAY, **kwargs}
    with pytest.raises(ValidationError) as refused:
        services.store(actor, council.child_a, filename="ico.pdf", **args)
    assert message in " ".join(refused.value.message_dict[field])
    assert not Document.objects.exists()


def test_a_document_over_the_limit_is_refused_naming_the_file_and_the_limit(
    council, actor, settings
) -> None:
    settings.HOMEWARD_DOCUMENT_MAX_MB = 1
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        services.store(actor, council.child_a, big, "report", "Big", TODAY, filename="big.pdf")
    assert refused.value.message_dict["file"] == [
        "big.pdf is 1.0 MB: a document must be smaller than 1 MB"
    ]


def test_if_the_row_cannot_be_written_the_stored_file_and_the_temporary_copy_are_removed(
    council, actor, settings, tmp_path, _documents_in_a_temporary_folder
) -> None:
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    upload = TemporaryUploadedFile("ico.pdf", "application/pdf", len(PDF), None)
    upload.write(PDF)
    upload.seek(0)
    with (
        mock.patch.object(Document, "save", side_effect=DatabaseError("the database went away")),
        pytest.raises(DatabaseError),
    ):
        services.store(actor, council.child_a, upload, "court_order", "Order", TODAY)
    upload.close()  # as Django does when the request ends
    assert files_in(_documents_in_a_temporary_folder) == []
    assert files_in(tmp_path) == []
    assert not Document.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.CREATE).exists()


def test_if_the_audit_entry_fails_nothing_is_kept_either(
    council, actor, _documents_in_a_temporary_folder
) -> None:
    with (
        mock.patch("homeward.documents.services.record", side_effect=DatabaseError("no audit")),
        pytest.raises(DatabaseError),
    ):
        services.store(actor, council.child_a, PDF, "report", "Report", TODAY, filename="r.pdf")
    assert files_in(_documents_in_a_temporary_folder) == []
    assert not Document.objects.exists()


def test_a_new_version_supersedes_the_old_which_is_kept(council, actor) -> None:
    first = services.store(actor, council.child_a, PDF, "report", "CPR", TODAY, filename="a.pdf")
    second = services.store(
        actor, council.child_a, PDF, "report", "CPR", TODAY, filename="b.pdf", supersedes=first
    )
    first.refresh_from_db()
    assert first.superseded_by == second
    assert list(Document.objects.current()) == [second]
    with pytest.raises(ValidationError) as refused:
        services.store(
            actor, council.child_a, PDF, "report", "CPR", TODAY, filename="c.pdf", supersedes=first
        )
    assert "already been replaced" in refused.value.message_dict["supersedes"][0]


def test_a_document_cannot_replace_one_on_another_childs_record(council, actor) -> None:
    theirs = services.store(actor, council.child_b, PDF, "report", "CPR", TODAY, filename="a.pdf")
    with pytest.raises(ValidationError) as refused:
        services.store(
            actor, council.child_a, PDF, "report", "CPR", TODAY, filename="b.pdf", supersedes=theirs
        )
    assert "another child's record" in refused.value.message_dict["supersedes"][0]


def test_rendered_pdfs_are_filed_with_their_source(council, actor) -> None:
    document = services.store_rendered(
        actor, council.child_a, PDF, "minutes", "Minutes", TODAY, "meeting:7", filename="m.pdf"
    )
    assert document.rendered and document.source == "meeting:7"
    assert services.latest_for("meeting:7") == document
    with pytest.raises(ValueError):
        services.store_rendered(
            actor, council.child_a, b"<html>", "minutes", "M", TODAY, filename="m.pdf"
        )


@pytest.mark.parametrize(
    "sent,kept",
    [
        ("C:\\Users\\me\\order.pdf", "order.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ('a"b;c.pdf', "a_b_c.pdf"),
        ("line\nbreak.pdf", "line_break.pdf"),
        ("...", "document"),
    ],
)
def test_a_filename_keeps_no_folder_and_nothing_a_header_would_misread(sent, kept) -> None:
    assert services.safe_filename(sent) == kept
