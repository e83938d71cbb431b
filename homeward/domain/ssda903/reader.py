"""Reading an SSDA903 return: which file is which table, and every problem that would stop
Homeward storing it faithfully ("blocking"), with file, row and column.

Plain Python, no Django: it streams rows from files of any size, so a return of several hundred
megabytes is never loaded whole. What counts as blocking is what Homeward cannot store or compute
on (issue 3): missing key columns, a child ID, legal status, reason for new episode, placement
type or reason ceased outside the lists, dates that do not parse or cannot be, duplicate keys,
wrong encodings, empty or truncated files. The DfE's own data-quality rules are a separate pass
(``homeward.ssda903.dfe``): a failure there never blocks an import.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Final

from homeward.domain import uploaded_csv
from homeward.domain.ssda903 import codes
from homeward.domain.uploaded_csv import Kind, Limits, Problem, text_problem

__all__ = ["Limits", "Problem", "ReturnFile", "check", "measure", "text_problem"]

DATE_FORMAT: Final = "%d/%m/%Y"  # the DfE's CSV date format, e.g. 14/03/2026
MAX_CHILD_ID: Final = 10
EARLIEST_DATE: Final = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class TableSpec:
    """What Homeward needs from one SSDA903 table."""

    name: str
    required: tuple[str, ...]  # missing any of these blocks the import
    dates: tuple[str, ...] = ()  # columns that must be real dates when present
    required_dates: tuple[str, ...] = ()  # dates that must be present
    coded: tuple[tuple[str, str], ...] = ()  # (column, code list) that block when unknown
    key: tuple[str, ...] = ("CHILD",)  # duplicate keys block


# Every year's codes count as "in the lists": a 2017 episode may use a code later retired.
def _all_years(field_name: str) -> frozenset[str]:
    known = set(codes.CODE_LISTS[field_name]) | set(codes.RETIRED_CODES.get(field_name, {}))
    for _, year_codes in codes.CODES_BY_YEAR.get(field_name, ()):
        known |= year_codes
    return frozenset(known)


BLOCKING_CODE_LISTS: Final[dict[str, frozenset[str]]] = {
    name: _all_years(name) for name in ("LS", "RNE", "PLACE", "REC")
}

TABLES: Final[dict[str, TableSpec]] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "Header",
            ("CHILD", "SEX", "DOB", "ETHNIC"),
            dates=("DOB", "MC_DOB"),
            required_dates=("DOB",),
        ),
        TableSpec(
            "Episodes",
            ("CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC"),
            dates=("DECOM", "DEC"),
            required_dates=("DECOM",),
            coded=(("RNE", "RNE"), ("LS", "LS"), ("PLACE", "PLACE"), ("REC", "REC")),
            key=("CHILD", "DECOM"),
        ),
        TableSpec(
            "Reviews",
            ("CHILD", "REVIEW", "REVIEW_CODE"),
            dates=("DOB", "REVIEW"),
            required_dates=("REVIEW",),
            # Two reviews on one day happen (the validator's fake return has them, and even
            # identical rows): each row is kept, numbered by its place among identical rows.
            key=(),
        ),
        TableSpec("UASC", ("CHILD", "DUC"), dates=("DOB", "DUC")),
        TableSpec("OC2", ("CHILD",), dates=("DOB",)),
        TableSpec("OC3", ("CHILD", "IN_TOUCH"), dates=("DOB",)),
        TableSpec(
            "AD1", ("CHILD", "DATE_INT", "DATE_MATCH"), dates=("DOB", "DATE_INT", "DATE_MATCH")
        ),
        TableSpec(
            "PlacedAdoption",
            ("CHILD", "DATE_PLACED"),
            dates=("DOB", "DATE_PLACED", "DATE_PLACED_CEASED"),
            required_dates=("DATE_PLACED",),
            key=("CHILD", "DATE_PLACED"),
        ),
        TableSpec("PrevPerm", ("CHILD", "PREV_PERM"), dates=("DOB",)),
        TableSpec(
            "Missing",
            ("CHILD", "MISSING", "MIS_START"),
            dates=("DOB", "MIS_START", "MIS_END"),
            required_dates=("MIS_START",),
            key=("CHILD", "MIS_START"),
        ),
    )
}

# The longest value Homeward stores in each column; a longer one cannot be kept faithfully.
COLUMN_MAX: Final[dict[str, int]] = {
    "CHILD": MAX_CHILD_ID,
    "SEX": 1,
    "ETHNIC": 4,
    "UPN": 13,
    "CIN": 2,
    "PLACE_PROVIDER": 3,
    "REASON_PLACE_CHANGE": 6,
    "HOME_POST": 8,
    "PL_POST": 8,
    "URN": 10,
    "REVIEW_CODE": 4,
    "SDQ_SCORE": 3,
    "SDQ_REASON": 5,
    "IN_TOUCH": 4,
    "ACTIV": 2,
    "ACCOM": 2,
    "SEX_ADOPTR": 2,
    "LS_ADOPTR": 3,
    "REASON_PLACED_CEASED": 4,
    "PREV_PERM": 2,
    "LA_PERM": 3,
    "DATE_PERM": 10,
    "MISSING": 1,
}
# OC2's yes/no flags (every column after SDQ_REASON) and AD1's two one-character fields.
for _column in (*codes.TABLE_COLUMNS["OC2"][4:], "FOSTER_CARE", "NB_ADOPTR"):
    COLUMN_MAX[_column] = 1

# Columns that tell one table from another when a file's name does not (the validator also
# identifies files by their columns). Checked in this order.
SIGNATURES: Final[tuple[tuple[str, frozenset[str]], ...]] = (
    ("Episodes", frozenset({"DECOM", "RNE", "LS"})),
    ("Reviews", frozenset({"REVIEW", "REVIEW_CODE"})),
    ("UASC", frozenset({"DUC"})),
    ("OC2", frozenset({"SDQ_SCORE", "CONVICTED"})),
    ("OC3", frozenset({"IN_TOUCH", "ACTIV"})),
    ("AD1", frozenset({"DATE_INT", "DATE_MATCH"})),
    ("PlacedAdoption", frozenset({"DATE_PLACED", "REASON_PLACED_CEASED"})),
    ("PrevPerm", frozenset({"PREV_PERM"})),
    ("Missing", frozenset({"MISSING", "MIS_START"})),
    ("Header", frozenset({"ETHNIC", "SEX"})),
)
FILE_NAMES: Final[dict[str, str]] = {
    "header": "Header",
    "episodes": "Episodes",
    "reviews": "Reviews",
    "uasc": "UASC",
    "oc2": "OC2",
    "oc3": "OC3",
    "ad1": "AD1",
    "placed_for_adoption": "PlacedAdoption",
    "placedadoption": "PlacedAdoption",
    "previous_permanence": "PrevPerm",
    "prevperm": "PrevPerm",
    "missing": "Missing",
}


def parse_date(value: str) -> dt.date:
    """dd/mm/yyyy (the DfE's CSV form); ISO yyyy-mm-dd is also accepted. Raises ValueError."""
    value = value.strip()
    if len(value) == 10 and value[4] == "-":
        return dt.date.fromisoformat(value)
    if (
        len(value) == 10
        and value[2] == value[5] == "/"
        and value.isascii()
        and (digits := value[:2] + value[3:5] + value[6:]).isdigit()
    ):
        # The usual dd/mm/yyyy, read without strptime (a return has hundreds of thousands).
        return dt.date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
    return dt.datetime.strptime(value, DATE_FORMAT).date()


def parse_flag(value: str) -> bool | None:
    """A 0/1 flag such as MOTHER; spreadsheets often write them as 1.0. Raises ValueError."""
    value = value.strip()
    if not value:
        return None
    if value in {"1", "1.0"}:
        return True
    if value in {"0", "0.0"}:
        return False
    raise ValueError(value)


def identify(file_name: str, columns: list[str]) -> str | None:
    """Which table a file holds: by its name if that says, otherwise by its columns."""
    stem = Path(file_name).stem.lower().replace("-", "_").replace(" ", "_")
    for hint, table in FILE_NAMES.items():
        if stem == hint or stem.endswith(f"_{hint}") or stem.startswith(f"{hint}_"):
            return table
    present = {c.strip().upper() for c in columns}
    for table, signature in SIGNATURES:
        if signature <= present:
            return table
    return None


@dataclass
class Row:
    """One data row: its table, its 1-based row number in the file, and its values by column."""

    table: str
    file: str
    number: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()

    def date(self, column: str) -> dt.date | None:
        value = self.get(column)
        return parse_date(value) if value else None


@dataclass
class ReturnFile:
    """An SSDA903 file to read: a path on disk, or bytes already in memory (an upload)."""

    name: str
    path: Path | None = None
    content: bytes | None = None

    def open(self) -> BinaryIO:
        if self.content is not None:
            return io.BytesIO(self.content)
        assert self.path is not None
        return self.path.open("rb")


@dataclass
class CheckResult:
    """What a checking pass found: the table of each file, blocking problems and counts."""

    tables: dict[str, str] = field(default_factory=dict)  # file name -> table
    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # table -> data rows
    children: set[str] = field(default_factory=set)
    latest_date: dt.date | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


MAX_PROBLEMS: Final = 10_000  # past this, the report says how many more were not listed


# The checks every uploaded CSV gets (homeward.domain.uploaded_csv), worded for SSDA903.
SSDA903: Final = Kind(table="an SSDA903 table", row="an SSDA903 row")


def measure(source: ReturnFile, limits: Limits) -> list[Problem]:
    """The file's header width, row count and longest line, against the limits."""
    return uploaded_csv.measure(source, limits, SSDA903)


def read_rows(source: ReturnFile, table: str) -> Iterator[Row]:
    """Stream the data rows of a file already checked (see ``check``)."""
    with source.open() as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = csv.reader(text)
        header = [c.strip().upper() for c in next(reader)]
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            yield Row(table, source.name, number, dict(zip(header, values, strict=False)))


def check(sources: list[ReturnFile], limits: Limits | None = None) -> CheckResult:
    """Measure each file against the limits, then read it once, streaming, and list every
    blocking problem."""
    return _Checker(limits or Limits()).run(sources)


class _Checker:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.result = CheckResult()
        self.keys: dict[str, set[tuple[str, ...]]] = {}
        self.child_refs: list[tuple[str, int, str]] = []  # rows outside Header: file, row, child
        self.truncated = False
        self.unread = False  # a file refused before its table was known

    def problem(self, file: str, row: int | None, column: str, message: str) -> None:
        if len(self.result.problems) < MAX_PROBLEMS:
            self.result.problems.append(Problem(file, row, column, message))
        else:
            self.truncated = True

    def run(self, sources: list[ReturnFile]) -> CheckResult:
        result = self.result
        for source in sources:
            self.file(source)
        if self.unread and "Header" not in result.tables.values():
            pass  # the refused file may be the Header: its own problem says why
        elif "Header" not in result.tables.values():
            self.problem("", None, "", "No Header file: the return must include header.csv")
        else:
            for file, row, child in self.child_refs:
                if child not in result.children:
                    self.problem(file, row, "CHILD", f"Child {child} is not in the Header file")
        if self.truncated:
            result.problems.append(
                Problem("", None, "", f"More than {MAX_PROBLEMS} problems: the first are listed")
            )
        result.problems.sort(key=lambda p: (p.file, p.row or 0, p.column))
        return result

    def file(self, source: ReturnFile) -> None:
        oversized = measure(source, self.limits)
        if oversized:
            for problem in oversized:
                self.problem(problem.file, problem.row, problem.column, problem.message)
            self.unread = True
            return
        with source.open() as raw:
            # Bytes that are not UTF-8 become lone surrogates, found per row and column below.
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
            reader = csv.reader(text)
            try:
                header = next(reader)
            except StopIteration:
                self.problem(source.name, None, "", "The file is empty")
                return
            except csv.Error as exc:
                self.problem(source.name, 1, "", f"The header row cannot be read as CSV: {exc}")
                return
            bad_header = [(i, text_problem(c)) for i, c in enumerate(header, start=1)]
            if any(why for _, why in bad_header):
                for i, why in bad_header:
                    if why:
                        self.problem(source.name, 1, "", f"The header's column {i} {why}")
                self.unread = True
                return
            columns = [c.strip().upper() for c in header]
            table = identify(source.name, columns)
            if table is None:
                self.problem(
                    source.name,
                    1,
                    "",
                    "Cannot tell which SSDA903 table this is: its name and columns match none "
                    f"(columns: {', '.join(columns)})",
                )
                return
            if table in self.result.tables.values():
                self.problem(source.name, None, "", f"A second {table} file: give each once")
                return
            self.result.tables[source.name] = table
            spec = TABLES[table]
            missing = [c for c in spec.required if c not in columns]
            for column in missing:
                near = difflib.get_close_matches(column, columns, n=1, cutoff=0.75)
                hint = f" (found {near[0]!r}: check the spelling)" if near else ""
                self.problem(source.name, 1, column, f"Missing column {column}{hint}")
            if missing:
                return
            times = Counter(columns)
            for column in sorted(c for c, n in times.items() if c and n > 1):
                self.problem(source.name, 1, column, f"Column {column} appears more than once")
            seen = self.keys.setdefault(table, set())
            rows = 0
            number = 1
            try:
                for number, values in enumerate(reader, start=2):
                    if not any(v.strip() for v in values):
                        continue
                    rows += 1
                    if self.unreadable(source.name, number, columns, values):
                        if table == "Header" and "CHILD" in columns:
                            # Known as a child, so other files' rows for them are not problems.
                            child = dict(zip(columns, values, strict=False)).get("CHILD", "")
                            self.result.children.add(child.strip())
                        continue
                    if len(values) != len(columns):
                        self.problem(
                            source.name,
                            number,
                            "",
                            f"Row has {len(values)} fields but the header has {len(columns)}: "
                            "the file may be truncated, or a value has an unquoted comma",
                        )
                        continue
                    values_by_column = dict(zip(columns, values, strict=True))
                    self.row(Row(table, source.name, number, values_by_column), spec, seen)
            except csv.Error as exc:
                self.problem(source.name, number + 1, "", f"The row cannot be read as CSV: {exc}")
            if rows == 0 and table == "Header":
                # Other tables may rightly be empty (no adoptions this year); no children is not.
                self.problem(source.name, None, "", "The file has a header but no children")
            self.result.rows[table] = rows

    def unreadable(self, file: str, number: int, columns: list[str], values: list[str]) -> bool:
        """Report each value that cannot be stored as text, by its column."""
        found = False
        for i, value in enumerate(values):
            why = text_problem(value)
            if why:
                column = columns[i] if i < len(columns) else f"field {i + 1}"
                self.problem(file, number, column, f"{column} {why}")
                found = True
        return found

    def row(self, row: Row, spec: TableSpec, seen: set[tuple[str, ...]]) -> None:
        result = self.result
        child = row.get("CHILD")
        if not child:
            self.problem(row.file, row.number, "CHILD", "Child ID is blank")
            return
        if len(child) > MAX_CHILD_ID:
            self.problem(
                row.file, row.number, "CHILD", f"Child ID {child!r} is longer than 10 characters"
            )
            return
        for column, value in row.values.items():
            limit = COLUMN_MAX.get(column)
            if limit is not None and len(value.strip()) > limit and column != "CHILD":
                self.problem(
                    row.file,
                    row.number,
                    column,
                    f"{column} {value.strip()[:20]!r} is longer than {limit} characters",
                )
        if spec.name == "Header":
            try:
                parse_flag(row.get("MOTHER"))
            except ValueError:
                self.problem(
                    row.file, row.number, "MOTHER", f"MOTHER {row.get('MOTHER')!r} is not 0 or 1"
                )
        dates: dict[str, dt.date] = {}
        for column in spec.dates:
            value = row.get(column)
            if not value:
                if column in spec.required_dates:
                    self.problem(row.file, row.number, column, f"{column} is blank")
                continue
            try:
                day = parse_date(value)
            except ValueError:
                self.problem(
                    row.file,
                    row.number,
                    column,
                    f"{column} {value!r} is not a real date (dd/mm/yyyy)",
                )
                continue
            dates[column] = day
            if day < EARLIEST_DATE:
                self.problem(row.file, row.number, column, f"{column} {value} is before 1900")
            elif spec.name == "Episodes" and (
                result.latest_date is None or day > result.latest_date
            ):
                result.latest_date = day
        for column, code_list in spec.coded:
            value = row.get(column)
            if not value and column == "REC":
                continue  # an episode that has not ceased
            if value not in BLOCKING_CODE_LISTS[code_list]:
                self.problem(
                    row.file, row.number, column, f"{column} {value!r} is not an SSDA903 code"
                )
        if "DECOM" in dates and "DEC" in dates and dates["DEC"] < dates["DECOM"]:
            self.problem(
                row.file,
                row.number,
                "DEC",
                "DEC is before DECOM: the episode would end before it starts",
            )
        key = tuple(row.get(c) for c in spec.key)
        if spec.key and key in seen:
            shown = ", ".join(f"{c} {v}" for c, v in zip(spec.key, key, strict=True))
            self.problem(row.file, row.number, ",".join(spec.key), f"Duplicate row for {shown}")
        seen.add(key)
        if spec.name == "Header":
            result.children.add(child)
        else:
            self.child_refs.append((row.file, row.number, child))


def collection_year_for(day: dt.date) -> int:
    """The collection year (the year the return ends, 31 March) a date falls in."""
    return day.year + 1 if (day.month, day.day) > (3, 31) else day.year


def last_complete_collection_year(day: dt.date) -> int:
    """The latest collection year that has ended by ``day``: SSDA903 years run from 1 April to
    31 March, so on 7 December 2026 it is 2026 (2025-26), and on 31 March 2027 still 2026. The
    year being collected is not yet a return: its open episodes have no OC2 yet (DfE rule 191)."""
    return collection_year_for(day) - 1
