"""Importing an SSDA903 return (issue 3): the DfE's fake return imports completely, twice with
no change, from CSV and XML; a blocking problem anywhere writes nothing."""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import Child, Episode, JourneyEvent
from homeward.domain.ssda903.reader import ReturnFile
from homeward.ssda903.importer import import_return
from homeward.ssda903.models import ImportRun, Review
from homeward.ssda903.sources import sources_from_path
from homeward.ssda903.xml_return import XmlReturnError, csv_files_from_xml
from tests.paths import DFE_FAKE_RETURN as PEER


def run_import(path: Path, **kwargs):
    run = ImportRun.objects.create(source=str(path))
    with tempfile.TemporaryDirectory() as tables:
        sources = sources_from_path(path, Path(tables))
        return import_return(sources, run=run, dfe_rules=False, **kwargs)


def snapshot() -> dict[str, list[tuple[object, ...]]]:
    return {
        "children": list(
            Child.objects.order_by("child_id").values_list(
                "child_id", "sex", "date_of_birth", "ethnicity", "upn", "is_mother", "is_uasc"
            )
        ),
        "episodes": list(
            Episode.objects.order_by("child__child_id", "start_date").values_list(
                "child__child_id",
                "start_date",
                "legal_status",
                "placement_type",
                "end_date",
                "reason_ceased",
            )
        ),
        "reviews": sorted(
            Review.objects.values_list(
                "child__child_id", "review_date", "participation", "occurrence"
            )
        ),
        "events": sorted(
            JourneyEvent.objects.values_list("child__child_id", "kind", "date", "notes")
        ),
    }


@pytest.mark.django_db
def test_the_dfe_fake_return_imports_completely_from_csv() -> None:
    run = run_import(PEER / "csv")
    assert run.status == ImportRun.Status.IMPORTED, run.blocking[:5]
    assert Child.objects.count() == 2675
    assert Episode.objects.count() == 5050
    assert Review.objects.count() == 12582
    assert run.counts["children"] == 2675 and run.counts["blocking"] == 0
    # SEX 1/2 (the coding before 2024-25) is stored as M/F.
    assert set(Child.objects.values_list("sex", flat=True)) <= {"M", "F"}
    assert AuditEntry.objects.filter(action=AuditAction.IMPORT).count() == 1


@pytest.mark.django_db
def test_reimporting_the_same_return_changes_nothing() -> None:
    run_import(PEER / "csv")
    first = snapshot()
    run = run_import(PEER / "csv")
    assert run.status == ImportRun.Status.IMPORTED
    assert run.counts["children_new"] == 0 and run.counts["journey_events"] == 0
    assert snapshot() == first


@pytest.mark.django_db
def test_the_dfe_fake_xml_return_imports_completely() -> None:
    run = run_import(PEER / "fake_903.xml")
    assert run.status == ImportRun.Status.IMPORTED, run.blocking[:5]
    assert Child.objects.count() == 253
    assert Episode.objects.count() > 253


@pytest.mark.django_db
def test_journey_events_are_read_off_the_history() -> None:
    run_import(PEER / "csv")
    kinds = set(JourneyEvent.objects.values_list("kind", flat=True))
    assert {
        "became_looked_after",
        "care_order",
        "ceased_looked_after",
        "placed_for_adoption",
    } <= kinds
    # Every child whose episode ceased (DEC given) with an adoption (REC E11/E12) has an order
    # made. (The fake return also has E11 on episodes with no DEC: a DfE failure, no event.)
    adopted = Episode.objects.filter(
        reason_ceased__in=["E11", "E12"], end_date__isnull=False
    ).values("child")
    assert adopted.exists()
    for child in Child.objects.filter(pk__in=adopted)[:20]:
        assert child.events.filter(kind="order_made", notes__startswith="Adoption").exists()


@pytest.mark.django_db
def test_a_bad_row_in_the_last_file_leaves_the_database_untouched(tmp_path: Path) -> None:
    shutil.copytree(PEER / "csv", tmp_path / "return")
    with (tmp_path / "return" / "uasc.csv").open("a") as handle:
        handle.write("102639,2,18/10/2010,31/02/2028\n")  # a date that cannot be
    run = run_import(tmp_path / "return")
    assert run.status == ImportRun.Status.BLOCKED
    assert run.blocking == [
        {
            "file": "uasc.csv",
            "row": "134",
            "column": "DUC",
            "message": "DUC '31/02/2028' is not a real date (dd/mm/yyyy)",
        }
    ] or any(p["column"] == "DUC" and p["row"] == "134" for p in run.blocking)
    assert Child.objects.count() == 0 and Episode.objects.count() == 0


