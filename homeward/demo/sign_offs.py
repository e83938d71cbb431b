"""Sign-offs in the demo (issue 18 item 1): for each sign-off the council's profile requires
(homeward.domain.sign_offs), one child awaiting it and one where it was agreed, so the strategic
manager, the agency decision maker or the IRO has a decision to record on first sign-in.

Children are chosen for the step: the Public Law Outline for an entry into proceedings, a return
home being planned for a reunification plan and its ratification, a care order for a placement
with parents; the demo social worker's own children first, so their record shows the step
awaiting too. Requests are the allocated social worker's; decisions the role's own.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from homeward.accounts.models import User
from homeward.children.models import Child, SignOff
from homeward.domain import sign_offs as rules
from homeward.domain.councils import CouncilProfile

CURRENT = Q(allocations__ended_on__isnull=True)
# Only a child looked after now (an open episode) awaits a decision about their care: a
# reunification plan, a return home or a placement with parents under a care order
# (homeward.domain.sign_offs: Dudley 000 'Specialist Assessments'; CPR 2010 Part 4).
# (Not "no episode at all", which the join's NULL would also match.)
LOOKED_AFTER_NOW = Q(episodes__isnull=False, episodes__end_date__isnull=True)
# The events that make a child a fit for each kind of sign-off, best first; each fit is filters
# applied one after another (two events of different kinds need two joins).
FITS: dict[str, tuple[tuple[Q, ...], ...]] = {
    rules.PROCEEDINGS_ENTRY.slug: (
        (
            Q(events__kind__in=["plo_started", "legal_planning_meeting"]),
            ~Q(events__kind__in=["proceedings_issued", "became_looked_after"]),
        ),
    ),
    rules.REUNIFICATION_PLAN.slug: (
        (
            Q(events__kind__in=["return_home_planned", "reunification_assessment_started"]),
            LOOKED_AFTER_NOW,
        ),
        (Q(events__kind="became_looked_after"), LOOKED_AFTER_NOW),
    ),
    rules.RETURN_HOME_RATIFIED.slug: (
        (Q(events__kind="return_home_planned"), LOOKED_AFTER_NOW),
        (Q(events__kind="became_looked_after"), LOOKED_AFTER_NOW),
    ),
    rules.PLACEMENT_WITH_PARENTS.slug: (
        (
            Q(events__kind="placed_with_parent"),
            Q(events__kind__in=["care_order", "interim_care_order"]),
            LOOKED_AFTER_NOW,
        ),
        (Q(events__kind__in=["care_order", "interim_care_order"]), LOOKED_AFTER_NOW),
    ),
}


def _candidates(
    fit: tuple[Q, ...], kind: rules.SignOffKind, signer: User | None
) -> QuerySet[Child]:
    fitting = Child.objects.all()
    for condition in fit:
        fitting = fitting.filter(condition)
    qs = Child.objects.filter(pk__in=fitting.values("pk")).filter(
        CURRENT, allocations__social_worker__isnull=False
    )
    if kind.signer_role == rules.IRO:
        # Ratified at the looked-after review the child's own IRO chairs: the demo IRO's children.
        qs = qs.filter(allocations__iro=signer)
    mine = Case(
        When(allocations__social_worker__username="social-worker", then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return qs.annotate(mine=mine).order_by("mine", "child_id")


def build(profile: CouncilProfile, *, today: dt.date) -> int:
    """Ask for (and agree some of) the sign-offs the profile requires; returns how many."""
    used: set[int] = set()
    made: list[SignOff] = []
    for kind in rules.required(profile.slug):
        signer = (
            User.objects.filter(username="iro").first()
            if kind.signer_role == rules.IRO
            else User.objects.filter(role=kind.signer_role, is_demo=True).order_by("pk").first()
        )
        if signer is None:
            continue
        chosen: list[Child] = []
        for fit in FITS[kind.slug]:
            for child in _candidates(fit, kind, signer)[:10]:
                if child.pk not in used and len(chosen) < 2:
                    chosen.append(child)
                    used.add(child.pk)
        for n, child in enumerate(chosen):
            allocation = child.allocations.get(ended_on__isnull=True)
            asked = today - dt.timedelta(days=3 + 14 * n)
            sign_off = SignOff(
                child=child,
                kind=kind.slug,
                signer_role=kind.signer_role,
                notes=f"{kind.step}: see the plan and the latest assessment",
                requested_by=allocation.social_worker,
                requested_on=asked,
            )
            if n:  # the second child's was agreed a week after it was asked for
                sign_off.agreed = True
                sign_off.decided_on = asked + dt.timedelta(days=7)
                sign_off.decided_by = signer
            made.append(sign_off)
    SignOff.objects.bulk_create(made)
    return len(made)
