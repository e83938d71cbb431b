"""Family finding on a child (issue 15 items 2 and 3): the route to a permanent home the child is
on, its steps done, the external search gate, and the pen picture with its safe version.

The rules are the domain's: ``homeward.domain.routes`` (the council's routes, which steps are
open, ``done_problems``, ``external_search``) and ``homeward.domain.pen_picture`` (the draft and
the safe version). This module reads the record for them and writes what is decided, each write
in a transaction and audited on the child.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.accounts.models import User
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.children.models import Child, JourneyEvent, PersonInChildsLife
from homeward.domain import pen_picture as pp
from homeward.domain import route_outcomes as outcomes
from homeward.domain import routes as domain
from homeward.domain.calendar import govuk_date
from homeward.domain.permanence import KINDS, OptionStatus
from homeward.domain.ssda903 import codes
from homeward.family.models import FamilyTimePlan, SiblingPairDecision
from homeward.matching import bundle
from homeward.matching.models import (
    CarerGroup,
    FamilyFinding,
    PenPicture,
    PenPictureSent,
    RouteStepDone,
    current_council,
)
from homeward.planning.models import PermanenceOption

# People in the child's life who are not birth family: their names are not the birth family's
# (the safe pen picture keeps them out anyway only if they are birth family).
NOT_BIRTH_FAMILY = frozenset(
    {"foster_carer", "prospective_adopter", "special_guardian", "connected_person", "other"}
)


# --- The route -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RouteChoice:
    """The routes offered for a child: those for the preferred plan's option, else those for
    every option still being explored, else every route of the council."""

    routes: tuple[domain.Route, ...]
    why: str


def route_choices(child: Child, council: str | None = None) -> RouteChoice:
    council = council or current_council()
    options = list(
        PermanenceOption.objects.filter(child=child).exclude(status=OptionStatus.RULED_OUT.value)
    )
    preferred = [o.kind for o in options if o.status == OptionStatus.PREFERRED.value]
    if preferred:
        found = domain.routes_for_option(council, preferred[0])
        if found:
            label = KINDS[preferred[0]].label
            return RouteChoice(found, f"The routes for the preferred plan: {label.lower()}.")
    kinds = [o.kind for o in options]
    found = tuple(r for r in domain.routes(council) if r.option in kinds)
    if found:
        return RouteChoice(found, "The routes for the options being explored in the plan.")
    return RouteChoice(
        domain.routes(council),
        "No option in the plan has a route yet: every route of the council is offered.",
    )


def finding_for(child: Child) -> FamilyFinding | None:
    return (
        FamilyFinding.objects.filter(child=child)
        .select_related("started_by")
        .prefetch_related(
            "steps_done__by",
            "steps_done__event",
            "bundle_items__status_by",
            "bundle_items__due_set_by",
            "bundle_overrides__by",
        )
        .first()
    )


def route_of(finding: FamilyFinding) -> domain.Route:
    return domain.route(finding.council, finding.route_key)


@dataclass(frozen=True)
class StepRow:
    progress: domain.StepProgress
    done: RouteStepDone | None
    may_record: bool
    may_remove: bool = False  # the step's role, while no later step is recorded

    @property
    def positive(self) -> bool:
        return self.progress.positive

    @property
    def result_label(self) -> str:
        return outcomes.result_label(self.done.result) if self.done and self.done.result else ""


@dataclass(frozen=True)
class FindingPage:
    finding: FamilyFinding
    route: domain.Route
    rows: tuple[StepRow, ...]
    external: domain.ExternalSearch | None
    permission: RouteStepDone | None


def finding_page(finding: FamilyFinding, user: User, child: Child) -> FindingPage:
    route = route_of(finding)
    done_rows = {d.step_key: d for d in finding.steps_done.all()}
    done = {k: d.done_on for k, d in done_rows.items()}
    override = bundle.override_of(finding)
    rows = tuple(
        StepRow(
            p,
            done_rows.get(p.step.key),
            p.state is domain.StepState.OPEN
            and access.can_record_route_step(user, child, p.step.role),
            p.state is domain.StepState.DONE
            and not any(s.key in done for s in domain.later_steps(route, p.step.key))
            and access.can_record_route_step(user, child, p.step.role),
        )
        for p in domain.progress(
            route,
            done,
            documents=bundle.received_of(finding),
            bundle_override=override.reason if override else "",
            results=finding.results(),
        )
    )
    step = route.permission_step
    return FindingPage(
        finding=finding,
        route=route,
        rows=rows,
        external=domain.external_search(route, done) if step is not None else None,
        permission=done_rows.get(step.key) if step is not None else None,
    )


@transaction.atomic
def choose_route(
    child: Child, route_key: str, started_on: dt.date, *, actor: Actor, today: dt.date
) -> FamilyFinding:
    """Put the child on a route (or change it while no step is done)."""
    allowed = {r.key for r in route_choices(child).routes}
    if route_key not in allowed:
        raise ValidationError({"route": "Select one of the routes offered"})
    if started_on > today:
        raise ValidationError({"started_on": "The date must be today or earlier"})
    finding = FamilyFinding.objects.select_for_update().filter(child=child).first()
    before = None
    if finding is not None:
        if finding.steps_done.exists():
            raise ValidationError(
                {"route": "Steps of the current route are recorded: the route cannot change now"}
            )
        before = {"route": finding.route_key, "started_on": str(finding.started_on)}
        finding.route_key, finding.started_on = route_key, started_on
        finding.save(update_fields=["route_key", "started_on"])
    else:
        finding = FamilyFinding.objects.create(
            child=child,
            route_key=route_key,
            started_on=started_on,
            started_by=actor.user,
        )
    route = route_of(finding)
    record(
        AuditAction.CHANGE if before else AuditAction.CREATE,
        actor=actor,
        child_id=child.child_id,
        obj=finding,
        summary=f"Route to a permanent home: {route.title}",
        before=before,
        after={"route": route_key, "started_on": str(started_on)},
    )
    return finding


@transaction.atomic
def record_step(
    finding: FamilyFinding,
    step_key: str,
    done_on: dt.date,
    note: str,
    *,
    actor: Actor,
    today: dt.date,
    answer: outcomes.Answer | None = None,
) -> RouteStepDone:
    """Record one step done, with its outcome where the step has one (issue 15 item 6). Refused,
    naming the field: by anyone but the step's role; twice; an external step before the service
    manager's written permission (``external_search``); the step that books the panel before
    every document of the bundle is received, unless a manager recorded why
    (``bundle.gate_for``); a date before a step it follows, or to come, or after a step whose
    outcome was not positive (``done_problems``); an outcome missing or incomplete
    (``route_outcomes.problems``). A positive outcome (or the step done, for a step with none)
    writes the step's journey event in the same transaction, so the child's timescales are
    recomputed with it (``homeward.timescales.receivers``)."""
    finding = FamilyFinding.objects.select_for_update().get(pk=finding.pk)
    route = route_of(finding)
    step = route.step(step_key)
    child = finding.child
    if actor.user is None or not access.can_record_route_step(actor.user, child, step.role):
        raise ValidationError({"done_on": f"{step.title} is recorded by the {step.owner.lower()}"})
    done = finding.done()
    if step_key in done:
        raise ValidationError({"done_on": f"{step.title} is already recorded as done"})
    if step.external:
        gate = domain.external_search(route, done)
        if not gate.allowed:
            raise ValidationError({"done_on": f"The external search cannot start: {gate.reason}"})
    if step.needs_kind is domain.NeedsKind.BUNDLE:
        panel = bundle.gate_for(finding)
        if not panel.open:
            raise ValidationError({"done_on": panel.reason})
    problems = domain.done_problems(
        route, {**done, step_key: done_on}, today, results=finding.results()
    )
    errors: dict[str, list[str]] = {}
    mine = [p.message for p in problems if p.field == step_key]
    if mine:
        errors["done_on"] = mine
    if step.outcome is not None:
        answer = answer or outcomes.Answer(result="")
        for problem in outcomes.problems(step.outcome, answer):
            errors.setdefault(problem.field, []).append(problem.message)
    elif answer is not None and answer.result:
        errors["result"] = [f"{step.title} records no outcome"]
    if errors:
        raise ValidationError(errors)
    row = RouteStepDone(
        finding=finding, step_key=step_key, done_on=done_on, by=actor.user, note=note.strip()
    )
    summary = f"{route.title}: {step.title} done on {govuk_date(done_on)}"
    if step.outcome is not None and answer is not None:
        row.result = answer.result
        row.decided_by = answer.decided_by.strip()
        row.reason = "" if outcomes.is_positive(answer.result) else answer.reason.strip()
        row.complex_case = answer.complex_case if step.outcome.complex_case else None
        if step.outcome.childs_voice:
            row.childs_voice = answer.childs_voice.strip()
            row.no_voice_reason = answer.no_voice_reason.strip()
        summary = (
            f"{route.title}: {step.title} on {govuk_date(done_on)}: "
            f"{outcomes.summary(step.outcome, answer)}"
        )
    if step.event is not None and outcomes.is_positive(row.result):
        row.event = _write_event(child, step, route, done_on, actor)
    row.save()
    record(
        AuditAction.CREATE,
        actor=actor,
        child_id=child.child_id,
        obj=row,
        summary=summary,
        after=_snapshot(row),
    )
    return row


def _write_event(
    child: Child, step: domain.Step, route: domain.Route, on: dt.date, actor: Actor
) -> JourneyEvent:
    assert step.event is not None
    event = JourneyEvent(
        child=child,
        kind=step.event,
        date=on,
        notes=f"{route.title}: {step.title}"[:500],
        source=JourneyEvent.Source.RECORDED,
        recorded_by=actor.user,
    )
    try:
        event.full_clean()
    except ValidationError as exc:
        raise ValidationError({"done_on": exc.messages}) from exc
    event.save()  # the ledger recomputes the child's timescales (timescales.receivers)
    return event


def _snapshot(row: RouteStepDone) -> dict[str, object]:
    found: dict[str, object] = {"step": row.step_key, "done_on": str(row.done_on), "note": row.note}
    if row.result:
        found |= {
            "result": row.result,
            "decided_by": row.decided_by,
            "reason": row.reason,
            "complex_case": row.complex_case,
            "childs_voice": row.childs_voice,
            "no_voice_reason": row.no_voice_reason,
        }
    if row.event_id is not None:
        found["event"] = row.event.kind if row.event else None
    return found


@transaction.atomic
def remove_step(
    finding: FamilyFinding, step_key: str, reason: str, *, actor: Actor
) -> RouteStepDone:
    """Remove a step recorded done, to correct it (a wrong outcome, a wrong date): only by the
    step's role, only while no later step is recorded, and with the reason. The journey event
    the step wrote goes with it, so no event is left without the outcome that made it, and the
    child's timescales are recomputed (issue 15 item 6)."""
    finding = FamilyFinding.objects.select_for_update().get(pk=finding.pk)
    route = route_of(finding)
    step = route.step(step_key)
    child = finding.child
    if actor.user is None or not access.can_record_route_step(actor.user, child, step.role):
        raise ValidationError({"reason": f"{step.title} is recorded by the {step.owner.lower()}"})
    row = finding.steps_done.select_related("event").filter(step_key=step_key).first()
    if row is None:
        raise ValidationError({"reason": f"{step.title} is not recorded"})
    done = finding.done()
    later = [s.title for s in domain.later_steps(route, step_key) if s.key in done]
    if later:
        raise ValidationError({"reason": f"Remove the later steps first: {'; '.join(later)}"})
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the record is removed"})
    record(
        AuditAction.DELETE,
        actor=actor,
        child_id=child.child_id,
        obj=row,
        summary=f"{route.title}: {step.title} removed: {reason.strip()}",
        before=_snapshot(row),
        after={"reason": reason.strip()},
    )
    event = row.event
    row.delete()
    if event is not None:
        event.delete()  # the ledger recomputes the child's timescales (timescales.receivers)
    return row


