"""The Legal process and Support after the order pages (issue 18 items 4 and 7): need-to-know
through ``child_view`` (audited), forms through ``form_page``, services take an actor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.accounts.models import Role
from homeward.children.guard import child_view
from homeward.children.models import Child
from homeward.domain import legal as rules
from homeward.domain.councils import readable_source
from homeward.form_page import form_page, require_form
from homeward.legal import selectors, services
from homeward.legal.forms import (
    CourtFilingForm,
    LegalConsultationForm,
    PreProceedingsStepForm,
    SupportPlanForm,
    SupportPlanReviewForm,
)
from homeward.legal.models import CourtFiling, SupportPlan


@require_safe
@child_view()
def legal_process(request: HttpRequest, child: Child) -> HttpResponse:
    council = services.council_slug()
    return render(
        request,
        "legal/legal.html",
        {
            "child": child,
            "can_record": access.can_record_legal_process(request.user, child),
            "roles": dict(Role.choices),
            **selectors.legal_page(child, council=council, today=timezone.localdate()),
        },
    )


@require_safe
@child_view()
def support(request: HttpRequest, child: Child) -> HttpResponse:
    council = services.council_slug()
    return render(
        request,
        "legal/support.html",
        {
            "child": child,
            "can_record": access.can_record_support_plan(request.user, child),
            "roles": dict(Role.choices),
            **selectors.support_page(child, council=council, today=timezone.localdate()),
        },
    )


def _form(
    request: HttpRequest,
    child: Child,
    form: forms.Form,
    *,
    title: str,
    save: Callable[[], object],
    back: str,
    back_label: str,
    intro: str = "",
    source: str = "",
    button: str = "Save",
    done: str = "",
) -> HttpResponse:
    return form_page(
        request,
        form,
        template="legal/form.html",
        context={
            "child": child,
            "title": title,
            "intro": intro,
            "source": readable_source(source) if source else "",
            "button": button,
            "back": back,
            "back_label": back_label,
        },
        save=save,
        success=done or f"{title}: saved",
        done=back,
    )


def _legal(child: Child) -> dict[str, Any]:
    return {
        "back": reverse("legal:legal", args=[child.child_id]),
        "back_label": "Back to the legal process",
    }


def _support(child: Child) -> dict[str, Any]:
    return {
        "back": reverse("legal:support", args=[child.child_id]),
        "back_label": "Back to support after the order",
    }


@require_form
@child_view(access.can_record_legal_process)
def pre_proceedings_step(request: HttpRequest, child: Child) -> HttpResponse:
    form = PreProceedingsStepForm(request.POST or None)
    return _form(
        request,
        child,
        form,
        title="Record a step of pre-proceedings",
        intro="Under the Public Law Outline the letter before proceedings invites the parents "
        "to a pre-proceedings meeting (record the meeting on the Meetings tab). Ending "
        "pre-proceedings without an application meets the 16 weeks.",
        source="Practice Direction 12A, Public Law Outline; Public Law Working Group best "
        "practice guidance (check)",
        save=lambda: services.record_pre_proceedings_step(
            child,
            kind=form.cleaned_data["kind"],
            date=form.cleaned_data["date"],
            notes=form.cleaned_data["notes"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
        done="The step of pre-proceedings has been recorded",
        **_legal(child),
    )


@require_form
@child_view(access.can_record_legal_process)
def court_filing(request: HttpRequest, child: Child, filing_id: int | None = None) -> HttpResponse:
    filing = get_object_or_404(CourtFiling, pk=filing_id, child=child) if filing_id else None
    form = CourtFilingForm(request.POST or None, instance=filing)
    return _form(
        request,
        child,
        form,
        title="Change a court filing date" if filing else "Add a court filing date",
        intro="The date the court set for the council to file its evidence, and the day it was "
        "filed.",
        source=rules.FILING_SOURCE,
        save=lambda: services.save_court_filing(
            child,
            kind=form.cleaned_data["kind"],
            due_on=form.cleaned_data["due_on"],
            filed_on=form.cleaned_data["filed_on"],
            recommendation=form.cleaned_data["recommendation"],
            by=request.user,
            actor=Actor.from_request(request),
            filing=filing,
        ),
        done="The court filing has been saved",
        **_legal(child),
    )


@require_form
@child_view(access.can_record_legal_process)
def legal_consultation(request: HttpRequest, child: Child) -> HttpResponse:
    practice = rules.practice(services.council_slug())
    if not practice.family_legal_consultation_source:
        raise Http404("This council's procedures do not fund a legal consultation")
    form = LegalConsultationForm(request.POST or None)
    return _form(
        request,
        child,
        form,
        title="Record a legal consultation offered to a family member",
        intro="The council funds an initial consultation for family members to seek legal "
        "advice about a child arrangements or special guardianship order.",
        source=practice.family_legal_consultation_source,
        save=lambda: services.record_legal_consultation(
            child,
            family_member=form.cleaned_data["family_member"],
            relationship=form.cleaned_data["relationship"],
            offered_on=form.cleaned_data["offered_on"],
            taken_up_on=form.cleaned_data["taken_up_on"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
        done="The legal consultation has been recorded",
        **_legal(child),
    )


@require_form
@child_view(access.can_record_support_plan)
def support_plan(request: HttpRequest, child: Child) -> HttpResponse:
    practice = rules.practice(services.council_slug())
    form = SupportPlanForm(request.POST or None, allowance_panel=practice.allowance_panel)
    return _form(
        request,
        child,
        form,
        title="Record a support plan",
        intro="The support the child and their carers will have after the order. It is "
        "reviewed at least once a year.",
        source="Special Guardianship Regulations 2005 reg 17 (check); Adoption Support Services "
        "Regulations 2005 reg 18 (check); " + practice.support_team_source,
        save=lambda: services.record_support_plan(
            child,
            by=request.user,
            actor=Actor.from_request(request),
            **{k: form.cleaned_data[k] for k in form.Meta.fields},
        ),
        done="The support plan has been recorded",
        **_support(child),
    )


@require_form
@child_view(access.can_record_support_plan)
def support_plan_review(request: HttpRequest, child: Child, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(SupportPlan, pk=plan_id, child=child)
    practice = rules.practice(services.council_slug())
    welfare = bool(practice.welfare_checks_source)
    form = SupportPlanReviewForm(request.POST or None, welfare_checks=welfare)
    return _form(
        request,
        child,
        form,
        title="Record a review of the support plan" + (" or a welfare check" if welfare else ""),
        intro=f"The support plan after the {plan.get_order_kind_display().lower()}, agreed on "
        f"{plan.agreed_on:%-d %B %Y}.",
        source="Special Guardianship Regulations 2005 reg 17 (check); Adoption Support Services "
        "Regulations 2005 reg 18 (check)"
        + (f"; {practice.welfare_checks_source}" if welfare else ""),
        save=lambda: services.record_support_plan_review(
            plan,
            kind=form.cleaned_data["kind"],
            held_on=form.cleaned_data["held_on"],
            notes=form.cleaned_data["notes"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
        done="The review has been recorded",
        **_support(child),
    )
