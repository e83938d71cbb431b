"""Exporting the return (issue 3 item 3) and importing Homeward's own export back (item 5)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from homeward.children.models import Allocation, Child, Episode
from homeward.demo.builder import build
from homeward.domain.councils import profile_for
from homeward.ssda903.exporter import build_tables, year_bounds, zip_bytes
from homeward.ssda903.models import ImportRun
from tests.factories import ChildFactory, EpisodeFactory


@pytest.fixture
def demo(db):
    build(profile_for("dudley"), n_children=120, seed=5, today=timezone.localdate())


def current_year() -> int:
    today = timezone.localdate()
    return today.year + 1 if today.month > 3 else today.year


def test_the_export_holds_every_child_looked_after_in_the_year(demo) -> None:
    year = current_year()
    start, end = year_bounds(year)
    tables = build_tables(year)
    expected = set(
        Episode.objects.filter(start_date__lte=end)
        .exclude(end_date__lt=start)
        .values_list("child__child_id", flat=True)
    )
    assert {row["CHILD"] for row in tables["Header"]} == expected
    assert {row["CHILD"] for row in tables["Episodes"]} == expected
    for row in tables["Episodes"]:
        assert row["DECOM"].count("/") == 2  # dd/mm/yyyy
        if row["DEC"]:
            assert row["REC"], "a ceased episode carries its reason"


def test_sex_is_coded_as_the_year_expects(demo) -> None:
    year = current_year()
    assert {row["SEX"] for row in build_tables(year)["Header"]} <= {"M", "F", "U"}
    assert {row["SEX"] for row in build_tables(2024)["Header"]} <= {"1", "2", ""}


def test_homewards_own_export_of_the_demo_imports_back_without_error(demo, tmp_path: Path) -> None:
    year = current_year()
    out = io.StringIO()
    call_command("export_903", "--year", str(year), str(tmp_path / "return"), stdout=out)
    counts = json.loads(out.getvalue())
    assert counts["header.csv"] > 0
    before = sorted(Episode.objects.values_list("child__child_id", "start_date", "legal_status"))
    # Into an empty tracker: nothing of the demo left but its staff.
    Allocation.objects.all().delete()
    Child.objects.all().delete()
    out = io.StringIO()
    call_command(
        "import_903", str(tmp_path / "return"), "--no-dfe-rules", stdout=out, stderr=io.StringIO()
    )
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    assert result["status"] == ImportRun.Status.IMPORTED and result["blocking"] == 0
    assert result["children"] == counts["header.csv"]
    after = sorted(Episode.objects.values_list("child__child_id", "start_date", "legal_status"))
    assert set(after) <= set(before)
    assert len(after) == counts["episodes.csv"]


def test_export_903_refuses_a_year_that_is_not_one(tmp_path: Path, db) -> None:
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="is not a collection year"):
        call_command("export_903", "--year", "27", str(tmp_path))


# --- Issue 13 item 12: previous permanence and reviews recorded in Homeward ---------------------


def _in_care(child_id: str, start: dt.date, **child) -> Child:
    found = ChildFactory(child_id=child_id, **child)
    EpisodeFactory(child=found, start_date=start, reason_new_episode="S")
    return found


def test_previous_permanence_is_returned_for_each_child_who_started_in_the_year(db) -> None:
    """PrevPerm (rules 630, 634, 635): a row for every child with an RNE S episode in 2025-26,
    and for no one else; what was recorded (P2, its authority and date), or Z1 (no previous
    permanence order, or not known) with no authority or date when nothing is recorded."""
    from homeward.ssda903.models import PreviousPermanence

    recorded = _in_care("P1", dt.date(2025, 6, 2))
    PreviousPermanence.objects.create(
        child=recorded,
        previous_permanence="P2",
        la_of_permanence="383",
        date_of_permanence="zz/zz/2019",
    )
    _in_care("P2", dt.date(2025, 9, 1))  # admitted in Homeward: nothing recorded
    earlier = _in_care("P3", dt.date(2024, 1, 8))  # started before the year
    PreviousPermanence.objects.create(child=earlier, previous_permanence="P1")
    rows = build_tables(2026)["PrevPerm"]
    assert [(r["CHILD"], r["PREV_PERM"], r["LA_PERM"], r["DATE_PERM"]) for r in rows] == [
        ("P1", "P2", "383", "zz/zz/2019"),
        ("P2", "Z1", "", ""),
    ]


def test_reviews_held_in_homeward_are_in_the_reviews_table(db) -> None:
    """A Child in Care review held and recorded in Homeward in 2025-26 is a Reviews row: REVIEW is
    the day it was held, REVIEW_CODE from how the child's views were gathered (attended: PN1;
    talked with the IRO before: PN6; came and an advocate spoke: PN2; did not come, observed:
    PN6, not PN3, which says the child attended), PN0 for a child under 4 (rules 440, 441).
    Planned reviews, other meetings and a review the import already holds for that day are not
    added."""
    from homeward.meetings.models import Meeting
    from homeward.ssda903.models import Review

    older = _in_care("R1", dt.date(2025, 5, 1), date_of_birth=dt.date(2015, 2, 3))
    baby = _in_care("R2", dt.date(2025, 5, 1), date_of_birth=dt.date(2024, 10, 1))
    held = Meeting.Status.HELD
    Meeting.objects.create(
        child=older, type="cic_review", status=held, held_on=dt.date(2025, 5, 28),
        views_gathered="attended",
    )  # fmt: skip
    Meeting.objects.create(
        child=older, type="cic_review", status=held, held_on=dt.date(2025, 8, 20),
        views_gathered="iro",
    )  # fmt: skip
    Meeting.objects.create(
        child=older, type="cic_review", status=held, held_on=dt.date(2025, 11, 19),
        views_gathered="attended_advocate",
    )  # fmt: skip
    Meeting.objects.create(
        child=older, type="cic_review", status=held, held_on=dt.date(2026, 3, 4),
        views_gathered="observed",
    )  # fmt: skip
    Meeting.objects.create(
        child=older, type="cic_review", status=Meeting.Status.PLANNED,
        planned_on=dt.date(2026, 3, 20),
    )  # fmt: skip
    Meeting.objects.create(
        child=baby, type="cic_review", status=held, held_on=dt.date(2025, 5, 28),
        views_gathered="observed",
    )  # fmt: skip
    Review.objects.create(child=baby, review_date=dt.date(2025, 5, 28), participation="PN0")
    rows = build_tables(2026)["Reviews"]
    assert [(r["CHILD"], r["REVIEW"], r["REVIEW_CODE"]) for r in rows] == [
        ("R1", "28/05/2025", "PN1"),
        ("R1", "20/08/2025", "PN6"),
        ("R1", "19/11/2025", "PN2"),
        ("R1", "04/03/2026", "PN6"),
        ("R2", "28/05/2025", "PN0"),
    ]


@pytest.mark.django_db
def test_free_text_that_a_spreadsheet_would_run_is_quoted_in_the_export() -> None:
    """OWASP CSV injection: a child ID or postcode starting with = + - @ is exported with a
    quote; codes and dd/mm/yyyy dates never start with one, so they are exported as they are."""
    child = ChildFactory(child_id="=1+1")
    EpisodeFactory(child=child, start_date=year_bounds(current_year())[0], home_postcode="@A1")
    zipped, _ = zip_bytes(current_year())
    archive = zipfile.ZipFile(io.BytesIO(zipped))
    episodes = next(n for n in archive.namelist() if n.endswith("episodes.csv"))
    line = archive.read(episodes).decode().splitlines()[1]
    start = year_bounds(current_year())[0].strftime("%d/%m/%Y")
    assert line == f"'=1+1,{start},S,C1,,U4,PR1,,,,'@A1,,"
