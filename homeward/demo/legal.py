"""The legal process and support after permanence in the demo (issue 18 items 4 and 7), so each
is on the first click for the council it belongs to: the demo social worker's own children first.

- Pre-proceedings: for children at the edge of care in the Public Law Outline, the letter before
  proceedings a few days after the decision; for one whose 16 weeks have passed without an
  application, pre-proceedings ended (Practice Direction 12A; best practice guidance, check).
- Court filing dates for children in proceedings with no final order: the statement filed, the
  final evidence with the council's recommendation still to file.
- Under Dudley, a funded legal consultation offered to a relative of a child in proceedings
  (000 'Child Arrangements Orders and Special Guardianship Orders').
- Support plans for children who left care to a special guardianship, adoption or child
  arrangements order (the return's order_made), agreed on the order's day, reviewed a year on
  where that has passed; under Dudley the allowance agreed by the Access to Resources Panel; under
  Durham the Special Guardianship Panel's approval before the order and a welfare check.

Events are written in bulk; the builder recomputes every child's timescales at the end.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from homeward.children.models import Child, JourneyEvent
from homeward.domain import legal as rules
from homeward.domain.councils import CouncilProfile
from homeward.domain.meetings import meeting_types
from homeward.legal.models import (
    CourtFiling,
    LegalConsultation,
    PreProceedingsStep,
    SupportPlan,
    SupportPlanReview,
)
from homeward.meetings.services import schedule_meeting
from homeward.planning.models import PermanencePlan

CURRENT = Q(allocations__ended_on__isnull=True, allocations__social_worker__isnull=False)
ORDERS = {
    "special guardianship": "special_guardianship",
    "adoption": "adoption",
    "child arrangements": "child_arrangements",
}
ROUTES = {
    "special_guardianship_order": "special_guardianship",
    "adoption_order": "adoption",
    "child_arrangements_order": "child_arrangements",
}
SUPPORT = {
    "special_guardianship": "Therapeutic support for the child and training for the special "
    "guardians; help with family time with the birth parents",
    "adoption": "Adoption support: therapeutic parenting course and help with letterbox contact",
    "child_arrangements": "Support with family time and advice for the carers",
}


def _mine_first(qs: QuerySet[Child]) -> QuerySet[Child]:
    mine = Case(
        When(allocations__social_worker__username="social-worker", then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        Child.objects.filter(pk__in=qs.values("pk"))
        .filter(CURRENT)
        .annotate(mine=mine)
        .order_by("mine", "child_id")
    )


def _event(child: Child, kind: str, day: dt.date, notes: str = "") -> JourneyEvent:
    return JourneyEvent.objects.create(
        child=child, kind=kind, date=day, notes=notes, source=JourneyEvent.Source.RECORDED
    )


def _plan(child: Child, type_key: str, day: dt.date) -> None:
    """Plan a meeting of the legal process, by the child's social worker (a weekday)."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    allocation = child.allocations.filter(ended_on__isnull=True).first()
    if allocation is not None and allocation.social_worker is not None:
        schedule_meeting(
            child,
            type_key,
            day,
            by=allocation.social_worker,
            because="Demo: the legal process's next review of the plan",
        )


