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


AccessCheck = Callable[[Any, Child], bool]


def child_view(
    check: AccessCheck = access.can_view_child, *, audit_view: bool = True
) -> Callable[[ChildView], ChildView]:
    """Load the child named in the URL, refuse (403/404, audited) anyone the ``check`` from
    ``homeward.accounts.access`` refuses, and audit the view. Pages that record on the file pass
    ``access.can_change_child``; allocation passes ``access.can_allocate``."""

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
            if not check(request.user, child):
                record(
                    AuditAction.DENIED,
                    request=request,
                    child_id=child.child_id,
                    summary=f"Refused by {check.__name__}",
                )
                raise PermissionDenied("You do not have access to this page for this child.")
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
