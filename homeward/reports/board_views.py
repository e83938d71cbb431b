"""The Permanence Monitoring Panel's pack (``/reports/pmp/``) and the Corporate Parenting Board's
report (``/reports/cpb/``), issue 16 item 3: each a page, a PDF (``?download=pdf``) and an Excel
workbook (``?download=xlsx``), and the children behind each figure. Thin: check the policy
(``access.can_see_board_reports``), read (``reports.board``), render, audit."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_safe
from openpyxl import Workbook

from homeward.accounts import access
from homeward.accounts.models import Team
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.children.models import Child
from homeward.domain.councils import profile_for
from homeward.domain.measures import quarters as q
from homeward.oversight import selectors as drift
from homeward.pdf import pdf_response
from homeward.reports import board, selectors
from homeward.spreadsheets import safe_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 50  # children behind a figure shown at once


def _children(n: int) -> str:
    return f"{n} child{'ren' if n != 1 else ''}"


def _refuse(request: HttpRequest, what: str) -> None:
    if not access.can_see_board_reports(request.user):
        record(AuditAction.DENIED, request=request, summary=f"Refused: {what}")
        raise PermissionDenied(
            f"The {what} is for service managers, performance analysts and team managers."
        )


def _scope(request: HttpRequest) -> tuple[QuerySet[Child], str, dict[str, Any]]:
    """The children a report counts: those the user may see, or, with ``?team=`` (a team's name,
    as the drift dashboard's filter), those of them allocated to that team now (issue 16, "a team
    filter"). An unknown team is ignored. Returns the children, the team and the template's
    filter context (the team names, and the query string every link carries on)."""
    children = access.visible_children(request.user)
    names = list(Team.objects.order_by("name").values_list("name", flat=True))
    team = request.GET.get("team", "")
    if team not in names:
        team = ""
    if team:
        children = children.filter(drift_facts__team__name=team)
    return (
        children,
        team,
        {
            "team": team,
            "team_names": names,
            "scope_query": urlencode({"team": team}) if team else "",
        },
    )


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


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


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


@require_safe
def pmp(request: HttpRequest) -> HttpResponse:
    """The Permanence Monitoring Panel's pack: children looked after by stage and drift reason,
    the exceptions (national thresholds passed, plans past their deadline) and the decisions
    needed (thresholds reached within 28 days, plans due), over the children the user may see."""
    council = profile_for(settings.HOMEWARD_COUNCIL)
    name = council.monitoring_panel.name
    _refuse(request, f"{name} pack")
    today = timezone.localdate()
    children, team, scope = _scope(request)
    found = board.pack(children, today)
    download = request.GET.get("download", "")
    context: dict[str, Any] = {
        **scope,
        "pack": found,
        "panel": council.monitoring_panel,
        "reasons": board.REASONS,
        "stage_chart": mark_safe(found.stage_chart()),  # noqa: S308 - charts escape every word
        "overdue_chart": mark_safe(found.overdue_chart()),  # noqa: S308 - likewise
        "plan_due_days": board.PLAN_DUE_DAYS,
        "measures": selectors.MEASURES,
        "today": today,
    }
    return _answer(
        request,
        download,
        what=f"{name} pack{_for_team(team)}",
        counted=_children(found.total),
        template="reports/pmp",
        context=context,
        workbook=lambda: _pack_workbook(found),
        filename=f"permanence-monitoring-{today:%Y-%m-%d}{_team_slug(team)}",
    )


def _pack_workbook(found: board.Pack) -> bytes:
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


@require_safe
def pmp_children(request: HttpRequest) -> HttpResponse:
    """The children behind one figure of the pack, of those the user may see, 50 a page; each
    links to the child's Timescales tab, which applies the child's need-to-know itself."""
    council = profile_for(settings.HOMEWARD_COUNCIL)
    _refuse(request, f"{council.monitoring_panel.name} pack")
    stage = request.GET.get("stage", "")
    if stage not in drift.PATHWAY_LABELS:
        stage = ""
    reason = request.GET.get("reason", "")
    if reason not in {*board.REASONS, "plan_due"}:
        reason = ""
    filters = {"stage": stage, "reason": reason, "deadline": request.GET.get("deadline", "")[:200]}
    today = timezone.localdate()
    children, team, scope = _scope(request)
    looked = board.looked_after(children, today)
    children = board.children_for(looked, today, **filters)
    page = Paginator(children, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [drift.DriftRow(child, today) for child in page.object_list]
    record(
        AuditAction.VIEW,
        request=request,
        summary=f"Viewed the children behind a figure of the {council.monitoring_panel.name} "
        f"pack{_for_team(team)} ({_children(page.paginator.count)})",
        after={**filters, "team": team},
    )
    page_query = request.GET.copy()
    page_query.pop("page", None)
    what = [
        drift.PATHWAY_LABELS[stage] if stage else "",
        f"Permanence plan due within {board.PLAN_DUE_DAYS} days, not yet agreed"
        if reason == "plan_due"
        else board.REASONS.get(reason, ""),
        f"Longest overdue: {filters['deadline']}" if filters["deadline"] else "",
        f"Team: {team}" if team else "",
    ]
    return render(
        request,
        "reports/pmp_children.html",
        {
            **scope,
            "panel": council.monitoring_panel,
            "page": page,
            "rows": rows,
            "page_query": page_query.urlencode(),
            "what": "; ".join(w for w in what if w) or "All children looked after",
        },
    )


@require_safe
def cpb(request: HttpRequest) -> HttpResponse:
    """The Corporate Parenting Board's report: each national measure and the timeliness of
    reviews, permanence planning meetings and plans, this financial-year quarter against the
    last four and against the national thresholds, each with a chart and its table."""
    council = profile_for(settings.HOMEWARD_COUNCIL)
    name = council.corporate_parenting_board.name
    _refuse(request, f"{name} report")
    today = timezone.localdate()
    children, team, scope = _scope(request)
    found = board.report(children, today)
    rows = [
        (m, mark_safe(found.chart(m)))  # noqa: S308 - charts escape every word
        for m in found.measures
    ]
    context = {
        **scope,
        "report": found,
        "rows": rows,
        "board": council.corporate_parenting_board,
        "how_quarters": q.HOW_QUARTERS_ARE_COUNTED,
        "today": today,
    }
    download = request.GET.get("download", "")
    return _answer(
        request,
        download,
        what=f"{name} report{_for_team(team)}",
        counted=_children(found.children),
        template="reports/cpb",
        context=context,
        workbook=lambda: _report_workbook(board.report_with_children(children, today)),
        filename=f"corporate-parenting-{today:%Y-%m-%d}{_team_slug(team)}",
    )


def _for_team(team: str) -> str:
    return f" for {team}" if team else ""


def _team_slug(team: str) -> str:
    return f"-{slugify(team)}" if team else ""


def _answer(
    request: HttpRequest,
    download: str,
    *,
    what: str,
    counted: str,
    template: str,
    context: dict[str, Any],
    workbook: Callable[[], Any],
    filename: str,
) -> HttpResponse:
    """A report as its page, or as the PDF or workbook ``?download=`` asks for; audited either
    way (a download as an export)."""
    if download in {"pdf", "xlsx"}:
        record(
            AuditAction.EXPORT,
            request=request,
            summary=f"Downloaded the {what} ({download}, {counted})",
        )
        if download == "pdf":
            return pdf_response(
                f"{template}_pdf.html", context, filename=f"{filename}.pdf", request=request
            )
        return _xlsx(workbook(), filename)
    record(AuditAction.VIEW, request=request, summary=f"Viewed the {what} ({counted})")
    return render(request, f"{template}.html", context)


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


def _report_workbook(found: board.Report) -> bytes:
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


@require_safe
def cpb_children(request: HttpRequest) -> HttpResponse:
    """The children behind one quarter's figure of one measure, of those the user may see."""
    council = profile_for(settings.HOMEWARD_COUNCIL)
    _refuse(request, f"{council.corporate_parenting_board.name} report")
    today = timezone.localdate()
    try:
        quarter = q.Quarter.parse(request.GET.get("quarter", ""))
    except ValueError:
        raise Http404("No such quarter.") from None
    if quarter not in q.quarters_to(today):
        raise Http404("The report shows this quarter and the four before it.")
    children, team, scope = _scope(request)
    found = board.figure_of(children, request.GET.get("measure", ""), quarter, today)
    if found is None:
        raise Http404("No such measure.")
    page = Paginator(found.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    behind = found.behind(page.object_list)
    named = selectors.children_named(b.child_id for b in behind)
    measure = found.measure
    record(
        AuditAction.VIEW,
        request=request,
        summary=f"Viewed the children behind {measure.key} for {quarter.label}{_for_team(team)} "
        f"({_children(found.children)})",
        after={"measure": measure.key, "quarter": quarter.key, "team": team},
    )
    page_query = request.GET.copy()
    page_query.pop("page", None)
    return render(
        request,
        "reports/cpb_children.html",
        {
            **scope,
            "board": council.corporate_parenting_board,
            "measure": measure,
            "figure": found.figure,
            "children": found.children,
            "page": page,
            "page_query": page_query.urlencode(),
            "rows": [(b, named.get(b.child_id)) for b in behind],
            "today": today,
        },
    )
