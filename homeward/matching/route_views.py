"""Family finding pages (issue 15 items 2, 3 and 7): the child's route and its steps
(/children/<id>/family-finding/), choosing the route, recording a step done, the pen picture and
its safe version, recording it sent, and the family finder's worklist (/family-finding/).

Every page about a child goes through need-to-know (``children.guard.child_view``) and is
audited; who may do what is decided in ``homeward.accounts.access`` (``can_choose_route``,
``can_record_route_step``, ``can_write_pen_picture``, ``can_send_pen_picture``,
``can_see_family_finding_worklist``). Methods are restricted on every view.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
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
from homeward.domain import pen_picture as pp
from homeward.domain import routes as domain
from homeward.form_page import form_page, require_form
from homeward.matching import routes, worklist
from homeward.matching.models import PenPicture
from homeward.matching.route_forms import PenPictureForm, RouteForm, SendForm, StepDoneForm

WORKLIST_REFUSED = "The family finding worklist is for family finders and service managers."


def _home(child: Child) -> str:
    return reverse("matching:family-finding", args=[child.child_id])


@require_safe
@child_view()
def family_finding(request: HttpRequest, child: Child) -> HttpResponse:
    finding = routes.finding_for(child)
    page = routes.finding_page(finding, request.user, child) if finding else None
    picture = PenPicture.objects.filter(child=child).prefetch_related("sendings__by").first()
    return render(
        request,
        "matching/route_child.html",
        {
            "child": child,
            "page": page,
            "choices": routes.route_choices(child) if page is None else None,
            "picture": picture,
            "sendings": list(picture.sendings.all()) if picture else [],
            "may_choose": access.can_choose_route(request.user, child),
            "may_write": access.can_write_pen_picture(request.user, child),
            "may_send": access.can_send_pen_picture(request.user, child),
            "external_source": domain.EXTERNAL_SEARCH_SOURCE,
        },
    )


@require_form
@child_view(access.can_choose_route)
def choose_route(request: HttpRequest, child: Child) -> HttpResponse:
    choice = routes.route_choices(child)
    finding = routes.finding_for(child)
    initial = (
        {"route": finding.route_key, "started_on": finding.started_on}
        if finding
        else {"started_on": timezone.localdate()}
    )
    form = RouteForm(request.POST or None, routes=choice.routes, initial=initial)
    return form_page(
        request,
        form,
        template="family/form.html",
        context={
            "child": child,
            "title": "Choose the route to a permanent home",
            "intro": choice.why,
            "back": _home(child),
        },
        save=lambda: routes.choose_route(
            child,
            form.cleaned_data["route"],
            form.cleaned_data["started_on"],
            actor=Actor.from_request(request),
            today=timezone.localdate(),
        ),
        done=_home(child),
        success=lambda f: f"Route chosen: {routes.route_of(f).title}",
    )


@require_form
@child_view(audit_view=False)
def record_step(request: HttpRequest, child: Child, step_key: str) -> HttpResponse:
    """Record one step of the child's route done: only by the role the route names for it."""
    finding = routes.finding_for(child)
    route = routes.route_of(finding) if finding else None
    step = next((s for s in route.steps if s.key == step_key), None) if route else None
    if finding is None or route is None or step is None:
        record(
            AuditAction.DENIED,
            request=request,
            child_id=child.child_id,
            summary=f"No step {step_key[:40]} on this child's route",
        )
        raise Http404("No such step on this child's route")
    if not access.can_record_route_step(request.user, child, step.role):
        record(
            AuditAction.DENIED,
            request=request,
            child_id=child.child_id,
            summary=f"Refused: {step.title} is recorded by the {step.owner.lower()}",
        )
        raise PermissionDenied(f"{step.title} is recorded by the {step.owner.lower()}.")
    if request.method in ("GET", "HEAD"):
        record(
            AuditAction.VIEW,
            request=request,
            child_id=child.child_id,
            summary=f"Viewed matching: record step {step.key}",
        )
    done = finding.done()
    state = next(p for p in domain.progress(route, done) if p.step.key == step.key)
    form = StepDoneForm(request.POST or None, initial={"done_on": timezone.localdate()})
    return form_page(
        request,
        form,
        template="family/form.html",
        context={
            "child": child,
            "caption": route.title,
            "title": step.title,
            "intro": f"{state.explanation}. Recorded by the {step.owner.lower()}.",
            "step": step,
            "state": state,
            "back": _home(child),
        },
        save=lambda: routes.record_step(
            finding,
            step.key,
            form.cleaned_data["done_on"],
            form.cleaned_data["note"],
            actor=Actor.from_request(request),
            today=timezone.localdate(),
        ),
        done=_home(child),
        success=f"{step.title}: recorded as done",
    )


