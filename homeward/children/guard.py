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

# How the audit log words a refusal by each check (others: the check's name, in words).
REFUSALS = {
    "can_view_child": "no need to know this child",
    "can_change_child": "does not record on this child's file",
    "can_allocate": "only team managers and service managers allocate",
    "can_sign_off": "only team managers and service managers sign off",
}


def _page(request: HttpRequest) -> str:
    """The page, as the audit log shows it: "meetings: child meetings" for the URL named
    meetings:child-meetings; the case record's own pages without a prefix ("record")."""
    match = request.resolver_match
    if match is None or not match.url_name:
        return request.path
    words = match.url_name.replace("-", " ")
    return f"{match.namespace}: {words}" if match.namespace not in {"", "children"} else words


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
                    summary="Refused: "
                    + REFUSALS.get(check.__name__, check.__name__.replace("_", " ")),
                )
                raise PermissionDenied("You do not have access to this page for this child.")
            if audit_view and request.method == "GET":
                record(
                    AuditAction.VIEW,
                    request=request,
                    child_id=child.child_id,
                    summary=f"Viewed {_page(request)}",
                )
            return view(request, child, *args, **kwargs)

        wrapper.is_child_view = True
        return wrapper

    return decorate
