"""Family finding pages (issue 15 items 2, 3, 5 and 7): the child's route and its steps
(/children/<id>/family-finding/), choosing the route, recording a step done, the permanence
bundle (a document's status and due date, its files, a manager's override), the pen picture and
its safe version, recording it sent, and the family finder's worklist (/family-finding/).

Every page about a child goes through need-to-know (``children.guard.child_view``) and is
audited; who may do what is decided in ``homeward.accounts.access`` (``can_choose_route``,
``can_record_route_step``, ``can_write_pen_picture``, ``can_send_pen_picture``,
``can_see_family_finding_worklist``, ``can_work_on_bundle``, ``can_override_bundle``). Methods
are restricted on every view.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.children.guard import child_view
from homeward.children.models import Child
from homeward.documents import services as documents
from homeward.documents.views import FORM_ALLOWANCE
from homeward.domain import events
from homeward.domain import pen_picture as pp
from homeward.domain import route_outcomes as outcomes
from homeward.domain import routes as domain
from homeward.form_page import form_page, require_form
from homeward.matching import bundle, routes, worklist
from homeward.matching.models import FamilyFinding, PenPicture
from homeward.matching.route_forms import (
    BundleFileForm,
    BundleItemForm,
    BundleOverrideForm,
    PenPictureForm,
    RemoveStepForm,
    RouteForm,
    SendForm,
    StepDoneForm,
    StepOutcomeForm,
)

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
            "bundle": bundle.bundle_page(finding, timezone.localdate()) if finding else None,
            "may_work_on_bundle": access.can_work_on_bundle(request.user, child),
            "may_override": access.can_override_bundle(request.user, child),
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


def _own_step(
    request: HttpRequest, child: Child, step_key: str, what: str
) -> tuple[FamilyFinding, domain.Route, domain.Step]:
    """The child's finding, route and step ``step_key``, or a 404 (no such step) or a 403 (the
    step is another role's), each refusal audited; a GET is audited as a view of ``what``."""
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
            summary=f"Viewed matching: {what} {step.key}",
        )
    return finding, route, step


@require_form
@child_view(audit_view=False)
def record_step(request: HttpRequest, child: Child, step_key: str) -> HttpResponse:
    """Record one step of the child's route done, with its outcome where it has one (issue 15
    item 6): only by the role the route names for it."""
    finding, route, step = _own_step(request, child, step_key, "record step")
    done = finding.done()
    override = bundle.override_of(finding)
    state = next(
        p
        for p in domain.progress(
            route,
            done,
            documents=bundle.received_of(finding),
            bundle_override=override.reason if override else "",
            results=finding.results(),
        )
        if p.step.key == step.key
    )
    initial = {"done_on": timezone.localdate()}
    form: StepDoneForm = (
        StepOutcomeForm(request.POST or None, initial=initial, outcome=step.outcome)
        if step.outcome is not None
        else StepDoneForm(request.POST or None, initial=initial)
    )
    intro = f"{state.explanation}. Recorded by the {step.owner.lower()}."
    if step.event is not None:
        label = events.label(step.event).lower()
        intro += (
            f" A positive outcome records \u201c{label}\u201d in the child's journey."
            if step.outcome is not None
            else f" Recording it records \u201c{label}\u201d in the child's journey."
        )
    return form_page(
        request,
        form,
        template="family/form.html",
        context={
            "child": child,
            "caption": route.title,
            "title": step.title,
            "intro": intro,
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
            answer=form.answer() if isinstance(form, StepOutcomeForm) else None,
        ),
        done=_home(child),
        success=lambda row: (
            f"{step.title}: "
            + (outcomes.result_label(row.result).lower() if row.result else "recorded as done")
        ),
    )


@require_form
@child_view(audit_view=False)
def remove_step(request: HttpRequest, child: Child, step_key: str) -> HttpResponse:
    """Remove a step recorded done, to correct it: the journey event it wrote goes with it."""
    finding, route, step = _own_step(request, child, step_key, "remove step")
    if step.key not in finding.done():
        raise Http404(f"{step.title} is not recorded")
    form = RemoveStepForm(request.POST or None)
    return form_page(
        request,
        form,
        template="family/form.html",
        context={
            "child": child,
            "caption": route.title,
            "title": f"Remove: {step.title}",
            "intro": "Remove this record to correct it, then record the step again. "
            + (
                f"The \u201c{events.label(step.event).lower()}\u201d it recorded in the "
                "child's journey is removed with it, and the child's timescales are worked out "
                "again."
                if step.event is not None
                else ""
            ),
            "back": _home(child),
            "submit": "Remove",
        },
        save=lambda: routes.remove_step(
            finding, step.key, form.cleaned_data["reason"], actor=Actor.from_request(request)
        ),
        done=_home(child),
        success=f"{step.title}: removed",
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


# --- The permanence bundle (issue 15 item 5) ---------------------------------------------------

NO_SUCH_BUNDLE_DOCUMENT = "No such document in this child's bundle"


def _bundle_document(
    request: HttpRequest, child: Child, key: str
) -> tuple[FamilyFinding, domain.BundleDocument]:
    finding = routes.finding_for(child)
    try:
        if finding is None:
            raise bundle.NoSuchDocument(key)
        return finding, bundle.document_of(finding, key)
    except bundle.NoSuchDocument:
        record(
            AuditAction.DENIED,
            request=request,
            child_id=child.child_id,
            summary=f"No document {key[:40]} in this child's bundle",
        )
        raise Http404(NO_SUCH_BUNDLE_DOCUMENT) from None


def _bundle_home(child: Child) -> str:
    return _home(child) + "#bundle"


@require_form
@child_view(access.can_work_on_bundle)
def bundle_item(request: HttpRequest, child: Child, document_key: str) -> HttpResponse:
    """A document of the bundle: its status (with the date) and its due date."""
    finding, document = _bundle_document(request, child, document_key)
    item = next((i for i in finding.bundle_items.all() if i.document_key == document.key), None)
    initial = (
        {
            "status": item.status,
            "status_on": item.status_on,
            "due_on": item.due_on,
            "note": item.note,
        }
        if item
        else {"status": domain.BundleItemStatus.NOT_STARTED.value}
    )
    form = BundleItemForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        template="family/form.html",
        context={
            "child": child,
            "caption": bundle.bundle_of(finding).title,
            "title": document.title,
            "intro": f"Owner: {document.owner}. {domain.DUE_DATE_SOURCE}. A document is "
            "received once its file is attached.",
            "back": _bundle_home(child),
        },
        save=lambda: bundle.update_item(
            finding,
            document.key,
            status=form.cleaned_data["status"],
            status_on=form.cleaned_data["status_on"],
            due_on=form.cleaned_data["due_on"],
            note=form.cleaned_data["note"],
            actor=Actor.from_request(request),
            today=timezone.localdate(),
        ),
        done=_bundle_home(child),
        success=f"{document.title}: saved",
    )