# --- The pen picture -------------------------------------------------------------------------


def _family_time_phrase(plan: FamilyTimePlan) -> pp.FamilyTime:
    if plan.with_sibling_id is not None:
        whom = "a brother or sister"
    elif plan.with_person is not None:
        whom = f"their {plan.with_person.get_relationship_display().lower()}"
    else:
        whom = "their family"
    if plan.times and plan.per:
        often = (
            f"{plan.times} time{'s' if plan.times != 1 else ''} {plan.get_per_display().lower()}"
        )
    else:
        often = plan.pattern or "as agreed"
    return pp.FamilyTime(whom, f"({plan.get_kind_display().lower()}, {often})")


def facts(child: Child, today: dt.date) -> pp.Facts:
    """What the draft pen picture is written from: the record, never a surname or address."""
    needs: list[str] = []
    if child.disability:
        needs.append(f"a disability ({child.disability})")
    if child.first_language and child.first_language.lower() != "english":
        needs.append(f"a family who can support their first language, {child.first_language}")
    if child.religion:
        needs.append(f"a family who will support their religion, {child.religion}")
    if child.ethnicity:
        label = codes.ETHNIC.get(child.ethnicity, "")
        if label:
            needs.append(f"a family who will support their identity and heritage ({label})")
    together: list[pp.Sibling] = []
    if child.sibling_group_id is not None:
        decisions: dict[int, SiblingPairDecision] = {}
        for d in (
            SiblingPairDecision.objects.filter(group_id=child.sibling_group_id)
            .select_related("child_a", "child_b")
            .order_by("version", "pk")
        ):
            if child.pk in (d.child_a_id, d.child_b_id):
                other = d.child_b if d.child_a_id == child.pk else d.child_a
                decisions[other.pk] = d
        for d in decisions.values():
            if d.decision == "together":
                other = d.child_b if d.child_a_id == child.pk else d.child_a
                word = {"M": "brother", "F": "sister"}.get(other.sex, "brother or sister")
                together.append(pp.Sibling(other.age_on(today), word))
    plans = (
        FamilyTimePlan.objects.running()
        .filter(child=child)
        .select_related("with_person")
        .order_by("pk")
    )
    first = child.preferred_name or child.first_name or "This child"
    return pp.Facts(
        first_name=first,
        years=child.age_on(today),
        about_me=child.about_me,
        needs=tuple(needs),
        siblings_together=tuple(together),
        family_time=tuple(_family_time_phrase(p) for p in plans),
    )


