"""The outbox (what was sent, what failed, a retry), each person's notification settings, and
where an email's link leads. No page here names a child: messages hold none of their details."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.domain import notifications as rules
from homeward.form_page import form_page, require_form
from homeward.notifications import selectors, services
from homeward.notifications.forms import DigestForm
from homeward.notifications.models import Message


@require_safe
def outbox(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    rows = selectors.outbox(request.user, status=status)
    everyone = access.can_see_every_notification(request.user)
    record(
        AuditAction.VIEW,
        request=request,
        summary=f"Viewed the notifications outbox ({len(rows)} messages)",
    )
    return render(
        request,
        "notifications/outbox.html",
        {
            "rows": rows,
            "everyone": everyone,
            "status": status if status in Message.Status.values else "",
            "statuses": Message.Status.choices,
            "limit": selectors.OUTBOX_LIMIT,
            "digest": dict(rules.FREQUENCIES)[
                selectors.chosen_digest(request.user) or rules.Frequency.NONE
            ],
        },
    )


@require_POST
def retry(request: HttpRequest, message_id: int) -> HttpResponse:
    message = selectors.visible_messages(request.user).filter(pk=message_id).first()
    if message is None:
        record(AuditAction.DENIED, request=request, summary="Refused: a notification not theirs")
        raise Http404("No such message")
    try:
        services.retry(message, by=request.user, actor=Actor.from_request(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        message.refresh_from_db()
        if message.status == Message.Status.SENT:
            messages.success(request, f"The message to {message.recipient} has been sent")
        elif message.status == Message.Status.FAILED:
            messages.error(request, f"The message failed again: {message.error}")
        else:
            messages.success(request, f"The message to {message.recipient} is queued")
    return redirect(reverse("notifications:outbox") + f"#message-{message.pk}")


@require_form
def notification_settings(request: HttpRequest) -> HttpResponse:
    form = DigestForm(
        request.POST if request.method == "POST" else None,
        initial={"digest": selectors.chosen_digest(request.user)},
    )
    return form_page(
        request,
        form,
        template="notifications/settings.html",
        save=lambda: services.set_digest(
            request.user, form.cleaned_data["digest"], actor=Actor.from_request(request)
        ),
        done=reverse("notifications:outbox"),
        success="Your notification settings have been saved",
    )


@require_safe
def go(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    """An email's link: to the page it is about, for the person it was sent to (that page checks
    their need to know again). Anyone else gets what an unknown link gets."""
    message = Message.objects.filter(token=token, recipient=request.user).first()
    if message is None:
        record(AuditAction.DENIED, request=request, summary="Refused: a notification's link")
        raise Http404("No such link")
    return redirect(message.link_path)
