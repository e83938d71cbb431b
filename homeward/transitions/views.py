"""The Transitions tab (the move plan; pathway planning, the handover to adult services and later
life links) and the move plan's forms. Thin: parse, call a selector or service, render. Every view
names a child and goes through ``child_view``: all with access read, the people who work the
case record (``access.can_change_child``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.audit.services import snapshot
from homeward.children.guard import child_view
from homeward.children.models import Child
from homeward.form_page import form_page, require_form
from homeward.transitions import selectors, services
from homeward.transitions.forms import MovePlanForm, MovePlanReviewForm, MoveTaskForm
from homeward.transitions.models import MovePlan, MoveTask

TEMPLATE = "family/form.html"


def _tab_url(child: Child) -> str:
    return reverse("transitions:transitions", args=[child.child_id])


def _plan_url(plan: MovePlan) -> str:
    return reverse("transitions:move-plan", args=[plan.child.child_id, plan.pk])


def _page(child: Child, *, title: str, back: str, back_text: str, intro: str = "") -> dict:
    return {
        "child": child,
        "title": title,
        "back": back,
        "back_text": back_text,
        "caption": "The move plan",
        "intro": intro,
    }


@require_safe
@child_view()
def transitions(request: HttpRequest, child: Child) -> HttpResponse:
    return render(
        request,
        "transitions/transitions.html",
        {
            "child": child,
            "tab": selectors.transitions_tab(child),
            "can_change": access.can_change_child(request.user, child),
        },
    )


@require_safe
@child_view()
def move_plan(request: HttpRequest, child: Child, move_plan_id: int) -> HttpResponse:
    row = selectors.move_plan(child, move_plan_id)
    if row is None:
        raise Http404("No such move plan for this child")
    return render(
        request,
        "transitions/move_plan.html",
        {
            "child": child,
            "row": row,
            "can_change": access.can_change_child(request.user, child),
            "sources": {
                "move_plan": selectors.rules.MOVE_PLAN_SOURCE,
                "tell_child": selectors.rules.TELL_THE_CHILD_SOURCE,
            },
        },
    )


@require_form
@child_view(access.can_change_child)
def move_plan_form(
    request: HttpRequest, child: Child, move_plan_id: int | None = None
) -> HttpResponse:
    plan = get_object_or_404(MovePlan, pk=move_plan_id, child=child) if move_plan_id else None
    before = snapshot(plan) if plan else None
    form = MovePlanForm(request.POST or None, instance=plan or MovePlan(child=child))
    title = "Change the move plan" if plan else "Plan the move to the permanent home"
    back = _plan_url(plan) if plan else _tab_url(child)
    return form_page(
        request,
        form,
        template=TEMPLATE,
        context=_page(
            child,
            title=title,
            back=back,
            back_text="Back",
            intro="Introductions, the dates, and how the move is explained to the child; add "
            "who does what once it is saved (Devon Permanence Matters, 'Guiding Principles').",
        ),
        save=lambda: services.save_move_plan(
            form.save(commit=False), child=child, actor=Actor.from_request(request), before=before
        ),
        success="Move plan: your changes have been saved",
        done=_plan_url,
    )


@require_form
@child_view(access.can_change_child)
def add_task(request: HttpRequest, child: Child, move_plan_id: int) -> HttpResponse:
    plan = get_object_or_404(MovePlan, pk=move_plan_id, child=child)
    form = MoveTaskForm(request.POST or None, instance=MoveTask(plan=plan))
    return form_page(
        request,
        form,
        template=TEMPLATE,
        context=_page(
            child, title="Who does what", back=_plan_url(plan), back_text="Back to the move plan"
        ),
        save=lambda: services.add_task(
            form.save(commit=False), plan=plan, actor=Actor.from_request(request)
        ),
        success="Move plan: the task has been added",
        done=_plan_url(plan),
    )


@require_form
@child_view(access.can_change_child)
def review(request: HttpRequest, child: Child, move_plan_id: int) -> HttpResponse:
    plan = get_object_or_404(MovePlan, pk=move_plan_id, child=child)
    before = snapshot(plan)
    form = MovePlanReviewForm(request.POST or None, instance=plan)
    return form_page(
        request,
        form,
        template=TEMPLATE,
        context=_page(
            child,
            title="Review the move plan",
            back=_plan_url(plan),
            back_text="Back to the move plan",
            intro=f"The review was due by {plan.review_on:%-d %B %Y}.",
        ),
        save=lambda: services.save_move_plan(
            form.save(commit=False), child=child, actor=Actor.from_request(request), before=before
        ),
        success="Move plan: the review has been recorded",
        done=_plan_url(plan),
    )
