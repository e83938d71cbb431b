"""The reports' pages: thin views that check the policy, call the selectors and render."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from urllib.parse import urlencode

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
from homeward.domain import match_outcomes as rules
from homeward.domain import matching, measures
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
    of_measure = selectors.stored(children, today, measure=measure)
    chosen_rows = selectors.only(of_measure, today, show)
    counts = selectors.counts(of_measure, today)
    total = {"all": counts.all, "breached": counts.breached, "due": counts.due}[show]
    if request.GET.get("download") == "csv":
        found = selectors.as_forecasts(chosen_rows, today)
        names = selectors.names_of(chosen_rows)
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
    paginator = Paginator(chosen_rows, PAGE_SIZE)
    paginator.count = total  # counted with the tabs above: no query of its own
    page = paginator.get_page(request.GET.get("page"))
    shown = selectors.as_forecasts(page.object_list, today)
    named = selectors.children_named(f.child_id for f in shown)
    rows = [(f, named.get(f.child_id)) for f in shown]
    record(
        AuditAction.VIEW,
        request=request,
        summary=f"Viewed the forecasts (page {page.number}, {_forecasts(total)})",
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
            "counts": counts,
            "total": total,
            "due_soon_days": selectors.DUE_SOON_DAYS,
            "how": measures.HOW_FORECASTS_ARE_MADE,
            "today": today,
        },
    )


def _refuse_match_outcomes(request: HttpRequest) -> None:
    if not access.can_see_match_outcomes(request.user):
        record(AuditAction.DENIED, request=request, summary="Refused: match outcomes")
        raise PermissionDenied(
            "The match outcomes report is for service managers and performance analysts."
        )


@require_safe
def match_outcomes(request: HttpRequest) -> HttpResponse:
    """Issue 15 item 8: per route and per matching criterion's outcome on the day of the match,
    how many matches held (still together at 2 years) and how many ended unplanned, with the
    children behind each figure; over the children the user may see."""
    _refuse_match_outcomes(request)
    records = selectors.match_records(access.visible_children(request.user))
    record(
        AuditAction.VIEW,
        request=request,
        summary=f"Viewed the match outcomes ({len(records)} matches)",
    )
    return render(
        request,
        "reports/match_outcomes.html",
        {
            "total": len(records),
            "children": len({r.child_id for r in records}),
            "routes": [(r, urlencode({"route": r.group})) for r in rules.by_route(records)],
            "criteria": [
                (r, urlencode({"criterion": r.criterion, "outcome": r.outcome or ""}))
                for r in rules.by_criterion(records)
            ],
            "held_source": rules.HELD_SOURCE,
            "learning_source": rules.LEARNING_SOURCE,
            "none_yet": rules.NONE_YET,
        },
    )


DRILL_TITLES = {
    rules.Figure.MATCHES: "Matches",
    rules.Figure.HELD: "Matches that held (still together at 2 years)",
    rules.Figure.ENDED_UNPLANNED: "Matches that ended unplanned",
}


@require_safe
def match_outcome_children(request: HttpRequest) -> HttpResponse:
    """The children behind one figure of the match outcomes report, of those the user may see;
    each links to the child's Matching tab, which applies the child's need-to-know itself."""
    _refuse_match_outcomes(request)
    try:
        figure = rules.Figure(request.GET.get("figure", rules.Figure.MATCHES))
    except ValueError:
        figure = rules.Figure.MATCHES
    outcome = request.GET.get("outcome", "")
    if outcome not in {o.value for o in rules.CRITERION_OUTCOMES}:
        outcome = ""
    filters = {
        "route": request.GET.get("route", "")[:200],
        "criterion": request.GET.get("criterion", "")[:100],
        "outcome": outcome,
        "figure": figure.value,
    }
    records = selectors.match_records(access.visible_children(request.user))
    found = rules.chosen(
        records,
        route=filters["route"],
        criterion=filters["criterion"],
        outcome=outcome,
        figure=figure,
    )
    titles = {k: t for r in records for k, (t, _) in r.criteria.items()}
    named = selectors.children_named(r.child_id for r in found)
    record(
        AuditAction.VIEW,
        request=request,
        summary=f"Viewed the children behind a match outcome ({len(found)} matches)",
        after=filters,
    )
    return render(
        request,
        "reports/match_outcome_children.html",
        {
            "rows": [
                (r, named.get(r.child_id), r.entries[-1] if r.entries else None) for r in found
            ],
            "title": DRILL_TITLES[figure],
            "filters": filters,
            "criterion_title": titles.get(filters["criterion"], ""),
            "outcome_label": matching.Outcome(outcome).label if outcome else "",
            "children": len({r.child_id for r in found}),
        },
    )