@require_form
@child_view(access.can_write_pen_picture)
def pen_picture(request: HttpRequest, child: Child) -> HttpResponse:
    picture = PenPicture.objects.filter(child=child).first()
    text = picture.text if picture else pp.draft(routes.facts(child, timezone.localdate()))
    form = PenPictureForm(request.POST or None, initial={"text": text})
    return form_page(
        request,
        form,
        template="family/form.html",
        context={
            "child": child,
            "title": "Pen picture",
            "intro": (
                "Change the pen picture as you need."
                if picture
                else "Drafted from the record: the child's age band, their interests, needs, "
                "brothers and sisters to be placed with them, and family time. Check and change "
                "it before saving."
            ),
            "back": _home(child),
        },
        save=lambda: routes.save_pen_picture(
            child, form.cleaned_data["text"], actor=Actor.from_request(request)
        ),
        done=reverse("matching:pen-picture-safe", args=[child.child_id]),
        success="Pen picture saved",
    )


@require_safe
@child_view()
def pen_picture_safe(request: HttpRequest, child: Child) -> HttpResponse:
    picture = PenPicture.objects.filter(child=child).prefetch_related("sendings__by").first()
    safe = routes.safe_text(child, picture.text) if picture else None
    return render(
        request,
        "matching/route_pen_picture.html",
        {
            "child": child,
            "picture": picture,
            "safe": safe,
            "sendings": list(picture.sendings.all()) if picture else [],
            "may_write": access.can_write_pen_picture(request.user, child),
            "may_send": access.can_send_pen_picture(request.user, child),
            "source": pp.SOURCE,
        },
    )


@require_form
@child_view(access.can_send_pen_picture)
def send_pen_picture(request: HttpRequest, child: Child) -> HttpResponse:
    form = SendForm(request.POST or None, initial={"sent_on": timezone.localdate()})
    return form_page(
        request,
        form,
        template="family/form.html",
        context={
            "child": child,
            "title": "Record the pen picture sent to carers",
            "intro": "The safe version is what is recorded as sent: no surname, address, school "
            "or birth family names.",
            "back": reverse("matching:pen-picture-safe", args=[child.child_id]),
        },
        save=lambda: routes.send_pen_picture(
            child,
            form.cleaned_data["to_group"],
            form.cleaned_data["sent_on"],
            actor=Actor.from_request(request),
            today=timezone.localdate(),
        ),
        done=reverse("matching:pen-picture-safe", args=[child.child_id]),
        success=lambda s: f"Recorded: sent to {s.get_to_group_display().lower()}",
    )


@require_safe
def family_finding_worklist(request: HttpRequest) -> HttpResponse:
    if not access.can_see_family_finding_worklist(request.user):
        record(AuditAction.DENIED, request=request, summary="Refused: the family finding worklist")
        raise PermissionDenied(WORKLIST_REFUSED)
    work = worklist.worklist(
        request.user,
        timezone.localdate(),
        page=request.GET.get("page"),
        route_key=request.GET.get("route", ""),
    )
    record(
        AuditAction.VIEW,
        request=request,
        summary=f"Viewed the family finding worklist (page {work.page.number}, "
        f"{len(work.rows)} of {work.page.paginator.count} children)",
    )
    return render(request, "matching/route_worklist.html", {"work": work})
