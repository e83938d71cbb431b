"""Enforcement of need-to-know on every page about one child.

Every view whose URL names a child (``<child_id>``) is wrapped in ``child_view``; the access
matrix test (tests/accounts/test_access_matrix.py) walks the URL configuration and fails if one
is not. The decision itself lives in ``homeward.accounts.access``.

A child the user has no need to know gets the same answer as a child ID that does not exist (a
404, the same page), so a URL never reveals that a child exists; both refusals are audited. A
403 is kept for those who may see the child but not do this (an analyst on a form).

Every answer that shows the child is audited, whatever the method: a GET or HEAD when it is
asked (the view then runs), a POST whose answer is a page (the form again, with its errors)
when it is answered; a POST that saves is audited by its service and redirects. Each view says
which methods it handles (Django's ``require_safe``, or ``homeward.form_page.require_form``,
outside ``child_view``), so no other method reaches a child's page.
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
NOT_FOUND = "No child with this ID"


AccessCheck = Callable[[Any, Child], bool]

# How the audit log words a refusal by each check (others: the check's name, in words).
REFUSALS = {
    "can_view_child": "no need to know this child",
    "can_change_child": "does not record on this child's file",
    "can_allocate": "only team managers and service managers allocate",
    "can_sign_off": "only team managers and service managers sign off",
    "can_request_sign_off": "does not ask for sign-offs on this child's file",
    "can_decide_sign_off": "only the role a sign-off is asked of records it",
    "can_audit_case": "only team managers and service managers audit cases",
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
                raise Http404(NOT_FOUND)
            if not access.can_view_child(request.user, child):
                # The same answer as no such child: the URL must not say the child exists.
                record(
                    AuditAction.DENIED,
                    request=request,
                    child_id=child.child_id,
                    summary="Refused: " + REFUSALS["can_view_child"],
                )
                raise Http404(NOT_FOUND)
            if check is not access.can_view_child and not check(request.user, child):
                record(
                    AuditAction.DENIED,
                    request=request,
                    child_id=child.child_id,
                    summary="Refused: "
                    + REFUSALS.get(check.__name__, check.__name__.replace("_", " ")),
                )
                raise PermissionDenied("You do not have access to this page for this child.")
            if audit_view and request.method in ("GET", "HEAD"):
                record(
                    AuditAction.VIEW,
                    request=request,
                    child_id=child.child_id,
                    summary=f"Viewed {_page(request)}",
                )
            response = view(request, child, *args, **kwargs)
            if request.method == "POST" and response.status_code == 200:
                # Not saved: the form again, with the child's details and its errors.
                record(
                    AuditAction.VIEW,
                    request=request,
                    child_id=child.child_id,
                    summary=f"Viewed {_page(request)} (the form again, not saved)",
                )
            return response

        wrapper.is_child_view = True
        return wrapper

    return decorate
