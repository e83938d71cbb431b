"""Printable minutes (issue 5 item 7): the PDF (WeasyPrint) of a held meeting, checked by the
text pypdf extracts from it, with the summary written for the child on a page of its own; the
agenda of a planned meeting; downloads audited."""

from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader

from homeward.audit.models import AuditAction, AuditEntry
from homeward.meetings import services
from homeward.meetings.services import ActionIn, AttendeeIn
from tests.clock import TODAY
from tests.meetings.helpers import mtype, record_data


def pdf_pages(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    # Words wrap across lines in a PDF: compare with whitespace made single spaces.
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def govuk(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def test_the_minutes_pdf_holds_the_whole_record_and_a_page_for_the_child(client, council) -> None:
    """Issue 5 item 7: printable minutes and a plain-language summary written for the child; DS
    objective 6: "We will ensure that children understand decisions". The child's page stands
    alone and the download is audited (Homeward's rule; the OFFICIAL – SENSITIVE marking too)."""
    child, manager, worker = (
        council.child_a,
        council.users["team_manager"],
        council.users["social_worker"],
    )
    held = TODAY - dt.timedelta(days=2)
    data = record_data(
        manager,
        held_on=held,
        attendees=[
            AttendeeIn(True, user=manager),
            AttendeeIn(False, user=worker),
            AttendeeIn(
                True, name="Jo Testwell", attendee_key="fostering", organisation="Fostering"
            ),
        ],
        actions=[
            ActionIn("Complete the viability assessment", worker, TODAY + dt.timedelta(days=9))
        ],
    )
    meeting = services.record_meeting(child, "ppm", data, by=manager).meeting
    client.force_login(worker)
    response = client.get(f"/children/{child.child_id}/meetings/{meeting.pk}/minutes.pdf")
    assert 'filename="minutes-ppm-' in response["Content-Disposition"]
    pages = pdf_pages(response)
    text = " ".join(pages)
    assert "OFFICIAL – SENSITIVE" in text
    assert "Child Permanence Meeting: minutes" in text
    assert f"{child.full_name}, child ID {child.child_id}" in text
    assert f"Held on {govuk(held)}" in text
    assert f"Chair {manager}" in text
    assert f"{manager} (Team manager)" in text and "Jo Testwell (Fostering)" in text
    assert f"Apologies: {worker}" in text
    assert "Wants to stay with her brother" in text
    for number, item in enumerate(mtype("ppm").agenda, start=1):
        assert f"{number}. {item.question}" in text, item.key
        if item.key == "childs_views":  # answered by the record's own field, asked once
            continue
        assert f"Discussed: {item.question[:40]}".strip() in text, item.key
    assert "Twin-track plan" in text
    assert (
        "Complete the viability assessment" in text and govuk(TODAY + dt.timedelta(days=9)) in text
    )
    # The child's page stands alone, so it can be given to them without the minutes.
    assert pages[-2].startswith(
        f"For {child.first_name} We had a meeting about you on {govuk(held)}"
    )
    assert "We will visit your nan's house." in pages[-2]
    assert "Twin-track plan" not in pages[-2] and "Discussed:" not in pages[-2]
    # And the parents' page, likewise (issue 18 item 2; DU 'Looked After Reviews').
    assert pages[-1].startswith(
        f"For {child.first_name}’s parents We had a meeting about {child.first_name} on "
        f"{govuk(held)}"
    )
    assert "We will assess the grandmother as a carer" in pages[-1]
    assert "Twin-track plan" not in pages[-1] and "Discussed:" not in pages[-1]
    assert AuditEntry.objects.filter(
        action=AuditAction.EXPORT,
        username=worker.username,
        child_id=child.child_id,
        summary__startswith="Printed the minutes of the Child Permanence Meeting",
    ).exists()


def test_a_planned_meeting_prints_its_agenda_and_who_is_expected(client, council) -> None:
    """DS 'Independent Reviewing Service': the IRO reviews the child's plan (and chairs the
    review); DS objective 6 (children at the heart of care planning): the agenda asks for the
    child's current wishes and feelings."""
    child = council.child_a
    meeting = services.schedule_meeting(child, "cic_review", TODAY, by=council.users["iro"])
    client.force_login(council.users["iro"])
    text = " ".join(
        pdf_pages(client.get(f"/children/{child.child_id}/meetings/{meeting.pk}/minutes.pdf"))
    )
    assert "Child in Care review: agenda" in text
    assert "The child's current wishes and feelings" in text
    assert "Independent reviewing officer (chair)" in text
    assert re.search(r"Planned for \d{1,2} \w+ \d{4}", text)


def test_a_cancelled_meeting_has_no_minutes(client, council) -> None:
    """Homeward's rule: a cancelled meeting has neither agenda nor minutes to print."""
    child, manager = council.child_a, council.users["team_manager"]
    meeting = services.schedule_meeting(child, "ppm", TODAY, by=manager)
    services.cancel_meeting(meeting, because="The family asked to move it", by=manager)
    client.force_login(manager)
    assert (
        client.get(f"/children/{child.child_id}/meetings/{meeting.pk}/minutes.pdf").status_code
        == 404
    )
