"""URL parameters for homeward.documents' pages in the access matrix
(tests/accounts/test_access_matrix.py): a letter on the matrix's child that names the child (so
a download that answers shows it), created only when a URL asks for it."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from homeward.accounts.actor import Actor
from homeward.children.models import Child
from homeward.documents import services


def documents_url_values(child: Child, params: list[str]) -> dict[str, Any]:
    if "document_id" not in params:
        return {}
    document = child.documents.first()
    if document is None:
        worker = child.allocations.get(ended_on__isnull=True).social_worker
        document = services.store(
            Actor.working_as(worker),
            child,
            f"A letter about {child.first_name} {child.last_name}.\n".encode(),
            "letter",
            "Letter to the school",
            timezone.localdate(),
            filename="letter.txt",
        )
    return {"document_id": document.pk}
