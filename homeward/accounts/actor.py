"""Who is acting: the member of staff, their role and council, and what the audit log records
about where they acted from. Views build one from the request (``Actor.from_request``) and pass
it to services, so services never see an HttpRequest."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest

if TYPE_CHECKING:
    from homeward.accounts.models import User


def client_address(request: HttpRequest | None) -> str | None:
    """The client's IP address; behind a trusted proxy, the first X-Forwarded-For address."""
    if request is None:
        return None
    if getattr(settings, "HOMEWARD_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR") or None


@dataclass(frozen=True)
class Actor:
    user: User | None
    role: str
    council: str
    # What an audit entry records about the request the action came in.
    address: str | None = None
    method: str = ""
    path: str = ""

    @classmethod
    def from_request(cls, request: HttpRequest) -> Actor:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            user = None
        return cls(
            user=user,
            role=user.role if user is not None else "",
            council=settings.HOMEWARD_COUNCIL,
            address=client_address(request),
            method=request.method or "",
            path=request.get_full_path()[:500],
        )

    @classmethod
    def working_as(cls, user: User) -> Actor:
        """A member of staff acting outside a web request (a command, the demo, a test)."""
        return cls(user=user, role=user.role, council=settings.HOMEWARD_COUNCIL)
