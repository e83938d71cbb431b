"""The Permanence Monitoring Panel's pack (``/reports/pmp/``) and the Corporate Parenting Board's
report (``/reports/cpb/``), issue 16 item 3: each a page, a PDF (``?download=pdf``) and an Excel
workbook (``?download=xlsx``), and the children behind each figure. Thin: check the policy
(``access.can_see_board_reports``), read (``reports.board``), render, audit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.children.models import Child
from homeward.domain.councils import profile_for
from homeward.domain.measures import quarters as q
from homeward.exports.registry import Built
from homeward.oversight import selectors as drift
from homeward.reports import board, board_downloads, selectors
from homeward.reports.board_downloads import for_team

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
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
    """The children a report counts (``board_downloads.scope``: those the user may see, or of
    them those allocated now to ``?team=``), the team and the template's filter context (the
    team names, and the query string every link carries on)."""
    children, team, names = board_downloads.scope(request.user, request.GET.get("team", ""))
    return (
        children,
        team,
        {
            "team": team,
            "team_names": names,
            "scope_query": urlencode({"team": team}) if team else "",
            "scope_parameters": {"team": team},
        },
    )


# Forecasts listed on the pack's page in each of its two lists (a council of 5,000 children had
# 476 thresholds passed: a 250 KB page nobody reads to the end).
PACK_ROWS_SHOWN = 50


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
    download = request.GET.get("download", "")
    what = f"{name} pack{for_team(team)}"
    if download in board_downloads.FORMATS:
        built = board_downloads.pack_file(request.user, team, download, today=today)
        return _file(request, built, download, what=what)
    found = board.pack(children, today)
    record(
        AuditAction.VIEW, request=request, summary=f"Viewed the {what} ({_children(found.total)})"
    )
    # The page lists the first of each list (the furthest over, the soonest due) and says how
    # many more there are; the PDF and the workbook list every one.
    return render(
        request,
        "reports/pmp.html",
        {
            **scope,
            **board_downloads.pack_context(found, team, today),
            "rows_shown": PACK_ROWS_SHOWN,
            "breached_shown": found.breached_rows[:PACK_ROWS_SHOWN],
            "due_shown": found.due_rows[:PACK_ROWS_SHOWN],
        },
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
        f"pack{for_team(team)} ({_children(page.paginator.count)})",
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
    download = request.GET.get("download", "")
    what = f"{name} report{for_team(team)}"
    if download in board_downloads.FORMATS:
        built = board_downloads.report_file(request.user, team, download, today=today)
        return _file(request, built, download, what=what)
    found = board.report(children, today)
    record(
        AuditAction.VIEW,
        request=request,
        summary=f"Viewed the {what} ({_children(found.children)})",
    )
    return render(
        request, "reports/cpb.html", {**scope, **board_downloads.report_context(found, team, today)}
    )


def _file(request: HttpRequest, built: Built, file_format: str, *, what: str) -> HttpResponse:
    """A report's PDF (shown in the browser) or workbook (downloaded), audited as an export."""
    record(
        AuditAction.EXPORT,
        request=request,
        summary=f"Downloaded the {what} ({file_format}, {_children(built.children)})",
    )
    response = HttpResponse(built.content, content_type=CONTENT_TYPES[file_format])
    disposition = "inline" if file_format == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{built.filename}"'
    return response


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
        summary=f"Viewed the children behind {measure.key} for {quarter.label}{for_team(team)} "
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
