"""Exporting the return (issue 3 item 3) and importing Homeward's own export back (item 5)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from homeward.children.models import Allocation, Child, Episode
from homeward.demo.builder import build
from homeward.domain.councils import profile_for
from homeward.ssda903.exporter import build_tables, year_bounds
from homeward.ssda903.models import ImportRun


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
