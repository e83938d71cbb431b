"""The demo council's documents (homeward/demo/documents.py): synthetic, valid files, on the
first social worker's children among others, filed and audited like any upload."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import Allocation
from homeward.demo.builder import build
from homeward.demo.documents import FIRST_SOCIAL_WORKER, tiny_pdf
from homeward.documents.models import Document
from homeward.domain.councils import profile_for


def test_the_hand_written_pdf_is_one_readable_page() -> None:
    reader = PdfReader(io.BytesIO(tiny_pdf("Interim care order (synthetic)", "Line (two)")))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Interim care order" in text and "Line [two]" in text


@pytest.mark.parametrize("slug", ["dudley", "durham"])
def test_the_demo_gives_some_children_documents(db, slug) -> None:
    build(profile_for(slug), n_children=40, seed=7, today=timezone.localdate())
    documents = Document.objects.select_related("child")
    assert documents.exists()
    own = Allocation.objects.filter(
        ended_on__isnull=True,
        social_worker__username=FIRST_SOCIAL_WORKER,
        child__date_of_birth__isnull=False,  # born: nothing on an unborn baby's record yet
    ).values_list("child_id", flat=True)
    assert set(own) <= set(documents.values_list("child_id", flat=True))
    for document in documents:
        with document.file.open("rb") as f:
            content = f.read()
        assert len(content) == document.size
        if document.content_type == "application/pdf":
            text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
            if document.rendered:  # the child's own plan (issue 17 item 1): addressed to them
                assert document.type == "my_plan" and document.child.full_name in text
            else:
                assert document.child.child_id in text and "Synthetic" in text
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="document").count() == (
        documents.count()
    )
