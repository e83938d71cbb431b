"""The Permanence Monitoring Panel's pack and the Corporate Parenting Board's report as files (a
PDF, an Excel workbook): made here for both the pages' ``?download=`` and the background export
(``homeward/exports``), as the user who asked, over the children they may see."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from openpyxl import Workbook

from homeward.accounts import access
from homeward.accounts.models import Team, User
from homeward.children.models import Child
from homeward.domain.councils import profile_for
from homeward.domain.measures import quarters as q
from homeward.exports.registry import Built, Exporter, Progress
from homeward.pdf import render_pdf
from homeward.reports import board, selectors
from homeward.spreadsheets import safe_cell

FORMATS = ("pdf", "xlsx")
REFUSED = "The board reports are for service managers, performance analysts and team managers."


def scope(user: User, team: str) -> tuple[QuerySet[Child], str, list[str]]:
    """The children a report counts: those the user may see, or, with a team (a team's name, as
    the drift dashboard's filter), those of them allocated to that team now (issue 16, "a team
    filter"). An unknown team is ignored. Returns the children, the team and every team's name."""
    visible = access.visible_children(user)
    names = list(Team.objects.order_by("name").values_list("name", flat=True))
    if team not in names:
        team = ""
    if team:
        visible = visible.filter(drift_facts__team__name=team)
    return visible, team, names


def for_team(team: str) -> str:
    return f" for {team}" if team else ""


def team_slug(team: str) -> str:
    return f"-{slugify(team)}" if team else ""


def _workbook(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[object]]]]) -> bytes:
    """A workbook written row by row (write-only: nothing held in a sheet in memory), every cell
    through ``safe_cell``."""
    book = Workbook(write_only=True)
    for name, columns, rows in sheets:
        sheet = book.create_sheet(name)
        sheet.append(list(columns))
        for row in rows:
            sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _forecast_rows(found: list[Any], names: dict[str, Any]) -> list[list[object]]:
    return [
        [
            f.child_id,
            names[f.child_id].full_name if f.child_id in names else "",
            selectors.MEASURES[f.measure.code],
            f.breach_date,
            f.days_over if f.breached else max(f.days_left, 0),
            f.next_step,
        ]
        for f in found
    ]


FORECAST_COLUMNS = ("Child ID", "Name", "Measure", "Threshold reached", "Days", "Next step")


def pack_context(found: board.Pack, team: str, today: dt.date) -> dict[str, Any]:
    """What the pack's page and its PDF show."""
    council = profile_for(settings.HOMEWARD_COUNCIL)
    return {
        "council": council,
        "team": team,
        "pack": found,
        "panel": council.monitoring_panel,
        "reasons": board.REASONS,
        "stage_chart": mark_safe(found.stage_chart()),  # noqa: S308 - charts escape every word
        "overdue_chart": mark_safe(found.overdue_chart()),  # noqa: S308 - likewise
        "plan_due_days": board.PLAN_DUE_DAYS,
        "measures": selectors.MEASURES,
        "today": today,
    }


def pack_workbook(found: board.Pack) -> bytes:
    reasons = list(board.REASONS)
    return _workbook(
        [
            (
                "By stage",
                ["Stage", "Children", *board.REASONS.values()],
                [[s.label, s.children, *(s.count(r) for r in reasons)] for s in found.stages],
            ),
            (
                "Longest overdue",
                ["Longest overdue deadline", "Children"],
                [[title, n] for title, n in found.overdue],
            ),
            ("Exceptions", FORECAST_COLUMNS, _forecast_rows(found.breached, found.names)),
            ("Decisions needed", FORECAST_COLUMNS, _forecast_rows(found.due, found.names)),
        ]
    )


def pack_filename(team: str, today: dt.date) -> str:
    return f"permanence-monitoring-{today:%Y-%m-%d}{team_slug(team)}"


