""" "My plan" for the child (issue 17 item 1): the page (the draft as the child will read it,
each section's state, the versions shared) and its PDF, a section's form, and "Share with the
child". Read by all who may see the child; written and shared by the child's social worker and
their team manager (``access.can_write_my_plan``). Every view goes through ``child_view``."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.children.guard import child_view
from homeward.children.models import Child
from homeward.domain import my_plan as domain
from homeward.form_page import form_page, require_form
from homeward.planning import my_plan
from homeward.planning.forms import MyPlanSectionForm, ShareMyPlanForm


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
@child_view()
def my_plan_page(request: HttpRequest, child: Child) -> HttpResponse:
    today = timezone.localdate()
    if request.GET.get("download") == "pdf":
        return _download(request, child, today)
    band, sections = my_plan.draft_sections(child, today)
    return render(
        request,
        "planning/my_plan.html",
        {
            "child": child,
            "name": my_plan.name_of(child),
            "band": band,
            "sections": sections,
            "unchecked": [s for s in sections if not s.checked],
            "shown": [s for s in sections if s.checked and not s.left_out],
            "glossary": domain.glossary_for(
                [s.text for s in sections if s.checked and not s.left_out], band
            )
            if band
            else [],
            "versions": my_plan.versions(child),
            "may_write": access.can_write_my_plan(request.user, child),
        },
    )


def _download(request: HttpRequest, child: Child, today: dt.date) -> HttpResponse:
    raw = request.GET.get("version", "")
    if raw:
        version = child.my_plan_versions.filter(version=int(raw) if raw.isdigit() else -1).first()
        if version is None:
            raise Http404("No such version of this child's plan")
        record(
            AuditAction.EXPORT,
            request=request,
            child_id=child.child_id,
            obj=version,
            summary=f"Printed My plan version {version.version} (as shared)",
        )
        return _pdf_response(
            my_plan.pdf_of(child, version), f"my-plan-{child.child_id}-v{version.version}.pdf"
        )
    if child.date_of_birth is None:
        raise Http404("A plan for the child is written once the child is born")
    record(
        AuditAction.EXPORT,
        request=request,
        child_id=child.child_id,
        summary="Printed My plan (the draft: checked sections only)",
    )
    return _pdf_response(my_plan.preview_pdf(child, today), f"my-plan-{child.child_id}-draft.pdf")


def _back(child: Child) -> str:
    return reverse("planning:my-plan", args=[child.child_id])


@require_form
@child_view(access.can_write_my_plan)
def my_plan_section(request: HttpRequest, child: Child, section: str) -> HttpResponse:
    if section not in domain.BY_KEY or child.date_of_birth is None:
        raise Http404("No such section of the child's plan")
    band, drafts = my_plan.draft_sections(child, timezone.localdate())
    current = next(d for d in drafts if d.key == section)
    form = MyPlanSectionForm(
        request.POST or None,
        initial={"text": current.text, "left_out": current.left_out},
    )
    return form_page(
        request,
        form,
        template="planning/my_plan_section.html",
        context={"child": child, "section": current, "band": band, "back_url": _back(child)},
        save=lambda: my_plan.save_section(
            child,
            section,
            text=form.cleaned_data["text"],
            left_out=form.cleaned_data["left_out"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
        success=f"{current.heading}: checked",
        done=_back(child) + f"#section-{section}",
    )


@require_form
@child_view(access.can_write_my_plan)
def share_my_plan(request: HttpRequest, child: Child) -> HttpResponse:
    if child.date_of_birth is None:
        raise Http404("A plan for the child is written once the child is born")
    form = ShareMyPlanForm(request.POST or None, initial={"shared_on": timezone.localdate()})
    return form_page(
        request,
        form,
        template="planning/my_plan_share.html",
        context={"child": child, "name": my_plan.name_of(child), "back_url": _back(child)},
        save=lambda: my_plan.share(
            child,
            shared_on=form.cleaned_data["shared_on"],
            with_carer=form.cleaned_data["with_carer"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
        success=lambda v: f"Version {v.version} of the plan shared with {v.shared_with}",
        done=lambda v: _back(child) + "#versions",
    )
