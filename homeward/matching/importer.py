"""Importing the carers register from a CSV file a fostering service can export (issue 15 item
1): the columns of ``COLUMNS`` (the downloadable template), one household a row.

Synchronous, in the request: a council's register holds a few hundred households, so a file is
read, checked and written in well under a second (``MAX_ROWS`` keeps it so), and no background
worker is needed as the SSDA903 return's much larger files are.

Every row is checked before anything is written; any problem refuses the whole file, each
problem naming the file, the row and the column. A clean file is written in one transaction:
a reference already on the register updates that household (a new status is added to its
history), a new one adds it. The upload passes the same checks as an SSDA903 file
(``homeward.domain.uploaded_csv``: header width, rows and line length counted as bytes first;
NUL bytes and bytes that are not UTF-8 refused per row and column).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.children.models import Child
from homeward.domain import carers as domain
from homeward.domain.uploaded_csv import Kind, Limits, Problem, measure, text_problem
from homeward.matching import services
from homeward.matching.models import Carer

KIND: Final = Kind(table="the carers register", row="a row of the carers register")
MAX_ROWS: Final = 5_000  # a register of a few hundred households, with room to spare
MAX_BYTES: Final = 5 * 1024 * 1024
YES = frozenset({"yes", "y", "true", "1"})
NO = frozenset({"no", "n", "false", "0", ""})


@dataclass(frozen=True)
class Column:
    name: str  # the CSV header
    field: str  # the Carer field it fills ("" for a need)
    label: str  # what it is, for messages and the template's guide
    required: bool
    allowed: str  # what may be written, for the guide


def _choices_text(pairs: tuple[tuple[str, str], ...]) -> str:
    return "; ".join(f"{key} ({text})" for key, text in pairs)


COLUMNS: Final[tuple[Column, ...]] = (
    Column("reference", "reference", "Reference", True, "Up to 20 characters, unique"),
    Column(
        "display_name",
        "display_name",
        "Name shown to staff",
        True,
        "First names only, or 'Carers' and the reference",
    ),
    Column("carer_type", "carer_type", "Type of carer", True, _choices_text(domain.CARER_TYPES)),
    Column("agency", "agency", "Agency", False, "Blank for in-house carers"),
    Column("status", "status", "Status", True, _choices_text(domain.STATUSES)),
    Column("status_since", "status_since", "Status since", True, "A date: dd/mm/yyyy"),
    Column(
        "children_approved",
        "children_approved",
        "Number of children approved for",
        True,
        "A whole number",
    ),
    Column("age_from", "age_from", "Youngest age approved for", True, "Years, 0 to 18"),
    Column("age_to", "age_to", "Oldest age approved for", True, "Years, 0 to 18"),
    Column("siblings", "siblings_accepted", "Approved for sibling groups", True, "yes or no"),
    Column("short_term", "short_term", "Approved for short-term care", True, "yes or no"),
    Column("long_term", "long_term", "Approved for long-term care", True, "yes or no"),
    Column(
        "disability", "disability", "Approved for children with disabilities", True, "yes or no"
    ),
    Column("vacancies", "vacancies", "Vacancies", True, "A whole number"),
    Column("languages", "languages", "Languages spoken at home", False, "Text"),
    Column("religion", "religion", "Religion", False, "Text"),
    Column("ethnicity", "ethnicity", "Ethnicity", False, "Text"),
    Column("culture", "culture", "Culture", False, "Text"),
    Column(
        "culturally_competent",
        "culturally_competent",
        "Culturally competent with",
        False,
        "Cultures and ethnicities, separated by commas",
    ),
    Column(
        "religions_supported",
        "religions_supported",
        "Religions supported",
        False,
        "Religions, separated by commas",
    ),
    Column(
        "connected_to",
        "",
        "Children connected to",
        False,
        "Connected person only: child IDs, separated by commas",
    ),
    Column(
        "area",
        "area",
        "Area",
        True,
        "A locality or postcode district (such as DY5), never an address",
    ),
    *(
        Column(f"need_{key}", "", f"Accepts: {text}", True, "low, medium or high")
        for key, text in domain.NEEDS
    ),
)
BY_NAME: Final = {c.name: c for c in COLUMNS}
FIELD_COLUMN: Final = {c.field: c.name for c in COLUMNS if c.field}


def template_csv() -> str:
    """The header row a fostering service fills in."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([c.name for c in COLUMNS])
    return out.getvalue()


def limits() -> Limits:
    """The SSDA903 import's limits (HOMEWARD_IMPORT_MAX_COLUMNS, HOMEWARD_IMPORT_MAX_ROWS), with
    the rows capped for a synchronous import."""
    return Limits(
        columns=settings.HOMEWARD_IMPORT_MAX_COLUMNS,
        rows=min(settings.HOMEWARD_IMPORT_MAX_ROWS, MAX_ROWS),
    )