@pytest.mark.django_db
def test_the_command_ends_with_one_json_line_and_exits_0_only_when_imported(tmp_path) -> None:
    out = StringIO()
    call_command("import_903", str(PEER / "csv"), "--no-dfe-rules", stdout=out, stderr=StringIO())
    last = json.loads(out.getvalue().strip().splitlines()[-1])
    assert last["children"] == 2675 and last["episodes"] == 5050 and last["reviews"] == 12582
    assert last["blocking"] == 0 and "dfe_failures" in last

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC\nA1,M,01/01/2015,WBRI\n")
    (bad / "episodes.csv").write_text("CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA1,01/04/2025,S,XX,U4,,\n")
    out = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_903", str(bad), "--no-dfe-rules", stdout=out, stderr=StringIO())
    assert exit_info.value.code == 1
    lines = out.getvalue().strip().splitlines()
    assert lines[0] == "episodes.csv, row 2, column LS: LS 'XX' is not an SSDA903 code"
    assert json.loads(lines[-1])["blocking"] == 1
    assert Child.objects.count() == 2675  # the earlier import, untouched


def test_malformed_xml_is_a_clear_error_naming_the_line(tmp_path: Path) -> None:
    broken = tmp_path / "return.xml"
    broken.write_text("<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID>\n<SEX>M</HEADER>")
    with pytest.raises(XmlReturnError, match=r"return.xml: the XML cannot be read at line 2"):
        csv_files_from_xml(broken, tmp_path / "tables")


def test_xml_entities_are_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><EXPSSDA903><CHILD>&b;</CHILD></EXPSSDA903>'
    )
    with pytest.raises(XmlReturnError, match="unsafe XML"):
        csv_files_from_xml(bomb, tmp_path / "tables")


def test_a_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        sources_from_path(tmp_path / "nowhere", tmp_path)


@pytest.mark.django_db
def test_in_memory_uploads_import_like_files() -> None:
    files = [
        ReturnFile("header.csv", content=b"CHILD,SEX,DOB,ETHNIC\nA1,F,01/01/2015,WBRI\n"),
        ReturnFile(
            "episodes.csv",
            content=b"CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA1,01/04/2025,S,C1,U4,,\n",
        ),
    ]
    run = import_return(files, run=ImportRun.objects.create(source="upload"), dfe_rules=False)
    assert run.status == ImportRun.Status.IMPORTED
    child = Child.objects.get(child_id="A1")
    assert child.full_name == "Child A1"
    assert list(child.events.values_list("kind", flat=True)) == [
        "became_looked_after",
        "foster_placement_started",  # PLACE U4: the year before carers may apply runs from here
        "interim_care_order",
        "long_term_placement_agreed",  # PLACE U4: long-term fostering (CPR 2010 reg 28(2)(c)(i))
    ]


@pytest.mark.django_db
def test_an_interim_order_ending_without_a_care_order_is_read_off_the_return() -> None:
    """C1 placed with a parent (P1) from 2 Mar 2026, then V2 from 20 Mar 2026 (RNE L, a change
    of legal status only): the interim care order ended without a care order, so the weekly
    visits of CPR 2010 reg 28(4) no longer apply in the stored timescales."""
    from homeward.timescales.models import Expectation

    files = [
        ReturnFile("header.csv", content=b"CHILD,SEX,DOB,ETHNIC\nA1,F,01/01/2015,WBRI\n"),
        ReturnFile(
            "episodes.csv",
            content=b"CHILD,DECOM,RNE,LS,PLACE,DEC,REC\n"
            b"A1,02/03/2026,S,C1,P1,20/03/2026,X1\nA1,20/03/2026,L,V2,P1,,\n",
        ),
    ]
    run = import_return(files, run=ImportRun.objects.create(source="upload"), dfe_rules=False)
    assert run.status == ImportRun.Status.IMPORTED
    child = Child.objects.get(child_id="A1")
    (ended,) = child.events.filter(kind="interim_care_order_ended")
    assert (str(ended.date), ended.notes) == ("2026-03-20", "Legal status C1 to V2")
    weekly = Expectation.objects.filter(child=child, rule_id="visits-parent-interim-care-order")
    last = weekly.order_by("position").last()
    assert (last.state, last.stopped_kind) == ("no_longer_applies", "interim_care_order_ended")


