"""The Plan tab and the forms that record twin-track planning. Views are thin: they parse a
form, call a service (which checks the rules and refuses with a message naming the field) and
render. Every page names a child, so every view goes through ``child_view``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.accounts.models import Role
from homeward.audit.models import AuditAction
from homeward.audit.services import record, snapshot
from homeward.children.guard import child_view
from homeward.children.models import Child, SignOff
from homeward.domain import permanence as rules
from homeward.domain import sign_offs as sign_off_rules
from homeward.domain.councils import profile_for, readable_source
from homeward.family.selectors import plan_sections
from homeward.form_page import form_page, require_form
from homeward.planning import selectors, services
from homeward.planning.forms import (
    AchievedForm,
    AddOptionForm,
    AdoptionDecisionForm,
    AgreePlanForm,
    AssessmentForm,
    ChangeStatusForm,
    CriteriaForm,
    DecideSignOffForm,
    EndingForm,
    FfaForm,
    ProceedingsExtensionForm,
    ProceedingsIssuedForm,
    RequestSignOffForm,
    RuleOutForm,
    StrengthsAndRisksForm,
)
from homeward.planning.models import (
    AdoptionDecision,
    Assessment,
    CareProceedings,
    FosterForAdoptionConsideration,
    LearningReview,
    PermanenceAchieved,
    PermanenceOption,
)


@require_safe
@child_view()
def plan(request: HttpRequest, child: Child) -> HttpResponse:
    today = timezone.localdate()
    user = request.user
    return render(
        request,
        "planning/plan.html",
        {
            "child": child,
            "tab": selectors.plan_tab(child, today=today),
            "today": today,
            "can_change": access.can_change_child(user, child),
            "can_sign_off": access.can_sign_off(user, child),
            "roles": dict(Role.choices),
            **plan_sections(
                child, request.user
            ),  # brothers and sisters, family time (homeward/family)
            **selectors.proceedings_section(child, today=today),
            **selectors.sign_off_section(child, user, council=services.council_slug()),
        },
    )


def _form_page(
    request: HttpRequest,
    child: Child,
    form: forms.Form,
    *,
    title: str,
    save: Callable[[], object],
    intro: str = "",
    template: str = "planning/form.html",
    extra: dict[str, Any] | None = None,
    button: str = "Save",
    done: str = "",
) -> HttpResponse:
    """A form on the Plan tab (``form_page``): a refusal from the service comes back as errors
    on the form's own fields, with nothing saved; success goes back to the Plan tab."""
    return form_page(
        request,
        form,
        template=template,
        context={
            "child": child,
            "title": title,
            "intro": intro,
            "button": button,
            **(extra or {}),
        },
        save=save,
        success=done or f"{title}: your changes have been saved",
        done=reverse("planning:plan", args=[child.child_id]),
    )


def _option(child: Child, option_id: int) -> PermanenceOption:
    return get_object_or_404(PermanenceOption, pk=option_id, child=child)


