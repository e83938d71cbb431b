"""Writes to a child's permanence planning. Each is one transaction: the rules in
``homeward.domain.permanence`` are checked first, a change with any problem is refused whole
(``ValidationError`` naming the field), and every write is audited with before and after.

Recording a real-world event (a plan agreed, an ADM decision, a return home, an order made, a
pre-birth assessment completed) also records the child's ``JourneyEvent`` in the same
transaction, so the timescales engine sees it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts import access
from homeward.audit.models import AuditAction
from homeward.audit.services import record, snapshot
from homeward.children.models import Child, JourneyEvent, SignOff
from homeward.domain import permanence as rules
from homeward.domain import sign_offs as sign_off_rules
from homeward.domain.councils import profile_for
from homeward.domain.proceedings import MAX_EXTENSION_WEEKS
from homeward.planning.models import (
    AdoptionDecision,
    Assessment,
    CareProceedings,
    CriterionCheck,
    FosterForAdoptionConsideration,
    LearningReview,
    OptionChange,
    PermanenceAchieved,
    PermanenceOption,
    PermanencePlan,
    ProceedingsExtension,
)

if TYPE_CHECKING:
    from homeward.accounts.actor import Actor
    from homeward.accounts.models import User

S = rules.OptionStatus
ADOPTION = "adoption"


def refuse(problems: Iterable[rules.Problem]) -> None:
    """Raise one ValidationError with every problem, keyed by field ('' is the whole form)."""
    errors: dict[str, list[str]] = {}
    for problem in problems:
        errors.setdefault(problem.field or NON_FIELD_ERRORS, []).append(problem.message)
    if errors:
        raise ValidationError(errors)


def _lock(child: Child) -> Child:
    """Writes to one child's plan go one at a time (two managers signing off at once)."""
    return Child.objects.select_for_update().get(pk=child.pk)


def readiness(child: Child) -> rules.AdoptionReadiness:
    """What is on record for adoption: the Re B reasoning, the ADM's decision, the duty to
    consider foster for adoption."""
    decision = AdoptionDecision.objects.filter(child=child).first()
    return rules.AdoptionReadiness(
        nothing_else_will_do=bool(decision and decision.nothing_else_will_do.strip()),
        adm_decided=bool(decision and decision.adm_decided),
        ffa_considered=FosterForAdoptionConsideration.objects.filter(child=child).exists(),
    )


