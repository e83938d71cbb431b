"""Uploads and imports that cannot be used to hurt the service (issue 14 item 5): the size of
an upload, no copy of the children's data left behind however an import ends, imports nobody is
running any more ended by the stale check, and a failure that says what happened and how to
try again."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone

from homeward.children.models import Child
from homeward.ssda903 import importer, progress, uploads
from homeward.ssda903.models import ImportRun
from tests.paths import DFE_FAKE_RETURN as PEER
from tests.ssda903.test_pages import EPISODES, HEADER, run_worker


@pytest.fixture
def analyst(client, council):
    client.force_login(council.users["performance_analyst"])
    return client


@pytest.fixture
def folders(settings, tmp_path, monkeypatch) -> dict[str, Path]:
    """The upload folder, the temporary folder (Django's copies of large uploads, the system's
    temporary files) and the progress cache, each empty and this test's own."""
    found = {name: tmp_path / name for name in ("uploads", "tmp", "progress")}
    for folder in found.values():
        folder.mkdir()
    settings.UPLOAD_ROOT = found["uploads"]
    settings.FILE_UPLOAD_TEMP_DIR = str(found["tmp"])
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # every upload goes to a temporary file
    monkeypatch.setattr(tempfile, "tempdir", str(found["tmp"]))
    return found


def everything_in(folders: dict[str, Path]) -> list[str]:
    return sorted(
        str(p) for name in ("uploads", "tmp") for p in folders[name].rglob("*") if p.is_file()
    )


def post(client, *files: tuple[str, bytes]):
    return client.post(
        "/ssda903/",
        {"files": [SimpleUploadedFile(name, content) for name, content in files]},
    )


def test_an_upload_over_the_limit_is_refused_on_the_form_before_it_is_read(
    analyst, settings, folders
) -> None:
    settings.HOMEWARD_MAX_UPLOAD_MB = 0.01  # 10 KB
    response = post(analyst, ("header.csv", HEADER + b"A2,F,01/01/2015,WBRI,,,\n" * 500))
    assert response.status_code == 413
    page = response.content.decode()
    assert "There is a problem" in page and 'href="#id_files"' in page
    assert "The selected files must be smaller than 0.01 MB in all (these are 0.0" in page
    assert not ImportRun.objects.exists()
    assert everything_in(folders) == []
    # Within the limit, the same form takes it.
    settings.HOMEWARD_MAX_UPLOAD_MB = 1
    assert post(analyst, ("header.csv", HEADER)).status_code == 302


def test_the_form_also_refuses_files_over_the_limit_in_all(analyst, settings, folders) -> None:
    # The body's declared length is checked first; the files' own sizes are checked again.
    from homeward.ssda903.forms import ImportForm

    settings.HOMEWARD_MAX_UPLOAD_MB = 0.001
    form = ImportForm({}, {"files": [SimpleUploadedFile("header.csv", b"x" * 2000)]})
    assert not form.is_valid()
    assert "must be smaller than 0.001 MB in all" in form.errors["files"][0]


# The worker closes its database connection after each task: the test's data must be committed.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("outcome", ["imported", "blocked", "failed"])
def test_no_copy_of_an_upload_is_left_when_its_import_ends(
    analyst, folders, monkeypatch, outcome
) -> None:
    episodes = EPISODES.replace(b",C1,", b",Q9,") if outcome == "blocked" else EPISODES
    if outcome == "failed":

        def breaks(*args, **kwargs):
            raise RuntimeError("the disk is full")

        monkeypatch.setattr(importer.ReturnImporter, "write", breaks)
    assert post(analyst, ("header.csv", HEADER), ("episodes.csv", episodes)).status_code == 302
    run = ImportRun.objects.get()
    assert everything_in(folders) == [
        str(folders["uploads"] / f"import-{run.pk}" / "episodes.csv"),
        str(folders["uploads"] / f"import-{run.pk}" / "header.csv"),
    ]  # waiting for the worker; Django's own temporary copies went with the request
    run_worker()
    run.refresh_from_db()
    assert run.status == outcome, run.message
    assert everything_in(folders) == []
    if outcome == "failed":
        assert run.message == (
            "The import failed: the disk is full. Nothing was imported. Import the files again."
        )
        page = analyst.get(f"/ssda903/imports/{run.pk}/").content.decode()
        assert ">Import the files again</a>" in page and 'href="/ssda903/#id_files"' in page
        assert not Child.objects.filter(child_id="A1").exists()