@pytest.mark.django_db
def test_importing_one_child_leaves_every_other_childs_journey_alone() -> None:
    """Regression: a one-child return once re-derived the events of every child in the tracker,
    adding return-derived copies to children whose journeys were recorded by hand."""
    from tests.factories import ChildFactory, EpisodeFactory, JourneyEventFactory

    recorded = ChildFactory()
    EpisodeFactory(child=recorded)
    JourneyEventFactory(child=recorded)
    before = list(recorded.events.values_list("kind", "date", "source"))
    files = [
        ReturnFile("header.csv", content=b"CHILD,SEX,DOB,ETHNIC\nNEW1,F,01/01/2015,WBRI\n"),
        ReturnFile(
            "episodes.csv", content=b"CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nNEW1,01/04/2025,S,C1,U4,,\n"
        ),
    ]
    run = import_return(files, run=ImportRun.objects.create(source="one"), dfe_rules=False)
    assert run.counts["journey_events"] == 4  # looked after, ICO, foster placement, long-term
    assert list(recorded.events.values_list("kind", "date", "source")) == before


@pytest.mark.django_db
def test_a_later_years_return_updates_what_changed() -> None:
    """The 2025-26 return has an open episode; the 2026-27 return shows it ceased and the child
    adopted. The episode is updated, not duplicated, and the journey gains the adoption."""
    header = b"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nY1,F,01/01/2020,WBRI,,,\n"
    columns = (
        b"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
        b"HOME_POST,PL_POST,URN\n"
    )
    first = columns + b"Y1,01/06/2025,S,E1,N1,A5,PR1,,,,,,\n"
    second = columns + b"Y1,01/06/2025,S,E1,N1,A5,PR1,20/11/2026,E11,,,,\n"
    for episodes, year in ((first, 2026), (second, 2027)):
        files = [
            ReturnFile("header.csv", content=header),
            ReturnFile("episodes.csv", content=episodes),
        ]
        run = import_return(
            files,
            run=ImportRun.objects.create(source=str(year)),
            collection_year=year,
            dfe_rules=False,
        )
        assert run.status == ImportRun.Status.IMPORTED
    episode = Episode.objects.get(child__child_id="Y1")
    assert str(episode.end_date) == "2026-11-20" and episode.reason_ceased == "E11"
    kinds = list(
        JourneyEvent.objects.filter(child__child_id="Y1")
        .order_by("date", "kind")
        .values_list("kind", flat=True)
    )
    assert kinds == [
        "became_looked_after",
        "placed_for_adoption",
        "placement_order",
        "ceased_looked_after",
        "order_made",
    ]


@pytest.mark.django_db
def test_a_folder_of_several_years_imports_oldest_first(tmp_path: Path) -> None:
    header = "CHILD,SEX,DOB,ETHNIC\nY1,F,01/01/2020,WBRI\n"
    columns = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\n"
    for year, row in (
        ("2025-26", "Y1,01/06/2025,S,E1,A5,,\n"),
        ("2026-27", "Y1,01/06/2025,S,E1,A5,20/11/2026,E11\n"),
    ):
        (tmp_path / year).mkdir()
        (tmp_path / year / "header.csv").write_text(header)
        (tmp_path / year / "episodes.csv").write_text(columns + row)
    out = io.StringIO()
    call_command("import_903", str(tmp_path), "--no-dfe-rules", stdout=out, stderr=io.StringIO())
    assert "Imported 2025-26; going on to the next year." in out.getvalue()
    assert json.loads(out.getvalue().strip().splitlines()[-1])["status"] == "imported"
    assert Episode.objects.get(child__child_id="Y1").reason_ceased == "E11"
    assert ImportRun.objects.count() == 2


@pytest.mark.django_db
def test_when_the_dfe_rules_cannot_run_the_import_stays_imported_and_says_why(monkeypatch) -> None:
    """The import commits before the DfE pass; a failure there must not read as a failed import
    (found by a newcomer whose installation lacked the validator)."""
    from homeward.ssda903 import dfe

    def unavailable(*args, **kwargs):
        raise ModuleNotFoundError("No module named 'lac_validator'")

    monkeypatch.setattr(dfe, "run_validator", unavailable)
    files = [
        ReturnFile("header.csv", content=b"CHILD,SEX,DOB,ETHNIC\nD1,F,01/01/2015,WBRI\n"),
        ReturnFile(
            "episodes.csv", content=b"CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nD1,01/04/2025,S,C1,U4,,\n"
        ),
    ]
    run = import_return(files, run=ImportRun.objects.create(source="x"))
    assert run.status == ImportRun.Status.IMPORTED
    assert run.message.startswith("Imported, but the DfE rules could not run: No module named")
    assert run.counts["dfe_failures"] is None and Child.objects.filter(child_id="D1").exists()
