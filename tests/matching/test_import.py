"""The carers CSV import (homeward/matching/importer.py): a good file adds and updates
households in one transaction; every kind of bad row is refused naming the file, the row and
the column, and nothing at all is written."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction, AuditEntry
from homeward.domain import carers as domain
from homeward.matching import importer
from homeward.matching.models import Carer, CarerNeed, CarerStatusChange
from tests.matching.factories import CarerFactory

HEADER = [c.name for c in importer.COLUMNS]
GOOD = {
    "reference": "R-0501",
    "display_name": "Claire and Lee",
    "carer_type": "In-house foster carer",
    "agency": "",
    "status": "approved",
    "status_since": "01/06/2026",
    "children_approved": "2",
    "age_from": "0",
    "age_to": "11",
    "siblings": "yes",
    "short_term": "yes",
    "long_term": "no",
    "disability": "no",
    "vacancies": "1",
    "languages": "English, Polish",
    "religion": "Christian",
    "ethnicity": "White (Polish)",
    "culture": "",
    "area": "DY5",
    **{f"need_{key}": "medium" for key in domain.NEED_KEYS},
}


def csv_bytes(*rows: dict[str, str], header: list[str] | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header or HEADER)
    for row in rows:
        writer.writerow([row.get(c, "") for c in header or HEADER])
    return out.getvalue().encode()


def row(**changes: str) -> dict[str, str]:
    return {**GOOD, **changes}


@pytest.fixture
def actor(council) -> Actor:
    return Actor.working_as(council.users["family_finder"])


def run(content: bytes, actor: Actor, name: str = "carers.csv") -> importer.ImportResult:
    return importer.import_carers(name, content, actor=actor)


def test_the_template_is_the_header_row_of_every_column() -> None:
    header = next(csv.reader(io.StringIO(importer.template_csv())))
    assert header == HEADER
    assert {f"need_{key}" for key in domain.NEED_KEYS} <= set(header)


def test_a_good_file_adds_each_household_with_its_checklist_and_status(actor) -> None:
    result = run(
        csv_bytes(row(), row(reference="R-0502", carer_type="ifa", agency="Brightpath (test)")),
        actor,
    )
    assert result.ok and (result.added, result.changed) == (2, 0)
    carer = Carer.objects.get(reference="R-0501")
    assert carer.carer_type == "in_house_foster_carer" and carer.siblings_accepted
    assert carer.age_to == 11 and carer.area == "DY5" and carer.vacancies == 1
    assert dict(carer.needs.values_list("need", "level")) == {k: "medium" for k in domain.NEED_KEYS}
    assert carer.status_changes.get().status == "approved"
    assert Carer.objects.get(reference="R-0502").provider == "Brightpath (test)"
    imported = AuditEntry.objects.get(action=AuditAction.IMPORT)
    assert imported.after == {"added": 2, "changed": 0, "unchanged": 0}
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(carer.pk)).exists()


def test_a_reference_on_the_register_updates_that_household(actor) -> None:
    CarerFactory(reference="R-0501", status="in_assessment", vacancies=0)
    unchanged = CarerFactory(reference="R-0600")
    again = {
        **{f.name: str(getattr(unchanged, f.field)) for f in importer.COLUMNS if f.field},
        **{f"need_{k}": "medium" for k in domain.NEED_KEYS},
        "siblings": "no",
        "short_term": "no",
        "long_term": "no",
        "disability": "no",
        "status_since": unchanged.status_since.strftime("%d/%m/%Y"),
    }
    result = run(csv_bytes(row(need_behaviour="high", status_since="01/10/2026"), again), actor)
    assert result.ok and (result.added, result.changed, result.unchanged) == (0, 1, 1)
    carer = Carer.objects.get(reference="R-0501")
    assert carer.status == "approved" and carer.vacancies == 1
    assert carer.needs.get(need="behaviour").level == "high"
    assert list(carer.status_changes.values_list("status", flat=True)) == ["approved"]
    change = AuditEntry.objects.get(action=AuditAction.CHANGE, summary__startswith="Changed")
    assert change.before["vacancies"] == 0 and change.after["vacancies"] == 1


BAD_ROWS = [
    ({"reference": ""}, "reference", "Reference is blank"),
    ({"carer_type": "childminder"}, "carer_type", "Type of carer 'childminder' is not one of"),
    ({"status": "retired"}, "status", "Status 'retired' is not one of"),
    ({"status_since": "31/02/2026"}, "status_since", "is not a real date"),
    ({"status_since": "01/01/2027"}, "status_since", "must be today or in the past"),
    ({"children_approved": "two"}, "children_approved", "is not a whole number"),
    ({"vacancies": "-1"}, "vacancies", "is not a whole number"),
    ({"vacancies": "3"}, "vacancies", "no more than the number of children approved for"),
    ({"age_from": "12", "age_to": "4"}, "age_to", "the same as or more than the youngest"),
    ({"age_to": "21"}, "age_to", "18 or less"),
    ({"siblings": "maybe"}, "siblings", "is not yes or no"),
    ({"need_behaviour": "extreme"}, "need_behaviour", "is not low, medium or high"),
    ({"need_physical_health": ""}, "need_physical_health", "is blank"),
    ({"area": "DY5 3AB"}, "area", "not a full postcode"),
    ({"area": "12 Acacia Avenue"}, "area", "not an address"),
    ({"carer_type": "ifa", "agency": ""}, "agency", "Enter the agency's name"),
    ({"display_name": "x" * 81}, "display_name", "longer than 80 characters"),
]


@pytest.mark.parametrize("changes,column,words", BAD_ROWS, ids=[c for _, c, _ in BAD_ROWS])
def test_a_bad_row_is_refused_naming_file_row_and_column_and_nothing_is_written(
    actor, changes, column, words
) -> None:
    result = run(csv_bytes(row(reference="R-0700"), row(**changes)), actor, name="export.csv")
    assert not result.ok
    assert [(p.file, p.row, p.column) for p in result.problems] == [("export.csv", 3, column)]
    assert words in result.problems[0].message
    assert not Carer.objects.exists() and not CarerNeed.objects.exists()


def test_a_reference_twice_in_the_file_is_refused(actor) -> None:
    result = run(csv_bytes(row(), row()), actor)
    assert [(p.row, p.column) for p in result.problems] == [(3, "reference")]
    assert "also on row 2" in result.problems[0].message
    assert not Carer.objects.exists()


def test_a_missing_column_is_named_with_a_hint(actor) -> None:
    header = [("vacancy" if c == "vacancies" else c) for c in HEADER]
    result = run(csv_bytes(row(), header=header), actor)
    assert [(p.row, p.column) for p in result.problems] == [(1, "vacancies")]
    assert "found 'vacancy'" in result.problems[0].message


def test_a_row_with_too_many_fields_is_refused(actor) -> None:
    content = csv_bytes(row()) + b"R-0800,one,two\r\n"
    result = run(content, actor)
    assert [(p.row, p.column) for p in result.problems] == [(3, "")]
    assert "Row has 3 fields" in result.problems[0].message
    assert not Carer.objects.exists()


def test_a_nul_byte_or_bytes_not_utf8_are_refused_by_row_and_column(actor) -> None:
    content = csv_bytes(row(reference="R-0901", display_name="Dawn\x00"))
    content += (
        csv_bytes(row(reference="R-0902")).split(b"\r\n", 1)[1].replace(b"Claire", b"Cl\xe9aire")
    )
    result = run(content, actor)
    assert [(p.row, p.column) for p in result.problems] == [
        (2, "display_name"),
        (3, "display_name"),
    ]
    assert "NUL" in result.problems[0].message and "UTF-8" in result.problems[1].message
    assert not Carer.objects.exists()


@override_settings(HOMEWARD_IMPORT_MAX_COLUMNS=10)
def test_a_header_wider_than_the_import_limit_is_refused_before_reading(actor) -> None:
    result = run(csv_bytes(row()), actor)
    assert len(result.problems) == 1
    assert "the carers register has at most 10" in result.problems[0].message


@override_settings(HOMEWARD_IMPORT_MAX_ROWS=2)
def test_more_rows_than_the_import_limit_are_refused_before_reading(actor) -> None:
    rows = [row(reference=f"R-1{i:03d}") for i in range(3)]
    result = run(csv_bytes(*rows), actor)
    assert "Homeward reads at most 2" in result.problems[0].message
    assert not Carer.objects.exists()


def test_an_empty_file_and_a_header_alone_are_refused(actor) -> None:
    assert run(b"", actor).problems[0].message == "The file is empty"
    assert "no households" in run(csv_bytes(), actor).problems[0].message


def test_a_problem_found_while_writing_rolls_back_every_row(actor) -> None:
    """A new status dated before the household's current one is found only against the stored
    row: the rows before it, already written in the transaction, are undone too."""
    CarerFactory(reference="R-0501", status="in_assessment")  # since 100 days ago
    result = run(
        csv_bytes(row(reference="R-0499"), row(status="on_hold", status_since="01/01/2020")),
        actor,
    )
    assert [(p.row, p.column) for p in result.problems] == [(3, "status_since")]
    assert not Carer.objects.filter(reference="R-0499").exists()
    assert Carer.objects.get(reference="R-0501").status == "in_assessment"
    assert not CarerStatusChange.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.IMPORT).exists()


# Through the page.


def upload(client, content: bytes, name: str = "carers.csv"):
    return client.post(
        "/carers/import/", {"file": SimpleUploadedFile(name, content, content_type="text/csv")}
    )


def test_the_page_imports_a_good_file_and_says_what_it_did(client, council) -> None:
    client.force_login(council.users["family_finder"])
    response = upload(client, csv_bytes(row()))
    assert response.status_code == 302 and response["Location"] == "/carers/"
    page = client.get("/carers/").content.decode()
    assert "Carers imported: 1 added, 0 changed, 0 unchanged" in page
    assert "R-0501" in page


def test_the_page_lists_every_problem_and_saves_nothing(client, council) -> None:
    client.force_login(council.users["service_manager"])
    response = upload(
        client, csv_bytes(row(), row(reference="R-0502", area="DY5 3AB", vacancies="9"))
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "The file has 2 problems: nothing was saved" in html
    assert "Area must be a locality or postcode district" in html
    assert "Vacancies must be no more than" in html
    assert not Carer.objects.exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.DENIED, summary__startswith="Carers import refused"
    ).exists()


def test_the_page_refuses_a_file_that_is_not_csv(client, council) -> None:
    client.force_login(council.users["family_finder"])
    html = upload(client, b"PK\x03\x04", name="carers.xlsx").content.decode()
    assert "carers.xlsx is not a CSV file" in html


def test_the_template_downloads_as_csv(client, council) -> None:
    client.force_login(council.users["family_finder"])
    response = client.get("/carers/import/template.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().startswith("reference,display_name,carer_type")


def test_the_register_gaps_import_and_a_child_not_on_homeward_is_refused_by_row(
    actor, council
) -> None:
    """Issue 15 item 8: culturally competent identities, religions supported and a connected
    person's children (by child ID) come in by CSV; each bad value names its row and column and
    nothing is written."""
    connected = row(
        reference="R-0601",
        carer_type="connected_person",
        culturally_competent="Roma, Caribbean",
        religions_supported="Muslim",
        connected_to=council.child_a.child_id,
    )
    bad = run(
        csv_bytes(
            connected,
            row(reference="R-0602", carer_type="connected_person", connected_to="NOPE-1"),
            row(reference="R-0603", connected_to=council.child_b.child_id),
        ),
        actor,
    )
    assert sorted((p.row, p.column) for p in bad.problems) == [
        (3, "connected_to"),
        (4, "connected_to"),
    ]
    messages = " ".join(p.message for p in bad.problems)
    assert "no child with the ID NOPE-1 is on Homeward" in messages
    assert "only a connected person is connected to a particular child" in messages
    assert not Carer.objects.exists()
    assert run(csv_bytes(connected), actor).ok
    carer = Carer.objects.get(reference="R-0601")
    assert carer.culturally_competent == "Roma, Caribbean" and carer.religions_supported == "Muslim"
    assert [c.child_id for c in carer.connected_children.all()] == [council.child_a.child_id]
