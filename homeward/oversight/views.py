"""Where people see timescales: the child's Timescales tab, "My work" worklists and the drift
dashboard. Everything shown comes from the engine through ``selectors``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from homeward.accounts import access
from homeward.accounts.models import Role
from homeward.children.guard import child_view
from homeward.children.models import Child
from homeward.oversight import selectors

ROLE_NAMES = dict(Role.choices)


@child_view()
def timescales(request: HttpRequest, child: Child) -> HttpResponse:
    today = timezone.localdate()
    ((_, expectations),) = selectors.expectations_for(
        Child.objects.filter(pk=child.pk), today=today
    ).values()
    open_first = sorted(expectations, key=lambda e: (e.sort_key, e.occurrence))
    return render(
        request,
        "oversight/timescales.html",
        {"child": child, "expectations": open_first, "today": today, "roles": ROLE_NAMES},
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
    return render(
        request,
        "oversight/my_work.html",
        {
            "items": items[:500],
            "total": len(items),
            "overdue": sum(1 for i in items if i.expectation.status == "overdue"),
            "scope": scope,
            "today": today,
            "roles": ROLE_NAMES,
        },
    )