def max_bytes() -> int:
    """The largest file accepted: the SSDA903 upload limit (HOMEWARD_MAX_UPLOAD_MB), at most
    ``MAX_BYTES`` (the file is read in the request)."""
    return min(int(settings.HOMEWARD_MAX_UPLOAD_MB * 1024 * 1024), MAX_BYTES)


@dataclass
class _Bytes:
    name: str
    content: bytes

    def open(self) -> io.BytesIO:
        return io.BytesIO(self.content)


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any]
    needs: dict[str, str]
    connected: list[str] = field(default_factory=list)  # child IDs


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _date(value: str) -> dt.date:
    value = value.strip()
    if len(value) == 10 and value[4] == "-":
        return dt.date.fromisoformat(value)
    return dt.datetime.strptime(value, "%d/%m/%Y").date()


def _whole(value: str) -> int:
    number = int(value.strip())
    if number < 0 or number > 1000:
        raise ValueError(value)
    return number


def _parse_row(
    name: str, number: int, row: dict[str, str], problems: list[Problem]
) -> ParsedRow | None:
    found: list[Problem] = []

    def problem(column: str, message: str) -> None:
        found.append(Problem(name, number, column, message))

    values: dict[str, Any] = {}
    needs: dict[str, str] = {}
    connected: list[str] = []
    for column in COLUMNS:
        raw = row.get(column.name, "").strip()
        if not raw and column.required:
            problem(column.name, f"{column.label} is blank")
            continue
        if column.name == services.CONNECTED_FIELD:
            connected = services.child_ids(raw)
            continue
        parse: Callable[[str], Any] | None = None
        if column.name.startswith("need_"):
            level = domain.key_for(domain.LEVELS, raw)
            if level is None:
                problem(column.name, f"{column.label}: {raw!r} is not low, medium or high")
            else:
                needs[column.name.removeprefix("need_")] = level
            continue
        if column.field == "carer_type":
            key = domain.key_for(domain.CARER_TYPES, raw)
            if key is None:
                problem(column.name, f"Type of carer {raw!r} is not one of: {column.allowed}")
            values["carer_type"] = key
            continue
        if column.field == "status":
            key = domain.key_for(domain.STATUSES, raw)
            if key is None:
                problem(column.name, f"Status {raw!r} is not one of: {column.allowed}")
            values["status"] = key
            continue
        if column.field == "status_since":
            parse = _date
        elif column.field in {"children_approved", "age_from", "age_to", "vacancies"}:
            parse = _whole
        elif column.field in {"siblings_accepted", "short_term", "long_term", "disability"}:
            if raw.casefold() in YES:
                values[column.field] = True
            elif raw.casefold() in NO:
                values[column.field] = False
            else:
                problem(column.name, f"{column.label}: {raw!r} is not yes or no")
            continue
        if parse is not None:
            try:
                values[column.field] = parse(raw)
            except ValueError:
                what = "a real date (dd/mm/yyyy)" if parse is _date else "a whole number"
                problem(column.name, f"{column.label} {raw!r} is not {what}")
            continue
        limit = Carer._meta.get_field(column.field).max_length
        if limit is not None and len(raw) > limit:
            problem(column.name, f"{column.label} is longer than {limit} characters")
        values[column.field] = raw
    for fld, message in services.problems(values).items():
        problem(FIELD_COLUMN.get(fld, ""), message)
    if connected and values.get("carer_type") not in {None, "connected_person"}:
        problem(
            services.CONNECTED_FIELD,
            "Children connected to: only a connected person is connected to a particular "
            "child; leave it blank or make the type connected_person",
        )
    problems.extend(found)
    if found:
        return None
    return ParsedRow(number, values, needs, connected)


def _connected_problems(name: str, rows: list[ParsedRow]) -> list[Problem]:
    """Every child ID the file names that is not on Homeward, by row (one query)."""
    wanted = {i for r in rows for i in r.connected}
    if not wanted:
        return []
    known = set(Child.objects.filter(child_id__in=wanted).values_list("child_id", flat=True))
    found = []
    for r in rows:
        missing = [i for i in r.connected if i not in known]
        if missing:
            found.append(
                Problem(
                    name,
                    r.number,
                    services.CONNECTED_FIELD,
                    f"Children connected to: no child with the ID {', '.join(missing)} is on "
                    "Homeward",
                )
            )
    return found


