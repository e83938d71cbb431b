"""Enforcement of need-to-know on every page about one child.

Every view whose URL names a child (``<child_id>``) is wrapped in ``child_view``; the access
matrix test (tests/test_access_matrix.py) walks the URL configuration and fails if one is not.
The decision itself lives in ``homeward.accounts.access``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from homeward.accounts import access
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.children.models import Child

ChildView = Callable[..., HttpResponse]


def child_view(
    *, change: bool = False, audit_view: bool = True
) -> Callable[[ChildView], ChildView]:
    """Load the child named in the URL, refuse (403/404, audited) anyone without a need to know,
    and audit the view. ``change=True`` also requires the right to record on the file."""

    def decorate(view: ChildView) -> ChildView:
        @wraps(view)
        def wrapper(request: HttpRequest, child_id: str, *args: Any, **kwargs: Any) -> HttpResponse:
            child = Child.objects.filter(child_id=child_id).first()
            if child is None:
                record(
                    AuditAction.DENIED,
                    request=request,
                    child_id=child_id[:10],
                    summary="No child with this ID",
                )
                raise Http404("No child with this ID")
            allowed = (
                access.can_change_child(request.user, child)  # type: ignore[arg-type]
                if change
                else access.can_view_child(request.user, child)  # type: ignore[arg-type]
            )
            if not allowed:
                record(
                    AuditAction.DENIED,
                    request=request,
                    child_id=child.child_id,
                    summary="Refused: no need to know" if not change else "Refused: cannot record",
                )
                raise PermissionDenied("You do not have access to this child's record.")
            if audit_view and request.method == "GET":
                page = request.resolver_match.url_name if request.resolver_match else "page"
                record(
                    AuditAction.VIEW,
                    request=request,
                    child_id=child.child_id,
                    summary=f"Viewed {page}",
                )
            return view(request, child, *args, **kwargs)

        wrapper.is_child_view = True  # type: ignore[attr-defined]
        return wrapper

    return decorate
