"""The reports' pages: thin views that check the policy, call the selectors and render."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.domain import measures
from homeward.reports import selectors
from homeward.spreadsheets import safe_cell

PAGE_SIZE = 50  # forecasts shown at once
CSV_COLUMNS = (
    "Child ID",
    "Name",
    "Measure",
    "Clock started",
    "Threshold reached",
    "Days left",
    "Days over",
    "Next step",
    "Forecast",
)
CSV_CHUNK = 500  # lines of the CSV written to the response at a time


class _Echo:
    """A file-like object whose write returns what it was given, so csv.writer makes lines to
    stream rather than a whole file held in memory (Django, "Streaming large CSV files")."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(found: list[measures.Forecast], names: dict[str, str]) -> Iterator[bytes]:
    writer = csv.writer(_Echo())
    yield codecs.BOM_UTF8  # as CSV_ENCODING ("utf-8-sig") writes it: Excel reads UTF-8
    yield writer.writerow(CSV_COLUMNS).encode("utf-8")
    for start in range(0, len(found), CSV_CHUNK):
        lines = (
            writer.writerow(
                [
                    safe_cell(cell)
                    for cell in (
                        f.child_id,
                        names.get(f.child_id, ""),
                        selectors.MEASURES[f.measure.code],
                        f"{f.started:%d/%m/%Y}",
                        f"{f.breach_date:%d/%m/%Y}",
                        max(f.days_left, 0),
                        f.days_over,
                        f.next_step,
                        f.explanation,
                    )
                ]
            )
            for f in found[start : start + CSV_CHUNK]
        )
        yield "".join(lines).encode("utf-8")


def _forecasts(n: int) -> str:
    return f"{n} forecast{'s' if n != 1 else ''}"


@require_safe
def forecasts(request: HttpRequest) -> HttpResponse:
    """Every running clock of the children the user may see, the day each national threshold
    is reached if nothing moves, soonest first (breached first), with the step that would stop
    it; filtered by measure and by how near, paged; a CSV download is streamed and audited."""
    if not access.can_see_forecasts(request.user):
        record(AuditAction.DENIED, request=request, summary="Refused: forecasts")
        raise PermissionDenied("The forecasts are for service managers and performance analysts.")
    measure = request.GET.get("measure", "")
    if measure not in selectors.MEASURES:
        measure = ""
    show = request.GET.get("show", "all")
    if show not in selectors.SHOW:
        show = "all"
    filters = {"measure": measure, "show": show}
    today = timezone.localdate()
    children = access.visible_children(request.user)
    everything = selectors.council_forecasts(children, today)
    of_measure = selectors.chosen(everything, measure=measure, show="all")
    found = selectors.chosen(of_measure, measure="", show=show)
    if request.GET.get("download") == "csv":
        names = selectors.names_of_candidates(children)
        record(
            AuditAction.EXPORT,
            request=request,
            summary=f"Downloaded the forecasts (csv, {_forecasts(len(found))})",
            after=filters,
        )
        chosen = [slugify(value) for value in (measure, show if show != "all" else "") if value]
        name = "-".join(["forecasts", f"{today:%Y-%m-%d}", *chosen])
        response = StreamingHttpResponse(
            _csv_lines(found, names), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    named = selectors.children_named(f.child_id for f in page.object_list)
    rows = [(f, named.get(f.child_id)) for f in page.object_list]
    record(
        AuditAction.VIEW,
        request=request,
        summary=f"Viewed the forecasts (page {page.number}, {_forecasts(len(found))})",
        after=filters,
    )
    page_query = request.GET.copy()
    page_query.pop("page", None)
    return render(
        request,
        "reports/forecasts.html",
        {
            "page": page,
            "rows": rows,
            "page_query": page_query.urlencode(),
            "filters": filters,
            "measures": selectors.MEASURES,
            "show_choices": selectors.SHOW,
            "counts": selectors.counts(of_measure),
            "total": len(found),
            "due_soon_days": selectors.DUE_SOON_DAYS,
            "how": measures.HOW_FORECASTS_ARE_MADE,
            "today": today,
        },
    )
