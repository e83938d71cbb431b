"""Cells for CSV and Excel downloads: text that came from users or uploads must never run as a
spreadsheet formula (CSV injection), and CSV carries a byte-order mark so Excel reads UTF-8."""

from __future__ import annotations

CSV_ENCODING = "utf-8-sig"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Numbers stay numbers; text that a spreadsheet would run is prefixed with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value