def build(profile: CouncilProfile, *, today: dt.date) -> dict[str, int]:
    practice = rules.practice(profile.slug)
    counts = {"pre_proceedings_steps": 0, "court_filings": 0, "support_plans": 0}

    # Pre-proceedings: the edge of care, in the PLO, no application yet.
    in_plo = _mine_first(
        Child.objects.filter(events__kind="plo_started").exclude(
            events__kind__in=["proceedings_issued", "became_looked_after"]
        )
    ).distinct()[:6]
    ended_one = False
    # Meetings are planned under the installation's profile (meetings.services reads it): the
    # types both hold, when a test builds another profile's demo.
    holds = {t.key for t in meeting_types(profile.slug)} & {
        t.key for t in meeting_types(settings.HOMEWARD_COUNCIL)
    }
    for i, child in enumerate(in_plo):
        started = child.events.filter(kind="plo_started").order_by("-date").first()
        assert started is not None
        letter_on = min(started.date + dt.timedelta(days=3), today)
        steps = [("letter_before_proceedings", letter_on, "Invited to a pre-proceedings meeting")]
        if not ended_one and (today - started.date).days > 16 * 7:
            ended_one = True
            steps.append(
                (
                    "pre_proceedings_ended",
                    started.date + dt.timedelta(weeks=15),
                    "The family's plan worked: no application to court",
                )
            )
        for kind, day, notes in steps:
            PreProceedingsStep.objects.create(
                child=child,
                kind=kind,
                date=day,
                notes=notes,
                journey_event=_event(child, kind, day, notes),
            )
            counts["pre_proceedings_steps"] += 1
        if i < 2:  # the next pre-proceedings meeting, and (Durham) the locality legal clinic
            _plan(child, "pre_proceedings_meeting", today + dt.timedelta(days=7))
            if "legal_clinic" in holds:
                _plan(child, "legal_clinic", today + dt.timedelta(days=14))

    # Court filings: in proceedings, no final order.
    in_court = _mine_first(
        Child.objects.filter(events__kind="proceedings_issued").exclude(
            events__kind__in=[
                "care_order",
                "placement_order",
                "order_made",
                "proceedings_concluded",
            ]
        )
    ).distinct()[:6]
    for i, child in enumerate(in_court):
        issued = child.events.filter(kind="proceedings_issued").order_by("-date").first()
        assert issued is not None
        statement_due = issued.date + dt.timedelta(days=14)
        CourtFiling.objects.create(
            child=child,
            kind="statement",
            due_on=statement_due,
            filed_on=statement_due if statement_due <= today else None,
        )
        CourtFiling.objects.create(
            child=child,
            kind="final_evidence",
            due_on=max(issued.date + dt.timedelta(weeks=20), today),
        )
        counts["court_filings"] += 2
        if i == 0 and "case_management_review_panel" in holds:
            _plan(child, "case_management_review_panel", today + dt.timedelta(days=21))
        if practice.family_legal_consultation_source and i == 0:
            LegalConsultation.objects.create(
                child=child,
                family_member="Maternal aunt",
                relationship="Maternal aunt",
                offered_on=min(issued.date + dt.timedelta(days=7), today),
            )

    # Support plans after the order.
    ordered = _mine_first(Child.objects.filter(events__kind="order_made")).distinct()[:6]
    for child in ordered:
        order = child.events.filter(kind="order_made").order_by("-date").first()
        assert order is not None
        kind = next((v for k, v in ORDERS.items() if k in order.notes.lower()), None)
        if kind is None:
            continue
        panel_on = order.date - dt.timedelta(days=14)
        if practice.welfare_checks_source and kind == "special_guardianship":
            _event(child, "special_guardianship_panel_approved", panel_on, "Demo: panel approval")
        plan = SupportPlan.objects.create(
            child=child,
            order_kind=kind,
            order_made_on=order.date,
            agreed_on=order.date,
            services=SUPPORT[kind],
            allowance="agreed" if practice.allowance_panel else "none",
            allowance_panel_on=panel_on if practice.allowance_panel else None,
            journey_event=_event(child, "support_plan_agreed", order.date),
        )
        counts["support_plans"] += 1
        if practice.welfare_checks_source and kind == "special_guardianship":
            check_on = panel_on + dt.timedelta(days=7)
            SupportPlanReview.objects.create(
                plan=plan,
                kind="kinship_welfare_check",
                held_on=check_on,
                notes="Welfare check: the carers are managing well",
                journey_event=_event(child, "kinship_welfare_check", check_on),
            )
        review_on = order.date + dt.timedelta(days=360)
        if review_on <= today:
            SupportPlanReview.objects.create(
                plan=plan,
                held_on=review_on,
                notes="The support continues; therapy to end in the spring",
                journey_event=_event(child, "support_plan_reviewed", review_on),
            )
    # The demo social worker's child whose agreed plan's legal route is an order, where none of
    # their children has left care to one yet: the support plan agreed ahead of the order, from
    # the plan's own support plan (the special guardianship report to the court covers the
    # support: Special Guardianship Regulations 2005 Schedule, check).
    worker_has_one = SupportPlan.objects.filter(
        child__allocations__social_worker__username="social-worker",
        child__allocations__ended_on__isnull=True,
    ).exists()
    if not worker_has_one:
        plan_before = (
            PermanencePlan.objects.filter(
                child__allocations__social_worker__username="social-worker",
                child__allocations__ended_on__isnull=True,
                legal_route__in=list(ROUTES),
            )
            .select_related("child")
            .order_by("child__child_id", "-version")
            .first()
        )
        if plan_before is not None:
            child, kind = plan_before.child, ROUTES[plan_before.legal_route]
            agreed_on = max(plan_before.agreed_on, today - dt.timedelta(days=10))
            SupportPlan.objects.create(
                child=child,
                order_kind=kind,
                agreed_on=agreed_on,
                services=plan_before.support_plan or SUPPORT[kind],
                allowance="awaiting" if practice.allowance_panel else "none",
                journey_event=_event(child, "support_plan_agreed", agreed_on),
            )
            counts["support_plans"] += 1
    return counts
