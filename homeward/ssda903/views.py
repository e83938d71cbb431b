"""Pages for the SSDA903 return: import (a background task with progress), the result and its
problems, the DfE data-quality report, and the export download. Analysts and service managers."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_safe

from homeward.accounts.access import can_use_ssda903
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.form_page import form_page, require_form
from homeward.spreadsheets import safe_cell
from homeward.ssda903 import exporter, progress, uploads
from homeward.ssda903.forms import ExportForm, ImportForm, too_large_message
from homeward.ssda903.models import DataQualityFailure, ImportRun
from homeward.ssda903.tasks import import_uploaded_return


def return_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_use_ssda903(request.user):
            record(AuditAction.DENIED, request=request, summary="Refused: SSDA903 pages")
            raise PermissionDenied("Only performance analysts and service managers use the return.")
        return view(request, *args, **kwargs)

    return wrapper


def _index_context() -> dict[str, Any]:
    progress.fail_stale_imports()
    return {
        "export_form": ExportForm(),
        "runs": ImportRun.objects.select_related("started_by")[:10],
    }


# The upload's size is checked before its body is read: CSRF's check would read (and store)
# the whole upload first, so it is made inside, once the size is known to be within the limit.
# Refusing an oversized upload changes nothing, so needs no token.
@csrf_exempt
@require_form
@return_view
def index(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.HOMEWARD_MAX_UPLOAD_MB * 1024 * 1024:
            # Read and drop the body (never stored), so the browser, still sending, sees this page
            # rather than a reset connection. The web server caps how much it will accept.
            while request.read(64 * 1024):
                pass
            form = ImportForm({}, {})
            form.is_valid()
            form.errors["files"] = form.error_class([too_large_message(length)])
            response = render(
                request, "ssda903/index.html", {"form": form, "forms": [form], **_index_context()}
            )
            response.status_code = 413  # Content Too Large, with the form saying why
            return response
    return _index(request)


@csrf_protect
def _index(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)

    def save() -> ImportRun:
        run = ImportRun.objects.create(
            started_by=request.user,
            source=", ".join(f.name or "" for f in form.cleaned_data["files"])[:500],
            collection_year=form.cleaned_data["collection_year"],
        )
        try:
            uploads.store(run.pk, form.cleaned_data["files"])
            import_uploaded_return.enqueue(run.pk)
        except Exception as exc:
            uploads.discard(run.pk)  # no copy of the children's data left behind
            ImportRun.objects.filter(pk=run.pk).update(
                status=ImportRun.Status.FAILED,
                message=f"The import could not be started: {exc}"[:500],
                progress=100,
            )
            raise
        return run

    return form_page(
        request,
        form,
        template="ssda903/index.html",
        context=_index_context,
        save=save,
        success=None,  # the import's own page shows its progress
        done=lambda run: reverse("ssda903:run", kwargs={"run_id": run.pk}),
    )


@require_safe
@return_view
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    progress.fail_stale_imports()  # a run whose worker died is not "in progress" for ever
    run = progress.live(get_object_or_404(ImportRun, pk=run_id))
    template = (
        "ssda903/_run_status.html" if request.headers.get("HX-Request") else "ssda903/run.html"
    )
    rules = (
        run.failures.values("rule", "message")
        .annotate(children=Count("child_id", distinct=True), failures=Count("pk"))
        .order_by("-failures")[:200]
        if run.status == ImportRun.Status.IMPORTED
        else []
    )
    return render(
        request,
        template,
        {
            "run": run,
            "finished": run.status in ImportRun.FINISHED,
            "problems": run.blocking[:200],
            "rules": rules,
        },
    )


@require_safe
@return_view
def problems_csv(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=run_id)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["file", "row", "column", "message"])
    writer.writeheader()
    writer.writerows({k: safe_cell(str(v)) for k, v in p.items()} for p in run.blocking)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-problems.csv"'
    return response


@require_safe
@return_view
def data_quality(request: HttpRequest) -> HttpResponse:
    run = ImportRun.objects.filter(status=ImportRun.Status.IMPORTED).first()
    rule = request.GET.get("rule", "")[:10]
    failures = DataQualityFailure.objects.none()
    rules: Any = []
    if run is not None:
        rules = (
            run.failures.values("rule", "message")
            .annotate(children=Count("child_id", distinct=True), failures=Count("pk"))
            .order_by("-failures")
        )
        if rule:
            failures = run.failures.filter(rule=rule).order_by("child_id", "row")[:500]
            # The list names children: who looked is recorded like any view of a child's data.
            record(AuditAction.VIEW, request=request, summary=f"Viewed DfE rule {rule} failures")
    return render(
        request,
        "ssda903/data_quality.html",
        {"run": run, "rules": rules, "rule": rule, "failures": failures},
    )


@require_safe
@return_view
def export(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.GET or None)
    if not form.is_valid():
        return render(
            request,
            "ssda903/index.html",
            {"export_form": form, "forms": [form], "form": ImportForm(), "runs": []},
        )
    year = form.cleaned_data["year"]
    content, counts = exporter.zip_bytes(year)
    record(
        AuditAction.EXPORT,
        request=request,
        summary=f"Downloaded the SSDA903 return for {year - 1}-{str(year)[2:]}",
        after=counts,
    )
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="ssda903-{year - 1}-{str(year)[2:]}.zip"'
    )
    return response
