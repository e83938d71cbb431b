"""Where people see timescales: the child's Timescales tab, "My work" worklists and the drift
dashboard. Everything shown comes from the engine through ``selectors``."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook

from homeward.accounts import access
from homeward.accounts.models import Role, Team
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.children.guard import child_view
from homeward.children.models import Child
from homeward.children.selectors import with_current_details
from homeward.domain.ssda903 import codes
from homeward.meetings import selectors as meeting_selectors
from homeward.oversight import selectors
from homeward.spreadsheets import CSV_ENCODING, safe_cell

ROLE_NAMES = dict(Role.choices)


@child_view()
def timescales(request: HttpRequest, child: Child) -> HttpResponse:
    today = timezone.localdate()
    ((_, expectations),) = selectors.expectations_for(
        Child.objects.filter(pk=child.pk), today=today
    ).values()
    ordered = sorted(expectations, key=lambda e: (e.sort_key, e.occurrence))
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
            # Dated work that is not a rule: actions, assessments, family time reviews.
            "tasks": selectors.dated_work(
                Child.objects.filter(pk=child.pk), today=today, within_days=None, actions=True
            ),
        },
    )


def my_work(request: HttpRequest) -> HttpResponse:
    """Overdue and due within 14 days, most urgent first: my children, my teams', or all."""
    user = request.user
    default = {
        Role.SOCIAL_WORKER: "mine",
        Role.TEAM_MANAGER: "team",
    }.get(user.role, "all")  # type: ignore[union-attr]
    scope = request.GET.get("scope", default)
    if scope not in {"mine", "team", "all"}:
        scope = default
    children = access.visible_children(user)  # type: ignore[arg-type]
    if scope == "mine":
        children = children.filter(
            allocations__ended_on__isnull=True, allocations__social_worker=user
        )
    elif scope == "team":
        children = children.filter(
            allocations__ended_on__isnull=True,
            allocations__team__in=user.teams.all(),  # type: ignore[union-attr]
        )
    today = timezone.localdate()
    items = selectors.worklist(children.only(*selectors.CHILD_FIELDS), today=today)
    # Actions from meetings' action plans, and an IRO's open escalations (homeward/meetings).
    actions, actions_total = meeting_selectors.open_actions(
        user,  # type: ignore[arg-type]
        children,
        scope=scope,
        today=today,
    )
    return render(
        request,
        "oversight/my_work.html",
        {
            # Assessments and family time reviews (homeward/planning, homeward/family).
            "tasks": selectors.dated_work(children, today=today),
            "actions": actions,
            "actions_total": actions_total,
            "actions_overdue": sum(1 for a in actions if a.status == "overdue"),
            "escalations": meeting_selectors.open_escalations(user, today=today),  # type: ignore[arg-type]
            "items": items[:500],
            "total": len(items),
            "overdue": sum(1 for i in items if i.expectation.status == "overdue"),
            "scope": scope,
            "today": today,
            "roles": ROLE_NAMES,
        },
    )


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


def _drift_rows(request: HttpRequest) -> tuple[list[selectors.DriftRow], dict[str, str]]:

    filters = {
        "team": request.GET.get("team", ""),
        "legal_status": request.GET.get("legal_status", ""),
        "pathway": request.GET.get("pathway", ""),
        "only": request.GET.get("only", ""),
    }
    children = selectors.with_overdue_tasks(
        selectors.with_pathway(
            with_current_details(access.visible_children(request.user))  # type: ignore[arg-type]
        ),
        today=timezone.localdate(),
    )
    if filters["team"]:
        children = children.filter(current_team=filters["team"])
    if filters["legal_status"]:
        children = children.filter(current_legal_status=filters["legal_status"])
    rows = selectors.drift(children, today=timezone.localdate())
    if filters["pathway"]:
        rows = [r for r in rows if r.pathway[0] == filters["pathway"]]
    if filters["only"] == "overdue":
        rows = [r for r in rows if r.overdue or r.overdue_tasks]
    elif filters["only"] == "no_plan":
        rows = [r for r in rows if r.plan_overdue]
    return rows, filters


