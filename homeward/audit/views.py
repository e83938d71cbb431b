"""The audit page: a service manager searches the log by child, user and date."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from homeward.accounts.access import can_search_audit
from homeward.audit.models import AuditAction, AuditEntry


def _date(value: str, label: str, errors: list[tuple[str, str]], field: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        errors.append((field, f"{label} must be a real date, like 2026-03-14"))
        return None


@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    if not can_search_audit(request.user):
        raise PermissionDenied("Only service managers can search the audit log.")
    errors: list[tuple[str, str]] = []
    child_id = request.GET.get("child_id", "").strip()[:10]
    username = request.GET.get("username", "").strip()[:150]
    action = request.GET.get("action", "")
    date_from = _date(request.GET.get("from", "").strip(), "From date", errors, "from")
    date_to = _date(request.GET.get("to", "").strip(), "To date", errors, "to")
    if date_from and date_to and date_to < date_from:
        errors.append(("to", "To date must be the same as or after the from date"))
    entries = AuditEntry.objects.all()
    if child_id:
        entries = entries.filter(child_id__iexact=child_id)
    if username:
        entries = entries.filter(username__iexact=username)
    if action in AuditAction.values:
        entries = entries.filter(action=action)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/audit_log.html",
        {
            "page": page,
            "errors": errors,
            "actions": AuditAction.choices,
            "values": {
                "child_id": child_id,
                "username": username,
                "action": action,
                "from": request.GET.get("from", ""),
                "to": request.GET.get("to", ""),
            },
            "query": query.urlencode(),
        },
    )
