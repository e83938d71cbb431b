"""GOV.UK-style error pages, each saying what happened and what the user can do next.

Django calls the handlers in ``homeward/urls.py`` (400, 403, 404, 500), and ``csrf_failure``
(``CSRF_FAILURE_VIEW``) when a form comes back without a valid CSRF token. It has no handler for
405, so ``MethodNotAllowedPage`` turns a view's bare ``HttpResponseNotAllowed`` into the page
(keeping its ``Allow`` header). A request body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` reaches the
400 handler as ``RequestDataTooBig`` and is answered 413.

The 500 page is rendered without the request: the error may be the database's, and the context
processors (the signed-in user, their permissions) would ask it. If even the template fails (e.g.
a static file missing from the manifest), a plain page is returned instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader

from homeward.domain.councils import profile_for

log = logging.getLogger(__name__)

PLAIN_500 = (
    "<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'>"
    "<title>Sorry, there is a problem with the service – Homeward</title></head><body>"
    "<h1>Sorry, there is a problem with the service</h1>"
    "<p>Try again later. Nothing you were saving has been saved.</p>"
    "<p>If it keeps happening, contact your IT service desk.</p></body></html>"
)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        return too_large(request)
    return render(request, "errors/400.html", status=400)


def too_large(request: HttpRequest) -> HttpResponse:
    limit_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
    return render(request, "errors/413.html", {"limit_mb": f"{limit_mb:g}"}, status=413)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", {"message": str(exception or "")}, status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token: most often a page left open across a sign-in or
    sign-out (the token changes), or cookies blocked. Django's reason (for the log, where
    Django's own ``Forbidden (...)`` line already puts it) is not shown."""
    return render(request, "errors/403_csrf.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        council = profile_for(settings.HOMEWARD_COUNCIL)
        page = loader.get_template("errors/500.html").render({"council": council})
    except Exception:
        log.exception("The 500 page could not be rendered; a plain one was sent")
        page = PLAIN_500
    return HttpResponseServerError(page)


class MethodNotAllowedPage:
    """A view's ``HttpResponseNotAllowed`` (``require_POST`` and the like) as the GOV.UK page,
    with the same status and ``Allow`` header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            page = render(request, "errors/405.html", status=405)
            page["Allow"] = response["Allow"]
            return page
        return response
