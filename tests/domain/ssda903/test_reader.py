"""Blocking checks of the SSDA903 reader (issue 3 item 2): every problem names file, row and
column; the DfE's fake return has none."""

from __future__ import annotations

import pytest

from homeward.domain.ssda903.reader import (
    Limits,
    ReturnFile,
    check,
    collection_year_for,
    identify,
)
from tests.paths import DFE_FAKE_RETURN as PEER

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
    "HOME_POST,PL_POST,URN\n"
)


def files(**tables: str) -> list[ReturnFile]:
    return [ReturnFile(f"{name}.csv", content=text.encode()) for name, text in tables.items()]


def good(**overrides: str) -> list[ReturnFile]:
    tables = {
        "header": HEADER + "C1,M,01/02/2015,WBRI,,,\n",
        "episodes": EPISODES + "C1,01/04/2025,S,C1,N1,U4,PR1,,,,,,\n",
    }
    tables.update(overrides)
    return files(**tables)


def test_the_dfe_fake_return_has_no_blocking_problem() -> None:
    folder = PEER / "csv"
    result = check([ReturnFile(p.name, path=p) for p in sorted(folder.glob("*.csv"))])
    assert result.problems == []
    assert len(result.children) == 2675
    assert result.rows["Episodes"] == 5050
    assert result.rows["Reviews"] == 12582


def test_a_good_return_passes() -> None:
    assert check(good()).ok


@pytest.mark.parametrize(
    "episodes,column,message",
    [
        (EPISODES + "C1,01/04/2025,S,ZZ,N1,U4,PR1,,,,,,\n", "LS", "LS 'ZZ' is not an SSDA903 code"),
        (EPISODES + "C1,01/04/2025,Q,C1,N1,U4,PR1,,,,,,\n", "RNE", "RNE 'Q'"),
        (EPISODES + "C1,01/04/2025,S,C1,N1,U9,PR1,,,,,,\n", "PLACE", "PLACE 'U9'"),
        (EPISODES + "C1,01/04/2025,S,C1,N1,U4,PR1,02/04/2025,E99,,,,\n", "REC", "REC 'E99'"),
        (EPISODES + "C1,31/02/2025,S,C1,N1,U4,PR1,,,,,,\n", "DECOM", "is not a real date"),
        (EPISODES + "C1,01/04/2025,S,C1,N1,U4,PR1,01/03/2025,E11,,,,\n", "DEC", "DEC is before"),
        (EPISODES + "C9,01/04/2025,S,C1,N1,U4,PR1,,,,,,\n", "CHILD", "not in the Header file"),
        (EPISODES + ",01/04/2025,S,C1,N1,U4,PR1,,,,,,\n", "CHILD", "Child ID is blank"),
    ],
)
def test_bad_episode_values_block_with_file_row_and_column(episodes, column, message) -> None:
    result = check(good(episodes=episodes))
    assert not result.ok
    problem = result.problems[0]
    assert (problem.file, problem.row, problem.column) == ("episodes.csv", 2, column)
    assert message in problem.message


def test_a_misspelt_key_column_is_named_with_a_hint() -> None:
    result = check(good(episodes=EPISODES.replace("DECOM", "DECCOM") + "C1,01/04/2025\n"))
    assert [(p.row, p.column) for p in result.problems] == [(1, "DECOM")]
    assert "found 'DECCOM': check the spelling" in result.problems[0].message


def test_duplicate_keys_block() -> None:
    result = check(good(header=HEADER + "C1,M,01/02/2015,WBRI,,,\nC1,F,01/02/2016,WBRI,,,\n"))
    assert [(p.row, p.column) for p in result.problems] == [(3, "CHILD")]


def test_a_truncated_row_and_an_empty_file_block() -> None:
    result = check(good(episodes=EPISODES + "C1,01/04/2025,S,C1\n"))
    assert "Row has 4 fields but the header has 13" in result.problems[0].message
    result = check(good(episodes=""))
    assert result.problems[0].message == "The file is empty"
    assert check(good(episodes=EPISODES)).ok  # no episodes this year: allowed
    result = check(good(header="CHILD,SEX,DOB,ETHNIC\n"))
    assert "The file has a header but no children" in [p.message for p in result.problems]


def test_a_file_in_the_wrong_encoding_blocks() -> None:
    latin1 = (HEADER + "C1,M,01/02/2015,WBRI,,,\n").encode() + "Zoë".encode("latin-1")
    result = check([ReturnFile("header.csv", content=latin1)])
    assert any("not UTF-8" in p.message for p in result.problems)


def test_without_a_header_file_nothing_can_be_imported() -> None:
    result = check(files(episodes=EPISODES + "C1,01/04/2025,S,C1,N1,U4,PR1,,,,,,\n"))
    assert "No Header file" in result.problems[0].message