def check(name: str, content: bytes) -> tuple[list[ParsedRow], list[Problem]]:
    """Every problem in the file, or its rows ready to write."""
    source = _Bytes(name, content)
    oversized = measure(source, limits(), KIND)
    if oversized:
        return [], oversized
    problems: list[Problem] = []
    text = io.TextIOWrapper(
        io.BytesIO(content), encoding="utf-8-sig", errors="surrogateescape", newline=""
    )
    reader = csv.reader(text)
    try:
        header = next(reader)
    except StopIteration:
        return [], [Problem(name, None, "", "The file is empty")]
    except csv.Error as exc:
        return [], [Problem(name, 1, "", f"The header row cannot be read as CSV: {exc}")]
    for i, value in enumerate(header, start=1):
        why = text_problem(value)
        if why:
            problems.append(Problem(name, 1, "", f"The header's column {i} {why}"))
    if problems:
        return [], problems
    columns = [c.strip().lower() for c in header]
    for column in COLUMNS:
        if column.name not in columns:
            near = difflib.get_close_matches(column.name, columns, n=1, cutoff=0.75)
            hint = f" (found {near[0]!r}: check the spelling)" if near else ""
            problems.append(Problem(name, 1, column.name, f"Missing column {column.name}{hint}"))
    for column_name in sorted({c for c in columns if c and columns.count(c) > 1}):
        problems.append(
            Problem(name, 1, column_name, f"Column {column_name} appears more than once")
        )
    if problems:
        return [], problems
    parsed: list[ParsedRow] = []
    seen: dict[str, int] = {}
    number = 1
    try:
        for number, raw_values in enumerate(reader, start=2):
            if not any(v.strip() for v in raw_values):
                continue
            unreadable = False
            for i, value in enumerate(raw_values):
                why = text_problem(value)
                if why:
                    column_name = columns[i] if i < len(columns) else f"field {i + 1}"
                    problems.append(Problem(name, number, column_name, f"{column_name} {why}"))
                    unreadable = True
            if unreadable:
                continue
            if len(raw_values) != len(columns):
                problems.append(
                    Problem(
                        name,
                        number,
                        "",
                        f"Row has {len(raw_values)} fields but the header has {len(columns)}: the "
                        "file may be truncated, or a value has an unquoted comma",
                    )
                )
                continue
            row = dict(zip(columns, raw_values, strict=True))
            reference = row.get("reference", "").strip()
            if reference and reference in seen:
                problems.append(
                    Problem(
                        name,
                        number,
                        "reference",
                        f"Reference {reference} is also on row {seen[reference]}: give each "
                        "household once",
                    )
                )
                continue
            if reference:
                seen[reference] = number
            found = _parse_row(name, number, row, problems)
            if found is not None:
                parsed.append(found)
    except csv.Error as exc:
        problems.append(Problem(name, number + 1, "", f"The row cannot be read as CSV: {exc}"))
    if not parsed and not problems:
        problems.append(Problem(name, None, "", "The file has a header but no households"))
    problems.extend(_connected_problems(name, parsed))
    return parsed, problems


def import_carers(name: str, content: bytes, *, actor: Actor) -> ImportResult:
    """Check the whole file, then write every row in one transaction, or nothing."""
    result = ImportResult()
    rows, result.problems = check(name, content)
    if result.problems:
        record(
            AuditAction.DENIED,
            actor=actor,
            summary=f"Carers import refused: {name} has {len(result.problems)} problems",
        )
        return result
    try:
        with transaction.atomic():
            _write(name, rows, result, actor)
    except _RowRefused as refused:
        result.added = result.changed = result.unchanged = 0
        result.problems = [refused.problem]
    return result


class _RowRefused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _write(name: str, rows: list[ParsedRow], result: ImportResult, actor: Actor) -> None:
    existing = {
        c.reference: c
        for c in Carer.objects.filter(
            reference__in=[r.values["reference"] for r in rows]
        ).prefetch_related("needs", "connected_children")
    }
    children = {
        c.child_id: c
        for c in Child.objects.filter(child_id__in={i for r in rows for i in r.connected}).only(
            "child_id"
        )
    }
    for row in rows:
        values = row.values
        carer = existing.get(values["reference"])
        connected = [children[i] for i in row.connected]
        try:
            if carer is None:
                services.add_carer(Carer(**values), row.needs, actor=actor, connected=connected)
                result.added += 1
                continue
            status, since = values.pop("status"), values.pop("status_since")
            needs_now = {n.need: n.level for n in carer.needs.all()}
            connected_now = {c.child_id for c in carer.connected_children.all()}
            if (
                all(getattr(carer, k) == v for k, v in values.items())
                and needs_now == row.needs
                and connected_now == set(row.connected)
            ):
                same_details = True
            else:
                same_details = False
                for key, value in values.items():
                    setattr(carer, key, value)
                services.change_carer(carer, row.needs, actor=actor, connected=connected)
            if status != carer.status:  # the same status on another date: its history stands
                services.change_status(
                    carer, status=status, on=since, reason=f"Imported from {name}", actor=actor
                )
                same_details = False
            if same_details:
                result.unchanged += 1
            else:
                result.changed += 1
        except ValidationError as exc:
            messages = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            column, texts = next(iter(messages.items()))
            column = FIELD_COLUMN.get(column, "status_since" if column == "on" else column)
            raise _RowRefused(Problem(name, row.number, column, "; ".join(texts))) from exc
    record(
        AuditAction.IMPORT,
        actor=actor,
        summary=f"Imported the carers register from {name}: {result.added} added, "
        f"{result.changed} changed, {result.unchanged} unchanged",
        after={"added": result.added, "changed": result.changed, "unchanged": result.unchanged},
    )