# An upload far over the limit is refused on its declared length before its body is read, as
# the Documents tab's upload does (homeward/documents/views.py add_document): CSRF's check
# would read the whole upload first, so it is made inside, once the size is known to be within
# the limit. Refusing changes nothing, so needs no token.
@csrf_exempt
@require_form
@child_view(access.can_work_on_bundle)
def bundle_file(request: HttpRequest, child: Child, document_key: str) -> HttpResponse:
    """Attach a file to a document of the bundle, filed on the child's record."""
    if request.method == "POST":
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > documents.max_bytes() + FORM_ALLOWANCE:
            return _bundle_file_too_large(request, child, document_key, length)
    return _bundle_file(request, child, document_key)


def _file_context(child: Child, finding: FamilyFinding, document: domain.BundleDocument) -> dict:
    return {
        "child": child,
        "caption": bundle.bundle_of(finding).title,
        "title": f"Attach a file: {document.title}",
        "intro": f"Owner: {document.owner}. The file is kept on {child.full_name}'s record "
        "(the Documents tab); everyone who may see the record may download it, and every "
        "download is recorded.",
        "back": _bundle_home(child),
        "multipart": True,
        "submit": "Upload",
    }


def _bundle_file_too_large(
    request: HttpRequest, child: Child, document_key: str, length: int
) -> HttpResponse:
    while request.read(64 * 1024):  # read and drop: the browser sees this page, not a reset
        pass
    finding, document = _bundle_document(request, child, document_key)
    form = BundleFileForm({}, {})
    form.is_valid()
    form.errors.clear()
    form.add_error("file", documents.too_large_message("The selected file", length))
    return render(
        request,
        "family/form.html",
        {"form": form, "forms": [form], **_file_context(child, finding, document)},
        status=413,
    )


@csrf_protect
def _bundle_file(request: HttpRequest, child: Child, document_key: str) -> HttpResponse:
    finding, document = _bundle_document(request, child, document_key)
    posted = request.method == "POST"
    form = BundleFileForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial={"dated": timezone.localdate(), "received": "yes"},
    )
    return form_page(
        request,
        form,
        template="family/form.html",
        context=_file_context(child, finding, document),
        save=lambda: bundle.attach_file(
            finding,
            document.key,
            form.cleaned_data["file"],
            dated=form.cleaned_data["dated"],
            received=form.cleaned_data["received"] == "yes",
            actor=Actor.from_request(request),
            today=timezone.localdate(),
        ),
        done=_bundle_home(child),
        success=lambda d: f"{document.title}: {d.original_filename} uploaded",
        fallback="file",
    )


@require_form
@child_view(access.can_override_bundle)
def bundle_override(request: HttpRequest, child: Child, bundle_key: str) -> HttpResponse:
    """A team or service manager records why the panel may be booked without every document of
    the bundle of the child's route (``bundle_key``, the routes file's)."""
    finding = routes.finding_for(child)
    page = bundle.bundle_page(finding, timezone.localdate()) if finding else None
    if finding is None or page is None or page.bundle.key != bundle_key:
        record(
            AuditAction.DENIED,
            request=request,
            child_id=child.child_id,
            summary=f"No bundle {bundle_key[:40]} on this child's route",
        )
        raise Http404("This child's route has no bundle")
    missing = ", ".join(
        d.title for d in domain.bundle_status(page.bundle, bundle.received_of(finding)).missing
    )
    form = BundleOverrideForm(request.POST or None)
    return form_page(
        request,
        form,
        template="family/form.html",
        context={
            "child": child,
            "caption": page.bundle.title,
            "title": "Book the panel without every document",
            "intro": f"Not received yet: {missing or 'none'}. {page.gate.source}.",
            "back": _bundle_home(child),
        },
        save=lambda: bundle.record_override(
            finding,
            form.cleaned_data["reason"],
            actor=Actor.from_request(request),
            today=timezone.localdate(),
        ),
        done=_bundle_home(child),
        success="Override recorded: the panel may be booked",
    )
