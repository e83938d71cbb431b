"""Reads for the Plan tab: a fixed number of queries however many options, changes, plan
versions and assessments a child has (asserted in tests/planning/test_views.py). Deadlines come
from the timescales engine: the permanence plan's from rule ``permanence-plan``, assessments'
from ``task_status``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet

from homeward.accounts import access
from homeward.children.models import Child, SignOff
from homeward.domain import permanence as rules
from homeward.domain import sign_offs as sign_off_rules
from homeward.domain.timescales import Status, task_status
from homeward.planning.models import (
    AdoptionDecision,
    Assessment,
    CareProceedings,
    FosterForAdoptionConsideration,
    OptionChange,
    PermanenceAchieved,
    PermanenceOption,
    PermanencePlan,
)
from homeward.timescales import selectors as timescales
from homeward.timescales.models import Expectation

if TYPE_CHECKING:
    from homeward.accounts.models import User

PLAN_RULE = "permanence-plan"


@dataclass(frozen=True)
class AssessmentRow:
    assessment: Assessment
    status: Status
    days_late: int


@dataclass
class OptionCard:
    option: PermanenceOption
    changes: list[OptionChange]
    criteria: list[tuple[rules.Criterion, str, str]]  # criterion, met, evidence
    summary: rules.CriteriaSummary
    assessments: list[AssessmentRow]
    # Decision support: what is still needed before this option can go further.
    still_needed: list[str] = field(default_factory=list)

    @property
    def last_change(self) -> OptionChange | None:
        return self.changes[0] if self.changes else None


@dataclass
class PlanTab:
    cards: list[OptionCard]
    plans: list[PermanencePlan]  # newest version first
    deadline: Expectation | None
    assessments: list[AssessmentRow]
    achieved: list[PermanenceAchieved]
    adoption: AdoptionDecision | None
    ffa: FosterForAdoptionConsideration | None
    readiness: rules.AdoptionReadiness
    kinds_left: list[rules.OptionKind]

    @property
    def plan(self) -> PermanencePlan | None:
        return self.plans[0] if self.plans else None

    @property
    def plan_overtaken(self) -> list[str]:
        """Options in the agreed plan whose status has since moved away from it (a preferred
        option ruled out, say): the plan needs a new version."""
        plan = self.plan
        if plan is None:
            return []
        status = {c.option.pk: c.option.status for c in self.cards}
        labels = {c.option.pk: c.option.get_kind_display() for c in self.cards}
        expected = {plan.preferred_option_id: rules.OptionStatus.PREFERRED.value}
        expected.update(
            {o.pk: rules.OptionStatus.CONTINGENCY.value for o in plan.contingencies.all()}
        )
        return [labels[pk] for pk, want in expected.items() if status.get(pk) != want]

    @property
    def open_assessments(self) -> list[AssessmentRow]:
        return [row for row in self.assessments if row.status.is_open]

    @property
    def considering_adoption(self) -> bool:
        return any(
            c.option.kind_info.adoption_route and c.option.status != "ruled_out" for c in self.cards
        )


def assessment_row(assessment: Assessment, today: dt.date) -> AssessmentRow:
    status, late = task_status(
        assessment.due_on,
        done_on=assessment.completed_on,
        today=today,
        cancelled=assessment.cancelled,
    )
    return AssessmentRow(assessment, status, late)


def permanence_plan_deadline(child: Child, today: dt.date) -> Expectation | None:
    """The stored permanence-plan deadline: the open one if there is one, else the latest."""
    return timescales.permanence_plan(child, today=today)


def _still_needed(
    option: PermanenceOption,
    readiness: rules.AdoptionReadiness,
    undecided: list[str],
    has_placement_order: bool,
) -> list[str]:
    if option.status == rules.OptionStatus.RULED_OUT.value:
        return []
    needed: list[str] = []
    if option.status != rules.OptionStatus.PREFERRED.value:
        needed += [
            p.message for p in rules.adoption_problems(option.kind, readiness, undecided=undecided)
        ]
    weighed = rules.strengths_and_risks_needed(option.status, option.strengths, option.risks)
    if weighed:
        needed.append(weighed)
    if option.kind_info.adoption_route and not has_placement_order:
        needed.append(
            "Family finding proceeds once a placement order is made "
            "(002_a77630a273fce245.txt section 4 'Adoption')"
        )
    return needed


def plan_tab(child: Child, *, today: dt.date) -> PlanTab:
    options = list(
        PermanenceOption.objects.filter(child=child).prefetch_related(
            Prefetch(
                "changes",
                queryset=OptionChange.objects.select_related("by", "signed_off_by").order_by(
                    "-at", "-pk"
                ),
            ),
            "criteria",
        )
    )
    options.sort(key=lambda o: o.position)
    assessments = [
        assessment_row(a, today)
        for a in Assessment.objects.filter(child=child).select_related("option", "recorded_by")
    ]
    # Open first (most urgent first, as everywhere else), then the rest newest first.
    order = {Status.OVERDUE: 0, Status.DUE_SOON: 1, Status.UPCOMING: 2}
    assessments.sort(
        key=lambda r: (
            order.get(r.status, 3),
            r.assessment.due_on.toordinal() * (1 if r.status.is_open else -1),
        )
    )
    adoption = AdoptionDecision.objects.filter(child=child).first()
    ffa = FosterForAdoptionConsideration.objects.filter(child=child).first()
    readiness = rules.AdoptionReadiness(
        nothing_else_will_do=bool(adoption and adoption.nothing_else_will_do.strip()),
        adm_decided=bool(adoption and adoption.adm_decided),
        ffa_considered=ffa is not None,
    )
    has_placement_order = child.events.filter(kind="placement_order").exists()
    undecided = [o.kind for o in options if o.status in rules.UNDECIDED]
    cards = []
    for option in options:
        answers = {c.criterion: c for c in option.criteria.all()}
        criteria = [
            (
                criterion,
                answers[criterion.key].met if criterion.key in answers else rules.Met.UNKNOWN.value,
                answers[criterion.key].evidence if criterion.key in answers else "",
            )
            for criterion in rules.criteria_for(option.kind)
        ]
        cards.append(
            OptionCard(
                option=option,
                changes=list(option.changes.all()),
                criteria=criteria,
                summary=rules.summarise(
                    option.kind, {key: rules.Met(a.met) for key, a in answers.items()}
                ),
                assessments=[r for r in assessments if r.assessment.option_id == option.pk],
                still_needed=_still_needed(
                    option,
                    readiness,
                    [k for k in undecided if k != option.kind],
                    has_placement_order,
                ),
            )
        )
    plans = list(
        PermanencePlan.objects.filter(child=child)
        .select_related("preferred_option", "recorded_by")
        .prefetch_related("contingencies")
        .order_by("-version")
    )
    taken = {o.kind for o in options}
    return PlanTab(
        cards=cards,
        plans=plans,
        deadline=permanence_plan_deadline(child, today),
        assessments=assessments,
        achieved=list(
            PermanenceAchieved.objects.filter(child=child).select_related(
                "option", "ending", "recorded_by"
            )
        ),
        adoption=adoption,
        ffa=ffa,
        readiness=readiness,
        kinds_left=[k for k in rules.OPTION_KINDS if k.key not in taken],
    )


# The 26 weeks of care proceedings (rules/statutory.toml): from the issue date, or estimated from
# an interim care order while no issue date is recorded.
ESTIMATED_PROCEEDINGS_RULE = "care-proceedings-26-weeks-estimated"
PROCEEDINGS_RULES = ("care-proceedings-26-weeks", ESTIMATED_PROCEEDINGS_RULE)


def proceedings_section(child: Child, *, today: dt.date) -> dict[str, Any]:
    """The Plan tab's care proceedings: each set recorded with its extensions, and the stored
    26-week deadlines (exact, or estimated from an interim care order). Three queries."""
    proceedings = list(
        CareProceedings.objects.filter(child=child)
        .prefetch_related("extensions")
        .order_by("-issued_on", "-pk")
    )
    deadlines = list(
        Expectation.objects.filter(child=child, rule_id__in=PROCEEDINGS_RULES)
        .as_of(today)
        .order_by("-due")
    )
    return {
        "proceedings": proceedings,
        "proceedings_deadlines": deadlines,
        "issue_date_missing": any(
            d.rule_id == ESTIMATED_PROCEEDINGS_RULE and d.status.is_open for d in deadlines
        ),
    }


# Sign-offs (issue 18 item 1; homeward.domain.sign_offs).


@dataclass(frozen=True)
class SignOffRow:
    sign_off: SignOff
    kind: sign_off_rules.SignOffKind
    status: str  # the awaiting text, or the decision's word ("Agreed", "Not authorised")
    can_decide: bool  # the user's role is the one it was asked of, and it is awaiting


def _row(sign_off: SignOff, user: User) -> SignOffRow | None:
    kind = sign_off_rules.kind_of(sign_off.kind)
    if kind is None:
        return None
    return SignOffRow(
        sign_off,
        kind,
        sign_off_rules.status(sign_off.agreed, kind),
        sign_off.is_pending and access.may_decide_sign_off(user, sign_off.signer_role),
    )


def sign_off_section(child: Child, user: User, *, council: str) -> dict[str, Any]:
    """The Plan tab's sign-offs: the council's required kinds and every sign-off asked for on
    the child, awaiting first, with whether this user records each. One query."""
    rows = (
        SignOff.objects.filter(child=child)
        .select_related("requested_by", "decided_by")
        .order_by("-decided_on", "-requested_on", "-pk")
    )
    found = [r for sign_off in rows if (r := _row(sign_off, user)) is not None]
    found.sort(key=lambda r: not r.sign_off.is_pending)  # awaiting first, each group as ordered
    awaiting_plan = next(
        (
            r.status
            for r in found
            if r.sign_off.is_pending and r.kind is sign_off_rules.REUNIFICATION_PLAN
        ),
        "",
    )
    return {
        "sign_offs": found,
        # The agreed reunification plan is not agreed until its sign-off is (002 'Return home
        # from care'): the plan's card says so while one awaits.
        "plan_awaiting_sign_off": awaiting_plan,
        "sign_offs_required": sign_off_rules.required(council),
        "can_request_sign_off": access.can_request_sign_off(user, child),
    }


def sign_off_worklist(user: User) -> tuple[list[SignOffRow], list[SignOffRow]]:
    """The sign-offs asked of the user's role on the children they may see: those awaiting a
    decision (oldest first) and the 50 most recently decided. Two queries however many."""
    asked: QuerySet[SignOff] = access.of_children(
        SignOff.objects.filter(signer_role=user.role), access.visible_children(user)
    ).select_related("child", "requested_by", "decided_by")
    awaiting = asked.filter(decided_on__isnull=True).order_by("requested_on", "pk")
    decided = asked.filter(decided_on__isnull=False).order_by("-decided_on", "-pk")[:50]
    return (
        [r for s in awaiting if (r := _row(s, user)) is not None],
        [r for s in decided if (r := _row(s, user)) is not None],
    )
