"""A document on a child's record: the one store every part of Homeward files into (uploads on
the Documents tab, the minutes Homeward renders, the permanence bundle's files). Append-only in
spirit: a new version supersedes the old one, which is kept."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.urls import reverse

from homeward.documents.storage import documents_storage
from homeward.domain.documents import DOCUMENT_TYPES


def stored_name(document: Document, filename: str) -> str:
    """A name of Homeward's making (the child's record number and a random one), never the
    name a browser sent: that is kept in ``original_filename`` and given back on download."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"child-{document.child_id}/{uuid.uuid4().hex}{suffix}"


class DocumentQuerySet(models.QuerySet["Document"]):
    def current(self) -> DocumentQuerySet:
        """Documents not replaced by a later version."""
        return self.filter(superseded_by__isnull=True)


class Document(models.Model):
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="documents")
    type = models.CharField(max_length=30, choices=DOCUMENT_TYPES)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    dated = models.DateField("Date of the document")
    file = models.FileField(storage=documents_storage, upload_to=stored_name, max_length=200)
    original_filename = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(help_text="In bytes.")
    content_type = models.CharField(
        max_length=120, help_text="As Homeward found it from the content, not as sent."
    )
    sha256 = models.CharField(max_length=64)
    source = models.CharField(
        max_length=100,
        blank=True,
        help_text='What the document belongs to, as a key ("meeting:12"), so other parts of '
        "Homeward can file documents without this app knowing them.",
    )
    rendered = models.BooleanField(
        default=False, help_text="Rendered by Homeward itself (minutes, plans), not uploaded."
    )
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
        help_text="The later version that replaced this one (kept, never deleted).",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-dated", "-uploaded_at", "-pk"]
        indexes = [
            models.Index(fields=["child", "-dated", "-uploaded_at"]),
            models.Index(fields=["source"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "documents:download",
            kwargs={"child_id": self.child.child_id, "document_id": self.pk},
        )