def _plan_text(row: selectors.DriftRow) -> str:
    plan = row.permanence_plan
    if plan is None:
        return ""
    if plan.met_by is not None:
        return f"Agreed {plan.met_by.date:%d/%m/%Y}"
    return f"{plan.status.label}: due {plan.due:%d/%m/%Y}"


def _table(rows: list[selectors.DriftRow]) -> list[list[object]]:
    return [
        [
            r.child.child_id,
            r.child.full_name,
            getattr(r.child, "current_team", "") or "",
            " ".join(
                part
                for part in (
                    getattr(r.child, "current_social_worker_first", "") or "",
                    getattr(r.child, "current_social_worker_last", "") or "",
                )
                if part
            ),
            getattr(r.child, "current_legal_status", "") or "",
            r.pathway[1],
            r.days_in_care,
            len(r.overdue),
            r.worst.rule.title if r.worst else "",
            r.worst.days_late if r.worst else 0,
            _plan_text(r),
            r.overdue_tasks,
        ]
        for r in rows
    ]


def _summarise(
    rows: list[selectors.DriftRow], group: Callable[[selectors.DriftRow], str]
) -> dict[str, dict[str, int]]:
    """Children, those with something overdue, and those without a plan past its deadline, by
    ``group`` (a team, a pathway)."""
    summaries: dict[str, dict[str, int]] = {}
    for r in rows:
        summary = summaries.setdefault(group(r), {"children": 0, "overdue": 0, "no_plan": 0})
        summary["children"] += 1
        summary["overdue"] += 1 if r.overdue or r.overdue_tasks else 0
        summary["no_plan"] += 1 if r.plan_overdue else 0
    return summaries


def drift(request: HttpRequest) -> HttpResponse:
    """Children drifting: overdue expectations, no permanence plan past its deadline, days in
    care, by team and legal status; CSV and Excel downloads are audited."""

    if not access.can_see_drift(request.user):  # type: ignore[arg-type]
        record(AuditAction.DENIED, request=request, summary="Refused: drift dashboard")
        raise PermissionDenied("The drift dashboard is for managers, coordinators and analysts.")
    rows, filters = _drift_rows(request)
    download = request.GET.get("download", "")
    if download in {"csv", "xlsx"}:
        table = _table(rows)
        record(
            AuditAction.EXPORT,
            request=request,
            summary=f"Downloaded the drift dashboard ({download}, {len(table)} children)",
            after=filters,
        )
        # The file says what it holds: "drift-2026-11-24-team-a-overdue.csv".
        chosen = [slugify(value.replace(":", " ")) for value in filters.values() if value]
        name = "-".join(["drift", f"{timezone.localdate():%Y-%m-%d}", *chosen])
        if download == "csv":
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(DRIFT_COLUMNS)
            writer.writerows([safe_cell(cell) for cell in line] for line in table)
            response = HttpResponse(
                out.getvalue().encode(CSV_ENCODING), content_type="text/csv; charset=utf-8"
            )
        else:
            book = Workbook()
            sheet = book.active
            assert sheet is not None
            sheet.title = "Drift"
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
    teams = _summarise(rows, lambda r: getattr(r.child, "current_team", "") or "No team")
    pathways = _summarise(rows, lambda r: r.pathway[1])

    page_query = request.GET.copy()
    page_query.pop("page", None)
    return render(
        request,
        "oversight/drift.html",
        {
            "page": Paginator(rows, 100).get_page(request.GET.get("page")),
            "page_query": page_query.urlencode(),
            "total": len(rows),
            "teams": sorted(teams.items()),
            "pathways": sorted(pathways.items()),
            "pathway_choices": selectors.PATHWAY_CHOICES,
            "filters": filters,
            "team_names": Team.objects.values_list("name", flat=True),
            "legal_statuses": codes.LS,
            "query": request.GET.urlencode(),
        },
    )
