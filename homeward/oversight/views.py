"""Where people see timescales: the child's Timescales tab, "My work" worklists and the drift
dashboard. Every deadline shown is a stored row of the deadline ledger, read with SQL."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe
from openpyxl import Workbook

from homeward.accounts import access
from homeward.accounts.models import Role, Team
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.children.guard import child_view
from homeward.children.models import Child
from homeward.children.selectors import with_current_details, with_legal_status
from homeward.domain.ssda903 import codes
from homeward.domain.timescales import DUE_GROUPS, due_group
from homeward.family import selectors as family_selectors
from homeward.meetings import selectors as meeting_selectors
from homeward.oversight import selectors
from homeward.planning.selectors import ESTIMATED_PROCEEDINGS_RULE
from homeward.spreadsheets import CSV_ENCODING, safe_cell
from homeward.timescales import journeys
from homeward.timescales import selectors as ledger

ROLE_NAMES = dict(Role.choices)
WORKLIST_PAGE = 50  # rows of a worklist shown at once


@require_safe
@child_view()
def timescales(request: HttpRequest, child: Child) -> HttpResponse:
    today = timezone.localdate()
    ordered = sorted(ledger.for_child(child, today=today), key=lambda e: (e.sort_key, e.occurrence))
    return render(
        request,
        "oversight/timescales.html",
        {
            "child": child,
            "expectations": [e for e in ordered if e.status.is_open],
            # What was met or stopped applying: kept, but folded away (newest first).
            "history": sorted(
                (e for e in ordered if not e.status.is_open), key=lambda e: e.due, reverse=True
            ),
            "today": today,
            "roles": ROLE_NAMES,
            "can_change": access.can_change_child(request.user, child),
            # The 26 weeks estimated from an interim care order: ask for the issue date.
            "issue_date_missing": any(
                e.rule_id == ESTIMATED_PROCEEDINGS_RULE and e.status.is_open for e in ordered
            ),
            # The adoption scorecard's figures and running clocks, for a child on that route.
            "scorecard": journeys.scorecard(child, today=today),
            # Dated work that is not a rule: actions, assessments, family time reviews.
            "tasks": selectors.dated_work(
                Child.objects.filter(pk=child.pk), today=today, within_days=None, actions=True
            ),
        },
    )


MY_WORK_LISTS = {
    "deadlines": "Deadlines",
    "actions": "Actions from meetings",
    "tasks": "Assessments, reviews and audit actions",
}


@require_safe
def my_work(request: HttpRequest) -> HttpResponse:
    """Overdue and due within 14 days, most urgent first: my children, my teams', or all. Three
    lists behind tabs with their counts (deadlines from the ledger, actions from meetings,
    assessments and family time reviews): a page renders one list, a page of it at a time."""
    user = request.user
    if access.has_own_caseload(user):
        default = "mine"
    elif access.works_in_teams(user):
        default = "team"
    else:
        default = "all"
    scope = request.GET.get("scope", default)
    if scope not in {"mine", "team", "all"}:
        scope = default
    show = request.GET.get("show", "deadlines")
    if show not in MY_WORK_LISTS:
        show = "deadlines"
    if scope == "all":
        children = access.visible_children(user)
    else:
        # The current allocations, one flat subquery in every list and count below: not the
        # need-to-know joins nested again in each query, where they already hold these children.
        children = access.allocated_children(user, teams=scope == "team")
    today = timezone.localdate()
    counts = ledger.worklist_counts(children, today=today)
    # Actions from meetings' action plans, and an IRO's open escalations (homeward/meetings).
    actions, actions_total = meeting_selectors.open_actions(
        user, children, scope=scope, today=today, limit=WORKLIST_PAGE if show == "actions" else 0
    )
    tasks_total = selectors.dated_work_count(children, today=today)
    sizes = {"deadlines": counts.total, "actions": actions_total, "tasks": tasks_total}
    context: dict[str, Any] = {
        "show": show,
        "lists": [(key, label, sizes[key]) for key, label in MY_WORK_LISTS.items()],
        "actions": actions,
        "actions_total": actions_total,
        "actions_overdue": sum(1 for a in actions if a.status == "overdue"),
        "tasks_total": tasks_total,
        "escalations": meeting_selectors.open_escalations(user, today=today),
        # Reviews recording a permanence plan the timescales do not have (an IRO's check).
        "plans_to_check": (
            list(meeting_selectors.plans_to_check(user)[:WORKLIST_PAGE])
            if access.chairs_reviews(user)
            else []
        ),
        "total": counts.total,
        "overdue": counts.overdue,
        "scope": scope,
        "today": today,
        "roles": ROLE_NAMES,
    }
    if show == "deadlines":
        # A page of deadlines at a time: the page costs what it shows, not the council's size.
        paginator = Paginator(selectors.worklist(children, today=today), WORKLIST_PAGE)
        paginator.count = counts.total  # counted above, with the overdue ones
        page = paginator.get_page(request.GET.get("page"))
        page_query = request.GET.copy()
        page_query.pop("page", None)
        context.update(
            groups=_due_groups(list(page.object_list), counts, today),
            page=page,
            page_query=page_query.urlencode(),
        )
    elif show == "tasks":
        # Assessments, family time reviews (homeward/planning, homeward/family) and case audit
        # actions (homeward/quality).
        context["tasks"] = selectors.dated_work(children, today=today, limit=WORKLIST_PAGE)
    return render(request, "oversight/my_work.html", context)


def _due_groups(
    rows: list[Any], counts: ledger.WorklistCounts, today: Any
) -> list[tuple[str, str, int, list[Any]]]:
    """A page of deadlines (in due order) cut into the worklist's groups (Overdue, Today,
    Tomorrow, This week, Later: ``engine.due_group``), each with how many it holds in all."""
    by_group: dict[str, list[Any]] = {}
    for row in rows:
        by_group.setdefault(due_group(row.due, today), []).append(row)
    return [
        (key, label, counts.groups[key], by_group[key])
        for key, label in DUE_GROUPS
        if key in by_group
    ]


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


def _drift_children(
    request: HttpRequest, *, download: bool
) -> tuple[QuerySet[Child], dict[str, str]]:
    """The drift dashboard's children, filtered as asked. A download's lines carry each child's
    current worker, team, legal status and placement (``with_current_details``: six subqueries
    a row); the page shows none of them, so it asks for the legal status only to filter by it."""
    filters = {
        "team": request.GET.get("team", ""),
        "legal_status": request.GET.get("legal_status", ""),
        "pathway": request.GET.get("pathway", ""),
        "only": request.GET.get("only", ""),
    }
    visible = access.visible_children(request.user)
    if download:
        visible = with_current_details(visible)
    elif filters["legal_status"]:
        visible = with_legal_status(visible)
    children = selectors.drift_children(visible, today=timezone.localdate())
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
    return children, filters


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


def _summaries(children: QuerySet[Child]) -> tuple[list[Any], list[Any]]:
    """The dashboard's two summaries, by team and by pathway, from one GROUP BY in the database
    (by team and pathway together, added up here)."""
    teams: dict[str, selectors.Summary] = {}
    pathways: dict[str, selectors.Summary] = {}
    empty = selectors.Summary(0, 0, 0)
    for (team, key), summary in selectors.summarise(children, "drift_team", "pathway_key"):
        team = team or "No team"
        teams[team] = teams.get(team, empty) + summary
        label = selectors.PATHWAY_LABELS.get(key, key)
        pathways[label] = pathways.get(label, empty) + summary
    return sorted(teams.items()), sorted(pathways.items())


@require_safe
def drift(request: HttpRequest) -> HttpResponse:
    """Children drifting: overdue expectations, no permanence plan past its deadline, days in
    care, by team and legal status; CSV and Excel downloads are audited."""

    if not access.can_see_drift(request.user):
        record(AuditAction.DENIED, request=request, summary="Refused: drift dashboard")
        raise PermissionDenied("The drift dashboard is for managers, coordinators and analysts.")
    download = request.GET.get("download", "")
    children, filters = _drift_children(request, download=download in {"csv", "xlsx"})
    today = timezone.localdate()
    if download in {"csv", "xlsx"}:
        table = [_line(selectors.DriftRow(child, today)) for child in children.iterator(2000)]
        record(
            AuditAction.EXPORT,
            request=request,
            summary=f"Downloaded the drift dashboard ({download}, {len(table)} children)",
            after=filters,
        )
        # The file says what it holds: "drift-2026-11-24-team-a-overdue.csv".
        chosen = [slugify(value.replace(":", " ")) for value in filters.values() if value]
        name = "-".join(["drift", f"{today:%Y-%m-%d}", *chosen])
        if download == "csv":
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(DRIFT_COLUMNS)
            writer.writerows([safe_cell(cell) for cell in line] for line in table)
            response = HttpResponse(
                out.getvalue().encode(CSV_ENCODING), content_type="text/csv; charset=utf-8"
            )
        else:
            # Write-only: rows go straight to the file, not into a sheet held in memory.
            book = Workbook(write_only=True)
            sheet = book.create_sheet("Drift")
            sheet.append(list(DRIFT_COLUMNS))
            for line in table:
                sheet.append([safe_cell(cell) for cell in line])
            buffer = io.BytesIO()
            book.save(buffer)
            response = HttpResponse(
                buffer.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{name}.{download}"'
        return response
    teams, pathways = _summaries(children)
    paginator = Paginator(children, WORKLIST_PAGE)
    # Every child is in one team's summary ("No team" included): the count is their sum.
    paginator.count = sum(summary.children for _, summary in teams)
    page = paginator.get_page(request.GET.get("page"))
    # Only the children who can reach this page need their overdue deadlines counted (the
    # order's second key): those whose earliest overdue date is at or before the page's last.
    first, last = page.start_index(), page.end_index()  # 0 and 0 when nobody matches
    rows = selectors.reaching(children, today=today, end=last).only(*selectors.DRIFT_ROW_FIELDS)[
        max(first - 1, 0) : last
    ]
    rows = list(rows)
    gaps = family_selectors.views_gaps([child.pk for child in rows])
    page.object_list = [selectors.DriftRow(child, today, gaps.get(child.pk, 0)) for child in rows]

    page_query = request.GET.copy()
    page_query.pop("page", None)
    return render(
        request,
        "oversight/drift.html",
        {
            "page": page,
            "page_query": page_query.urlencode(),
            "total": page.paginator.count,
            "teams": teams,
            "pathways": pathways,
            "pathway_choices": selectors.PATHWAY_CHOICES,
            "filters": filters,
            "team_names": Team.objects.values_list("name", flat=True),
            "legal_statuses": codes.LS,
            "query": request.GET.urlencode(),
        },
    )
