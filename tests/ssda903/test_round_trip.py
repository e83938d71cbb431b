"""Round trip (issue 3 item 5): a synthetic return imported and exported again is the same on
every column Homeward keeps, and Homeward's export passes the DfE rules (item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from homeward.domain.ssda903 import synthetic
from homeward.ssda903 import dfe
from homeward.ssda903.exporter import build_tables
from homeward.ssda903.importer import import_return
from homeward.ssda903.models import ImportRun
from homeward.ssda903.sources import sources_from_path

YEAR = 2027


@pytest.fixture(scope="module")
def generated() -> dict[str, list[dict[str, str]]]:
    return synthetic.generate(300, seed=41, collection_year=YEAR)


@pytest.fixture
def imported(db, generated, tmp_path: Path):
    synthetic.write_csv(generated, tmp_path / "in")
    run = import_return(
        sources_from_path(tmp_path / "in", tmp_path / "tables"),
        run=ImportRun.objects.create(source="synthetic"),
        collection_year=YEAR,
        dfe_rules=False,
    )
    assert run.status == ImportRun.Status.IMPORTED, run.blocking[:5]
    return generated


def as_set(rows: list[dict[str, str]]) -> set[tuple[tuple[str, str], ...]]:
    return {tuple(sorted(row.items())) for row in rows}


@pytest.mark.parametrize("table", list(synthetic.TABLES))
def test_every_table_comes_back_the_same(imported, table: str) -> None:
    exported = build_tables(YEAR)
    original = imported[table]
    missing = as_set(original) - as_set(exported[table])
    extra = as_set(exported[table]) - as_set(original)
    assert not missing and not extra, (
        f"{table}: {len(missing)} rows lost or changed, {len(extra)} rows added or changed; "
        f"e.g. lost {sorted(missing)[:1]} / added {sorted(extra)[:1]}"
    )
    assert len(exported[table]) == len(original)


def test_homewards_export_passes_the_dfe_rules(imported, tmp_path: Path) -> None:
    from homeward.ssda903.exporter import write_folder

    write_folder(YEAR, tmp_path / "out")
    failures = dfe.validate_csv_folder(
        tmp_path / "out", YEAR, local_authority=synthetic.LOCAL_AUTHORITY
    )
    assert failures == [], dfe.summarise(failures)
