"""Where people see timescales: the child's Timescales tab, "My work" worklists and the drift
dashboard. Every deadline shown is a stored row of the deadline ledger, read with SQL."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.accounts.models import Role, Team
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.children.guard import child_view
from homeward.children.models import Child
from homeward.domain.ssda903 import codes
from homeward.domain.timescales import DUE_GROUPS, due_group
from homeward.family import selectors as family_selectors
from homeward.meetings import selectors as meeting_selectors
from homeward.oversight import downloads, selectors
from homeward.planning.selectors import ESTIMATED_PROCEEDINGS_RULE
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
    filters = downloads.drift_filters(request.GET)
    today = timezone.localdate()
    if download in downloads.FORMATS:
        built = downloads.drift_file(request.user, filters, download, today=today)
        record(
            AuditAction.EXPORT,
            request=request,
            summary=f"Downloaded the drift dashboard ({download}, {built.children} children)",
            after=filters,
        )
        response = HttpResponse(
            built.content,
            content_type="text/csv; charset=utf-8"
            if download == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
        return response
    children = downloads.drift_children(request.user, filters, today=today, download=False)
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
