""" "My plan" for the child (issue 17 item 1): the page, the sections the social worker checks or
leaves out, sharing a version (kept as shared, its PDF filed in the documents store, the journey
event "plan shared with the child" recorded), who may and may not, what never reaches the child's
version, the audit, and a query count that does not grow with the versions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import JourneyEvent, Relationship, StatutoryVisit
from homeward.documents.models import Document
from homeward.domain import my_plan as domain
from homeward.family.models import VoiceEntry
from homeward.planning import my_plan
from homeward.planning.models import AppendOnly, MyPlanSection, MyPlanVersion
from homeward.timescales.models import ChildTimescales
from tests.factories import ChildFactory, PersonFactory, PersonInChildsLifeFactory
from tests.planning.factories import today

pytestmark = pytest.mark.django_db


def url(child, tail: str = "") -> str:
    return f"/children/{child.child_id}/my-plan/{tail}"


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def check_all(client, child, **texts: str) -> None:
    for key in domain.SECTION_KEYS:
        text = texts.get(key, f"Words for {key}.")
        data = {"left_out": "on"} if text == "LEAVE OUT" else {"text": text}
        response = client.post(url(child, f"sections/{key}/"), data)
        assert response.status_code == 302, response.content.decode()[:2000]


def pdf_text(data: bytes) -> str:
    import io

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_page_suggests_each_section_from_the_record_with_pictures(client, council) -> None:
    child = council.child_a
    PersonInChildsLifeFactory(
        child=child,
        person=PersonFactory(first_name="Sam"),
        relationship=Relationship.FOSTER_CARER,
    )
    client.force_login(council.users["iro"])
    response = client.get(url(child))
    html = response.content.decode()
    assert response.status_code == 200
    assert "You live with Sam" in html  # U4: foster carers (the factory's episode)
    assert f"Your social worker is {council.users['social_worker']}" in html
    assert 'class="hw-my-plan__picture" aria-hidden="true"' in html
    assert html.count("Not checked") >= 6
    assert "Check and write" not in html  # the IRO reads; the social worker writes
    assert AuditEntry.objects.filter(
        child_id=child.child_id, action=AuditAction.VIEW, summary="Viewed planning: my plan"
    ).exists()


@pytest.mark.parametrize(
    "role,may",
    [
        ("social_worker", True),
        ("colleague", True),
        ("team_manager", True),
        ("iro", False),
        ("service_manager", False),
        ("permanence_coordinator", False),
        ("performance_analyst", False),
    ],
)
def test_the_childs_social_worker_and_their_manager_write_and_share_others_are_refused(
    client, council, role, may
) -> None:
    child = council.child_a
    client.force_login(council.users[role])
    response = client.post(url(child, "sections/home/"), {"text": "You live with Sam."})
    assert response.status_code == (302 if may else 403)
    assert MyPlanSection.objects.filter(child=child).exists() == may
    assert client.get(url(child, "share/")).status_code == (200 if may else 403)
    if not may:
        assert AuditEntry.objects.filter(
            child_id=child.child_id, action=AuditAction.DENIED
        ).exists()


def test_no_need_to_know_gets_the_same_404_as_no_such_child(client, council) -> None:
    client.force_login(council.users["social_worker_other_team"])
    assert client.get(url(council.child_a)).status_code == 404
    assert client.get(url(council.child_a, "?download=pdf")).status_code == 404


def test_a_section_needs_words_or_to_be_left_out(client, council) -> None:
    client.force_login(council.users["social_worker"])
    response = client.post(url(council.child_a, "sections/plan/"), {"text": "  "})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter the words for this section, or choose to leave it out" in html
    assert not MyPlanSection.objects.exists()


def test_an_unknown_section_is_404(client, council) -> None:
    client.force_login(council.users["social_worker"])
    assert client.get(url(council.child_a, "sections/nonsense/")).status_code == 404


def test_an_address_another_child_or_a_case_note_is_refused_naming_the_field(
    client, council
) -> None:
    """Issue 17: "birth family addresses, other children's details and case notes never
    appear", even when the record holds them and the worker types them."""
    child = council.child_a
    child.episodes.update(home_postcode="LS6 2AB")
    brother = ChildFactory(first_name="Tom", last_name="Wexley")
    mother = child.people.first().person
    PersonInChildsLifeFactory(child=brother, person=mother)
    StatutoryVisit.objects.create(
        child=child, visited_on=today(), seen_alone=True, notes="Ava disclosed worries at school."
    )
    client.force_login(council.users["social_worker"])
    for text, message in [
        ("Your mum lives at LS6 2AB.", "Take out the address or postcode"),
        ("You will see Tom Wexley.", "Take out Tom Wexley"),
        ("Ava disclosed worries at school.", "copied from a case note"),
    ]:
        response = client.post(url(child, "sections/voice/"), {"text": text})
        assert response.status_code == 200
        html = response.content.decode()
        assert message in html
        assert 'href="#id_text"' in html or "#text" in html  # the summary links to the field
    assert not MyPlanSection.objects.exists()


