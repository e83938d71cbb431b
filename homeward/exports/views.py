"""Your downloads: ask for one (a POST from the page it comes from), watch it being prepared,
and download it. Only the person who asked sees an export (anyone else: 404); every download
is audited as an export."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.exports import selectors, services
from homeward.exports.models import Export
from homeward.exports.registry import exporter_for


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    services.prune()  # nothing older than a day is listed, or kept
    return render(
        request,
        "exports/index.html",
        {"exports": selectors.exports_of(request.user)[:100]},
    )


@require_POST
def ask(request: HttpRequest) -> HttpResponse:
    """Queue a download from a page's "Prepare ..." button (its filters as hidden fields), and
    go to its progress page (303: the browser GETs it)."""
    exporter = exporter_for(request.POST.get("kind", ""))
    if exporter is None:
        raise Http404("There is no such kind of download.")
    if not exporter.may_ask(request.user):
        record(AuditAction.DENIED, request=request, summary=f"Refused: download {exporter.kind}")
        raise PermissionDenied(exporter.refused)
    export = services.ask_for(request.user, exporter, request.POST)
    return HttpResponseRedirect(
        reverse("exports:detail", kwargs={"export_id": export.pk}), status=303
    )


@require_safe
def detail(request: HttpRequest, export_id: int) -> HttpResponse:
    export = selectors.export_of(request.user, export_id)
    polled = bool(request.headers.get("HX-Request"))
    return render(
        request,
        "exports/_status.html" if polled else "exports/detail.html",
        {"export": export, "finished": export.finished, "full_page": not polled},
    )


@require_safe
def download(request: HttpRequest, export_id: int) -> HttpResponse:
    export = selectors.export_of(request.user, export_id)
    if export.status != Export.Status.READY or not export.file:
        raise Http404("This download is not ready.")
    try:
        opened = export.file.open("rb")
    except FileNotFoundError:  # removed meanwhile (a day old)
        raise Http404("This download has been removed.") from None
    record(
        AuditAction.EXPORT,
        request=request,
        obj=export,
        summary=f"Downloaded {export.title} ({export.rows} "
        f"child{'' if export.rows == 1 else 'ren'})",
        after={"kind": export.kind, **export.parameters},
    )
    response = FileResponse(opened, as_attachment=True, filename=export.file_name)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
