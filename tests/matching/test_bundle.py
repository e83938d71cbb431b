"""The permanence bundle on a child's route (issue 15 item 5): each document of the route's
bundle (Dudley's Fostering Panel bundle, 001_d6c3849112f62e7d.txt 'Matched to existing internal
carers') with its due date, status and files filed through the documents store; the step that
needs the bundle refused until every document is received unless a team or service manager
records why; need-to-know on every page; uploads checked and downloads audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from homeward.audit.models import AuditAction, AuditEntry
from homeward.demo.documents import tiny_pdf
from homeward.documents.models import Document
from homeward.domain import route_outcomes
from homeward.domain import routes as domain
from homeward.matching import bundle, routes, worklist
from homeward.matching.models import BundleItem, BundleOverride, FamilyFinding
from tests.clock import TODAY
from tests.factories import AllocationFactory, ChildFactory, UserFactory
from tests.matching.routing import actor, date_data, give_family_finder

pytestmark = pytest.mark.django_db

ROUTE = "existing_in_house_carers"
PANEL = "fostering_panel"  # needs the bundle (dudley.toml)
DOCUMENTS = [d.key for d in domain.route("dudley", ROUTE).bundle.documents]
PDF = tiny_pdf("Matching meeting report (synthetic test document)")


def _url(child, rest: str = "") -> str:
    return f"/children/{child.child_id}/family-finding/{rest}"


def _finding(council, child=None) -> FamilyFinding:
    child = child or council.child_a
    give_family_finder(child, council.users["family_finder"])
    finding = routes.choose_route(
        child,
        ROUTE,
        TODAY - dt.timedelta(days=60),
        actor=actor(council.users["service_manager"]),
        today=TODAY,
    )
    for days_ago, step, role in (
        (50, "explore_sgo", "service_manager"),
        (40, "matching_meeting", "family_finder"),
        (30, "panel_date", "family_finder"),
    ):
        by = council.users[role if role != "service_manager" else "social_worker"]
        finding.steps_done.create(step_key=step, done_on=TODAY - dt.timedelta(days=days_ago), by=by)
    return finding


def _attach(council, finding, key: str, *, received: bool = True) -> Document:
    return bundle.attach_file(
        finding,
        key,
        PDF,
        filename=f"{key}.pdf",
        dated=TODAY - dt.timedelta(days=1),
        received=received,
        actor=actor(council.users["family_finder"]),
        today=TODAY,
    )


def _record_panel(council, finding):
    return routes.record_step(
        finding,
        PANEL,
        TODAY,
        "",
        actor=actor(council.users["panel_administrator"]),
        today=TODAY,
        answer=route_outcomes.Answer("recommended", decided_by="A. Chair"),
    )


# --- Statuses ----------------------------------------------------------------------------------


def test_a_document_with_no_row_is_not_started_and_shows_its_owner(council):
    finding = _finding(council)
    page = bundle.bundle_page(routes.finding_for(council.child_a), TODAY)
    assert [r.document.key for r in page.rows] == DOCUMENTS
    assert {r.status for r in page.rows} == {domain.BundleItemStatus.NOT_STARTED}
    assert page.rows[0].document.owner == "Fostering permanency worker"
    assert page.received == 0 and not page.gate.open
    assert finding.bundle_items.count() == 0


def test_received_needs_the_file_first_naming_the_field(council):
    finding = _finding(council)
    with pytest.raises(ValidationError) as refused:
        bundle.update_item(
            finding,
            "form_f",
            status="received",
            status_on=TODAY,
            due_on=None,
            note="",
            actor=actor(council.users["family_finder"]),
            today=TODAY,
        )
    assert refused.value.message_dict == {
        "status": ["Attach the file first: Form F assessment is received with its file"]
    }
    assert not BundleItem.objects.exists()


def test_in_progress_needs_its_date_and_a_due_date_cannot_precede_the_start(council):
    finding = _finding(council)
    with pytest.raises(ValidationError) as refused:
        bundle.update_item(
            finding,
            "form_f",
            status="in_progress",
            status_on=None,
            due_on=finding.started_on - dt.timedelta(days=1),
            note="",
            actor=actor(council.users["social_worker"]),
            today=TODAY,
        )
    errors = refused.value.message_dict
    assert errors["status_on"] == ["Enter the date work started"]
    assert errors["due_on"][0].startswith("The due date must be on or after the day family")


def test_a_due_date_and_status_are_saved_with_who_and_audited(council):
    finding = _finding(council)
    worker = council.users["social_worker"]
    item = bundle.update_item(
        finding,
        "fostering_permanency_assessment_report",
        status="in_progress",
        status_on=TODAY - dt.timedelta(days=2),
        due_on=TODAY - dt.timedelta(days=1),
        note="Draft with the team manager",
        actor=actor(worker),
        today=TODAY,
    )
    assert (item.status, item.status_by, item.due_set_by) == ("in_progress", worker, worker)
    entry = AuditEntry.objects.get(
        action=AuditAction.CHANGE, object_type="permanence bundle document", object_id=str(item.pk)
    )
    assert entry.after["due_on"] == str(TODAY - dt.timedelta(days=1))
    row = next(
        r
        for r in bundle.bundle_page(routes.finding_for(council.child_a), TODAY).rows
        if r.item == item
    )
    assert row.overdue  # due yesterday, not received


def test_an_iro_cannot_keep_the_bundle(council):
    finding = _finding(council)
    with pytest.raises(ValidationError):
        bundle.update_item(
            finding,
            "form_f",
            status="not_started",
            status_on=None,
            due_on=None,
            note="",
            actor=actor(council.users["iro"]),
            today=TODAY,
        )


# --- Files --------------------------------------------------------------------------------------


def test_a_file_is_filed_on_the_record_and_marks_the_document_received(council):
    finding = _finding(council)
    document = _attach(council, finding, "form_f")
    item = BundleItem.objects.get(finding=finding, document_key="form_f")
    assert (document.type, document.source, document.child) == (
        "permanence_bundle",
        f"bundle-item:{item.pk}",
        council.child_a,
    )
    assert document.content_type == "application/pdf" and document.size == len(PDF)
    assert (item.status, item.status_on, item.status_by) == (
        "received",
        TODAY,
        council.users["family_finder"],
    )
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="document", object_id=str(document.pk)
    ).exists()


def test_a_file_whose_content_is_not_its_name_is_refused_and_nothing_is_kept(council):
    finding = _finding(council)
    with pytest.raises(ValidationError) as refused:
        bundle.attach_file(
            finding,
            "form_f",
            b"\x89PNG\r\n\x1a\n0000",
            filename="form-f.pdf",
            dated=TODAY,
            received=True,
            actor=actor(council.users["family_finder"]),
            today=TODAY,
        )
    assert "named as a PDF but its content is a PNG image" in refused.value.message_dict["file"][0]
    assert not BundleItem.objects.exists() and not Document.objects.exists()


# --- The gate ----------------------------------------------------------------------------------


def test_the_panel_cannot_be_recorded_until_every_document_is_received(council):
    finding = _finding(council)
    for key in DOCUMENTS[:-1]:
        _attach(council, finding, key)
    with pytest.raises(ValidationError) as refused:
        _record_panel(council, finding)
    assert refused.value.message_dict["done_on"] == [
        "The panel cannot be booked until every document is received (Motivation questionnaire "
        "not yet)"
    ]
    _attach(council, finding, DOCUMENTS[-1])
    assert _record_panel(council, finding).step_key == PANEL


def test_a_file_kept_in_progress_does_not_lift_the_gate(council):
    finding = _finding(council)
    for key in DOCUMENTS:
        _attach(council, finding, key, received=key != "references")
    assert not bundle.gate_for(routes.finding_for(council.child_a)).open


@pytest.mark.parametrize("role", ["team_manager", "service_manager"])
def test_a_manager_may_record_why_the_panel_goes_ahead(council, role):
    finding = _finding(council)
    _attach(council, finding, "form_f")
    override = bundle.record_override(
        finding,
        "  Panel agreed to take the references orally  ",
        actor=actor(council.users[role]),
        today=TODAY,
    )
    assert override.reason == "Panel agreed to take the references orally"
    entry = AuditEntry.objects.get(
        action=AuditAction.CREATE,
        object_type="permanence bundle override",
        object_id=str(override.pk),
    )
    assert entry.after["reason"] == override.reason
    assert "form_f" not in entry.after["missing"]
    gate = bundle.gate_for(routes.finding_for(council.child_a))
    assert gate.open and gate.overridden
    assert _record_panel(council, finding).step_key == PANEL


@pytest.mark.parametrize("role", ["social_worker", "family_finder", "panel_administrator"])
def test_only_a_manager_may_override(council, role):
    finding = _finding(council)
    with pytest.raises(ValidationError) as refused:
        bundle.record_override(finding, "Because", actor=actor(council.users[role]), today=TODAY)
    assert "team manager or service manager" in refused.value.message_dict["reason"][0]
    assert not BundleOverride.objects.exists()


def test_an_override_needs_a_reason_and_an_incomplete_bundle(council):
    finding = _finding(council)
    manager = actor(council.users["team_manager"])
    with pytest.raises(ValidationError) as refused:
        bundle.record_override(finding, "   ", actor=manager, today=TODAY)
    assert refused.value.message_dict["reason"] == [
        "Enter why the panel goes ahead without every document"
    ]
    for key in DOCUMENTS:
        _attach(council, finding, key)
    with pytest.raises(ValidationError) as refused:
        bundle.record_override(finding, "Just in case", actor=manager, today=TODAY)
    assert "no override is needed" in refused.value.message_dict["reason"][0]


# --- Pages --------------------------------------------------------------------------------------


def test_the_family_finder_allocated_sees_the_bundle_on_the_tab(client, council):
    finding = _finding(council)
    _attach(council, finding, "form_f")
    client.force_login(council.users["family_finder"])
    page = client.get(_url(council.child_a)).content.decode()
    assert "Permanence bundle for the Fostering Panel" in page
    assert "1 of 8 documents received" in page
    assert "The panel cannot be booked until every document is received" in page
    assert "form_f.pdf" in page
    assert _url(council.child_a, "bundle/form_f/file/") in page
    assert "Record why the panel may be booked" not in page  # not a manager
    # The panel step waits for the bundle, and says so.
    assert "Waiting for: Permanence bundle for the Fostering Panel" in page


def test_another_family_finder_gets_no_such_child(client, council):
    _finding(council)
    other = UserFactory(username="ff-2", role="family_finder")
    client.force_login(other)
    for rest in ("", "bundle/form_f/", "bundle/form_f/file/"):
        assert client.get(_url(council.child_a, rest)).status_code == 404
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, username="ff-2").count() == 3


def test_a_document_the_bundle_does_not_list_is_not_found(client, council):
    _finding(council)
    client.force_login(council.users["family_finder"])
    assert client.get(_url(council.child_a, "bundle/child_permanence_report/")).status_code == 404
    assert AuditEntry.objects.filter(
        action=AuditAction.DENIED, summary__contains="child_permanence_report"
    ).exists()


def test_upload_through_the_page_then_an_audited_download(client, council):
    _finding(council)
    client.force_login(council.users["family_finder"])
    url = _url(council.child_a, "bundle/matching_meeting_report/file/")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "file": SimpleUploadedFile("mmr.pdf", PDF, content_type="application/pdf"),
            "received": "yes",
            **date_data("dated", TODAY),
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(original_filename="mmr.pdf")
    page = client.get(_url(council.child_a)).content.decode()
    assert f"/children/{council.child_a.child_id}/documents/{document.pk}/download/" in page
    client.force_login(council.users["social_worker"])
    download = client.get(f"/children/{council.child_a.child_id}/documents/{document.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert AuditEntry.objects.filter(
        action=AuditAction.EXPORT,
        object_type="document",
        object_id=str(document.pk),
        username="sw-a",
    ).exists()


def test_an_upload_with_nothing_chosen_names_each_field(client, council):
    _finding(council)
    client.force_login(council.users["family_finder"])
    response = client.post(_url(council.child_a, "bundle/form_f/file/"), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose the file to upload" in page
    assert "Select whether this is the version for the panel" in page
    assert not Document.objects.exists()


def test_the_status_form_saves_and_refuses_with_the_error_summary(client, council):
    _finding(council)
    client.force_login(council.users["social_worker"])
    url = _url(council.child_a, "bundle/form_f/")
    refused = client.post(url, {"status": "received", **date_data("status_on", TODAY)})
    assert (
        "Attach the file first: Form F assessment is received with its file"
        in refused.content.decode()
    )
    saved = client.post(
        url,
        {
            "status": "in_progress",
            **date_data("status_on", TODAY),
            **date_data("due_on", TODAY + dt.timedelta(days=7)),
        },
    )
    assert saved.status_code == 302
    assert BundleItem.objects.get(document_key="form_f").due_on == TODAY + dt.timedelta(days=7)


def test_the_override_page_is_for_managers_and_shows_what_is_missing(client, council):
    _finding(council)
    client.force_login(council.users["team_manager"])
    url = _url(council.child_a, "bundles/fostering_panel/override/")
    assert client.get(_url(council.child_a, "bundles/adoption_match/override/")).status_code == 404
    assert "Not received yet: Matching meeting report" in client.get(url).content.decode()
    assert client.post(url, {"reason": "Panel chair agreed"}).status_code == 302
    page = client.get(_url(council.child_a)).content.decode()
    assert "Manager&#x27;s override" in page or "Manager's override" in page
    assert "Panel chair agreed" in page
    client.force_login(council.users["social_worker"])
    assert client.get(url).status_code == 403


def test_the_worklist_shows_each_bundle_with_constant_queries(client, council):
    finder = council.users["family_finder"]
    client.force_login(finder)

    def add(n: int) -> None:
        for _ in range(n):
            child = ChildFactory()
            AllocationFactory(child=child, social_worker=council.users["social_worker"])
            finding = _finding(council, child)
            _attach(council, finding, "form_f")
            bundle.update_item(
                finding,
                "references",
                status="in_progress",
                status_on=TODAY,
                due_on=TODAY - dt.timedelta(days=3),
                note="",
                actor=actor(finder),
                today=TODAY,
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get("/family-finding/").status_code == 200
        return len(context)

    add(2)
    few = queries()
    add(6)
    assert queries() == few
    row = worklist.worklist(finder, TODAY).rows[0]
    assert (row.bundle.received, row.bundle.total, row.bundle.overdue) == (1, 8, 1)
    page = client.get("/family-finding/").content.decode()
    assert "Bundle: 1 of 8 received" in page and "1 overdue" in page