def forbidden_names(child: Child) -> list[str]:
    """The names a safe pen picture must not hold: the child's surname, and the birth family's
    first and last names (issue 15 item 3), siblings' included."""
    names = [child.last_name]
    for link in PersonInChildsLife.objects.filter(child=child).select_related("person"):
        if link.relationship not in NOT_BIRTH_FAMILY:
            names += [link.person.first_name, link.person.last_name]
    if child.sibling_group_id is not None:
        for other in Child.objects.filter(sibling_group_id=child.sibling_group_id).exclude(
            pk=child.pk
        ):
            names += [other.first_name, other.last_name, other.preferred_name]
    return [n for n in names if n]


def safe_text(child: Child, text: str) -> pp.SafeText:
    keep = [n for n in (child.first_name, child.preferred_name) if n]
    return pp.safe_version(text, names=forbidden_names(child), keep=keep)


@transaction.atomic
def save_pen_picture(child: Child, text: str, *, actor: Actor) -> PenPicture:
    picture = PenPicture.objects.select_for_update().filter(child=child).first()
    before = {"text": picture.text} if picture else None
    if picture is None:
        picture = PenPicture(child=child)
    picture.text, picture.written_by = text.strip(), actor.user
    picture.save()
    record(
        AuditAction.CHANGE if before else AuditAction.CREATE,
        actor=actor,
        child_id=child.child_id,
        obj=picture,
        summary="Pen picture written" if before is None else "Pen picture changed",
        before=before,
        after={"text": picture.text},
    )
    return picture


@transaction.atomic
def send_pen_picture(
    child: Child, to_group: str, sent_on: dt.date, *, actor: Actor, today: dt.date
) -> PenPictureSent:
    """Record that the safe version was sent to a group of carers (the safe words are kept)."""
    picture = PenPicture.objects.select_for_update().filter(child=child).first()
    if picture is None:
        raise ValidationError({"to_group": "Write the pen picture before sending it"})
    if to_group not in CarerGroup.values:
        raise ValidationError({"to_group": "Select who it was sent to"})
    if sent_on > today:
        raise ValidationError({"sent_on": "The date sent must be today or earlier"})
    safe = safe_text(child, picture.text)
    sent = PenPictureSent.objects.create(
        pen_picture=picture, sent_on=sent_on, to_group=to_group, safe_text=safe.text, by=actor.user
    )
    record(
        AuditAction.EXPORT,
        actor=actor,
        child_id=child.child_id,
        obj=sent,
        summary=f"Pen picture (safe version) sent to {CarerGroup(to_group).label.lower()} on "
        f"{govuk_date(sent_on)}",
        after={"to_group": to_group, "sent_on": str(sent_on), "removed": list(safe.removed)},
    )
    return sent
