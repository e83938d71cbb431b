"""URL parameters for homeward.meetings' pages in the access matrix
(tests/accounts/test_access_matrix.py): a planned PPM with an action, and an IRO escalation, on the
matrix's child, created only when a URL asks for them; and the text of a page, PDF minutes
included."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from pypdf import PdfReader

from homeward.children.models import Child
from homeward.meetings.models import Action, Escalation, Meeting


def meetings_url_values(child: Child, params: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    today = timezone.localdate()
    allocation = child.allocations.get(ended_on__isnull=True)
    if {"meeting_id", "action_id"} & set(params):
        meeting = Meeting.objects.filter(child=child, type="ppm", status="planned").first()
        if meeting is None:
            meeting = Meeting.objects.create(
                child=child, type="ppm", status="planned", planned_on=today
            )
        values["meeting_id"] = meeting.pk
        if "action_id" in params:
            action = meeting.actions.first() or Action.objects.create(
                meeting=meeting,
                text="Book the venue",
                owner=allocation.social_worker,
                due_on=today + dt.timedelta(days=7),
            )
            values["action_id"] = action.pk
    if "escalation_id" in params:
        escalation = child.escalations.first() or Escalation.objects.create(
            child=child,
            stage="informal",
            issue="No written permanence plan at the second review",
            raised_on=today,
            raised_by=allocation.iro,
            respond_by=today + dt.timedelta(days=10),
        )
        values["escalation_id"] = escalation.pk
    return values


def page_text(response: HttpResponse) -> str:
    """What a page says: its HTML, the text of a PDF (printable minutes), or of a file
    downloaded (streamed: a document on the record)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        reader = PdfReader(io.BytesIO(content))
        return "\n".join(page.extract_text() for page in reader.pages)
    return content.decode()