def _audit(
    action: AuditAction,
    obj: Any,
    *,
    child: Child,
    summary: str,
    by: User,
    actor: Actor | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    record(
        action,
        actor=actor,
        user=by,
        child_id=child.child_id,
        obj=obj,
        summary=summary,
        before=before,
        after=after if after is not None else snapshot(obj),
    )


def _journey_event(
    child: Child,
    kind: str,
    day: dt.date,
    notes: str,
    *,
    by: User,
    actor: Actor | None,
    field: str,
    event: JourneyEvent | None = None,
) -> JourneyEvent:
    """Record (or move) the journey event a planning record stands for; a date the record
    refuses is reported against the form's own date field."""
    before = snapshot(event) if event is not None else None
    if event is None:
        event = JourneyEvent(
            child=child, kind=kind, source=JourneyEvent.Source.RECORDED, recorded_by=by
        )
    event.date = day
    event.notes = notes[:500]
    try:
        event.full_clean()
    except ValidationError as exc:
        raise ValidationError({field: [m for ms in exc.message_dict.values() for m in ms]}) from exc
    event.save()
    _audit(
        AuditAction.CREATE if before is None else AuditAction.CHANGE,
        event,
        child=child,
        summary=f"{'Recorded' if before is None else 'Changed'} journey event: "
        f"{event.get_kind_display()}",
        by=by,
        actor=actor,
        before=before,
    )
    return event


def _drop_event(event: JourneyEvent, *, child: Child, by: User, actor: Actor | None) -> None:
    before = snapshot(event)
    event.delete()
    record(
        AuditAction.DELETE,
        actor=actor,
        user=by,
        child_id=child.child_id,
        summary=f"Removed journey event: {event.get_kind_display()} (its record changed)",
        before=before,
    )


def _apply(
    option: PermanenceOption,
    new: rules.OptionStatus,
    *,
    reason: str,
    by: User,
    actor: Actor | None,
    signed_off_by: User | None = None,
    assessment: Assessment | None = None,
    plan: PermanencePlan | None = None,
) -> OptionChange:
    before = snapshot(option)
    previous = option.status
    option.status = new.value
    option.save(update_fields=["status", "updated_at"])
    change = OptionChange.objects.create(
        option=option,
        from_status=previous,
        to_status=new.value,
        reason=reason,
        by=by,
        signed_off_by=signed_off_by,
        assessment=assessment,
        plan=plan,
    )
    signed = f", signed off by {signed_off_by}" if signed_off_by else ""
    _audit(
        AuditAction.CHANGE,
        option,
        child=option.child,
        summary=f"{option.get_kind_display()}: {rules.OptionStatus(previous).label} → "
        f"{new.label}{signed}",
        by=by,
        actor=actor,
        before=before,
    )
    return change


def _new_option(
    child: Child, kind: str, *, next_step: str, reason: str, by: User, actor: Actor | None
) -> PermanenceOption:
    option = PermanenceOption.objects.create(child=child, kind=kind, next_step=next_step)
    OptionChange.objects.create(
        option=option, from_status="", to_status=option.status, reason=reason, by=by
    )
    _audit(
        AuditAction.CREATE,
        option,
        child=child,
        summary=f"Added permanence option: {option.get_kind_display()}",
        by=by,
        actor=actor,
    )
    return option


@transaction.atomic
def add_option(
    child: Child,
    *,
    kind: str,
    next_step: str,
    reason: str,
    by: User,
    actor: Actor | None = None,
) -> PermanenceOption:
    """Start exploring an option. Reunification is added beside the first option if it is not
    there yet: it stays part of concurrent planning until permanence (DS objective 2)."""
    child = _lock(child)
    problems: list[rules.Problem] = []
    if kind not in rules.KINDS:
        problems.append(rules.Problem("kind", "Select the option to explore"))
    elif child.permanence_options.filter(kind=kind).exists():
        problems.append(
            rules.Problem(
                "kind",
                f"{rules.KINDS[kind].label} is already an option for {child.full_name}: "
                "change its status instead",
            )
        )
    if not reason.strip():
        problems.append(rules.Problem("reason", "Enter why this option is being explored"))
    refuse(problems)
    option = _new_option(child, kind, next_step=next_step, reason=reason, by=by, actor=actor)
    if kind == ADOPTION and child.sibling_group_id:
        # Durham 'Sibling Assessment': where the plan is adoption, an early together-or-apart
        # decision; this event starts its clock (the rule 'together-apart-decision').
        _journey_event(
            child,
            "adoption_option_added",
            timezone.localdate(),
            f"Adoption added as an option: {reason}",
            by=by,
            actor=actor,
            field="kind",
        )
    if not child.permanence_options.filter(kind=rules.REUNIFICATION).exists():
        _new_option(
            child,
            rules.REUNIFICATION,
            next_step="",
            reason=f"Added beside the first option: {rules.REUNIFICATION_SOURCE}.",
            by=by,
            actor=actor,
        )
    return option


@transaction.atomic
def change_status(
    option: PermanenceOption,
    *,
    to: str,
    reason: str,
    by: User,
    actor: Actor | None = None,
    assessment: Assessment | None = None,
) -> OptionChange:
    """Move an option to another status, with the reason. Ruling out is signed off by the user
    making the change, who must be allowed to (``access.can_sign_off``)."""
    option = PermanenceOption.objects.select_for_update().select_related("child").get(pk=option.pk)
    child = _lock(option.child)
    try:
        new = rules.OptionStatus(to)
    except ValueError:
        raise ValidationError({"status": "Select the new status"}) from None
    others = list(child.permanence_options.exclude(pk=option.pk))
    may_sign = access.can_sign_off(by, child)
    refuse(
        rules.status_change_problems(
            option.kind,
            rules.OptionStatus(option.status),
            new,
            reason=reason,
            signed_off_by_role=by.role if may_sign else None,
            readiness=readiness(child),
            preferred_elsewhere=next((o.kind for o in others if o.status == S.PREFERRED), None),
            undecided=[o.kind for o in others if o.status in rules.UNDECIDED],
        )
    )
    change = _apply(
        option,
        new,
        reason=reason,
        by=by,
        actor=actor,
        signed_off_by=by if new == S.RULED_OUT else None,
        assessment=assessment,
    )
    if option.kind == rules.REUNIFICATION and new == S.BEING_ASSESSED:
        # Durham's network meeting "during the assessment period" looks back to this event.
        _journey_event(
            child,
            "reunification_assessment_started",
            timezone.localdate(),
            "Reunification option moved to being assessed",
            by=by,
            actor=actor,
            field="status",
        )
    return change


@transaction.atomic
def update_next_step(
    option: PermanenceOption, *, next_step: str, by: User, actor: Actor | None = None
) -> PermanenceOption:
    before = snapshot(option)
    option.next_step = next_step[:300]
    option.save(update_fields=["next_step", "updated_at"])
    _audit(
        AuditAction.CHANGE,
        option,
        child=option.child,
        summary=f"{option.get_kind_display()}: next step changed",
        by=by,
        actor=actor,
        before=before,
    )
    return option


@transaction.atomic
def record_strengths_and_risks(
    option: PermanenceOption, *, strengths: str, risks: str, by: User, actor: Actor | None = None
) -> PermanenceOption:
    """The option's strengths and risks, both written down (DV 'Guiding Principles'); audited
    with the values before and after."""
    problems = rules.strengths_and_risks_problems(strengths, risks)
    if problems:
        raise ValidationError(problems)
    option = PermanenceOption.objects.select_for_update().get(pk=option.pk)
    before = snapshot(option)
    option.strengths, option.risks = strengths.strip(), risks.strip()
    option.save(update_fields=["strengths", "risks", "updated_at"])
    _audit(
        AuditAction.CHANGE,
        option,
        child=option.child,
        summary=f"{option.get_kind_display()}: strengths and risks recorded",
        by=by,
        actor=actor,
        before=before,
    )
    return option


@transaction.atomic
def record_criteria(
    option: PermanenceOption,
    answers: Mapping[str, tuple[str, str]],
    *,
    by: User,
    actor: Actor | None = None,
) -> list[CriterionCheck]:
    """The guide's criteria for this option, each met, not met or not known, with evidence."""
    expected = {c.key for c in rules.criteria_for(option.kind)}
    problems: list[rules.Problem] = []
    if set(answers) - expected:
        problems.append(rules.Problem("", "Answer only this option's criteria"))
    for key, (met, evidence) in answers.items():
        try:
            problems += rules.criterion_problems(key, rules.Met(met), evidence)
        except ValueError:
            problems.append(rules.Problem(f"met_{key}", "Select met, not met or not known yet"))
    refuse(problems)
    existing = {c.criterion: c for c in option.criteria.all()}
    before = {key: [c.met, c.evidence] for key, c in existing.items()}
    saved = []
    for key, (met, evidence) in answers.items():
        check = existing.get(key) or CriterionCheck(option=option, criterion=key)
        check.met, check.evidence, check.recorded_by = met, evidence.strip(), by
        check.save()
        saved.append(check)
    _audit(
        AuditAction.CHANGE,
        option,
        child=option.child,
        summary=f"{option.get_kind_display()}: criteria recorded",
        by=by,
        actor=actor,
        before=before,
        after={c.criterion: [c.met, c.evidence] for c in saved},
    )
    return saved


@transaction.atomic
def record_adoption_decision(
    child: Child,
    *,
    nothing_else_will_do: str,
    adm_name: str,
    adm_decided_on: dt.date | None,
    adm_outcome: str,
    by: User,
    actor: Actor | None = None,
) -> AdoptionDecision:
    """Re B's "nothing else will do" reasoning and the ADM's decision. A decision that the
    child should be placed for adoption is the journey event ``adm_decision``. While adoption
    is the preferred plan neither can be withdrawn (DU section 4 Adoption)."""
    child = _lock(child)
    preferred = child.permanence_options.filter(status=S.PREFERRED).first()
    refuse(
        rules.adm_problems(
            outcome=adm_outcome,
            decided_on=adm_decided_on,
            decision_maker=adm_name,
            today=timezone.localdate(),
        )
        + rules.preferred_adoption_problems(
            preferred.kind if preferred else None,
            rules.AdoptionReadiness(
                nothing_else_will_do=bool(nothing_else_will_do.strip()),
                adm_decided=AdoptionDecision(
                    adm_outcome=adm_outcome, adm_decided_on=adm_decided_on
                ).adm_decided,
                ffa_considered=True,  # not changed here
            ),
        )
    )
    decision = AdoptionDecision.objects.filter(child=child).first()
    before = snapshot(decision) if decision else None
    decision = decision or AdoptionDecision(child=child)
    decision.nothing_else_will_do = nothing_else_will_do.strip()
    decision.adm_name = adm_name.strip()
    decision.adm_decided_on = adm_decided_on
    decision.adm_outcome = adm_outcome
    decision.recorded_by = by
    event = decision.journey_event
    if decision.adm_decided and adm_decided_on is not None:
        decision.journey_event = _journey_event(
            child,
            "adm_decision",
            adm_decided_on,
            f"Agency decision maker: {decision.adm_name}",
            by=by,
            actor=actor,
            field="adm_decided_on",
            event=event,
        )
    elif event is not None:
        decision.journey_event = None
        decision.save()
        _drop_event(event, child=child, by=by, actor=actor)
    decision.save()
    _audit(
        AuditAction.CREATE if before is None else AuditAction.CHANGE,
        decision,
        child=child,
        summary="Recorded the adoption reasoning and agency decision maker's decision",
        by=by,
        actor=actor,
        before=before,
    )
    return decision


@transaction.atomic
def record_ffa_consideration(
    child: Child,
    *,
    considered_on: dt.date,
    connected_carer_considered: str,
    decision: str,
    reasons: str,
    by: User,
    actor: Actor | None = None,
) -> FosterForAdoptionConsideration:
    """The s22C(9A)-(9C) duty to consider foster for adoption, recorded."""
    child = _lock(child)
    problems = []
    if considered_on > timezone.localdate():
        problems.append(
            rules.Problem("considered_on", "Date considered must be today or in the past")
        )
    refuse(problems)
    row = FosterForAdoptionConsideration.objects.filter(child=child).first()
    before = snapshot(row) if row else None
    row = row or FosterForAdoptionConsideration(child=child)
    row.considered_on = considered_on
    row.connected_carer_considered = connected_carer_considered.strip()
    row.decision = decision
    row.reasons = reasons.strip()
    row.recorded_by = by
    row.full_clean()
    row.save()
    _audit(
        AuditAction.CREATE if before is None else AuditAction.CHANGE,
        row,
        child=child,
        summary="Recorded the duty to consider foster for adoption",
        by=by,
        actor=actor,
        before=before,
    )
    return row


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@transaction.atomic
def agree_plan(
    child: Child,
    *,
    preferred: PermanenceOption | None,
    contingencies: Iterable[PermanenceOption],
    legal_route: str,
    support_plan: str,
    agreed_on: dt.date,
    agreed_by: str,
    by: User,
    actor: Actor | None = None,
) -> PermanencePlan:
    """Agree the written permanence plan as a new version: the options' statuses follow it
    (preferred, contingencies; an option that dropped out of the plan goes back to viable), and
    the journey event ``permanence_plan_agreed`` meets the engine's ``permanence-plan`` rule."""
    child = _lock(child)
    options = {o.pk: o for o in child.permanence_options.select_for_update()}
    contingencies = list(contingencies)
    chosen = ([preferred] if preferred else []) + contingencies
    if any(o.pk not in options for o in chosen):
        refuse([rules.Problem("", "Choose options recorded for this child")])
    preferred = options[preferred.pk] if preferred else None
    contingencies = [options[o.pk] for o in contingencies]
    latest = child.permanence_plans.order_by("-version").first()
    problems = rules.plan_problems(
        preferred=preferred.state if preferred else None,
        contingencies=[o.state for o in contingencies],
        options=[o.state for o in options.values()],
        legal_route=legal_route,
        support_plan=support_plan,
        agreed_on=agreed_on,
        today=timezone.localdate(),
        readiness=readiness(child),
        previous_agreed_on=latest.agreed_on if latest else None,
        permanence_achieved=child.permanence_achieved.filter(ending__isnull=True).exists(),
    )
    if not agreed_by.strip():
        problems.append(
            rules.Problem("agreed_by", "Enter the meeting or review that agreed the plan")
        )
    refuse(problems)
    assert preferred is not None
    version = (latest.version + 1) if latest else 1
    event = _journey_event(
        child,
        "permanence_plan_agreed",
        agreed_on,
        f"Version {version}: {preferred.get_kind_display()}",
        by=by,
        actor=actor,
        field="agreed_on",
    )
    plan = PermanencePlan.objects.create(
        child=child,
        version=version,
        preferred_option=preferred,
        legal_route=legal_route,
        support_plan=support_plan.strip(),
        agreed_on=agreed_on,
        agreed_by=agreed_by.strip(),
        recorded_by=by,
        journey_event=event,
    )
    plan.contingencies.set(contingencies)
    reason = f"Permanence plan version {version} agreed on {_date(agreed_on)} ({plan.agreed_by})"
    in_plan = {o.pk for o in contingencies}
    for option in options.values():
        if option.pk == preferred.pk:
            target = S.PREFERRED
        elif option.pk in in_plan:
            target = S.CONTINGENCY
        elif option.status in {S.PREFERRED, S.CONTINGENCY}:
            target = S.VIABLE
        else:
            continue
        if option.status != target:
            _apply(option, target, reason=reason, by=by, actor=actor, plan=plan)
    _audit(
        AuditAction.CREATE,
        plan,
        child=child,
        summary=f"Agreed permanence plan version {version}: {preferred.get_kind_display()}",
        by=by,
        actor=actor,
        after={**snapshot(plan), "contingencies": sorted(o.kind for o in contingencies)},
    )
    _ask_for_reunification_sign_off(child, plan, by=by, actor=actor)
    return plan


def _ask_for_reunification_sign_off(
    child: Child, plan: PermanencePlan, *, by: User, actor: Actor | None
) -> None:
    """A plan whose preferred option is reunification is not agreed until the strategic manager
    agrees it, where the council's procedures say so (002 'Return home from care': "All
    reunification plans will need to be presented and agreed by the strategic manager"): agreeing
    it asks for that sign-off in the same transaction, unless one is already awaiting."""
    kind = sign_off_rules.REUNIFICATION_PLAN
    if plan.preferred_option.kind != rules.REUNIFICATION:
        return
    if kind not in sign_off_rules.required(council_slug()):
        return
    if child.sign_offs.filter(kind=kind.slug, decided_on__isnull=True).exists():
        return
    request_sign_off(
        child,
        kind=kind.slug,
        notes=f"Permanence plan version {plan.version}, agreed {_date(plan.agreed_on)} "
        f"({plan.agreed_by})",
        by=by,
        actor=actor,
    )


@transaction.atomic
def save_assessment(
    assessment: Assessment,
    *,
    before: dict[str, Any] | None,
    move_option_to: str = "",
    by: User,
    actor: Actor | None = None,
) -> Assessment:
    """Add or change an assessment. Its outcome may move the option it informs to a new status,
    through the same rules and history as any change (a rule-out still needs sign-off). A
    completed assessment whose completion a timescale waits for (pre-birth) is that event."""
    child = _lock(assessment.child)
    problems = rules.assessment_problems(
        requested_on=assessment.requested_on,
        due_on=assessment.due_on,
        completed_on=assessment.completed_on,
        outcome=assessment.outcome,
        today=timezone.localdate(),
    )
    if assessment.option is not None and assessment.option.child_id != child.pk:
        problems.append(rules.Problem("option", "Choose an option recorded for this child"))
    if move_option_to and assessment.option is None:
        problems.append(
            rules.Problem("move_option_to", "Choose the option the assessment informs first")
        )
    if move_option_to and not assessment.outcome:
        problems.append(
            rules.Problem(
                "move_option_to", "Record the outcome before moving the option it informs"
            )
        )
    refuse(problems)
    assessment.recorded_by = by
    assessment.full_clean()
    kind = rules.ASSESSMENTS[assessment.kind]
    event = assessment.journey_event
    if kind.completes_event and assessment.completed_on is not None:
        assessment.journey_event = _journey_event(
            child,
            kind.completes_event,
            assessment.completed_on,
            f"{kind.label} by {assessment.assessor}",
            by=by,
            actor=actor,
            field="completed_on",
            event=event,
        )
    elif event is not None:
        assessment.journey_event = None
    assessment.save()
    if event is not None and assessment.journey_event is None:
        _drop_event(event, child=child, by=by, actor=actor)
    _audit(
        AuditAction.CREATE if before is None else AuditAction.CHANGE,
        assessment,
        child=child,
        summary=f"{'Added' if before is None else 'Changed'} assessment: {kind.label}",
        by=by,
        actor=actor,
        before=before,
    )
    if move_option_to:
        assert assessment.option is not None and assessment.completed_on is not None
        outcome = rules.Outcome(assessment.outcome).label.lower()
        reason = f"{kind.label} completed on {_date(assessment.completed_on)}: {outcome}."
        if assessment.outcome_summary.strip():
            reason += f" {assessment.outcome_summary.strip()}"
        try:
            change_status(
                assessment.option,
                to=move_option_to,
                reason=reason,
                by=by,
                actor=actor,
                assessment=assessment,
            )
        except ValidationError as exc:
            raise ValidationError(
                {"move_option_to": [m for ms in exc.message_dict.values() for m in ms]}
            ) from exc
    return assessment


@transaction.atomic
def record_permanence_achieved(
    child: Child,
    *,
    option: PermanenceOption,
    legal_route: str,
    achieved_on: dt.date,
    notes: str,
    by: User,
    actor: Actor | None = None,
) -> PermanenceAchieved:
    """The child is home for good: the journey event is a return home, an order made or a
    placement with permanent carers, as fits the route."""
    child = _lock(child)
    if option.child_id != child.pk:
        refuse([rules.Problem("option", "Choose an option recorded for this child")])
    refuse(
        rules.achieved_problems(
            option.kind,
            rules.OptionStatus(option.status),
            legal_route,
            achieved_on,
            timezone.localdate(),
        )
    )
    kind = rules.achieved_event(option.kind, legal_route)
    event = _journey_event(
        child,
        kind,
        achieved_on,
        f"{option.get_kind_display()}: {rules.ROUTES[legal_route].label}",
        by=by,
        actor=actor,
        field="achieved_on",
    )
    achieved = PermanenceAchieved.objects.create(
        child=child,
        option=option,
        legal_route=legal_route,
        achieved_on=achieved_on,
        notes=notes.strip(),
        journey_event=event,
        recorded_by=by,
    )
    _audit(
        AuditAction.CREATE,
        achieved,
        child=child,
        summary=f"Recorded permanence achieved: {option.get_kind_display()}",
        by=by,
        actor=actor,
    )
    return achieved


@transaction.atomic
def record_ending(
    achieved: PermanenceAchieved,
    *,
    ended_on: dt.date,
    what_happened: str,
    review_held_on: dt.date | None,
    learning: str,
    by: User,
    actor: Actor | None = None,
) -> LearningReview:
    """A permanent home ended unplanned, and the learning review about it."""
    child = _lock(achieved.child)
    problems = rules.ending_problems(
        achieved_on=achieved.achieved_on,
        ended_on=ended_on,
        review_held_on=review_held_on,
        learning=learning,
        today=timezone.localdate(),
    )
    if not what_happened.strip():
        problems.append(rules.Problem("what_happened", "Enter what happened"))
    refuse(problems)
    review = LearningReview.objects.filter(achieved=achieved).first()
    before = snapshot(review) if review else None
    review = review or LearningReview(achieved=achieved)
    review.ended_on = ended_on
    review.what_happened = what_happened.strip()
    review.review_held_on = review_held_on
    review.learning = learning.strip()
    review.recorded_by = by
    review.save()
    _audit(
        AuditAction.CREATE if before is None else AuditAction.CHANGE,
        review,
        child=child,
        summary="Recorded an unplanned ending and its learning review",
        by=by,
        actor=actor,
        before=before,
    )
    return review


@transaction.atomic
def record_proceedings_issued(
    child: Child,
    *,
    issued_on: dt.date,
    court_reference: str,
    by: User,
    actor: Actor | None,
    proceedings: CareProceedings | None = None,
) -> CareProceedings:
    """Record (or correct) the day care proceedings were issued, and the journey event the 26
    weeks count from (Children Act 1989 s32(1)(a)); with it the Timescales tab stops estimating
    from the interim care order."""
    _lock(child)
    before = snapshot(proceedings) if proceedings is not None else None
    if proceedings is None:
        proceedings = CareProceedings(child=child, recorded_by=by)
    first = proceedings.extensions.order_by("granted_on").first() if proceedings.pk else None
    if first is not None and issued_on > first.granted_on:
        raise ValidationError(
            {
                "issued_on": "The date the application was issued must be on or before the "
                f"first extension ({first.granted_on:%d/%m/%Y})"
            }
        )
    proceedings.issued_on = issued_on
    proceedings.court_reference = court_reference
    proceedings.journey_event = _journey_event(
        child,
        "proceedings_issued",
        issued_on,
        f"Court case number {court_reference}" if court_reference else "",
        by=by,
        actor=actor,
        field="issued_on",
        event=proceedings.journey_event,
    )
    proceedings.full_clean()
    proceedings.save()
    _audit(
        AuditAction.CREATE if before is None else AuditAction.CHANGE,
        proceedings,
        child=child,
        summary=f"{'Recorded' if before is None else 'Changed'} care proceedings issued on "
        f"{issued_on:%d/%m/%Y}",
        by=by,
        actor=actor,
        before=before,
    )
    return proceedings


@transaction.atomic
def record_proceedings_extension(
    proceedings: CareProceedings,
    *,
    granted_on: dt.date,
    weeks: int,
    reason: str,
    by: User,
    actor: Actor | None,
) -> ProceedingsExtension:
    """Record the court's extension of the timetable and the journey event, with its weeks, that
    moves the deadline on (Children Act 1989 s32(5), (7), (8)). All or nothing."""
    child = _lock(proceedings.child)
    problems: dict[str, str] = {}
    if not 1 <= weeks <= MAX_EXTENSION_WEEKS:
        problems["weeks"] = (
            f"An extension is of 1 to {MAX_EXTENSION_WEEKS} weeks (Children Act 1989 s32(8))"
        )
    if granted_on < proceedings.issued_on:
        problems["granted_on"] = (
            "The date the court granted the extension must be on or after the date the "
            f"application was issued ({proceedings.issued_on:%d/%m/%Y})"
        )
    if not reason.strip():
        problems["reason"] = (
            "Enter why the court extended the timetable: extensions need specific justification "
            "(Children Act 1989 s32(7))"
        )
    if problems:
        raise ValidationError(problems)
    extension = ProceedingsExtension(
        proceedings=proceedings, granted_on=granted_on, weeks=weeks, reason=reason, recorded_by=by
    )
    event = JourneyEvent(
        child=child,
        kind="proceedings_extended",
        date=granted_on,
        weeks=weeks,
        notes=f"Extended by {weeks} weeks: {reason}"[:500],
        source=JourneyEvent.Source.RECORDED,
        recorded_by=by,
    )
    try:
        event.full_clean()
    except ValidationError as exc:
        raise ValidationError(
            {"granted_on": [m for ms in exc.message_dict.values() for m in ms]}
        ) from exc
    event.save()
    extension.journey_event = event
    extension.full_clean()
    extension.save()
    _audit(
        AuditAction.CREATE,
        extension,
        child=child,
        summary=f"Recorded an extension of care proceedings by {weeks} weeks, granted "
        f"{granted_on:%d/%m/%Y}",
        by=by,
        actor=actor,
    )
    return extension


# Sign-offs (issue 18 item 1; homeward.domain.sign_offs): a step only a named role may agree is
# asked for, then that role records the decision. Neither is a journey event and no seed gives
# a sign-off a time limit, so neither touches the child's timescales.


def council_slug() -> str:
    """The installation's council profile, whose procedures say which sign-offs are required."""
    return profile_for(settings.HOMEWARD_COUNCIL).slug


@transaction.atomic
def request_sign_off(
    child: Child,
    *,
    kind: str,
    notes: str,
    by: User,
    actor: Actor | None,
    today: dt.date | None = None,
) -> SignOff:
    """Ask for a sign-off the council's procedures require; one of a kind waits at a time."""
    today = today or timezone.localdate()
    _lock(child)
    pending = set(child.sign_offs.filter(decided_on__isnull=True).values_list("kind", flat=True))
    problems = sign_off_rules.request_problems(council_slug(), kind, pending)
    if problems:
        raise ValidationError(problems)
    rule = sign_off_rules.KINDS[kind]
    sign_off = SignOff(
        child=child,
        kind=kind,
        signer_role=rule.signer_role,
        notes=notes.strip(),
        requested_by=by,
        requested_on=today,
    )
    sign_off.full_clean()
    sign_off.save()
    _audit(
        AuditAction.CREATE,
        sign_off,
        child=child,
        summary=f"Asked for a sign-off: {rule.step} ({rule.awaiting.lower()})",
        by=by,
        actor=actor,
    )
    return sign_off


@transaction.atomic
def decide_sign_off(
    sign_off: SignOff,
    *,
    agreed: bool | None,
    reason: str,
    decided_on: dt.date | None,
    by: User,
    actor: Actor | None,
    today: dt.date | None = None,
) -> SignOff:
    """Record the decision on a sign-off: only by the role it was asked of, once, dated between
    the request and today; a "not agreed" needs its reason. Audited with before and after."""
    today = today or timezone.localdate()
    child = _lock(sign_off.child)
    sign_off = SignOff.objects.select_for_update().get(pk=sign_off.pk)
    rule = sign_off_rules.KINDS[sign_off.kind]
    if not access.may_decide_sign_off(by, sign_off.signer_role) or not access.can_view_child(
        by, child
    ):
        raise ValidationError(f"Only the {rule.signer_title} records this decision")
    if not sign_off.is_pending:
        raise ValidationError("This sign-off has already been decided")
    problems = sign_off_rules.decision_problems(
        rule,
        agreed=agreed,
        reason=reason,
        decided_on=decided_on,
        requested_on=sign_off.requested_on,
        today=today,
    )
    if problems:
        raise ValidationError(problems)
    before = snapshot(sign_off)
    sign_off.agreed = agreed
    sign_off.reason = reason.strip()
    sign_off.decided_on = decided_on
    sign_off.decided_by = by
    sign_off.full_clean()
    sign_off.save()
    _audit(
        AuditAction.CHANGE,
        sign_off,
        child=child,
        summary=f"Sign-off recorded: {rule.step}: {sign_off_rules.status(agreed, rule)}",
        by=by,
        actor=actor,
        before=before,
    )
    return sign_off
