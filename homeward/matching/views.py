"""Pages for the carers register (/carers/): the list with its filter, a household's page, the
forms that add and change one and record a change of status, and the CSV import with its
template. Thin: parse, ask ``access``, call a selector or service, render.

Who may see and change the register is decided in ``homeward.accounts.access``
(``can_see_carers``, ``can_change_carers``). Anyone else gets a 403, as for the drift dashboard
or the SSDA903 pages, before any household is looked up, so a URL never says whether a
household exists; every refusal and every page that shows a household is audited.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.domain import carers as domain
from homeward.form_page import form_page, require_form
from homeward.matching import importer, selectors, services
from homeward.matching.forms import CarerForm, ImportForm, StatusForm
from homeward.matching.models import Carer

PAGE_SIZE = 50
View = Callable[..., HttpResponse]
SEE = (
    "The carers register is for family finders, service managers, team managers and panel "
    "administrators."
)
CHANGE = "Only family finders and service managers change the carers register."


def _refuse(request: HttpRequest, what: str, why: str) -> None:
    record(AuditAction.DENIED, request=request, summary=f"Refused: {what}")
    raise PermissionDenied(why)


def register_page(*, change: bool = False) -> Callable[[View], View]:
    """A register page: refused (403, audited) to those who may not see it, or change it."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not access.can_see_carers(request.user):
                _refuse(request, "the carers register", SEE)
            if change and not access.can_change_carers(request.user):
                _refuse(request, "change the carers register", CHANGE)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def carer_view(*, change: bool = False) -> Callable[[View], View]:
    """A page about one household: access first (so an unknown ID and a refusal are told apart
    only to those who may see the register), then the household (404 if there is none), and an
    audit entry for every answer that shows it, as ``children.guard.child_view`` does for a
    child: a GET or HEAD, and a POST answered with the form again."""

    def decorate(view: View) -> View:
        @register_page(change=change)
        @wraps(view)
        def wrapper(request: HttpRequest, carer_id: int, *args: Any, **kwargs: Any) -> HttpResponse:
            carer = selectors.carer_detail(carer_id)
            if carer is None:
                record(AuditAction.DENIED, request=request, summary=f"No carer {carer_id}")
                raise Http404("No carer with this ID")
            page = (
                (request.resolver_match.url_name or "carer").replace("-", " ")
                if request.resolver_match
                else "carer"
            )
            if request.method in ("GET", "HEAD"):
                record(
                    AuditAction.VIEW,
                    request=request,
                    obj=carer,
                    summary=f"Viewed {page}: {carer.reference}",
                )
            response = view(request, carer, *args, **kwargs)
            if request.method == "POST" and response.status_code == 200:
                record(
                    AuditAction.VIEW,
                    request=request,
                    obj=carer,
                    summary=f"Viewed {page}: {carer.reference} (the form again, not saved)",
                )
            return response

        return wrapper

    return decorate


def _filters(request: HttpRequest) -> selectors.CarerListFilters:
    get = request.GET
    carer_type = get.get("carer_type", "")
    status = get.get("status", "")
    sort = get.get("sort", "reference")
    return selectors.CarerListFilters(
        carer_type=carer_type if carer_type in dict(domain.CARER_TYPES) else "",
        status=status if status in dict(domain.STATUSES) else "",
        area=get.get("area", "").strip()[:60],
        vacancy=get.get("vacancy") == "yes",
        sort=sort if sort in selectors.SORTS else "reference",
        descending=get.get("order") == "desc",
    )