def test_files_are_known_by_name_or_by_columns() -> None:
    assert identify("header.csv", []) == "Header"
    assert identify("2025_episodes.csv", []) == "Episodes"
    assert identify("export-1.csv", ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]) == "Reviews"
    assert identify("mystery.csv", ["A", "B"]) is None


def test_older_codings_are_not_blocking() -> None:
    # SEX 1/2 (before 2024-25) and PLACE P2/Z1 (before 2025-26) are earlier years' codes.
    result = check(
        good(
            header=HEADER + "C1,1,01/02/2015,WBRI,,,\n",
            episodes=EPISODES + "C1,01/04/2017,S,C1,N1,P2,PR1,,,,,,\n",
        )
    )
    assert result.ok


def test_collection_years_end_on_31_march() -> None:
    import datetime as dt

    assert collection_year_for(dt.date(2026, 3, 31)) == 2026
    assert collection_year_for(dt.date(2026, 4, 1)) == 2027


def test_bytes_that_are_not_utf8_block_naming_the_file_row_and_column() -> None:
    episodes = (EPISODES + "C1,01/04/2025,S,C1,N1,U4,PR1,,,,LS1 1AA,,\n").encode()
    episodes = episodes.replace(b"LS1 1AA", "LS1 1AÉ".encode("latin-1"))
    result = check(good()[:1] + [ReturnFile("episodes.csv", content=episodes)])
    assert [(p.file, p.row, p.column) for p in result.problems] == [
        ("episodes.csv", 2, "HOME_POST")
    ]
    assert "HOME_POST is not UTF-8 text (byte 0xC9)" in result.problems[0].message


def test_a_nul_byte_blocks_naming_the_file_row_and_column() -> None:
    # PostgreSQL refuses NUL in text: without this check the import failed with a 500.
    result = check(good(header=HEADER + "C1,M,01/02/2015,WB\x00RI,,,\n"))
    assert [(p.file, p.row, p.column) for p in result.problems] == [("header.csv", 2, "ETHNIC")]
    assert "ETHNIC contains a NUL character" in result.problems[0].message
    result = check(good(header="CHILD,SEX,DOB,ETH\x00NIC\n" + "C1,M,01/02/2015,WBRI\n"))
    assert (
        "header.csv",
        1,
        "The header's column 4 contains a NUL character (byte 0): is the "
        "file binary, or saved as UTF-16?",
    ) in [(p.file, p.row, p.message) for p in result.problems]


def test_a_header_wider_than_the_limit_is_refused_before_anything_is_parsed() -> None:
    # 100,000 columns once held the worker for over 15 minutes.
    wide = ",".join(f"X{i}" for i in range(100_000)) + "\n" + "1," * 99_999 + "1\n"
    result = check(good(episodes=wide))
    assert [(p.file, p.row, p.message) for p in result.problems] == [
        (
            "episodes.csv",
            1,
            "The header has 100,000 columns; an SSDA903 table has at most 100 (nothing else in "
            "this file was read)",
        )
    ]
    assert check(
        good(episodes=EPISODES + "C1,01/04/2025,S,C1,N1,U4,PR1,,,,,,\n"), Limits(columns=13)
    ).ok
    assert not check(good(episodes=EPISODES), Limits(columns=12)).ok
    # A header line too long to be read whole is refused on its length.
    result = check(good(episodes=wide), Limits(header_bytes=1000))
    columns = wide[:1001].count(",") + 1  # in the part that was read
    assert result.problems[0].message == (
        f"The header row is longer than 1,000 bytes (more than {columns} columns): it cannot be "
        "an SSDA903 table's header"
    )


def test_more_rows_than_the_limit_are_refused_by_counting_lines() -> None:
    rows = "".join(f"C{i},M,01/02/2015,WBRI,,,\n" for i in range(11))
    result = check(good(header=HEADER + rows), Limits(rows=10))
    assert [(p.file, p.message) for p in result.problems] == [
        (
            "header.csv",
            "The file has 11 rows; Homeward reads at most 10 in one table (nothing in this file "
            "was read)",
        )
    ]
    assert check(good(header=HEADER + rows), Limits(rows=11)).ok
    # The last line without its line break still counts.
    assert not check(good(header=HEADER + rows.rstrip("\n")), Limits(rows=10)).ok


def test_an_endless_line_is_refused_naming_its_row() -> None:
    long = EPISODES + "C1,01/04/2025,S,C1,N1,U4,PR1,,,,,,\n" + "C1," + "x" * 70_000 + "\n"
    result = check(good(episodes=long))
    assert [(p.file, p.row) for p in result.problems] == [("episodes.csv", 3)]
    assert "Row 3 is longer than 65,536 bytes" in result.problems[0].message
