"""Cells for CSV and Excel downloads: text that came from users or uploads must never run as a
spreadsheet formula (CSV injection), and CSV carries a byte-order mark so Excel reads UTF-8.

Following OWASP's CSV injection guidance, a text cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is prefixed with a single quote, so Excel, LibreOffice and
Google Sheets show it as text. Only text is touched: numbers and dates stay as they are, and so
does text that is a plain number ("-3", "+44", "2.5"), which a spreadsheet reads as that number
and never runs. Every download uses this: the drift dashboard's CSV and Excel, an import's
problems CSV and the SSDA903 export (whose codes and dd/mm/yyyy dates never start with these
characters, so the DfE validator sees the same return; only a free-text value such as a child
ID or a postcode that did would carry the quote)."""

from __future__ import annotations

import re

CSV_ENCODING = "utf-8-sig"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def safe_cell(value: object) -> object:
    """Numbers stay numbers; text that a spreadsheet would run is prefixed with a quote."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return f"'{value}"
    return value
