"""The DfE's national SSDA903 rules (csc-validator-be-903), run through homeward.ssda903.dfe."""

import csv
from pathlib import Path

import pytest

from homeward.ssda903.dfe import (
    DfeFailure,
    DfeInputError,
    DfeRun,
    available_collection_years,
    run_csv_folder,
    run_validator,
    summarise,
    validate_csv_folder,
    validate_files,
    validate_xml,
)
from tests.paths import DFE_FAKE_RETURN

PEER_CSV = DFE_FAKE_RETURN / "csv"

needs_peer_return = pytest.mark.skipif(
    not PEER_CSV.is_dir(), reason="the validator's fake return is not on this machine"
)


@pytest.fixture(scope="module")
def peer_run() -> DfeRun:
    return run_csv_folder(PEER_CSV, 2025)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


@needs_peer_return
def test_peer_return_gives_the_readme_counts(peer_run: DfeRun) -> None:
    # The README's figures (63,850 failures across 111 rules, lac2024_25) are what the validator's
    # own Report.child_report lists; reading the ERR_ marks directly gives the same cells.
    assert peer_run.ruleset == "lac2024_25"
    assert len(peer_run.failures) == 63_850
    counts = summarise(peer_run.failures)
    assert len(counts) == 111
    assert sum(counts.values()) == 63_850
    # SEX is coded 1/2 in every header row; the rules since 2023-24 want M/F/U.
    assert counts["101"] == 2_675
    assert counts["392c"] == 5_047
    # The README's "no invalid legal status, reason for new episode, placement type or reason
    # ceased": rules 144, 143, 146 and 149 (the code-list checks for LS, RNE, PLACE and REC).
    assert not {"144", "143", "146", "149"} & set(counts)
    # Rule 231 reads a UASC_STATUS column that the validator's ingress never makes.
    assert peer_run.crashed_rules == ("231",)
    # No previous year's return and no Ofsted provider lists: those rules skip.
    assert {"1001", "503A", "NoE", "219", "229"} <= set(peer_run.skipped_rules)
    assert peer_run.table_rows["Header"] == 2_675
    assert peer_run.table_rows["Episodes"] == 5_050


@needs_peer_return
def test_peer_failures_name_the_csv_row_and_child(peer_run: DfeRun) -> None:
    header = _csv_rows(PEER_CSV / "header.csv")
    episodes = _csv_rows(PEER_CSV / "episodes.csv")
    sex = [f for f in peer_run.failures if f.rule == "101"]
    assert [f.row for f in sex] == list(range(1, len(header) + 1))
    assert all(f.table == "Header" and f.columns == ("SEX",) for f in sex)
    assert [f.child_id for f in sex] == [r["CHILD"] for r in header]
    postcodes = [f for f in peer_run.failures if f.rule == "392c"]
    assert all(f.table == "Episodes" and f.row is not None for f in postcodes)
    assert all(episodes[f.row - 1]["CHILD"] == f.child_id for f in postcodes if f.row)
    assert postcodes[0].columns == ("HOME_POST", "PL_POST")


@needs_peer_return
def test_validate_csv_folder_returns_the_run_failures(peer_run: DfeRun) -> None:
    assert validate_csv_folder(PEER_CSV, 2025) == list(peer_run.failures)


# --- a small hand-written return, 2026-27 rules ------------------------------------------------

HEADER = """CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
1001,M,14/02/2015,WBRI,A123456789012,,
1002,F,03/09/2012,{ethnic},B123456789012,0,
"""
EPISODES = """\
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
1001,12/05/2026,S,C2,N1,U1,PR1,,,,TW9 1DN,TW10 6UX,SC123456
1002,03/06/2026,S,V2,N2,U3,PR1,,,,TW9 1DN,TW10 6UX,SC123457
"""
RICHMOND = "E09000027"  # the placements' postcodes are in the authority


def _files(ethnic: str = "BAFR") -> dict[str, bytes]:
    return {
        "header.csv": HEADER.format(ethnic=ethnic).encode(),
        "episodes.csv": EPISODES.encode(),
    }


def test_the_small_return_passes_every_rule_that_runs() -> None:
    assert 2027 in available_collection_years()
    assert validate_files(_files(), 2027, local_authority=RICHMOND) == []


