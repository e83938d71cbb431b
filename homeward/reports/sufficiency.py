"""The sufficiency report (issue 18 item 8): the recruitment needs the Achieving Early
Permanence Panel raised, summed by recruitment team and need, for the fostering and adoption
recruitment teams (000_f860603ee99ef2b2.txt 'Fostering Recruitment, Assessment and Training':
the team "contributes to the Achieving Early Permanence Panel to identify specific recruitment
needs" and works "to deliver the Sufficiency Strategy"). It names no child; who sees it is
``access.can_see_sufficiency``."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.domain import panels as domain
from homeward.domain.calendar import govuk_date
from homeward.domain.councils import readable_source
from homeward.panels import selectors
from homeward.panels.views import no_aepp

DEFAULT_DAYS = 365  # the last 12 months, unless a period is asked for (check: the seeds set none)


def _day(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@require_safe
def sufficiency(request: HttpRequest) -> HttpResponse:
    if not access.can_see_sufficiency(request.user):
        record(AuditAction.DENIED, request=request, summary="Refused: the sufficiency report")
        raise PermissionDenied(
            "The sufficiency report is for the recruitment teams (family finders) and service "
            "managers."
        )
    panel_record = domain.record_for(settings.HOMEWARD_COUNCIL)
    if panel_record is None:
        return no_aepp(request)
    today = timezone.localdate()
    until = _day(request.GET.get("to", "")) or today
    since = _day(request.GET.get("from", "")) or until - dt.timedelta(days=DEFAULT_DAYS - 1)
    error = ""
    if since > until:
        error = "The start of the period must be on or before its end"
        since = until - dt.timedelta(days=DEFAULT_DAYS - 1)
    report = selectors.sufficiency(panel_record, since=since, until=until)
    record(
        AuditAction.VIEW,
        request=request,
        summary=f"Viewed the sufficiency report from {govuk_date(since)} to {govuk_date(until)} "
        f"({report['raised']} needs raised)",
    )
    return render(
        request,
        "reports/sufficiency.html",
        {
            **report,
            "since": since,
            "until": until,
            "error": error,
            "needs_source": readable_source(panel_record.needs_source),
        },
    )
