"""The task that prepares a download: it builds as the person who asked, over the children they
may see, the same file the page gives at once; and any error leaves a failed export with a
message and no file."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from homeward.accounts.models import Role
from homeward.exports import registry
from homeward.exports.models import Export
from homeward.exports.registry import Exporter
from homeward.exports.storage import export_storage
from homeward.exports.tasks import build_export

pytestmark = pytest.mark.django_db


def ask(client, user, kind: str, **filters: str) -> Export:
    client.force_login(user)
    response = client.post("/exports/new/", {"kind": kind, **filters})
    assert response.status_code == 303, response.status_code
    export = Export.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))
    assert export.status == Export.Status.QUEUED and export.requested_by == user
    return export


def sheet_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content), read_only=True)["Drift"].values)


def csv_ids(content: bytes) -> set[str]:
    return {line[0] for line in csv.reader(io.StringIO(content.decode("utf-8-sig")))} - {"Child ID"}


def test_the_drift_workbook_built_in_the_background_equals_the_pages_download(
    client, council, drifting
) -> None:
    manager = council.users["service_manager"]
    export = ask(client, manager, "drift.xlsx", team="Team A", page="3", sneaky="x")
    # Only the dashboard's filters are kept (the page number and anything else are dropped).
    assert export.parameters == {"team": "Team A", "legal_status": "", "pathway": "", "only": ""}
    assert export.title == "the drift dashboard (Excel workbook; team: Team A)"

    assert build_export.call(export.pk) == Export.Status.READY
    export.refresh_from_db()
    with export.file.open("rb") as f:
        background = sheet_rows(f.read())
    at_once = sheet_rows(client.get("/drift/", {"team": "Team A", "download": "xlsx"}).content)
    assert background == at_once
    ids = {row[0] for row in background[1:]}
    assert {c.child_id for c in drifting.team_a} <= ids and drifting.team_b.child_id not in ids
    assert export.rows == len(background) - 1
    assert export.progress == 100 and export.finished_at is not None and export.message == ""
    assert export.file_name == "drift-2026-11-24-team-a.xlsx"
    assert export.file.name == f"{export.pk}/drift-2026-11-24-team-a.xlsx"


def test_an_export_holds_only_the_children_its_asker_may_see(client, council, drifting) -> None:
    """Need-to-know is applied as the person who asked: a team manager's drift file has their
    team's children only, whoever's worker runs it."""
    ours = ask(client, council.users["team_manager"], "drift.csv")
    theirs = ask(client, council.users["team_manager_other_team"], "drift.csv")
    for export in (ours, theirs):
        build_export.call(export.pk)
        export.refresh_from_db()
    with ours.file.open("rb") as f:
        ours_ids = csv_ids(f.read())
    with theirs.file.open("rb") as f:
        theirs_ids = csv_ids(f.read())
    assert {c.child_id for c in drifting.team_a} <= ours_ids
    assert drifting.team_b.child_id not in ours_ids and council.child_b.child_id not in ours_ids
    assert drifting.team_b.child_id in theirs_ids
    assert not ({c.child_id for c in drifting.team_a} | {council.child_a.child_id}) & theirs_ids


def test_a_social_worker_cannot_ask_for_the_drift_dashboards_files(client, council) -> None:
    client.force_login(council.users["social_worker"])
    assert client.post("/exports/new/", {"kind": "drift.xlsx"}).status_code == 403
    assert client.post("/exports/new/", {"kind": "cpb.pdf"}).status_code == 403
    assert client.post("/exports/new/", {"kind": "no.such"}).status_code == 404
    assert not Export.objects.exists()


def test_someone_who_may_no_longer_see_the_dashboard_gets_no_file(client, council) -> None:
    """Access is checked again when the file is built: a manager who became a social worker
    after asking gets a failed export saying why, and nothing is written."""
    manager = council.users["team_manager"]
    export = ask(client, manager, "drift.xlsx")
    manager.role = Role.SOCIAL_WORKER
    manager.save()
    assert build_export.call(export.pk) == Export.Status.FAILED
    export.refresh_from_db()
    assert export.message == "The drift dashboard is for managers, coordinators and analysts."
    assert not export.file and export.rows is None


@pytest.fixture
def failing_kind():
    """A kind of download whose builder writes half a file and then fails."""

    def build(user, parameters, progress):
        progress(40)
        export_storage.save(f"{parameters['export']}/half.csv", io.BytesIO(b"Child ID\n"))
        raise ValueError("the disk is full")

    registry.register(
        Exporter(
            kind="test.failing",
            may_ask=lambda user: True,
            refused="",
            parameters=lambda form: {"export": form.get("export", "")},
            describe=lambda parameters: "a download that fails",
            build=build,
        )
    )
    yield "test.failing"
    registry.unregister("test.failing")


def test_a_failing_builder_marks_the_export_failed_with_its_message(
    client, council, failing_kind
) -> None:
    export = Export.objects.create(
        requested_by=council.users["service_manager"], kind=failing_kind, title="a download"
    )
    export.parameters = {"export": str(export.pk)}
    export.save()
    assert build_export.call(export.pk) == Export.Status.FAILED
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED and export.progress == 100
    assert export.message == (
        "The download could not be prepared: the disk is full. Ask for it again."
    )
    assert not export.file  # nothing half-written is offered...
    assert not export_storage.exists(str(export.pk))  # ...or kept
    client.force_login(council.users["service_manager"])
    page = client.get(f"/exports/{export.pk}/").content.decode()
    assert "the disk is full" in page and "Download" not in page.split("<main")[1]
    assert client.get(f"/exports/{export.pk}/download/").status_code == 404


def test_a_kind_no_longer_registered_fails_with_a_message(council) -> None:
    export = Export.objects.create(
        requested_by=council.users["service_manager"], kind="gone.xlsx", title="gone"
    )
    assert build_export.call(export.pk) == Export.Status.FAILED
    export.refresh_from_db()
    assert export.message == "Homeward no longer prepares this kind of download (gone.xlsx)."


def test_the_board_reports_are_built_in_the_background_too(client, council, drifting) -> None:
    manager = council.users["service_manager"]
    workbook = ask(client, manager, "cpb.xlsx", team="Team B")
    pdf = ask(client, manager, "pmp.pdf")
    assert build_export.call(workbook.pk) == build_export.call(pdf.pk) == Export.Status.READY
    workbook.refresh_from_db()
    pdf.refresh_from_db()
    assert workbook.file_name == "corporate-parenting-2026-11-24-team-b.xlsx"
    assert workbook.title == "the Corporate Parenting Board report for Team B (Excel workbook)"
    with workbook.file.open("rb") as f:
        background = load_workbook(io.BytesIO(f.read()), read_only=True)
    at_once = load_workbook(
        io.BytesIO(client.get("/reports/cpb/", {"team": "Team B", "download": "xlsx"}).content),
        read_only=True,
    )
    for name in ("Measures", "Children"):
        assert list(background[name].values) == list(at_once[name].values)
    with pdf.file.open("rb") as f:
        assert f.read(5) == b"%PDF-"
    assert pdf.file_name == "permanence-monitoring-2026-11-24.pdf"