@require_form
@child_view(access.can_change_child)
def add_option(request: HttpRequest, child: Child) -> HttpResponse:
    form = AddOptionForm(request.POST or None, child=child)
    return _form_page(
        request,
        child,
        form,
        title="Add a permanence option",
        intro="Twin-track planning explores every realistic option at once. Reunification is "
        "added beside the first option: it stays part of the plan until permanence is reached "
        "unless a manager rules it out.",
        save=lambda: services.add_option(
            child,
            kind=form.cleaned_data["kind"],
            next_step=form.cleaned_data["next_step"],
            reason=form.cleaned_data["reason"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
    )


@require_form
@child_view(access.can_change_child)
def update_option(request: HttpRequest, child: Child, option_id: int) -> HttpResponse:
    option = _option(child, option_id)
    form = ChangeStatusForm(request.POST or None, option=option)

    @transaction.atomic
    def save() -> None:
        status, next_step = form.cleaned_data["status"], form.cleaned_data["next_step"]
        actor = Actor.from_request(request)
        if not status and next_step == option.next_step:
            raise ValidationError({"status": "Select the new status, or change the next step"})
        if status:
            services.change_status(
                option,
                to=status,
                reason=form.cleaned_data["reason"],
                by=request.user,
                actor=actor,
            )
        if next_step != option.next_step:
            option.refresh_from_db()
            services.update_next_step(
                option,
                next_step=next_step,
                by=request.user,
                actor=actor,
            )

    return _form_page(
        request,
        child,
        form,
        title=f"Update {option.get_kind_display().lower()}",
        intro=f"Now: {option.get_status_display()}. Every change records who, when and why.",
        save=save,
        extra={"option": option},
    )


@require_form
@child_view(access.can_sign_off)
def rule_out(request: HttpRequest, child: Child, option_id: int) -> HttpResponse:
    option = _option(child, option_id)
    if option.status == rules.OptionStatus.RULED_OUT.value:
        raise Http404("This option is already ruled out")
    form = RuleOutForm(request.POST or None)
    intro = (
        f"You are signing off {option.get_kind_display().lower()} as not viable, as the "
        f"{profile_for(settings.HOMEWARD_COUNCIL).permanence_meeting.name} does (Dudley "
        "Permanence Strategy, objective 7). The reason is kept with your name and the date."
    )
    if option.kind == rules.REUNIFICATION:
        intro += (
            " Reunification stays part of the plan until permanence is reached unless it is "
            "ruled out like this (Dudley Permanence Strategy, objective 2)."
        )
    return _form_page(
        request,
        child,
        form,
        title=f"Rule out {option.get_kind_display().lower()}",
        intro=intro,
        button="Rule out and sign off",
        done=f"{option.get_kind_display()} ruled out, signed off by {request.user}",
        save=lambda: services.change_status(
            option,
            to=rules.OptionStatus.RULED_OUT.value,
            reason=form.cleaned_data["reason"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
        extra={"option": option},
    )


@require_form
@child_view(access.can_change_child)
def criteria(request: HttpRequest, child: Child, option_id: int) -> HttpResponse:
    option = _option(child, option_id)
    if not rules.criteria_for(option.kind):
        raise Http404("The quick reference guide sets no criteria for this option")
    form = CriteriaForm(request.POST or None, option=option)
    return _form_page(
        request,
        child,
        form,
        title=f"Criteria for {option.get_kind_display().lower()}",
        intro="The Dudley quick reference guide's criteria for this option ('Identifying the "
        "right Permanence Plan'). They support the decision; they do not make it. Say what "
        "shows each answer.",
        save=lambda: services.record_criteria(
            option,
            form.answers(),
            by=request.user,
            actor=Actor.from_request(request),
        ),
        extra={"option": option},
    )


@require_form
@child_view(access.can_change_child)
def strengths_and_risks(request: HttpRequest, child: Child, option_id: int) -> HttpResponse:
    option = _option(child, option_id)
    form = StrengthsAndRisksForm(request.POST or None, option=option)
    return _form_page(
        request,
        child,
        form,
        title=f"Strengths and risks of {option.get_kind_display().lower()}",
        # 004_7232501e48845cda.txt 'Guiding Principles'
        intro="Consider the strengths and risks of each option (Devon Permanence Matters, "
        "'Guiding Principles').",
        save=lambda: services.record_strengths_and_risks(
            option,
            strengths=form.cleaned_data["strengths"],
            risks=form.cleaned_data["risks"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
        extra={"option": option},
    )


@require_form
@child_view(access.can_change_child)
def adoption_decision(request: HttpRequest, child: Child) -> HttpResponse:
    decision = AdoptionDecision.objects.filter(child=child).first() or AdoptionDecision(child=child)
    form = AdoptionDecisionForm(request.POST or None, instance=decision)
    return _form_page(
        request,
        child,
        form,
        title="Adoption: why nothing else will do, and the agency decision",
        intro="Adoption cannot be the preferred plan until the 'nothing else will do' reasoning "
        "(Re B [2013] UKSC 33) and the agency decision maker's decision are recorded (Durham "
        "Early Permanence Planning Strategy, section 4 'Adoption'). While adoption is the "
        "preferred plan neither can be withdrawn: make it a contingency or viable option first.",
        save=lambda: services.record_adoption_decision(
            child,
            nothing_else_will_do=form.cleaned_data["nothing_else_will_do"],
            adm_name=form.cleaned_data["adm_name"],
            adm_decided_on=form.cleaned_data["adm_decided_on"],
            adm_outcome=form.cleaned_data["adm_outcome"] or "",
            by=request.user,
            actor=Actor.from_request(request),
        ),
    )


@require_form
@child_view(access.can_change_child)
def foster_for_adoption(request: HttpRequest, child: Child) -> HttpResponse:
    row = FosterForAdoptionConsideration.objects.filter(
        child=child
    ).first() or FosterForAdoptionConsideration(child=child)
    form = FfaForm(request.POST or None, instance=row)
    return _form_page(
        request,
        child,
        form,
        title="Foster for adoption: the duty to consider it",
        intro="When adoption is being considered, the council must first consider a "
        "connected-person foster parent, then foster for adoption carers (Children Act 1989 "
        "s22C(9A)-(9C)).",
        save=lambda: services.record_ffa_consideration(
            child,
            considered_on=form.cleaned_data["considered_on"],
            connected_carer_considered=form.cleaned_data["connected_carer_considered"],
            decision=form.cleaned_data["decision"],
            reasons=form.cleaned_data["reasons"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
    )


@require_form
@child_view(access.can_change_child)
def agree_plan(request: HttpRequest, child: Child) -> HttpResponse:
    today = timezone.localdate()
    current = child.permanence_plans.order_by("-version").first()
    initial: dict[str, Any] = {"agreed_on": today}
    if current is not None:
        initial.update(
            preferred_option=current.preferred_option,
            contingencies=list(current.contingencies.all()),
            legal_route=current.legal_route,
            support_plan=current.support_plan,
        )
    form = AgreePlanForm(request.POST or None, child=child, initial=initial)
    deadline = selectors.permanence_plan_deadline(child, today)
    return _form_page(
        request,
        child,
        form,
        title="Agree the permanence plan"
        if current is None
        else f"Agree version {current.version + 1} of the permanence plan",
        intro="The agreed, written permanence plan: the preferred option, the contingencies "
        "kept open beside it, the legal route and the support plan.",
        template="planning/agree.html",
        extra={"deadline": deadline, "current": current},
        save=lambda: services.agree_plan(
            child,
            preferred=form.cleaned_data["preferred_option"],
            contingencies=form.cleaned_data["contingencies"],
            legal_route=form.cleaned_data["legal_route"],
            support_plan=form.cleaned_data["support_plan"],
            agreed_on=form.cleaned_data["agreed_on"],
            agreed_by=form.cleaned_data["agreed_by"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
    )


@require_form
@child_view(access.can_change_child)
def assessment(
    request: HttpRequest, child: Child, assessment_id: int | None = None
) -> HttpResponse:
    if assessment_id:
        instance = get_object_or_404(Assessment, pk=assessment_id, child=child)
        before = snapshot(instance)
    else:
        instance, before = Assessment(child=child), None
    form = AssessmentForm(request.POST or None, instance=instance, child=child)
    title = (
        f"Change {instance.get_kind_display().lower()}" if assessment_id else "Add an assessment"
    )
    return _form_page(
        request,
        child,
        form,
        title=title,
        intro="Its due date is tracked like any other deadline. When it is completed, its outcome "
        "can move the option it informs.",
        save=lambda: services.save_assessment(
            form.save(commit=False),
            before=before,
            move_option_to=form.cleaned_data["move_option_to"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
    )


@require_form
@child_view(access.can_change_child)
def achieved(request: HttpRequest, child: Child) -> HttpResponse:
    form = AchievedForm(request.POST or None, child=child)
    return _form_page(
        request,
        child,
        form,
        title="Record permanence achieved",
        intro="The child is living in their permanent home. This records the route, the date and "
        "the order, and the journey event that goes with it (returned home, order made, or placed "
        "with permanent carers).",
        save=lambda: services.record_permanence_achieved(
            child,
            option=form.cleaned_data["option"],
            legal_route=form.cleaned_data["legal_route"],
            achieved_on=form.cleaned_data["achieved_on"],
            notes=form.cleaned_data["notes"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
    )


@require_form
@child_view(access.can_change_child)
def ending(request: HttpRequest, child: Child, achieved_id: int) -> HttpResponse:
    achieved_row = get_object_or_404(PermanenceAchieved, pk=achieved_id, child=child)
    review = LearningReview.objects.filter(achieved=achieved_row).first()
    initial = (
        {
            "ended_on": review.ended_on,
            "what_happened": review.what_happened,
            "review_held_on": review.review_held_on,
            "learning": review.learning,
        }
        if review
        else {}
    )
    form = EndingForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        child,
        form,
        title="Record an unplanned ending",
        intro="When a permanent home ends in an unplanned way, hold a reflective, non-blaming "
        "learning meeting and record what was learned (Devon Permanence Matters, 'Guiding "
        "Principles').",
        save=lambda: services.record_ending(
            achieved_row,
            ended_on=form.cleaned_data["ended_on"],
            what_happened=form.cleaned_data["what_happened"],
            review_held_on=form.cleaned_data["review_held_on"],
            learning=form.cleaned_data["learning"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
    )


@require_form
@child_view(access.can_change_child)
def proceedings_issued(
    request: HttpRequest, child: Child, proceedings_id: int | None = None
) -> HttpResponse:
    proceedings = (
        get_object_or_404(CareProceedings, pk=proceedings_id, child=child)
        if proceedings_id
        else None
    )
    form = ProceedingsIssuedForm(request.POST or None, instance=proceedings)
    return _form_page(
        request,
        child,
        form,
        title="Change the issue date" if proceedings else "Record care proceedings issued",
        intro="The 26 weeks of the Children Act 1989 (s32) begin with the day the court issued the "
        "local authority's application: that day is day 1.",
        save=lambda: services.record_proceedings_issued(
            child,
            issued_on=form.cleaned_data["issued_on"],
            court_reference=form.cleaned_data["court_reference"],
            by=request.user,
            actor=Actor.from_request(request),
            proceedings=proceedings,
        ),
    )


@require_form
@child_view(access.can_change_child)
def proceedings_extension(request: HttpRequest, child: Child, proceedings_id: int) -> HttpResponse:
    proceedings = get_object_or_404(CareProceedings, pk=proceedings_id, child=child)
    form = ProceedingsExtensionForm(request.POST or None)
    return _form_page(
        request,
        child,
        form,
        title="Record an extension of the 26 weeks",
        intro=f"Care proceedings issued on {proceedings.issued_on:%-d %B %Y}. The court may extend "
        "the timetable by up to 8 weeks at a time; the deadline moves on by the weeks recorded.",
        save=lambda: services.record_proceedings_extension(
            proceedings,
            granted_on=form.cleaned_data["granted_on"],
            weeks=form.cleaned_data["weeks"],
            reason=form.cleaned_data["reason"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
    )


# Sign-offs (issue 18 item 1; homeward.domain.sign_offs).

NO_SUCH_SIGN_OFF = "No such sign-off on this child's record"
SIGN_OFFS_REFUSED = "The sign-offs worklist is for those who give sign-offs."


@require_form
@child_view(access.can_request_sign_off)
def request_sign_off(request: HttpRequest, child: Child) -> HttpResponse:
    kinds = sign_off_rules.required(services.council_slug())
    if not kinds:
        raise Http404("This council's procedures require no sign-offs")
    form = RequestSignOffForm(request.POST or None, kinds=kinds)
    return _form_page(
        request,
        child,
        form,
        title="Ask for a sign-off",
        intro="Until it is recorded, the step shows as awaiting it on the child's record.",
        button="Ask for the sign-off",
        save=lambda: services.request_sign_off(
            child,
            kind=form.cleaned_data["kind"],
            notes=form.cleaned_data["notes"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
        done="The sign-off has been asked for",
    )


@require_form
@child_view(access.can_decide_sign_off)
def decide_sign_off(request: HttpRequest, child: Child, sign_off_id: int) -> HttpResponse:
    # Only a sign-off asked of the user's own role (can_decide_sign_off checked there is one).
    sign_off = get_object_or_404(
        SignOff, pk=sign_off_id, child=child, signer_role=request.user.role
    )
    kind = sign_off_rules.KINDS[sign_off.kind]
    form = DecideSignOffForm(request.POST or None, kind=kind)
    asked = f"Asked for by {sign_off.requested_by} on {sign_off.requested_on:%-d %B %Y}"
    if sign_off.notes:
        asked += f": {sign_off.notes}"
    return _form_page(
        request,
        child,
        form,
        title=f"{kind.step}: record the {kind.signer_title}'s decision",
        intro=asked,
        button="Record the decision",
        extra={"source": readable_source(kind.source)},
        template="planning/sign_off_decide.html",
        save=lambda: services.decide_sign_off(
            sign_off,
            agreed=form.cleaned_data["agreed"],
            reason=form.cleaned_data["reason"],
            decided_on=form.cleaned_data["decided_on"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
        done="The decision has been recorded",
    )


@require_safe
def sign_off_worklist(request: HttpRequest) -> HttpResponse:
    """The sign-offs asked of the user's role (a strategic manager, an agency decision maker, an
    IRO) on the children they may see: awaiting, then recently decided."""
    if not access.gives_sign_offs(request.user):
        record(AuditAction.DENIED, request=request, summary="Refused: the sign-offs worklist")
        raise PermissionDenied(SIGN_OFFS_REFUSED)
    awaiting, decided = selectors.sign_off_worklist(request.user)
    record(
        AuditAction.VIEW,
        request=request,
        summary=f"Viewed the sign-offs worklist ({len(awaiting)} awaiting, {len(decided)} decided)",
    )
    return render(request, "planning/sign_offs.html", {"awaiting": awaiting, "decided": decided})
