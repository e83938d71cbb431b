"""Reads of a child's documents, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import QuerySet

from homeward.children.models import Child
from homeward.documents.models import Document
from homeward.domain.documents import TYPE_LABELS


def documents_of(child: Child, type: str = "") -> QuerySet[Document]:
    """The child's documents, newest first (by the document's date, then when filed), with who
    filed each and the version that replaced it; ``type`` filters by type."""
    rows = Document.objects.filter(child=child).select_related("uploaded_by", "superseded_by")
    if type in TYPE_LABELS:
        rows = rows.filter(type=type)
    return rows.order_by("-dated", "-uploaded_at", "-pk")


def document_of(child: Child, document_id: int) -> Document | None:
    """One of the child's documents: None for a document of another child, as for none."""
    return Document.objects.filter(child=child, pk=document_id).first()
