"""Run the DfE's national SSDA903 validation rules on a return and give back plain results.

The rules are csc-validator-be-903 (package ``lac_validator``, data-to-insight), the same code the
DfE's browser tool runs, called much as its own CLI does (``lac_validator/__main__.py``
``run-offline``): the files go through the validator's own ingress (``ingress.read_from_text``,
which recognises each CSV by its column set, upper-cases every value and adds the UASC column to
Header, or reads the XML form); ``LacValidator.validate`` runs each rule of the year's registry
(``rules.ruleset_utils.get_year_ruleset``) and marks failing rows with ``ERR_<code>`` columns in
``ds_results``; and we read those marks back: the same cells that the validator's
``report.Report.child_report`` lists, without building its per-row context (slower than the rules
themselves). The one step between ingress and rules is ours: an XML section that no child has
gets its columns, so that the rules see an empty table rather than crash (see ``run_validator``).

``collection_year`` follows the validator: the year the return ends on 31 March, so 2027 is
2026-27 and runs ruleset ``lac2026_27``.

What is never passed, and what that means:

* Last year's return (``Header_last``, ``Episodes_last`` ...). Rules that need it return nothing
  and the validator counts them as skipped (e.g. 1000-1002, 1010, 202-208, 452/453, 502, the
  503 family, 559-562, 576, 584, 624, 626, NoE; 706 in 2026-27). A few (164, 165, 348, 392a/b,
  406, 625, 1011) use it only when present and still run.
* Ofsted's children's homes / social care providers lists: rules 1008, 219, 221, 224, 227, 228
  and 229 are skipped.
* Tables a return lacks (e.g. no social worker episodes or DoLo file): their rules are skipped.

``DfeRun.skipped_rules`` and ``DfeRun.crashed_rules`` say, for each run, which rules did not run.
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import re
import threading
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from numbers import Integral
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Literal

logger = logging.getLogger(__name__)

# The validator shares state between runs (the postcode lookup it loads letter by letter) and we
# swap sys.stdout while it runs (some rules print), so one run at a time in a process.
_RUN_LOCK = threading.Lock()

_RULESET_DIR = re.compile(r"^lac(\d{4})_(\d{2})$")


class DfeInputError(ValueError):
    """The files could not be read as an SSDA903 return, or the year has no ruleset."""


@dataclass(frozen=True)
class DfeFailure:
    rule: str  # the DfE rule code, e.g. "103", "392c", "SW01aSTG1"
    message: str
    table: str  # the validator's table name: Header, Episodes, Reviews, UASC, OC2, ...
    # 1-based data row in that table's CSV (row 1 is the first line after the column names), or
    # None when the return came as XML. pandas skips blank lines, so a CSV with blank lines in the
    # middle counts rows as pandas does, not as a text editor would.
    row: int | None
    child_id: str  # CHILD as the validator holds it (upper-cased); "" if blank
    columns: tuple[str, ...]  # the rule's affected fields


@dataclass(frozen=True)
class DfeRun:
    """Everything one run of the validator reported."""

    collection_year: int
    ruleset: str
    local_authority: str
    file_format: Literal["csv", "xml"]
    table_rows: dict[str, int]  # rows read per table, e.g. {"Header": 2675, ...}
    failures: tuple[DfeFailure, ...]
    rules_run: tuple[str, ...]
    # returned nothing for want of a table: one the return lacks, last year's, or Ofsted's lists
    skipped_rules: tuple[str, ...]
    crashed_rules: tuple[str, ...]  # raised an exception (logged by the validator)


def ruleset_name(collection_year: int) -> str:
    """2027 -> "lac2026_27", as ``lac_validator.rules.ruleset_utils.get_year_ruleset``."""
    return f"lac{collection_year - 1}_{collection_year % 100:02d}"


@functools.cache
def available_collection_years() -> tuple[int, ...]:
    """The collection years the installed validator has a ruleset for, oldest first."""
    years = set()
    # lac_validator.rules is a namespace package (no __init__.py): walk its __path__.
    for rules_dir in _validator().rules_package.__path__:
        for entry in Path(rules_dir).iterdir():
            match = _RULESET_DIR.match(entry.name)
            if entry.is_dir() and match and (entry / "__init__.py").is_file():
                years.add(int(match.group(1)) + 1)
    return tuple(sorted(years))


def run_validator(
    files: Mapping[str, bytes],
    collection_year: int,
    *,
    local_authority: str | None = None,
    only_rules: Iterable[str] | None = None,
) -> DfeRun:
    """Run one year's DfE rules on a return given as file name -> bytes.

    File names only matter for their extension: all ``.csv`` (each recognised by its columns) or
    a single ``.xml``. ``local_authority`` is the council's ONS code (e.g. "E09000027"); the
    validator compares the placement postcode's authority with it (PL_LA, PL_LOCATION; rules 1015,
    241 and 411 among others). Without it every placement counts as outside the authority.
    ``only_rules`` restricts the run to those rule codes.
    """
    v = _validator()
    if collection_year not in available_collection_years():
        raise DfeInputError(
            f"No DfE ruleset for collection year {collection_year} "
            f"(the validator has {', '.join(map(str, available_collection_years()))})."
        )
    if not files:
        raise DfeInputError("No SSDA903 files given.")
    registry: dict[str, Any] = v.get_year_ruleset(str(collection_year))
    selected = None
    if only_rules is not None:
        selected = [str(code) for code in only_rules]
        unknown = sorted(set(selected) - set(registry))
        if unknown or not selected:
            raise DfeInputError(f"Not rules of {ruleset_name(collection_year)}: {unknown}")
    uploaded = [
        {"name": name, "description": "This year", "file_content": bytes(content)}
        for name, content in files.items()
    ]
    metadata: dict[str, Any] = {
        "collectionYear": str(collection_year),
        "localAuthority": local_authority or "",
    }

    printed = io.StringIO()
    with _RUN_LOCK, contextlib.redirect_stdout(printed):
        try:
            dfs, metadata_extras = v.read_from_text(raw_files=uploaded)
        except (
            v.UploadError,
            ET.ParseError,
            UnicodeDecodeError,
            v.ParserError,
            v.EmptyDataError,
        ) as exc:
            raise DfeInputError(str(exc) or type(exc).__name__) from exc
        metadata.update(metadata_extras)
        if metadata_extras.get("file_format") == "xml" and len(uploaded) > 1:
            raise DfeInputError("An XML return is one file; the validator reads only the first.")
        if metadata_extras.get("file_format") == "csv" and len(dfs) < len(uploaded):
            # The ingress names each CSV by its columns and keeps the last of two alike.
            raise DfeInputError("Two of the CSV files have the same columns (the same table).")
        for name, df in dfs.items():
            # The XML ingress makes a section no child has (no AD1, say) a DataFrame without
            # columns, and every rule that touches it then crashes on a missing CHILD column.
            if len(df.columns) == 0 and name in v.column_names:
                dfs[name] = v.DataFrame(columns=v.column_names[name], dtype=object)
        result = v.Validator(dfs, metadata, registry, selected)
    if printed.getvalue():
        logger.debug("The validator's rules printed: %s", printed.getvalue()[:2000])

    file_format = result.metadata.get("file_format", "csv")
    return DfeRun(
        collection_year=collection_year,
        ruleset=ruleset_name(collection_year),
        local_authority=metadata["localAuthority"],
        file_format=file_format,
        table_rows={name: len(df) for name, df in result.dfs.items()},
        failures=tuple(_failures(result.ds_results, registry, file_format == "csv")),
        rules_run=tuple(result.dones),
        skipped_rules=tuple(result.skips),
        crashed_rules=tuple(result.fails),
    )


def validate_files(
    files: Mapping[str, bytes], collection_year: int, *, local_authority: str | None = None
) -> list[DfeFailure]:
    """Failures for a return held in memory, e.g. {"header.csv": b"CHILD,SEX,...", ...}."""
    run = run_validator(files, collection_year, local_authority=local_authority)
    return list(run.failures)


def validate_csv_folder(
    folder: Path, collection_year: int, *, local_authority: str | None = None
) -> list[DfeFailure]:
    """Failures for every ``*.csv`` file in ``folder`` (not its subfolders)."""
    return list(run_csv_folder(folder, collection_year, local_authority=local_authority).failures)


def run_csv_folder(
    folder: Path, collection_year: int, *, local_authority: str | None = None
) -> DfeRun:
    """``run_validator`` on every ``*.csv`` in ``folder``: failures and skipped/crashed rules."""
    paths = sorted(p for p in Path(folder).iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if not paths:
        raise DfeInputError(f"No .csv files in {folder}.")
    files = {p.name: p.read_bytes() for p in paths}
    return run_validator(files, collection_year, local_authority=local_authority)


def validate_xml(
    path: Path, collection_year: int, *, local_authority: str | None = None
) -> list[DfeFailure]:
    """Failures for an XML return (``<EXPSSDA903><CHILD><HEADER>...``), read by the validator's
    XML ingress. It reads no social worker episodes or DoLo, and rows are None."""
    path = Path(path)
    run = run_validator(
        {path.name: path.read_bytes()}, collection_year, local_authority=local_authority
    )
    return list(run.failures)


def summarise(failures: Iterable[DfeFailure]) -> dict[str, int]:
    """Failures per rule code, in rule-code order ("101" < "103" < "392c" < "1001" < "NoE")."""
    counts = Counter(f.rule for f in failures)
    return {code: counts[code] for code in sorted(counts, key=_rule_sort_key)}


# --- internals -----------------------------------------------------------------------------------


def _rule_sort_key(code: str) -> tuple[int, int, str]:
    match = re.match(r"(\d+)(.*)", code)
    if match:
        return (0, int(match.group(1)), match.group(2))
    return (1, 0, code)


def _failures(
    ds_results: Mapping[str, Any], registry: Mapping[str, Any], rows_are_csv: bool
) -> list[DfeFailure]:
    import pandas as pd

    table_rank = {name: rank for rank, name in enumerate(_validator().column_names)}
    keyed: list[tuple[tuple[Any, ...], DfeFailure]] = []
    for table, df in ds_results.items():
        if not isinstance(df, pd.DataFrame):  # "metadata" is a dict
            continue
        error_columns = [c for c in df.columns if isinstance(c, str) and c.startswith("ERR_")]
        if not error_columns:
            continue
        children = df["CHILD"] if "CHILD" in df.columns else pd.Series(index=df.index, dtype=object)
        positions = {label: pos for pos, label in enumerate(df.index)}
        for column in error_columns:
            code = column[4:]
            rule = registry.get(code)
            message = (rule.message if rule is not None else None) or ""
            fields = tuple(
                dict.fromkeys((rule.affected_fields if rule is not None else None) or ())
            )
            for label, child in children[df[column].eq(True)].items():
                row = int(label) + 1 if rows_are_csv and isinstance(label, Integral) else None
                failure = DfeFailure(
                    rule=code,
                    message=message,
                    table=table,
                    row=row,
                    child_id="" if pd.isna(child) else str(child),
                    columns=fields,
                )
                key = (
                    table_rank.get(table, len(table_rank)),
                    table,
                    positions[label],
                    _rule_sort_key(code),
                )
                keyed.append((key, failure))
    keyed.sort(key=lambda pair: pair[0])
    return [failure for _, failure in keyed]


@functools.cache
def _validator() -> SimpleNamespace:
    """Import the validator once, undoing what its import does to the process's logging."""
    # Its modules log every rule at INFO; keep them at WARNING unless logging config says otherwise.
    package_logger = logging.getLogger("lac_validator")
    if package_logger.level == logging.NOTSET:
        package_logger.setLevel(logging.WARNING)
    root = logging.getLogger()
    root_handlers, root_level = list(root.handlers), root.level
    try:
        # lac_validator/lac_validator.py calls logging.basicConfig(level=INFO) at import: it
        # would add a stderr handler to the root logger and send every INFO record there.
        import lac_validator.rules as rules_package
        from lac_validator.config import column_names
        from lac_validator.ingress import read_from_text
        from lac_validator.lac_validator import LacValidator
        from lac_validator.rules.ruleset_utils import get_year_ruleset
        from lac_validator.types import UploadError
        from pandas import DataFrame
        from pandas.errors import EmptyDataError, ParserError
    finally:
        for handler in list(root.handlers):
            if handler not in root_handlers:
                root.removeHandler(handler)
        root.setLevel(root_level)

    class _Validator(LacValidator):
        """LacValidator.__init__ without its read_from_text call: the tables come ready-read."""

        def __init__(
            self,
            dfs: dict[str, Any],
            metadata: dict[str, Any],
            registry: dict[str, Any],
            selected_rules: list[str] | None,
        ) -> None:
            self.dfs = dfs
            self.dones: list[str] = []
            self.skips: list[str] = []
            self.fails: list[str] = []
            self.registry = registry
            self.metadata = metadata
            self.validate(selected_rules)

    return SimpleNamespace(
        Validator=_Validator,
        read_from_text=read_from_text,
        DataFrame=DataFrame,
        UploadError=UploadError,
        ParserError=ParserError,
        EmptyDataError=EmptyDataError,
        get_year_ruleset=get_year_ruleset,
        column_names=column_names,
        rules_package=rules_package,
    )
