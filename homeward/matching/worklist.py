"""The family finder's worklist (/family-finding/; issue 15 item 7): the children allocated to
them for family finding (the current allocation's family finder), each with their route, its
stage (the next open step), what is due now, and the days since the placement order, waiting
longest first. Service managers see every child with a family finder.

A page costs the same number of queries however many children there are: the allocations with
their child and family finder and the placement order's date (one query, and one to count), then
the page's routes, steps done, and the permanence bundle's documents and overrides (four).
Each child's bundle shows as documents received, those overdue and the next due date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, QuerySet, Subquery

from homeward.accounts import access
from homeward.accounts.models import User
from homeward.children.models import Allocation, Child, JourneyEvent
from homeward.domain import routes as domain
from homeward.matching import bundle
from homeward.matching.models import FamilyFinding, current_council

PAGE_SIZE = 50
PLACEMENT_ORDER = "placement_order"


def allocations(user: User, route_key: str = "") -> QuerySet[Allocation]:
    rows = Allocation.objects.filter(ended_on__isnull=True, family_finder__isnull=False)
    if not access.sees_every_family_finding(user):
        rows = rows.filter(family_finder=user)
    if route_key:
        rows = rows.filter(child__family_finding__route_key=route_key)
    placement_order = (
        JourneyEvent.objects.filter(child=OuterRef("child"), kind=PLACEMENT_ORDER)
        .order_by("-date")
        .values("date")[:1]
    )
    return (
        rows.select_related("child", "family_finder")
        .annotate(placement_order_on=Subquery(placement_order))
        .order_by(F("placement_order_on").asc(nulls_last=True), "started_on", "child__child_id")
    )


@dataclass(frozen=True)
class Row:
    child: Child
    family_finder: User
    allocated_on: dt.date
    placement_order_on: dt.date | None
    days_since_order: int | None
    route: domain.Route | None
    stage: domain.StepProgress | None  # the first open step (else the first waiting)
    due: tuple[domain.Step, ...]  # open now
    done: int
    total: int
    bundle: BundleSummary | None = None


@dataclass(frozen=True)
class BundleSummary:
    """The permanence bundle on the worklist: documents received, those overdue, and the next
    due date of a document not received (the due dates are the workers' own: no procedure sets
    one, so they are shown here and on the child's Family finding tab, not in the deadline
    ledger)."""

    received: int
    total: int
    overdue: int
    next_due: dt.date | None
    overridden: bool


def _bundle_summary(finding: FamilyFinding, route: domain.Route, today: dt.date) -> BundleSummary:
    assert route.bundle is not None
    keys = {d.key for d in route.bundle.documents}
    items = [i for i in finding.bundle_items.all() if i.document_key in keys]
    waiting = [i for i in items if i.status != domain.BundleItemStatus.RECEIVED and i.due_on]
    return BundleSummary(
        received=len(bundle.received_of(finding)),
        total=len(keys),
        overdue=sum(domain.is_overdue(i.due_on, i.status, today) for i in waiting),
        next_due=min((i.due_on for i in waiting if i.due_on), default=None),
        overridden=bundle.override_of(finding) is not None,
    )


def _row(allocation: Allocation, finding: FamilyFinding | None, today: dt.date) -> Row:
    order_on = getattr(allocation, "placement_order_on", None)
    route = stage = None
    due: tuple[domain.Step, ...] = ()
    done = total = 0
    summary = None
    if finding is not None:
        route = domain.route(finding.council, finding.route_key)
        override = bundle.override_of(finding)
        steps = domain.progress(
            route,
            finding.done(),
            documents=bundle.received_of(finding),
            bundle_override=override.reason if override else "",
            results=finding.results(),
        )
        summary = _bundle_summary(finding, route, today) if route.bundle else None
        due = tuple(p.step for p in steps if p.state is domain.StepState.OPEN)
        stage = next(
            (p for p in steps if p.state is domain.StepState.OPEN),
            next((p for p in steps if p.state is domain.StepState.WAITING), None),
        )
        done = sum(p.state is domain.StepState.DONE for p in steps)
        total = len(steps)
    return Row(
        child=allocation.child,
        family_finder=allocation.family_finder,
        allocated_on=allocation.started_on,
        placement_order_on=order_on,
        days_since_order=(today - order_on).days if order_on else None,
        route=route,
        stage=stage,
        due=due,
        done=done,
        total=total,
        bundle=summary,
    )


@dataclass(frozen=True)
class Worklist:
    page: Page
    rows: tuple[Row, ...]
    routes: tuple[domain.Route, ...]
    route_key: str
    everyone: bool


def worklist(
    user: User, today: dt.date, *, page: str | None = None, route_key: str = ""
) -> Worklist:
    council = current_council()
    known = {r.key for r in domain.routes(council)}
    route_key = route_key if route_key in known else ""
    found = Paginator(allocations(user, route_key), PAGE_SIZE).get_page(page)
    children = [a.child_id for a in found.object_list]
    findings = {
        f.child_id: f
        for f in FamilyFinding.objects.filter(child_id__in=children).prefetch_related(
            "steps_done", "bundle_items", "bundle_overrides"
        )
    }
    return Worklist(
        page=found,
        rows=tuple(_row(a, findings.get(a.child_id), today) for a in found.object_list),
        routes=domain.routes(council),
        route_key=route_key,
        everyone=access.sees_every_family_finding(user),
    )
