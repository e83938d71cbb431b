"""Audit every sign-in, failed sign-in and sign-out."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from homeward.audit.models import AuditAction
from homeward.audit.services import record


@receiver(user_logged_in)
def audit_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(AuditAction.SIGN_IN, request=request, user=user, summary="Signed in")


@receiver(user_logged_out)
def audit_sign_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(AuditAction.SIGN_OUT, request=request, user=user, summary="Signed out")


@receiver(user_login_failed)
def audit_failed_sign_in(sender: Any, credentials: Any, request: Any = None, **kwargs: Any) -> None:
    if "username" not in credentials:
        # Not a password: the identity provider's return, whose refusal the backend has audited
        # with its reason (homeward/accounts/oidc.py).
        return
    username = str(credentials.get("username", ""))[:150]
    record(
        AuditAction.SIGN_IN_FAILED,
        request=request,
        username=username,
        summary="Failed sign-in attempt",
    )
