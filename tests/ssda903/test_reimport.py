"""Importing Homeward's own export changes nothing (README "The SSDA903 return: import and
export": re-importing recognises what is already held). A newcomer's round trip on the demo once
added 120 journey events: each Child in Care review held in Homeward came back as a second review
from the Reviews table, and each child admitted in Homeward that week became looked after twice.
Run on SQLite and, with DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.db import models
from django.utils import timezone

from homeward.accounts.models import User
from homeward.children.models import Child, Episode, JourneyEvent
from homeward.demo.builder import build
from homeward.domain.councils import profile_for
from homeward.domain.ssda903 import synthetic
from homeward.domain.ssda903.reader import collection_year_for, last_complete_collection_year
from homeward.meetings.models import Meeting
from homeward.ssda903.exporter import zip_bytes
from homeward.ssda903.forms import ExportForm
from homeward.ssda903.importer import import_return
from homeward.ssda903.models import ImportRun, MissingEpisode, PlacedForAdoption
from homeward.ssda903.sources import sources_from_path


def held(*tracked: type[models.Model]) -> dict[str, tuple[int, str]]:
    """Each table's row count and a digest of every column of every row, in primary key order:
    any row added, removed or changed (even its ``updated_at``) changes it."""
    digests = {}
    for model in tracked:
        columns = [f.attname for f in model._meta.concrete_fields]
        rows = list(model._default_manager.order_by("pk").values_list(*columns))
        digests[model.__name__] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return digests


FACTS = (Child, Episode, JourneyEvent)


def export_then_import(year: int, folder: Path) -> ImportRun:
    """Download the return for ``year`` as the SSDA903 page does, then import the zip's files
    as an analyst would, leaving the year to be worked out from the episodes."""
    content, _ = zip_bytes(year)
    zipfile.ZipFile(io.BytesIO(content)).extractall(folder)
    (returned,) = folder.iterdir()
    run = import_return(
        sources_from_path(returned, folder / "tables"),
        run=ImportRun.objects.create(source=f"Homeward's export for {year}"),
        dfe_rules=False,
    )
    assert run.status == ImportRun.Status.IMPORTED, run.blocking[:5]
    assert run.collection_year == year
    return run


@pytest.fixture
def demo(db) -> dt.date:
    today = timezone.localdate()
    build(profile_for("dudley"), n_children=120, seed=5, today=today)
    return today


@pytest.mark.parametrize("which", ["last complete year", "year being collected"])
def test_importing_the_demos_own_export_changes_nothing(demo, which: str, tmp_path: Path) -> None:
    """Reviews held in Homeward are Reviews rows in the export; admissions made in Homeward this
    week are episodes with their journey events. Imported back, neither is added again."""
    year = collection_year_for(demo)
    if which == "last complete year":
        year -= 1
    recorded_reviews = Meeting.objects.filter(type="cic_review", status=Meeting.Status.HELD)
    assert recorded_reviews.filter(held_on__range=(dt.date(year - 1, 4, 1), dt.date(year, 3, 31)))
    if which == "year being collected":  # the demo's admissions, made in Homeward this week
        admitted = Episode.objects.filter(start_date__gt=demo - dt.timedelta(days=7))
        assert admitted.exists()
    before = held(*FACTS)

    export_then_import(year, tmp_path)

    assert held(*FACTS) == before
    reviews = JourneyEvent.objects.filter(kind="cic_review").values("child", "date")
    assert reviews.annotate(n=models.Count("pk")).filter(n__gt=1).count() == 0


def test_an_earlier_years_export_keeps_what_ended_since(db, tmp_path: Path) -> None:
    """A return says what was so on its 31 March: an episode, placement for adoption or missing
    episode open then is exported with no end (DEC, DATE_PLACED_CEASED, MIS_END blank), though
    Homeward holds the day it ended since. Importing that export keeps the end, and so the child's
    journey (ceased, returned home) too. Here: the 2026-27 return held, 2025-26 exported."""
    synthetic.write_csv(synthetic.generate(150, seed=12, collection_year=2027), tmp_path / "in")
    run = import_return(
        sources_from_path(tmp_path / "in", tmp_path / "tables"),
        run=ImportRun.objects.create(source="synthetic"),
        collection_year=2027,
        dfe_rules=False,
    )
    assert run.status == ImportRun.Status.IMPORTED
    ended_since = Episode.objects.filter(
        start_date__lte=dt.date(2026, 3, 31), end_date__gt=dt.date(2026, 3, 31)
    )
    assert ended_since.exists(), "the example needs an episode open on 31 March 2026"
    tracked = (*FACTS, PlacedForAdoption, MissingEpisode)
    before = held(*tracked)

    export_then_import(2026, tmp_path / "2025-26")

    assert held(*tracked) == before


def test_the_demos_return_is_listed_as_imported_and_not_yet_checked(demo, client) -> None:
    """The demo's children in care come from a synthetic return imported as a council's would
    (README "Demo Borough"): the SSDA903 page lists that import, and the data-quality page says
    the DfE rules were not run on it rather than that nothing was imported."""
    run = ImportRun.objects.get()
    year = last_complete_collection_year(demo)
    assert run.status == ImportRun.Status.IMPORTED and run.collection_year == year
    assert run.counts["children"] == Child.objects.exclude(child_id__startswith="HW").count()
    assert run.counts["dfe_failures"] is None
    client.force_login(User.objects.get(username="analyst"))
    index = client.get("/ssda903/").content.decode()
    assert "No imports yet" not in index and f"/ssda903/imports/{run.pk}/" in index
    quality = client.get("/ssda903/data-quality/").content.decode()
    assert "No return has been imported yet" not in quality
    assert "was not checked against the DfE's validation rules" in quality
    result = client.get(f"/ssda903/imports/{run.pk}/").content.decode()
    assert "Not checked: the DfE rules did not run on this import" in result


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 11, 24), 2026),  # 2026-27 is being collected: 2025-26 is the return
        (dt.date(2027, 3, 31), 2026),  # the last day of 2026-27: not complete yet
        (dt.date(2027, 4, 1), 2027),
    ],
)
def test_the_export_offers_the_last_complete_collection_year(
    time_machine, today: dt.date, expected: int
) -> None:
    """SSDA903 years run from 1 April to 31 March; the year still being collected has open
    episodes and no outcomes yet (DfE rule 191), so it is offered but not chosen."""
    time_machine.move_to(dt.datetime.combine(today, dt.time(12)), tick=False)
    assert last_complete_collection_year(today) == expected
    form = ExportForm()
    assert form["year"].initial == expected
    assert str(collection_year_for(today)) in dict(form.fields["year"].choices)
