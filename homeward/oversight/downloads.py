"""The drift dashboard's downloads (every row, as CSV or an Excel workbook): made here for both
the page's ``?download=`` and the background export (``homeward/exports``), as the user who
asked, over the children they may see (``access.visible_children``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Mapping

from django.db.models import QuerySet
from django.utils.text import slugify
from openpyxl import Workbook

from homeward.accounts import access
from homeward.accounts.models import User
from homeward.children.models import Child
from homeward.children.selectors import with_current_details, with_legal_status
from homeward.exports.registry import Built, Exporter
from homeward.oversight import selectors
from homeward.spreadsheets import CSV_ENCODING, safe_cell

DRIFT_COLUMNS = (
    "Child ID",
    "Name",
    "Team",
    "Social worker",
    "Legal status",
    "Pathway",
    "Days in care",
    "Overdue",
    "Most overdue",
    "Days late",
    "Permanence plan",
    "Actions, assessments and reviews overdue",
)
FILTERS = ("team", "legal_status", "pathway", "only")
FORMATS = ("csv", "xlsx")
BATCH = 2000  # rows read from the database at a time


def drift_filters(query: Mapping[str, str]) -> dict[str, str]:
    """The dashboard's filters from a query string or a form (anything else is dropped)."""
    return {name: str(query.get(name, ""))[:200] for name in FILTERS}


def drift_children(
    user: User, filters: Mapping[str, str], *, today: dt.date, download: bool
) -> QuerySet[Child]:
    """The drift dashboard's children the user may see, filtered as asked. A download's lines
    carry each child's current worker, team, legal status and placement
    (``with_current_details``: six subqueries a row); the page shows none of them, so it asks
    for the legal status only to filter by it."""
    visible = access.visible_children(user)
    if download:
        visible = with_current_details(visible)
    elif filters["legal_status"]:
        visible = with_legal_status(visible)
    children = selectors.drift_children(visible, today=today)
    if filters["team"]:
        children = children.filter(drift_team=filters["team"])
    if filters["legal_status"]:
        children = children.filter(current_legal_status=filters["legal_status"])
    if filters["pathway"]:
        children = selectors.filter_pathway(children, filters["pathway"])
    if filters["only"] == "overdue":
        children = selectors.with_anything_overdue(children)
    elif filters["only"] == "no_plan":
        children = children.filter(plan_overdue=True)
    return children


def _plan_text(row: selectors.DriftRow) -> str:
    plan = row.permanence_plan
    if plan is None:
        return ""
    if plan.met_on is not None:
        return f"Agreed {plan.met_on:%d/%m/%Y}"
    return f"{plan.status.label}: due {plan.due:%d/%m/%Y}"


def _line(r: selectors.DriftRow) -> list[object]:
    child = r.child
    return [
        child.child_id,
        child.full_name,
        getattr(child, "current_team", "") or "",
        " ".join(
            part
            for part in (
                getattr(child, "current_social_worker_first", "") or "",
                getattr(child, "current_social_worker_last", "") or "",
            )
            if part
        ),
        getattr(child, "current_legal_status", "") or "",
        r.pathway[1],
        r.days_in_care,
        r.overdue,
        r.worst_title,
        r.worst_days_late,
        _plan_text(r),
        r.overdue_tasks,
    ]


def drift_file(
    user: User,
    filters: Mapping[str, str],
    file_format: str,
    *,
    today: dt.date,
    progress: Callable[[int], None] | None = None,
) -> Built:
    """Every row of the dashboard as the user sees it with these filters, as CSV or a workbook.
    The file says what it holds: "drift-2026-11-24-team-a-overdue.csv"."""
    children = drift_children(user, filters, today=today, download=True)
    total = children.count() if progress else 0
    table = []
    for child in children.iterator(BATCH):
        table.append(_line(selectors.DriftRow(child, today)))
        if progress and total and len(table) % BATCH == 0:
            progress(5 + 80 * len(table) // total)
    if progress:
        progress(90)
    chosen = [slugify(value.replace(":", " ")) for value in filters.values() if value]
    name = "-".join(["drift", f"{today:%Y-%m-%d}", *chosen])
    if file_format == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(DRIFT_COLUMNS)
        writer.writerows([safe_cell(cell) for cell in line] for line in table)
        content = out.getvalue().encode(CSV_ENCODING)
    else:
        # Write-only: rows go straight to the file, not into a sheet held in memory.
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Drift")
        sheet.append(list(DRIFT_COLUMNS))
        for line in table:
            sheet.append([safe_cell(cell) for cell in line])
        buffer = io.BytesIO()
        book.save(buffer)
        content = buffer.getvalue()
    return Built(content=content, filename=f"{name}.{file_format}", children=len(table))


def describe(filters: Mapping[str, str], file_format: str) -> str:
    chosen = [
        f"{label}: {filters[key]}"
        for key, label in (
            ("team", "team"),
            ("legal_status", "legal status"),
            ("pathway", "pathway"),
        )
        if filters.get(key)
    ]
    if filters.get("only") == "overdue":
        chosen.append("only children with something overdue")
    elif filters.get("only") == "no_plan":
        chosen.append("only children without a permanence plan past its deadline")
    kind = "CSV" if file_format == "csv" else "Excel workbook"
    return f"the drift dashboard ({kind}{''.join(f'; {c}' for c in chosen)})"


def exporters(today: Callable[[], dt.date]) -> list[Exporter]:
    """The drift dashboard's downloads, registered with ``homeward.exports`` (apps.ready)."""
    return [
        Exporter(
            kind=f"drift.{file_format}",
            may_ask=access.can_see_drift,
            refused="The drift dashboard is for managers, coordinators and analysts.",
            parameters=drift_filters,
            describe=lambda filters, f=file_format: describe(filters, f),
            build=lambda user, filters, progress, f=file_format: drift_file(
                user, drift_filters(filters), f, today=today(), progress=progress
            ),
        )
        for file_format in FORMATS
    ]
