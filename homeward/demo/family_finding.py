"""The demo council's family finding (``manage.py demo``; issue 15 items 2, 3, 7 and 9): the
children allocated to the demo family finder (username family-finder, by the panel's fostering
and adoption outcomes) are put on the council's routes, with steps done at different stages, and
pen pictures written for some and sent to in-house carers, and permanence bundles complete or
part complete with small synthetic PDFs, so the worklist shows a working day.

Called once by ``homeward.demo.builder.build``, after the panels and the carers register.
Deterministic from the demo's seed and ``today``. Each child's steps are checked with the
domain's own ``done_problems`` before they are written.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Q

from homeward.accounts.actor import Actor
from homeward.accounts.models import User
from homeward.children.models import Allocation, JourneyEvent
from homeward.demo.documents import tiny_pdf
from homeward.documents.services import store
from homeward.domain import pen_picture as pp
from homeward.domain import route_outcomes
from homeward.domain import routes as domain
from homeward.domain.councils import CouncilProfile
from homeward.domain.documents import PERMANENCE_BUNDLE
from homeward.matching import routes as services
from homeward.matching.models import (
    BundleItem,
    BundleOverride,
    CarerGroup,
    FamilyFinding,
    PenPicture,
    PenPictureSent,
    RouteStepDone,
    bundle_source,
)
from homeward.planning.models import PermanenceOption

# Of the family finder's children, how many are put on a route (the others wait for one, so the
# worklist shows "Choose the route" too).
ON_A_ROUTE = 0.8
DAYS_BETWEEN_STEPS = (5, 21)
# Children with a plan a family is found for (or a placement order) are allocated the family
# finder too, up to this many in all, as a fostering or adoption outcome would (001
# 'Outcomes from meeting': a Fostering Family Finder is allocated), so a small demo has a
# worklist.
AT_LEAST = 12
# Children whose bundle gets files (a small PDF each): the rest past the panel have a manager's
# override, so a 50,000-child demo stays quick.
BUNDLE_CAP = 24
FAMILY_FOUND_FOR = ("long_term_fostering", "adoption", "foster_for_adoption", "residential")


def _allocate_more(finder: User) -> None:
    mine = Allocation.objects.filter(ended_on__isnull=True, family_finder=finder).count()
    if mine >= AT_LEAST:
        return
    planned = PermanenceOption.objects.filter(status="preferred", kind__in=FAMILY_FOUND_FOR).values(
        "child_id"
    )
    ordered = JourneyEvent.objects.filter(kind="placement_order").values("child_id")
    more = (
        Allocation.objects.filter(ended_on__isnull=True, family_finder__isnull=True)
        .filter(Q(child_id__in=planned) | Q(child_id__in=ordered))
        .order_by("child__child_id")
        .values_list("pk", flat=True)[: AT_LEAST - mine]
    )
    Allocation.objects.filter(pk__in=list(more)).update(family_finder=finder)


def _stage(route: domain.Route, i: int) -> int:
    """How many steps are done: every stage across the children, for every other child the
    stage where the next step is the family finder's own, and for every fourth a panel's or
    decision's outcome next (issue 15 item 6)."""
    theirs = [n for n, step in enumerate(route.steps) if step.role == "family_finder"]
    if theirs and i % 2 == 0:
        return theirs[(i // 2) % len(theirs)]
    decisions = [n for n, step in enumerate(route.steps) if step.outcome is not None]
    if decisions and i % 4 == 1:
        return decisions[(i // 4) % len(decisions)]
    return i % len(route.steps)


# Synthetic names for who decided (never a real person), by whose name the outcome asks.
DECIDERS = ("Morgan Ashby", "Jordan Fenwick", "Casey Holloway", "Riley Thorne")
NOT_POSITIVE_EVERY = 3  # every third child whose last step has an outcome: deferred or not


def _outcome(row: RouteStepDone, step: domain.Step, i: int, *, last: bool) -> None:
    """The outcome of a panel or decision recorded at a demo step: positive, except for some
    children's last step (deferred, or not agreed), so the tab shows the later steps closed with
    the reason."""
    outcome = step.outcome
    if outcome is None:
        return
    result = outcome.results[0]
    if last and i % NOT_POSITIVE_EVERY == 0:
        result = outcome.results[-1]
        row.reason = "The panel asked for an updated support plan (synthetic demo)"
    row.result = result.value
    row.decided_by = DECIDERS[i % len(DECIDERS)]
    if outcome.complex_case:
        row.complex_case = i % 2 == 1
    if outcome.childs_voice:
        if i % 2:
            row.childs_voice = "I like it here and I want to stay (synthetic demo)"
        else:
            row.no_voice_reason = "Too young to give a view; seen with the carers (synthetic demo)"


def _route_for(child_id: int, council: str, plans: dict[int, str], i: int) -> domain.Route:
    found = domain.routes_for_option(council, plans[child_id]) if child_id in plans else ()
    choices = found or domain.routes(council)
    return choices[i % len(choices)]


def build(profile: CouncilProfile, *, seed: int, today: dt.date) -> dict[str, int]:
    finder = User.objects.filter(username="family-finder").first()
    if finder is None or FamilyFinding.objects.exists():
        return {"family_findings": 0}
    rng = random.Random(seed * 7919 + 157)  # its own stream: the rest of the demo is unchanged
    council = profile.slug
    by_role = {
        role: User.objects.filter(is_demo=True, role=role).order_by("username").first()
        for role in ("social_worker", "team_manager", "service_manager", "panel_administrator")
    }
    by_role["family_finder"] = finder
    _allocate_more(finder)
    allocations = list(
        Allocation.objects.filter(ended_on__isnull=True, family_finder=finder)
        .select_related("child", "social_worker")
        .order_by("child__child_id")
    )
    plans = dict(
        PermanenceOption.objects.filter(
            child_id__in=[a.child_id for a in allocations], status="preferred"
        ).values_list("child_id", "kind")
    )
    findings: list[FamilyFinding] = []
    done_rows: list[RouteStepDone] = []
    pictures: list[tuple[PenPicture, bool]] = []
    for i, allocation in enumerate(allocations):
        if rng.random() > ON_A_ROUTE:
            continue
        child = allocation.child
        route = _route_for(child.pk, council, plans, i)
        n_done = _stage(route, i)
        gaps = [rng.randint(*DAYS_BETWEEN_STEPS) for _ in range(n_done)]
        started = today - dt.timedelta(days=sum(gaps) + rng.randint(3, 20))
        finding = FamilyFinding(
            child=child,
            council=council,
            route_key=route.key,
            started_on=started,
            started_by=allocation.social_worker or finder,
        )
        findings.append(finding)
        on, done = started, {}
        for n, (step, gap) in enumerate(zip(route.steps[:n_done], gaps, strict=True)):
            on = min(on + dt.timedelta(days=gap), today)
            done[step.key] = on
            who = by_role.get(step.role) or finder
            if step.role == "social_worker" and allocation.social_worker is not None:
                who = allocation.social_worker
            note = "Written permission by email" if step.permission else ""
            row = RouteStepDone(finding=finding, step_key=step.key, done_on=on, by=who, note=note)
            _outcome(row, step, i, last=n == n_done - 1)
            if step.event is not None and route_outcomes.is_positive(row.result):
                row.event = JourneyEvent(
                    child=child,
                    kind=step.event,
                    date=on,
                    notes=f"{route.title}: {step.title}"[:500],
                    recorded_by=who,
                )
            done_rows.append(row)
        results = {r.step_key: r.result for r in done_rows if r.finding is finding and r.result}
        assert not domain.done_problems(route, done, today, results=results), (
            child.child_id,
            route.key,
        )
        if any(s.key == "pen_picture" for s in route.steps) or i % 3 == 0:
            text = pp.draft(services.facts(child, today))
            writer = allocation.social_worker or finder
            sent = "sent_to_internal_carers" in done
            pictures.append((PenPicture(child=child, text=text, written_by=writer), sent))
    FamilyFinding.objects.bulk_create(findings)
    # The journey events the outcomes wrote; the builder recomputes every child's timescales
    # once the demo is built (homeward.demo.builder).
    JourneyEvent.objects.bulk_create([r.event for r in done_rows if r.event is not None])
    for row in done_rows:
        row.finding_id = row.finding.pk
        if row.event is not None:
            row.event_id = row.event.pk
    RouteStepDone.objects.bulk_create(done_rows)
    PenPicture.objects.bulk_create([p for p, _ in pictures])
    sendings = []
    for picture, sent in pictures:
        if sent:
            done_on = next(
                r.done_on
                for r in done_rows
                if r.finding.child_id == picture.child_id
                and r.step_key == "sent_to_internal_carers"
            )
            sendings.append(
                PenPictureSent(
                    pen_picture=picture,
                    sent_on=done_on,
                    to_group=CarerGroup.ALL_IN_HOUSE_FOSTER,
                    safe_text=services.safe_text(picture.child, picture.text).text,
                    by=finder,
                )
            )
    PenPictureSent.objects.bulk_create(sendings)
    by_finding: dict[int, dict[str, dt.date]] = {}
    for row in done_rows:
        by_finding.setdefault(row.finding.pk, {})[row.step_key] = row.done_on
    files = _bundles(findings, by_finding, by_role, rng, today)
    return {"family_findings": len(findings), "bundle_files": files}


def _bundles(
    findings: list[FamilyFinding],
    done: dict[int, dict[str, dt.date]],
    by_role: dict[str, User | None],
    rng: random.Random,
    today: dt.date,
) -> int:
    """The permanence bundle of each child on a route with one (issue 15 item 5): complete, each
    document received with a small synthetic PDF, where the step that books the panel is done;
    otherwise part complete (some received, one in progress, due dates set, one overdue), so
    the Family finding tab and the worklist show the gate closed. Files are filed through the
    documents store like any upload; past ``BUNDLE_CAP`` children, a child past the panel has a
    manager's override instead, so the demo stays quick at any size."""
    filed = 0
    manager = by_role.get("team_manager") or by_role.get("service_manager")
    for n, finding in enumerate(findings):
        route = domain.route(finding.council, finding.route_key)
        if route.bundle is None:
            continue
        steps = done.get(finding.pk, {})
        panel = next(s for s in route.steps if s.needs_kind is domain.NeedsKind.BUNDLE)
        booked = panel.key in steps
        if n >= BUNDLE_CAP:
            if booked and manager is not None:
                BundleOverride.objects.create(
                    finding=finding,
                    reason="The papers are held on the fostering service's file (synthetic demo)",
                    by=manager,
                    recorded_on=steps[panel.key],
                )
            continue
        documents = route.bundle.documents
        received = len(documents) if booked else n % len(documents)
        latest = steps[panel.key] - dt.timedelta(days=2) if booked else today
        for k, document in enumerate(documents):
            owner = by_role.get(document.role) or by_role["family_finder"]
            if document.role == "social_worker" and finding.started_by.role == "social_worker":
                owner = finding.started_by  # the child's own social worker
            assert owner is not None
            actor = Actor.working_as(owner)
            due = finding.started_on + dt.timedelta(days=28 + 7 * k)
            if k < received:
                on = max(finding.started_on, latest - dt.timedelta(days=rng.randint(0, 10)))
                item = BundleItem.objects.create(
                    finding=finding,
                    document_key=document.key,
                    due_on=due,
                    due_set_by=by_role["family_finder"],
                    status=domain.BundleItemStatus.RECEIVED,
                    status_on=on,
                    status_by=owner,
                )
                pdf = tiny_pdf(
                    f"{document.title} (synthetic demo document)",
                    f"Child: {finding.child.child_id}",
                    f"Dated {on:%d %B %Y}",
                    "Demo Borough Council. Synthetic data for the demonstration only.",
                )
                store(
                    actor,
                    finding.child,
                    pdf,
                    PERMANENCE_BUNDLE,
                    document.title,
                    on,
                    source=bundle_source(item.pk),
                    filename=f"{document.key.replace('_', '-')}.pdf",
                )
                filed += 1
            elif k == received:
                BundleItem.objects.create(
                    finding=finding,
                    document_key=document.key,
                    due_on=due if n % 2 else max(due, today + dt.timedelta(days=14)),
                    due_set_by=by_role["family_finder"],
                    status=domain.BundleItemStatus.IN_PROGRESS,
                    status_on=max(finding.started_on, today - dt.timedelta(days=5)),
                    status_by=owner,
                    note="Drafting (synthetic demo)",
                )
    return filed