@require_safe
@register_page()
def carers(request: HttpRequest) -> HttpResponse:
    """The register: every household, filtered by type, status, area and vacancy, sortable,
    50 a page."""
    filters = _filters(request)
    page = Paginator(selectors.carers_list(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    sort_query = query.copy()
    for key in ("sort", "order"):
        sort_query.pop(key, None)
    record(
        AuditAction.VIEW,
        request=request,
        summary=f"Viewed the carers register (page {page.number}, {len(page.object_list)} of "
        f"{page.paginator.count} households)",
    )
    return render(
        request,
        "matching/carers.html",
        {
            "page": page,
            "filters": filters,
            "carer_types": domain.CARER_TYPES,
            "statuses": domain.STATUSES,
            "areas": selectors.areas(),
            "query": query.urlencode(),
            "sort_query": sort_query.urlencode(),
        },
    )


@require_safe
@carer_view()
def carer(request: HttpRequest, carer: Carer) -> HttpResponse:
    levels = {n.need: n for n in carer.needs.all()}
    checklist = [(text, levels.get(key)) for key, text in domain.NEEDS]
    return render(
        request,
        "matching/carer.html",
        {"carer": carer, "checklist": checklist, "history": list(carer.status_changes.all())},
    )


@require_form
@register_page(change=True)
def add_carer(request: HttpRequest) -> HttpResponse:
    form = CarerForm(request.POST or None, instance=Carer())

    def save() -> Carer:
        return services.add_carer(
            form.instance,
            form.needs(),
            actor=Actor.from_request(request),
            connected=form.connected(),
        )

    return form_page(
        request,
        form,
        template="matching/form.html",
        context={"title": "Add a carer", "back": "/carers/"},
        save=save,
        done=lambda c: c.get_absolute_url(),
        success=lambda c: f"{c.display_name} ({c.reference}) added to the register",
    )


@require_form
@carer_view(change=True)
def change_carer(request: HttpRequest, carer: Carer) -> HttpResponse:
    form = CarerForm(request.POST or None, instance=carer)

    def save() -> Carer:
        return services.change_carer(
            form.instance,
            form.needs(),
            actor=Actor.from_request(request),
            connected=form.connected(),
        )

    return form_page(
        request,
        form,
        template="matching/form.html",
        context={
            "title": f"Change {carer.display_name}",
            "caption": carer.reference,
            "back": carer.get_absolute_url(),
        },
        save=save,
        done=lambda c: c.get_absolute_url(),
        success="Changes saved",
    )


@require_form
@carer_view(change=True)
def change_status(request: HttpRequest, carer: Carer) -> HttpResponse:
    form = StatusForm(request.POST or None)

    def save() -> Any:
        return services.change_status(
            carer,
            status=form.cleaned_data["status"],
            on=form.cleaned_data["on"],
            reason=form.cleaned_data["reason"].strip(),
            actor=Actor.from_request(request),
        )

    return form_page(
        request,
        form,
        template="matching/form.html",
        context={
            "title": f"Change the status of {carer.display_name}",
            "caption": carer.reference,
            "intro": f"Now {carer.get_status_display().lower()}.",
            "back": carer.get_absolute_url(),
        },
        save=save,
        done=carer.get_absolute_url(),
        success=lambda change: f"Status changed to {change.get_status_display().lower()}",
    )


@require_form
@register_page(change=True)
def import_carers(request: HttpRequest) -> HttpResponse:
    """Upload a CSV of households; every row is checked before anything is saved (see
    ``homeward.matching.importer``: synchronous, a register is a few hundred rows)."""
    form = ImportForm(request.POST or None, request.FILES or None, max_bytes=importer.max_bytes())
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = importer.import_carers(
            upload.name or "upload.csv", upload.read(), actor=Actor.from_request(request)
        )
        if result.ok:
            messages.success(
                request,
                f"Carers imported: {result.added} added, {result.changed} changed, "
                f"{result.unchanged} unchanged",
            )
            return redirect("matching:carers")
        problems = result.problems
        form.add_error(
            "file",
            f"The file has {len(problems)} problem{'s' if len(problems) != 1 else ''}: nothing "
            "was saved. Correct the rows listed and upload it again",
        )
    return render(
        request,
        "matching/import.html",
        {
            "form": form,
            "forms": [form],
            "problems": problems[:500],
            "more": max(0, len(problems) - 500),
            "columns": importer.COLUMNS,
        },
    )


@require_safe
@register_page(change=True)
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(importer.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="carers-template.csv"'
    return response