def pack_file(
    user: User, team: str, file_format: str, *, today: dt.date, progress: Progress | None = None
) -> Built:
    """The pack as a PDF or a workbook, over the children the user may see (in the team)."""
    visible, team, _ = scope(user, team)
    found = board.pack(visible, today)
    if progress:
        progress(50)
    if file_format == "pdf":
        content = render_pdf("reports/pmp_pdf.html", pack_context(found, team, today))
    else:
        content = pack_workbook(found)
    return Built(content, f"{pack_filename(team, today)}.{file_format}", found.total)


def report_context(found: board.Report, team: str, today: dt.date) -> dict[str, Any]:
    """What the board report's page and its PDF show."""
    council = profile_for(settings.HOMEWARD_COUNCIL)
    return {
        "council": council,
        "team": team,
        "report": found,
        "rows": [
            (m, mark_safe(found.chart(m)))  # noqa: S308 - charts escape every word
            for m in found.measures
        ],
        "board": council.corporate_parenting_board,
        "how_quarters": q.HOW_QUARTERS_ARE_COUNTED,
        "today": today,
    }


REPORT_COLUMNS = (
    "Measure",
    "Quarter",
    "From",
    "To",
    "Figure",
    "Value",
    "Unit",
    "Counted",
    "Within threshold or on time",
    "Threshold",
    "Source",
)


def report_workbook(found: board.Report) -> bytes:
    figures = [
        [
            m.title,
            f.quarter.label,
            f.window.first,
            f.window.last,
            f.text(),
            f.value,
            m.unit,
            f.counted,
            f.within,
            m.threshold_text,
            m.source,
        ]
        for m in found.measures
        for f in m.figures
    ]
    behind = [
        [m.title, f.quarter.label, b.child_id, b.note]
        for m in found.measures
        for f in m.figures
        for b in f.behind
    ]
    return _workbook(
        [
            ("Measures", REPORT_COLUMNS, figures),
            ("Children", ["Measure", "Quarter", "Child ID", "What the measure found"], behind),
        ]
    )


def report_filename(team: str, today: dt.date) -> str:
    return f"corporate-parenting-{today:%Y-%m-%d}{team_slug(team)}"


def report_file(
    user: User, team: str, file_format: str, *, today: dt.date, progress: Progress | None = None
) -> Built:
    """The board report as a PDF or a workbook (with the children behind each figure), over the
    children the user may see (in the team)."""
    visible, team, _ = scope(user, team)
    if file_format == "pdf":
        found = board.report(visible, today)
        if progress:
            progress(50)
        content = render_pdf("reports/cpb_pdf.html", report_context(found, team, today))
    else:
        found = board.report_with_children(visible, today)
        if progress:
            progress(50)
        content = report_workbook(found)
    return Built(content, f"{report_filename(team, today)}.{file_format}", found.children)


def _team(form: Mapping[str, str]) -> dict[str, str]:
    return {"team": str(form.get("team", ""))[:200]}


def _described(what: str, file_format: str) -> Callable[[dict[str, str]], str]:
    kind = "PDF" if file_format == "pdf" else "Excel workbook"
    return lambda parameters: f"the {what()}{for_team(parameters.get('team', ''))} ({kind})"


def exporters(today: Callable[[], dt.date]) -> list[Exporter]:
    """The two reports' files, registered with ``homeward.exports`` (apps.ready)."""

    def pack_name() -> str:
        return f"{profile_for(settings.HOMEWARD_COUNCIL).monitoring_panel.name} pack"

    def report_name() -> str:
        return f"{profile_for(settings.HOMEWARD_COUNCIL).corporate_parenting_board.name} report"

    return [
        Exporter(
            kind=f"{prefix}.{file_format}",
            may_ask=access.can_see_board_reports,
            refused=REFUSED,
            parameters=_team,
            describe=_described(name, file_format),
            build=lambda user, parameters, progress, f=file_format, make=make: make(
                user, parameters.get("team", ""), f, today=today(), progress=progress
            ),
        )
        for file_format in FORMATS
        for prefix, name, make in (("pmp", pack_name, pack_file), ("cpb", report_name, report_file))
    ]