def test_an_invalid_ethnicity_fails_rule_103_on_its_row(tmp_path: Path) -> None:
    for name, content in _files(ethnic="ZZZZ").items():
        (tmp_path / name).write_bytes(content)
    failures = validate_csv_folder(tmp_path, 2027, local_authority=RICHMOND)
    assert failures == [
        DfeFailure(
            rule="103",
            message="The ethnicity code is either not valid or has not been entered.",
            table="Header",
            row=2,
            child_id="1002",
            columns=("ETHNIC",),
        )
    ]
    assert summarise(failures) == {"103": 1}


def test_the_same_child_as_xml(tmp_path: Path) -> None:
    xml = (
        "<EXPSSDA903><CHILD><HEADER><CHILDID>1002</CHILDID><UPN>B123456789012</UPN><SEX>F</SEX>"
        "<DOB>03/09/2012</DOB><ETHNIC>ZZZZ</ETHNIC><UASC>0</UASC><MOTHER>0</MOTHER><MC_DOB />"
        "<PERMANENCE><PREV_PERM>Z1</PREV_PERM></PERMANENCE>"
        "</HEADER><EPISODE><DECOM>03/06/2026</DECOM><RNE>S</RNE><LS>V2</LS><CIN>N2</CIN>"
        "<PL>U3</PL><PL_POST>TW10 6UX</PL_POST><HOME_POST>TW9 1DN</HOME_POST><URN>SC123457</URN>"
        "<PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC /><REC /><REASON_PLACE_CHANGE /></EPISODE>"
        "</CHILD></EXPSSDA903>"
    )
    path = tmp_path / "return.xml"
    path.write_text(xml)
    failures = validate_xml(path, 2027, local_authority=RICHMOND)
    # XML has no CSV rows to point at.
    assert [(f.rule, f.table, f.row, f.child_id) for f in failures] == [
        ("103", "Header", None, "1002")
    ]
    # This return has no UASC, OC2, OC3, AD1, placed-for-adoption, missing or review records.
    # The XML ingress leaves those tables without columns; given their columns, the rules run
    # on them instead of crashing. 231 and 233 crash on any return (they read UASC_STATUS and
    # DATE_EPISODE_CEASED, columns the validator never makes).
    run = run_validator({"return.xml": xml.encode()}, 2027, local_authority=RICHMOND)
    assert run.file_format == "xml"
    assert run.crashed_rules == ("231", "233")
    assert run.table_rows["AD1"] == 0


def test_summarise_orders_rule_codes_as_numbers() -> None:
    def failure(rule: str) -> DfeFailure:
        return DfeFailure(rule, "", "Header", 1, "1", ())

    rules = ["1001", "NoE", "392c", "101", "392c", "SW01aSTG1", "103"]
    assert list(summarise(failure(r) for r in rules).items()) == [
        ("101", 1),
        ("103", 1),
        ("392c", 2),
        ("1001", 1),
        ("NoE", 1),
        ("SW01aSTG1", 1),
    ]


@pytest.mark.parametrize(
    ("files", "year"),
    [
        ({"header.csv": HEADER.format(ethnic="BAFR").encode()}, 2019),  # no ruleset that year
        ({"header.csv": b"CHILD,GENDER\n1,M\n"}, 2027),  # unknown column set
        ({"header.csv": HEADER.format(ethnic="BAFR").encode(), "r.xml": b"<x/>"}, 2027),
        ({"r.xml": b"<EXPSSDA903><CHILD>"}, 2027),  # not well-formed
        ({"a.xml": b"<EXPSSDA903/>", "b.xml": b"<EXPSSDA903/>"}, 2027),  # only one is read
        ({"a.csv": b"CHILD,SEX,DOB,DUC\n", "b.csv": b"CHILD,SEX,DOB,DUC\n"}, 2027),  # 2 UASC
        ({"header.csv": b""}, 2027),
        ({}, 2027),
    ],
)
def test_unreadable_returns_raise_dfe_input_error(files: dict[str, bytes], year: int) -> None:
    with pytest.raises(DfeInputError):
        validate_files(files, year)
