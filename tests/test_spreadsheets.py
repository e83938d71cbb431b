"""Cells for downloads (homeward/spreadsheets.py): OWASP's CSV injection guidance."""

from __future__ import annotations

import pytest

from homeward.spreadsheets import safe_cell


@pytest.mark.parametrize(
    "text", ["=HYPERLINK(1)", "+1+1", "-1+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1", "-"]
)
def test_text_a_spreadsheet_would_run_is_quoted(text: str) -> None:
    assert safe_cell(text) == f"'{text}"


@pytest.mark.parametrize("value", ["-3", "+44", "-2.5", "14/03/2026", "C1", "LS1 1AA", "", " =1"])
def test_plain_numbers_dates_and_codes_are_left_as_they_are(value: str) -> None:
    assert safe_cell(value) == value


def test_numbers_and_dates_that_are_not_text_are_never_touched() -> None:
    assert safe_cell(-3) == -3 and safe_cell(-2.5) == -2.5 and safe_cell(None) is None
