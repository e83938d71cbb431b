"""Filing documents on a child's record: ``store`` for a file someone uploads (its size and its
format checked by content), ``store_rendered`` for a PDF Homeward renders itself (minutes,
plans). Each writes the file through the documents storage, then the row and its audit entry in
one transaction; if the row cannot be written the file is removed, so nothing is half-written.
Django's temporary copy of a large upload is deleted when the request ends."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.children.models import Child
from homeward.documents.models import Document
from homeward.documents.storage import document_storage
from homeward.domain import documents as domain

CHUNK = 64 * 1024


def max_bytes() -> int:
    return int(settings.HOMEWARD_DOCUMENT_MAX_MB * 1024 * 1024)


def safe_filename(name: str) -> str:
    """The file's own name, without any folder a browser sent or characters a header or a file
    system would misread; never empty."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c if c.isprintable() and c not in '"<>:|?*;' else "_" for c in base)
    cleaned = cleaned.strip(" .")[:200]
    return cleaned or "document"


def too_large_message(filename: str, size: int) -> str:
    limit = settings.HOMEWARD_DOCUMENT_MAX_MB
    return (
        f"{filename} is {size / 1024 / 1024:.1f} MB: a document must be smaller than {limit:g} MB"
    )


def _sha256(file: IO[bytes]) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(CHUNK), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _check(
    type: str, title: str, dated: dt.date | None, supersedes: Document | None, child: Child
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if type not in domain.TYPE_LABELS:
        errors["type"] = "Select the type of document"
    if not title.strip():
        errors["title"] = "Enter a title for the document"
    elif len(title) > 200:
        errors["title"] = "The title must be 200 characters or fewer"
    if dated is None:
        errors["dated"] = "Enter the date of the document"
    elif dated > timezone.localdate():
        errors["dated"] = "The date of the document must be today or in the past"
    if supersedes is not None:
        if supersedes.child_id != child.pk:
            errors["supersedes"] = "The document to replace is on another child's record"
        elif supersedes.superseded_by_id is not None:
            errors["supersedes"] = "That document has already been replaced by a later version"
    return errors


def store(
    actor: Actor,
    child: Child,
    upload: UploadedFile | bytes,
    type: str,
    title: str,
    dated: dt.date | None,
    source: str = "",
    *,
    filename: str = "",
    description: str = "",
    supersedes: Document | None = None,
) -> Document:
    """File an uploaded document (an ``UploadedFile``, or ``bytes`` with a ``filename``) on the
    child's record. Refuses, with a ``ValidationError`` naming the field (``file``, ``type``,
    ``title``, ``dated``), a file too large, of a format Homeward does not keep, or whose name
    and content disagree. ``supersedes``: the earlier version this one replaces (kept)."""
    if isinstance(upload, bytes):
        content: IO[bytes] = io.BytesIO(upload)
        size = len(upload)
    else:
        content = upload
        filename = filename or upload.name or ""
        size = upload.size or 0
    filename = safe_filename(filename)
    errors = _check(type, title, dated, supersedes, child)
    if size == 0:
        errors["file"] = f"{filename} is empty"
    elif size > max_bytes():
        errors["file"] = too_large_message(filename, size)
    else:
        try:
            fmt = domain.identify(filename, content)
        except domain.Refused as exc:
            errors["file"] = str(exc)
    if errors:
        raise ValidationError(errors)
    return _file(
        actor,
        child,
        content,
        fmt,
        filename=filename,
        size=size,
        type=type,
        title=title.strip(),
        description=description.strip(),
        dated=dated,
        source=source,
        supersedes=supersedes,
        rendered=False,
    )


def store_rendered(
    actor: Actor,
    child: Child,
    pdf_bytes: bytes,
    type: str,
    title: str,
    dated: dt.date,
    source: str = "",
    *,
    filename: str,
    description: str = "",
    supersedes: Document | None = None,
) -> Document:
    """File a PDF Homeward rendered itself (minutes, plans) on the child's record, so the record
    has one list of documents. Not size-limited (Homeward made it), but it must be a PDF."""
    if not pdf_bytes.startswith(b"%PDF-"):
        raise ValueError("store_rendered files PDFs only")
    return _file(
        actor,
        child,
        io.BytesIO(pdf_bytes),
        domain.PDF,
        filename=safe_filename(filename),
        size=len(pdf_bytes),
        type=type,
        title=title,
        description=description,
        dated=dated,
        source=source,
        supersedes=supersedes,
        rendered=True,
    )


def _file(
    actor: Actor,
    child: Child,
    content: IO[bytes],
    fmt: domain.FileFormat,
    *,
    filename: str,
    size: int,
    type: str,
    title: str,
    description: str,
    dated: dt.date | None,
    source: str,
    supersedes: Document | None,
    rendered: bool,
) -> Document:
    document = Document(
        child=child,
        type=type,
        title=title,
        description=description,
        dated=dated,
        original_filename=filename,
        size=size,
        content_type=fmt.content_type,
        sha256=_sha256(content),
        source=source[:100],
        rendered=rendered,
        uploaded_by=actor.user,
        uploaded_at=timezone.now(),
    )
    # The file first, under a name of Homeward's making; the row after. Should the row (or its
    # audit entry) fail, the stored file is removed before the error goes on.
    name = document.file.field.generate_filename(document, filename)
    stored = document_storage.save(name, File(content, name=filename))
    document.file.name = stored
    try:
        with transaction.atomic():
            document.save()
            if supersedes is not None:
                replaced = Document.objects.filter(pk=supersedes.pk, superseded_by__isnull=True)
                if not replaced.update(superseded_by=document):
                    raise ValidationError({"supersedes": "That document has already been replaced"})
            what = "Filed" if rendered else "Uploaded"
            record(
                AuditAction.CREATE,
                actor=actor,
                child_id=child.child_id,
                obj=document,
                summary=f"{what} {domain.TYPE_LABELS.get(type, type).lower()}: {title} "
                f"({filename}, {size} bytes)"
                + (f"; replaces document {supersedes.pk}" if supersedes is not None else ""),
                after={"sha256": document.sha256, "source": document.source},
            )
    except BaseException:
        document_storage.delete(stored)
        raise
    return document


def latest_for(source: str) -> Document | None:
    """The current document filed for ``source`` (e.g. "meeting:12"), if any."""
    return Document.objects.current().filter(source=source).order_by("-uploaded_at", "-pk").first()


def unfiled(older_than: dt.timedelta = dt.timedelta(hours=1)) -> list[str]:
    """Stored files no document row names: left when a caller's own transaction, around
    ``store``, rolled back after the file was written (``store`` removes the file itself when
    its own write fails). Files newer than ``older_than`` are left alone: their upload may still
    be committing."""
    cutoff = timezone.now() - older_than
    named = set(Document.objects.values_list("file", flat=True))
    found = []
    folders, _ = document_storage.listdir("")
    for folder in sorted(f for f in folders if f.startswith("child-")):
        _, files = document_storage.listdir(folder)
        for name in sorted(files):
            path = f"{folder}/{name}"
            if path not in named and document_storage.get_modified_time(path) < cutoff:
                found.append(path)
    return found
