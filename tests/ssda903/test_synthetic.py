"""The synthetic SSDA903 return (homeward.domain.ssda903.synthetic): the DfE's 2026-27 rules find
nothing wrong with it, Homeward's reader finds nothing blocking, a seed always gives the same
return, and every legal status and way of leaving care is in it."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from pathlib import Path

import pytest
from django.core.management import call_command

from homeward.domain.calendar import WorkingCalendar, add_months
from homeward.domain.ssda903 import synthetic
from homeward.domain.ssda903.codes import TABLE_COLUMNS
from homeward.domain.ssda903.reader import ReturnFile, check, parse_date
from homeward.ssda903.dfe import DfeRun, run_csv_folder

N = 300
YEAR_START = dt.date(2026, 4, 1)
YEAR_END = dt.date(2027, 3, 31)
WEEKDAYS = WorkingCalendar(bank_holidays=False)  # as the generator dates reviews

Tables = dict[str, list[dict[str, str]]]


@pytest.fixture(scope="module")
def tables() -> Tables:
    return synthetic.generate(N, seed=2026, collection_year=2027)


@pytest.fixture(scope="module")
def folder(tables: Tables, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synthetic_903")
    synthetic.write_csv(tables, path)
    return path


@pytest.fixture(scope="module")
def dfe_run(folder: Path) -> DfeRun:
    # The DfE's tool always validates a return for its council: some rules compare placements
    # with the authority (241, 1015, 411).
    return run_csv_folder(folder, 2027, local_authority=synthetic.LOCAL_AUTHORITY)


def by_child(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        grouped[row["CHILD"]].append(row)
    return grouped


def day(value: str) -> dt.date:
    return parse_date(value)


# --- (a) the DfE's rules ---------------------------------------------------------------------


def test_the_dfe_rules_find_no_failure(dfe_run: DfeRun) -> None:
    assert dfe_run.ruleset == "lac2026_27"
    assert [(f.rule, f.table, f.row, f.child_id) for f in dfe_run.failures] == []
    assert dfe_run.table_rows["Header"] == N
    assert dfe_run.table_rows["Episodes"] > N
    # The rules ran: the rest need last year's return, Ofsted's provider lists or the social
    # worker and DoLO tables, which a return of ten files does not have.
    assert len(dfe_run.rules_run) > 250
    # 231 and 233 read columns the validator never makes (UASC_STATUS, DATE_EPISODE_CEASED).
    assert set(dfe_run.crashed_rules) <= {"231", "233"}


def test_an_earlier_year_is_valid_under_its_own_rules(tmp_path: Path) -> None:
    tables = synthetic.generate(120, seed=7, collection_year=2026)
    synthetic.write_csv(tables, tmp_path)
    run = run_csv_folder(tmp_path, 2026, local_authority=synthetic.LOCAL_AUTHORITY)
    assert run.ruleset == "lac2025_26"
    assert [(f.rule, f.table, f.row, f.child_id) for f in run.failures] == []


# --- (b) Homeward's reader -------------------------------------------------------------------


def test_homewards_reader_finds_nothing_blocking(folder: Path) -> None:
    paths = sorted(folder.glob("*.csv"))
    result = check([ReturnFile(p.name, path=p) for p in paths])
    assert result.problems == []
    assert sorted(result.tables.values()) == sorted(synthetic.TABLES)
    assert len(result.children) == N
    assert result.latest_date is not None and result.latest_date <= YEAR_END


def test_files_and_columns(tables: Tables, folder: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == sorted(synthetic.FILE_NAMES.values())
    for name, rows in tables.items():
        assert rows, f"{name} is empty"
        assert all(tuple(row) == TABLE_COLUMNS[name] for row in rows), name
    header = (folder / "episodes.csv").read_text().splitlines()[0]
    assert header == ",".join(TABLE_COLUMNS["Episodes"])


# --- (c) determinism -------------------------------------------------------------------------


def test_a_seed_always_gives_the_same_return(tables: Tables, tmp_path: Path) -> None:
    again = synthetic.generate(N, seed=2026, collection_year=2027)
    assert again == tables
    other = synthetic.generate(N, seed=2027, collection_year=2027)
    assert other["Header"] != tables["Header"]
    first = synthetic.write_csv(again, tmp_path / "one")
    second = synthetic.write_csv(synthetic.generate(N, seed=2026), tmp_path / "two")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_small_and_empty_returns() -> None:
    small = synthetic.generate(5, seed=1)
    assert len(small["Header"]) == 5
    assert synthetic.generate(0)["Header"] == []


# --- (d) the spread --------------------------------------------------------------------------


def test_every_legal_status_and_way_out_of_care_is_there(tables: Tables) -> None:
    episodes = tables["Episodes"]
    statuses = {e["LS"] for e in episodes}
    assert {"V2", "C1", "C2", "E1"} <= statuses
    places = {e["PLACE"] for e in episodes}
    assert places & {"A3", "A4", "A5", "A6"}  # placed for adoption
    assert {"U4", "U6", "K2", "K3", "P1"} <= places
    left = {e["REC"] for e in episodes if e["REC"] not in ("", "X1")}
    assert left & {"E11", "E12"}  # adopted
    assert left & {"E45", "E46", "E47", "E48"}  # special guardianship
    assert {"E4A", "E5"} <= left  # returned home, moved to independent living
    assert tables["UASC"] and tables["OC2"] and tables["OC3"] and tables["Missing"]
    assert tables["PlacedAdoption"] and tables["PrevPerm"] and tables["Reviews"]


def test_ages_span_babies_to_care_leavers(tables: Tables) -> None:
    ages = [(YEAR_END - day(h["DOB"])).days / 365.25 for h in tables["Header"] if h["DOB"]]
    assert any(a < 1 for a in ages)
    assert any(13 <= a < 18 for a in ages)
    assert any(a >= 19 for a in ages)  # care leavers


def test_adopted_children_have_their_adoption_details(tables: Tables) -> None:
    adopted = {
        e["CHILD"]
        for e in tables["Episodes"]
        if e["REC"] in ("E11", "E12") and YEAR_START <= day(e["DEC"]) <= YEAR_END
    }
    assert adopted
    assert {r["CHILD"] for r in tables["AD1"]} == adopted
    decided = {r["CHILD"] for r in tables["PlacedAdoption"]}
    assert adopted <= decided


def test_uasc_and_care_leavers_are_in_their_tables(tables: Tables) -> None:
    header = {h["CHILD"]: h for h in tables["Header"]}
    episodes = by_child(tables["Episodes"])
    for row in tables["UASC"]:
        assert header[row["CHILD"]]["DOB"] == row["DOB"]
        assert all(e["HOME_POST"] == "" for e in episodes[row["CHILD"]])
    for row in tables["OC3"]:
        assert row["CHILD"] not in episodes  # left care before the year


def test_reviews_follow_the_statutory_schedule(tables: Tables) -> None:
    """Reg 33: first review within 20 working days, the second within 3 months of it, then
    at most 6 months apart."""
    reviews = by_child(tables["Reviews"])
    checked = 0
    for child, episodes in by_child(tables["Episodes"]).items():
        starts = [e for e in episodes if e["RNE"] == "S" and e["LS"] not in ("V3", "V4")]
        if len(starts) > 1 or child not in reviews:
            continue
        held = sorted(day(r["REVIEW"]) for r in reviews[child])
        assert all(d.weekday() < 5 for d in held)
        for earlier, later in zip(held, held[1:], strict=False):
            assert later <= add_months(earlier, 6)
        if starts and day(starts[0]["DECOM"]) >= YEAR_START:
            began = day(starts[0]["DECOM"])
            assert began < held[0] <= WEEKDAYS.add_working_days(began, 20)
            if len(held) > 1:
                assert held[1] <= add_months(held[0], 3)
            checked += 1
    assert checked > 10


def test_upns_carry_the_dfe_check_letter(tables: Tables) -> None:
    upns = [h["UPN"] for h in tables["Header"] if not h["UPN"].startswith("UN")]
    assert upns and len(set(upns)) == len(upns)
    for value in upns:
        assert synthetic.upn(value[1:]) == value


# --- the command -----------------------------------------------------------------------------


def test_demo_903_writes_the_files_and_counts_their_rows(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("demo_903", "--children", "40", "--seed", "3", str(tmp_path), stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(synthetic.TABLES)
    assert lines[0] == f"{tmp_path / 'header.csv'}: 40 rows"
    for line in lines:
        path, _, count = line.rpartition(": ")
        rows = Path(path).read_text().splitlines()
        assert count == f"{len(rows) - 1} rows"


@pytest.mark.parametrize("seed", [1, 7, 2026])
def test_a_year_with_29_february_makes_a_return_whose_birthdays_fall_in_it(seed: int) -> None:
    """Regression: in 2027-28 (29 February 2028) a birthday drawn on the 29th made a date of
    birth of 29 February in a common year and the generator crashed. The 18th birthday of a
    young person leaving care in the year (OC3: the 17th to 21st for a care leaver) is then
    the 28th, as the DfE's rules count ages (calendar.add_years), and still in the year."""
    tables = synthetic.generate(N, seed=seed, collection_year=2028)
    assert len(tables["Header"]) == N
    start, end = dt.date(2027, 4, 1), dt.date(2028, 3, 31)
    born = {row["CHILD"]: day(row["DOB"]) for row in tables["Header"]}
    leavers = {row["CHILD"] for row in tables["OC3"]}
    for child in leavers:
        ages = [add_months(born[child], 12 * years) for years in range(17, 22)]
        assert any(start <= birthday <= end for birthday in ages), child