@pytest.mark.django_db(transaction=True)
def test_an_xml_returns_tables_are_removed_too(analyst, folders) -> None:
    xml = (PEER / "fake_903.xml").read_bytes()
    assert post(analyst, ("return.xml", xml)).status_code == 302
    run_worker()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.IMPORTED, run.message
    assert everything_in(folders) == []


@pytest.mark.django_db
def test_import_903_leaves_no_tables_of_an_xml_return_behind(folders) -> None:
    call_command(
        "import_903",
        str(PEER / "fake_903.xml"),
        "--no-dfe-rules",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert ImportRun.objects.get().status == ImportRun.Status.IMPORTED
    assert everything_in(folders) == []


@pytest.mark.django_db
def test_a_lost_database_connection_is_named_in_the_failure(folders, monkeypatch) -> None:
    from homeward.ssda903.tasks import import_uploaded_return

    def lost(*args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(importer.ReturnImporter, "write", lost)
    run = ImportRun.objects.create(source="header.csv")
    uploads.store(run.pk, [SimpleUploadedFile("header.csv", HEADER)])
    with pytest.raises(OperationalError):
        import_uploaded_return.call(run.pk)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert run.message == (
        "The import stopped: the connection to the database was lost. Nothing was imported. "
        "Import the files again."
    )
    assert everything_in(folders) == []


@pytest.mark.parametrize(
    "status,ends_as,message",
    [
        (
            ImportRun.Status.WRITING,
            ImportRun.Status.FAILED,
            "The import stopped: nothing was heard from the worker running it for 5 minutes",
        ),
        (
            ImportRun.Status.CHECKING,
            ImportRun.Status.FAILED,
            "The import stopped: nothing was heard from the worker running it for 5 minutes",
        ),
        # The import had committed: only the DfE rules were left.
        (
            ImportRun.Status.VALIDATING,
            ImportRun.Status.IMPORTED,
            "Imported, but the DfE rules did not finish",
        ),
    ],
)
def test_an_import_not_heard_from_is_ended_when_its_page_is_read(
    analyst, folders, time_machine, status, ends_as, message
) -> None:
    run = ImportRun.objects.create(source="header.csv", status=status, progress=30)
    uploads.store(run.pk, [SimpleUploadedFile("header.csv", HEADER)])
    time_machine.shift(dt.timedelta(minutes=3))
    progress.report(run, 50, "Writing episodes")  # the heartbeat, three minutes in
    time_machine.shift(dt.timedelta(minutes=4, seconds=59))
    page = analyst.get(f"/ssda903/imports/{run.pk}/").content.decode()
    run.refresh_from_db()
    assert run.status == status  # heard from 4:59 ago: still running
    assert "50% done" in page and "Writing episodes" in page  # the worker's report, live
    time_machine.shift(dt.timedelta(seconds=2))
    page = analyst.get(f"/ssda903/imports/{run.pk}/").content.decode()
    run.refresh_from_db()
    assert (run.status, run.progress) == (ends_as, 100)
    assert run.message.startswith(message)
    # Ended when the page was read: the clock ticks on, so allow for a slow machine.
    assert timezone.now() - dt.timedelta(seconds=30) <= run.finished_at <= timezone.now()
    assert everything_in(folders) == []  # its uploaded files are removed with it
    assert (">Import the files again</a>" in page) == (ends_as == ImportRun.Status.FAILED)


@pytest.mark.django_db
def test_the_stale_check_leaves_queued_and_finished_imports_alone(folders, time_machine) -> None:
    queued = ImportRun.objects.create(source="a")  # waiting for a worker to start: not dead
    done = ImportRun.objects.create(source="b", status=ImportRun.Status.IMPORTED)
    time_machine.shift(dt.timedelta(days=1))
    assert progress.fail_stale_imports() == []
    assert {r.status for r in ImportRun.objects.filter(pk__in=[queued.pk, done.pk])} == {
        ImportRun.Status.QUEUED,
        ImportRun.Status.IMPORTED,
    }


@pytest.mark.django_db
def test_progress_during_the_write_is_reported_outside_the_transaction(folders, settings) -> None:
    """Each step inside the import's transaction goes to the progress cache, which another
    process reads from the same files (here: a second cache object on the same folder)."""
    seen: list[tuple[int, str]] = []
    other_process = FileBasedCache(caches["progress"]._dir, {})

    def watch(percent: int, message: str) -> None:
        if 30 < percent < 85:
            seen.append(other_process.get(f"import-{run.token}-progress"))

    run = ImportRun.objects.create(source="synthetic")
    from homeward.domain.ssda903 import synthetic

    synthetic.write_csv(synthetic.generate(40, seed=3, collection_year=2027), folders["tmp"])
    from homeward.ssda903.sources import sources_from_path

    run = importer.import_return(
        sources_from_path(folders["tmp"], folders["tmp"] / "tables"),
        run=run,
        collection_year=2027,
        progress=watch,
        dfe_rules=False,
    )
    assert run.status == ImportRun.Status.IMPORTED
    percents = [p for p, _ in seen]
    assert percents == sorted(percents) and len(set(percents)) >= 5
    assert ("Writing episodes" in {m for _, m in seen}) and percents[-1] >= 80


# Once a 500 on PostgreSQL, which refuses NUL in text: now blocked before anything is written.
@pytest.mark.django_db(transaction=True)
def test_an_upload_with_a_nul_byte_or_bad_bytes_is_blocked_naming_file_row_and_column(
    analyst, folders
) -> None:
    header = HEADER + b"A2,F,01/01/2015,WB\x00RI,,,\n" + b"A3,F,01/01/2015,WBRI,\xe9,,\n"
    assert post(analyst, ("header.csv", header), ("episodes.csv", EPISODES)).status_code == 302
    run_worker()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.BLOCKED, run.message
    assert [(p["file"], p["row"], p["column"]) for p in run.blocking] == [
        ("header.csv", "3", "ETHNIC"),
        ("header.csv", "4", "UPN"),
    ]
    assert "contains a NUL character" in run.blocking[0]["message"]
    assert "is not UTF-8 text (byte 0xE9)" in run.blocking[1]["message"]
    assert not Child.objects.filter(child_id__in=["A1", "A2", "A3"]).exists()
    assert everything_in(folders) == []


def test_the_upload_form_still_checks_its_csrf_token(council, settings, folders) -> None:
    # The size is checked before CSRF's check would read the body; the token is still required.
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(council.users["performance_analyst"])
    response = post(client, ("header.csv", HEADER))
    assert response.status_code == 403
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_import_903_refuses_a_header_of_100000_columns_on_its_header_line(
    folders, tmp_path
) -> None:
    # Once held the worker for over 15 minutes; import_903 still ran after 2.
    folder = tmp_path / "return"
    folder.mkdir()
    (folder / "header.csv").write_bytes(HEADER)
    wide = ",".join(f"X{i}" for i in range(100_000))
    (folder / "episodes.csv").write_text(wide + "\n" + "1," * 99_999 + "1\n")
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_903", str(folder), stdout=out, stderr=io.StringIO())
    assert out.getvalue().splitlines()[0] == (
        "episodes.csv, row 1: The header has 100,000 columns; an SSDA903 table has at most 100 "
        "(nothing else in this file was read)"
    )
    assert ImportRun.objects.get().status == ImportRun.Status.BLOCKED