def test_sharing_waits_until_every_section_is_checked_or_left_out(client, council) -> None:
    child = council.child_a
    client.force_login(council.users["social_worker"])
    client.post(url(child, "sections/home/"), {"text": "You live with Sam."})
    response = client.post(url(child, "share/"), date_fields("shared_on", today()))
    assert response.status_code == 200
    assert "Check every section before sharing the plan" in response.content.decode()
    assert not MyPlanVersion.objects.exists()
    assert not JourneyEvent.objects.filter(kind="plan_shared_with_child").exists()


def test_sharing_keeps_the_version_files_its_pdf_and_records_the_event(client, council) -> None:
    child = council.child_a
    client.force_login(council.users["social_worker"])
    check_all(
        client,
        child,
        meetings="LEAVE OUT",
        plan="The plan is for you to stay with Sam until you are 18, under an SGO.",
    )
    before = ChildTimescales.objects.get(child=child).computed_at
    response = client.post(
        url(child, "share/"), {**date_fields("shared_on", today()), "with_carer": "Sam"}
    )
    assert response.status_code == 302
    version = MyPlanVersion.objects.get(child=child)
    assert (version.version, version.shared_by, version.shared_on) == (
        1,
        council.users["social_worker"],
        today(),
    )
    assert version.shared_with == "Ava and Sam"
    assert [s["key"] for s in version.sections] == ["home", "people", "plan", "next", "voice"]
    assert dict(version.glossary)["SGO"]  # the glossary of the words used, for the band
    event = JourneyEvent.objects.get(child=child, kind="plan_shared_with_child")
    assert event.date == today() and version.journey_event == event
    assert ChildTimescales.objects.get(child=child).computed_at >= before
    document = Document.objects.get(child=child, type="my_plan")
    assert version.document == document and document.rendered
    data = document.file.read()
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Ava's plan" in text and "under an SGO" in text and "Meetings" not in text
    assert AuditEntry.objects.filter(
        child_id=child.child_id, summary__startswith="Shared My plan version 1 with Ava and Sam"
    ).exists()
    # Kept as shared: a later change to a section does not touch it, and it cannot be changed.
    client.post(url(child, "sections/home/"), {"text": "You live with Lee now."})
    version.refresh_from_db()
    assert version.sections[0]["text"] == "Words for home."
    with pytest.raises(AppendOnly):
        version.save()
    page = client.get(url(child)).content.decode()
    assert "Version 1" in page or ">1<" in page
    assert document.get_absolute_url() in page


def test_the_draft_pdf_prints_only_checked_sections_and_is_audited(client, council) -> None:
    child = council.child_a
    client.force_login(council.users["iro"])
    MyPlanSection.objects.create(
        child=child, section="home", text="You live with Sam.", checked_at=dt.datetime.now(dt.UTC)
    )
    response = client.get(url(child, "?download=pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "You live with Sam." in text
    assert "Your social worker is" not in text  # suggested, not checked: never printed
    assert AuditEntry.objects.filter(
        child_id=child.child_id, action=AuditAction.EXPORT, summary__startswith="Printed My plan"
    ).exists()


def test_the_childs_own_words_come_from_the_voice_in_their_own_words_only(council) -> None:
    child = council.child_a
    VoiceEntry.objects.create(
        child=child, date=today(), how_gathered="visit", whose_words="child", text="I like it."
    )
    VoiceEntry.objects.create(
        child=child,
        date=today(),
        how_gathered="visit",
        whose_words="observed",
        words_of="Jo, social worker",
        text="Seemed unsettled.",
    )
    _, sections = my_plan.draft_sections(child, today())
    voice = next(s for s in sections if s.key == "voice")
    assert "I like it." in voice.suggested and "unsettled" not in voice.suggested


def test_the_page_costs_the_same_with_more_versions(client, council) -> None:
    child = council.child_a
    client.force_login(council.users["social_worker"])
    check_all(client, child)
    client.post(url(child, "share/"), date_fields("shared_on", today()))
    with CaptureQueriesContext(connection) as one:
        client.get(url(child))
    for _ in range(3):
        client.post(url(child, "share/"), date_fields("shared_on", today()))
    assert MyPlanVersion.objects.filter(child=child).count() == 4
    with CaptureQueriesContext(connection) as four:
        client.get(url(child))
    assert len(four) == len(one)
