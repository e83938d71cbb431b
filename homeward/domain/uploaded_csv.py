"""What every uploaded CSV file is checked for before Homeward parses it, whatever it holds (an
SSDA903 table, the carers register): its size counted as bytes (header width, rows, the longest
line), and values that cannot be stored as text (a NUL byte, bytes that are not UTF-8). Each
problem names the file, the row and the column, as a person would find it.

Plain Python, no Django. Moved here from ``homeward.domain.ssda903.reader`` so that each
importer uses the same checks; the reader re-exports these names and words them for SSDA903.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import BinaryIO, Final, Protocol


@dataclass(frozen=True, order=True)
class Problem:
    """One blocking problem, as a person would find it: file, row (1 is the header), column."""

    file: str
    row: int | None
    column: str
    message: str

    def as_row(self) -> dict[str, str]:
        return {
            "file": self.file,
            "row": "" if self.row is None else str(self.row),
            "column": self.column,
            "message": self.message,
        }


class Source(Protocol):
    """A file to read: its name and a way to open it as bytes."""

    name: str

    def open(self) -> BinaryIO: ...


@dataclass(frozen=True)
class Limits:
    """What one file may hold, checked before it is parsed, so a file built to tie up the
    server (a header of 100,000 columns, millions of rows, one endless line) is refused in the
    time it takes to count its lines.

    The defaults are the SSDA903 return's: the widest SSDA903 table has 13 columns (OC2 has 12
    and DOB); a council's extract may carry a few of its own. The largest English council
    returns some 10,000 children a year, with several reviews each. An SSDA903 row is about 100
    bytes."""

    columns: int = 100
    rows: int = 1_000_000
    line_bytes: int = 64 * 1024
    header_bytes: int = 1024 * 1024  # read whole to count its columns, but no further


@dataclass(frozen=True)
class Kind:
    """How the messages name what the file should be ("an SSDA903 table")."""

    table: str  # "an SSDA903 table"
    row: str  # "an SSDA903 row"


CHUNK: Final = 1024 * 1024


def measure(source: Source, limits: Limits, kind: Kind) -> list[Problem]:
    """The file's header width, row count and longest line, read as bytes (no CSV parsing, no
    decoding): what is over the limits, naming the file and the row."""
    problems: list[Problem] = []
    with source.open() as raw:
        first = raw.readline(limits.header_bytes + 1)
        if len(first) > limits.header_bytes and not first.endswith(b"\n"):
            return [
                Problem(
                    source.name,
                    1,
                    "",
                    f"The header row is longer than {limits.header_bytes:,} bytes (more than "
                    f"{first.count(b',') + 1:,} columns): it cannot be {kind.table}'s header",
                )
            ]
        try:
            width = len(next(csv.reader([first.decode("utf-8", "replace")]), []))
        except csv.Error:
            # A line break the csv module will not take inside one line (a bare carriage
            # return): count the commas, at least the width; the reader then refuses the header
            # by name (tests/ssda903/test_fuzz.py found it).
            width = first.count(b",") + 1
        if width > limits.columns:
            problems.append(
                Problem(
                    source.name,
                    1,
                    "",
                    f"The header has {width:,} columns; {kind.table} has at most "
                    f"{limits.columns:,} (nothing else in this file was read)",
                )
            )
            return problems
        lines = 1  # the header
        run = 0  # bytes since the last line break
        long_row: int | None = None
        while chunk := raw.read(CHUNK):
            parts = chunk.split(b"\n")
            for number, part in enumerate(parts):
                run += len(part)
                if run > limits.line_bytes and long_row is None:
                    long_row = lines + 1
                if number < len(parts) - 1:
                    lines += 1
                    run = 0
        rows = lines - 1 + (1 if run else 0)  # the last line may lack its line break
        if rows > limits.rows:
            problems.append(
                Problem(
                    source.name,
                    None,
                    "",
                    f"The file has {rows:,} rows; Homeward reads at most {limits.rows:,} in one "
                    "table (nothing in this file was read)",
                )
            )
        elif long_row is not None:
            problems.append(
                Problem(
                    source.name,
                    long_row,
                    "",
                    f"Row {long_row} is longer than {limits.line_bytes:,} bytes: it cannot be "
                    f"{kind.row} (nothing in this file was read)",
                )
            )
    return problems


def text_problem(value: str) -> str | None:
    """What makes a value unstorable as text: a NUL character (PostgreSQL refuses it in text,
    and it means the file is binary or UTF-16), or bytes that are not UTF-8 (read with
    surrogateescape, so each shows as a lone surrogate)."""
    if "\x00" in value:
        return "contains a NUL character (byte 0): is the file binary, or saved as UTF-16?"
    for char in value:
        if "\udc80" <= char <= "\udcff":
            return (
                f"is not UTF-8 text (byte 0x{ord(char) - 0xDC00:02X}): save the file as "
                "UTF-8 CSV and try again"
            )
    return None
