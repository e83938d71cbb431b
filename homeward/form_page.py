"""One idiom for a page with a form: show it, validate what was posted, call the service, and
on a refusal show the form again with the GOV.UK error summary and each field's error.

Every create and change page uses ``form_page``; the view builds the form and says what saving
means (a service call). A service refuses with a ``ValidationError`` naming the field; nothing is
saved, and the message lands on that field (or at the top of the form).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

T = TypeVar("T")

# The methods a form page handles: GET (and HEAD) shows it, POST saves it. Every view says which
# methods it handles (this, or Django's ``require_safe`` for a page that only shows), outermost,
# so any other method gets a 405 with an Allow header (tests/test_urls.py checks every URL).
require_form = require_http_methods(["GET", "HEAD", "POST"])


def add_service_errors(form: Any, exc: ValidationError, fallback: str | None = None) -> None:
    """A service's ValidationError onto the form: each message on the field it names, or on
    ``fallback`` (None: the top of the form)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(fallback, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else fallback, errors)


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    template: str,
    save: Callable[[], T],
    done: Any | Callable[[T], Any],
    success: str | Callable[[T], str] | None,
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None,
    also: Sequence[Any] = (),
    posted: bool | None = None,
    on_error: Callable[[ValidationError], None] | None = None,
    fallback: str | None = None,
) -> HttpResponse:
    """Handle GET and POST for a form page.

    ``save`` is called once the form (and any forms or formsets in ``also``) is valid; it
    returns what ``done`` and ``success`` may use (the saved object). ``done`` is where to go
    next (anything ``redirect`` takes), ``success`` the message shown there (None: none).
    A ``ValidationError`` from ``save`` goes onto the form (``on_error`` when a page places
    errors itself). ``posted`` overrides "the request is a POST" (e.g. a button that only adds a
    row). ``context`` adds to (or replaces) ``form`` and ``forms`` for the template; a callable
    is called after validation, for values that depend on the errors.
    """
    if request.method == "POST" if posted is None else posted:
        valid = [f.is_valid() for f in (form, *also)]
        if all(valid):
            try:
                result = save()
            except ValidationError as exc:
                if on_error is not None:
                    on_error(exc)
                else:
                    add_service_errors(form, exc, fallback)
            else:
                message = success(result) if callable(success) else success
                if message:
                    messages.success(request, message)
                return redirect(done(result) if callable(done) else done)
    extra = context() if callable(context) else (context or {})
    return render(request, template, {"form": form, "forms": [form, *also], **extra})
