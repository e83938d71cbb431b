"""Case audits in the demo (issue 18 item 9; Dudley strategy 'Quality and Audit'): the team
manager has audited some of the demo social worker's children (and the service manager some
others), so on first sign-in the social worker finds the grades on each child's Case audits tab
and the actions on "My work": one overdue, one due this week, one done."""

from __future__ import annotations

import datetime as dt
import random

from homeward.accounts.models import User
from homeward.children.models import Child
from homeward.domain import case_audit as rules
from homeward.quality.models import (
    CaseAudit,
    CaseAuditAction,
    EdgeOfCareIntervention,
    PermanenceAdvice,
    ProviderExpectation,
)

# (grade, the answer to every question but the family network's, the family network's, findings,
# actions as (text, days after the audit it is due, done))
PATTERNS: tuple[tuple[str, str, str, str, tuple[tuple[str, int, bool], ...]], ...] = (
    (
        "requires_improvement",
        "yes",
        "no",
        "The plan is clear but the family network has not been explored: no family network "
        "meeting since the referral and the genogram is out of date.",
        (
            ("Hold a family network meeting and update the genogram", 14, False),
            ("Record the strengths and risks of the special guardianship option", 35, False),
        ),
    ),
    (
        "good",
        "yes",
        "yes",
        "Options weighed with strengths and risks; the child's views are on the plan.",
        (),
    ),
    (
        "inadequate",
        "no",
        "partly",
        "No permanence plan agreed by the second Child in Care review; drift since the last "
        "permanence meeting.",
        (
            ("Agree the permanence plan at the next permanence meeting", 10, False),
            ("Ask the IRO to review the plan's timescale", 7, True),
        ),
    ),
)


def build(*, seed: int, today: dt.date) -> int:
    """Audits for the demo social worker's first children, then a few of other workers'."""
    rng = random.Random(seed + 189)
    manager = User.objects.filter(username="team-manager").first()
    head = User.objects.filter(username="service-manager").first()
    if manager is None or head is None:
        return 0
    current = Child.objects.filter(
        allocations__ended_on__isnull=True, allocations__social_worker__isnull=False
    )
    mine = list(current.filter(allocations__social_worker__username="social-worker")[:6])
    others = list(current.exclude(pk__in=[c.pk for c in mine]).order_by("child_id")[:12])
    made = 0
    for n, child in enumerate(mine + others):
        worker = child.allocations.get(ended_on__isnull=True).social_worker
        grade, answer, network, findings, actions = PATTERNS[n % len(PATTERNS)]
        # Audited 1 to 4 weeks ago: the first pattern's first action is due (or overdue) now.
        audited_on = today - dt.timedelta(days=7 * (1 + n % 4) + rng.randint(0, 3))
        audit = CaseAudit.objects.create(
            child=child,
            audited_on=audited_on,
            auditor=manager if n < len(mine) else head,
            answers={
                key: network if key == "family_network" else answer for key in rules.QUESTION_KEYS
            },
            grade=grade,
            findings=findings,
        )
        CaseAuditAction.objects.bulk_create(
            CaseAuditAction(
                audit=audit,
                child=child,
                text=text,
                owner=worker,
                due_on=audited_on + dt.timedelta(days=days),
                done_on=min(today, audited_on + dt.timedelta(days=days - 2)) if done else None,
            )
            for text, days, done in actions
        )
        made += 1
    _provider_expectations(mine[:3], manager, today)
    _edge_of_care_and_advice(manager, today)
    return made


# Expectations agreed with placement providers (Dudley strategy 'Home Linking Team'), in the
# seed's own areas: the demo social worker's first children in care.
EXPECTATIONS: tuple[tuple[str, str, str], ...] = (
    (
        "Brightwater Fostering (independent fostering agency)",
        "school_transport",
        "Drive the child to and from their own primary school until the end of the school year.",
    ),
    (
        "Brightwater Fostering (independent fostering agency)",
        "family_time",
        "Bring the child to family time with their mother every Saturday at the family centre.",
    ),
    (
        "Oakridge Children's Homes",
        "therapeutic",
        "Weekly sessions with the home's therapist; a key worker named within the first week.",
    ),
)


def _provider_expectations(children: list[Child], by: User, today: dt.date) -> None:
    rows = []
    for n, child in enumerate(children):
        provider, area, expectation = EXPECTATIONS[n % len(EXPECTATIONS)]
        rows.append(
            ProviderExpectation(
                child=child,
                provider=provider,
                area=area,
                expectation=expectation,
                agreed_on=today - dt.timedelta(days=5 + 7 * n),
                agreed_with="The provider's registered manager",
                recorded_by=by,
            )
        )
    ProviderExpectation.objects.bulk_create(rows)


def _edge_of_care_and_advice(by: User, today: dt.date) -> None:
    """Edge-of-care interventions for the demo social worker's children before care, and advice
    on permanence options (one in a private fostering arrangement, one in care from the IRO)."""
    worker_children = Child.objects.filter(
        allocations__ended_on__isnull=True, allocations__social_worker__username="social-worker"
    ).order_by("child_id")
    before_care = list(worker_children.exclude(events__kind="became_looked_after")[:3])
    in_care = list(worker_children.filter(events__kind="became_looked_after").distinct()[:1])
    interventions = []
    for n, child in enumerate(before_care):
        interventions += [
            EdgeOfCareIntervention(
                child=child,
                kind="edge_of_care_service",
                what="Intensive support at home: routines, school attendance, de-escalation.",
                started_on=today - dt.timedelta(days=60 + 7 * n),
                ended_on=today - dt.timedelta(days=4 + n) if n else None,
                recorded_by=by,
            ),
            EdgeOfCareIntervention(
                child=child,
                kind="family_network_meeting",
                what="The grandparents agreed to share care at weekends (the family's own plan).",
                started_on=today - dt.timedelta(days=30 + 7 * n),
                ended_on=today - dt.timedelta(days=30 + 7 * n),
                recorded_by=by,
            ),
        ]
    EdgeOfCareIntervention.objects.bulk_create(interventions)
    advice = []
    if before_care:
        advice.append(
            PermanenceAdvice(
                child=before_care[0],
                arrangement="private_fostering",
                adviser="childrens_rights",
                what="Living with a family friend: talked through staying there long term, a "
                "child arrangements order and special guardianship, and who to call.",
                started_on=today - dt.timedelta(days=12),
                recorded_by=by,
            )
        )
    for child in in_care:
        advice.append(
            PermanenceAdvice(
                child=child,
                arrangement="in_care",
                adviser="iro",
                what="Before the review: what long-term fostering and special guardianship "
                "would mean, and how to have a say at the review.",
                started_on=today - dt.timedelta(days=20),
                recorded_by=by,
            )
        )
    PermanenceAdvice.objects.bulk_create(advice)
