"""The child's case audits (issue 18 item 9; Dudley strategy 'Quality and Audit'): the audits
with their grades, answers and actions; recording an audit; marking an action done."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.children.guard import child_view
from homeward.children.models import Child
from homeward.domain import case_audit as rules
from homeward.domain.councils import profile_for, readable_source
from homeward.domain.timescales import task_status
from homeward.form_page import form_page, require_form
from homeward.quality import services
from homeward.quality.forms import (
    ActionDoneForm,
    AdviceForm,
    CaseAuditForm,
    InterventionForm,
    ProviderExpectationForm,
)
from homeward.quality.models import (
    CaseAudit,
    CaseAuditAction,
    EdgeOfCareIntervention,
    PermanenceAdvice,
    ProviderExpectation,
)


def _source() -> str:
    return readable_source(rules.COUNCIL_SOURCES[profile_for(settings.HOMEWARD_COUNCIL).slug])


@require_safe
@child_view()
def case_audits(request: HttpRequest, child: Child) -> HttpResponse:
    today = timezone.localdate()
    audits = list(
        CaseAudit.objects.filter(child=child)
        .select_related("auditor")
        .prefetch_related("actions__owner")
    )
    for audit in audits:
        for action in audit.actions.all():
            action.status, action.days_late = task_status(
                action.due_on, done_on=action.done_on, today=today
            )
    return render(
        request,
        "quality/case_audits.html",
        {
            "child": child,
            "audits": audits,
            "source": _source(),
            "auditor_source": readable_source(rules.AUDITOR_SOURCE),
            "can_audit": access.can_audit_case(request.user, child),
            "can_change": access.can_change_child(request.user, child),
        },
    )


@require_form
@child_view(access.can_audit_case)
def add_case_audit(request: HttpRequest, child: Child) -> HttpResponse:
    form = CaseAuditForm(request.POST or None, owners=access.staff_who_can_change(child))
    return form_page(
        request,
        form,
        template="quality/add.html",
        save=lambda: services.record_case_audit(
            child,
            audited_on=form.cleaned_data.get("audited_on"),
            grade=form.cleaned_data.get("grade") or "",
            answers=form.answers(),
            findings=form.cleaned_data.get("findings") or "",
            actions=form.actions(),
            by=request.user,
            actor=Actor.from_request(request),
        ),
        done=reverse("quality:case-audits", args=[child.child_id]),
        success="The case audit has been recorded",
        fallback="action_1_text",
        context={
            "child": child,
            "questions": [(q, readable_source(q.source)) for q in rules.QUESTIONS],
            "source": _source(),
        },
    )


@require_form
@child_view(access.can_change_child)
def action_done(request: HttpRequest, child: Child, action_id: int) -> HttpResponse:
    action = get_object_or_404(
        CaseAuditAction.objects.select_related("owner"), pk=action_id, child=child
    )
    form = ActionDoneForm(request.POST or None)
    return form_page(
        request,
        form,
        template="quality/action_done.html",
        save=lambda: services.complete_action(
            action,
            done_on=form.cleaned_data.get("done_on"),
            by=request.user,
            actor=Actor.from_request(request),
        ),
        done=reverse("quality:case-audits", args=[child.child_id]),
        success="The action has been marked as done",
        context={"child": child, "action": action},
    )


def _records_page(
    request: HttpRequest, child: Child, template: str, *, source: str, **rows: type[Model]
) -> HttpResponse:
    """A page listing one kind of the child's practice records (``rows``: the template's name
    for them and their model), in the model's order, with its source."""
    ((name, model),) = rows.items()
    return render(
        request,
        f"quality/{template}.html",
        {
            "child": child,
            name: list(model.objects.filter(child=child).select_related("recorded_by")),
            "source": readable_source(source),
            "can_change": access.can_change_child(request.user, child),
        },
    )


@require_safe
@child_view()
def provider_expectations(request: HttpRequest, child: Child) -> HttpResponse:
    return _records_page(
        request,
        child,
        "provider_expectations",
        expectations=ProviderExpectation,
        source=rules.PROVIDER_EXPECTATIONS_SOURCE,
    )


@require_form
@child_view(access.can_change_child)
def add_provider_expectation(request: HttpRequest, child: Child) -> HttpResponse:
    form = ProviderExpectationForm(request.POST or None)
    return form_page(
        request,
        form,
        template="quality/provider_expectation_add.html",
        save=lambda: services.record_provider_expectation(
            child,
            provider=form.cleaned_data.get("provider") or "",
            area=form.cleaned_data.get("area") or "",
            expectation=form.cleaned_data.get("expectation") or "",
            agreed_on=form.cleaned_data.get("agreed_on"),
            agreed_with=form.cleaned_data.get("agreed_with") or "",
            by=request.user,
            actor=Actor.from_request(request),
        ),
        done=reverse("quality:provider-expectations", args=[child.child_id]),
        success="The expectation has been recorded",
        context={"child": child, "source": readable_source(rules.PROVIDER_EXPECTATIONS_SOURCE)},
    )


@require_safe
@child_view()
def edge_of_care(request: HttpRequest, child: Child) -> HttpResponse:
    return _records_page(
        request,
        child,
        "edge_of_care",
        interventions=EdgeOfCareIntervention,
        source=rules.EDGE_OF_CARE_SOURCE,
    )


@require_form
@child_view(access.can_change_child)
def add_intervention(request: HttpRequest, child: Child) -> HttpResponse:
    form = InterventionForm(request.POST or None)
    return form_page(
        request,
        form,
        template="quality/simple_add.html",
        save=lambda: services.record_intervention(
            child,
            kind=form.cleaned_data.get("kind") or "",
            what=form.cleaned_data.get("what") or "",
            started_on=form.cleaned_data.get("started_on"),
            ended_on=form.cleaned_data.get("ended_on"),
            by=request.user,
            actor=Actor.from_request(request),
        ),
        done=reverse("quality:edge-of-care", args=[child.child_id]),
        success="The intervention has been recorded",
        context={
            "child": child,
            "title": "Record an edge-of-care intervention",
            "back": reverse("quality:edge-of-care", args=[child.child_id]),
            "source": readable_source(rules.EDGE_OF_CARE_SOURCE),
        },
    )


@require_safe
@child_view()
def permanence_advice(request: HttpRequest, child: Child) -> HttpResponse:
    return _records_page(
        request, child, "permanence_advice", advice=PermanenceAdvice, source=rules.ADVICE_SOURCE
    )


@require_form
@child_view(access.can_change_child)
def add_advice(request: HttpRequest, child: Child) -> HttpResponse:
    form = AdviceForm(request.POST or None)
    return form_page(
        request,
        form,
        template="quality/simple_add.html",
        save=lambda: services.record_advice(
            child,
            arrangement=form.cleaned_data.get("arrangement") or "",
            adviser=form.cleaned_data.get("adviser") or "",
            what=form.cleaned_data.get("what") or "",
            given_on=form.cleaned_data.get("given_on"),
            by=request.user,
            actor=Actor.from_request(request),
        ),
        done=reverse("quality:permanence-advice", args=[child.child_id]),
        success="The advice has been recorded",
        context={
            "child": child,
            "title": "Record advice on permanence options",
            "back": reverse("quality:permanence-advice", args=[child.child_id]),
            "source": readable_source(rules.ADVICE_SOURCE),
        },
    )
