"""What every signed-in request goes through: sessions that end, and pages never cached.

- ``SessionTimeoutMiddleware``: a session ends after ``HOMEWARD_IDLE_MINUTES`` without a request
  (30 by default) and, however active, ``SESSION_COOKIE_AGE`` after sign-in (a working day). The
  session keeps when it began and its last request; Django's own expiry slides with every save,
  so it cannot be the absolute limit. An ended session is signed out (audited as any sign-out)
  and the sign-in page says why.
- ``NoStoreMiddleware``: every response to a signed-in user, pages and downloads alike, says
  ``Cache-Control: no-store`` (with Django's other never-cache headers), so no browser or proxy
  keeps a child's details once the person has gone. Static files never get here (WhiteNoise
  answers them first) and nor do signed-out requests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

SIGNED_IN_AT = "homeward_signed_in_at"
LAST_ACTIVITY = "homeward_last_activity"
ACTIVITY_RESOLUTION = 60  # seconds


def session_began(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """On sign-in (``user_logged_in``): the absolute limit counts from now."""
    if request is not None and hasattr(request, "session"):
        now = timezone.now().timestamp()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_ACTIVITY] = now


def _ended(request: HttpRequest, now: float) -> str | None:
    """Why this session has ended, or None while it may go on."""
    session = request.session
    idle_minutes = settings.HOMEWARD_IDLE_MINUTES
    last = session.get(LAST_ACTIVITY)
    if last is not None and now - last >= idle_minutes * 60:
        return (
            f"You were signed out because you had done nothing for {idle_minutes} minutes. "
            "Sign in again to carry on."
        )
    began = session.get(SIGNED_IN_AT)
    if began is not None and now - began >= settings.SESSION_COOKIE_AGE:
        hours = settings.SESSION_COOKIE_AGE / 3600
        return (
            f"You were signed out because you signed in more than {hours:g} hours ago. "
            "Sign in again to carry on."
        )
    return None


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            reason = _ended(request, now)
            if reason is not None:
                logout(request)  # flushes the session; LoginRequiredMiddleware sends to sign-in
                messages.warning(request, reason)
            else:
                if SIGNED_IN_AT not in request.session:  # signed in before this rule
                    request.session[SIGNED_IN_AT] = now
                # The last request's time to the minute: the session is written (a database
                # write) at most once a minute, not on every page, and an idle limit counted in
                # minutes ends at most a minute late.
                last = request.session.get(LAST_ACTIVITY)
                if last is None or now - last >= ACTIVITY_RESOLUTION:
                    request.session[LAST_ACTIVITY] = now
        return self.get_response(request)


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
