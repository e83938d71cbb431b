"""Writes for notifications: put a message in the outbox, send it once the work that triggered it
has committed, retry one that failed, and each person's digest setting.

A message is recorded in the same transaction as the work that triggers it (a referral, a
planned meeting, an escalation), so work that rolls back sends nothing; it is sent only after
that transaction commits (``transaction.on_commit``), and a send that fails is recorded on the
message (status, error, attempts) and never undoes the work (issue 18 item 3: "a failure never
loses the work that triggered it").
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.domain import notifications as rules
from homeward.notifications.backends import SendFailed, backend
from homeward.notifications.models import Message, Preference

if TYPE_CHECKING:
    from homeward.accounts.actor import Actor
    from homeward.accounts.models import User

logger = logging.getLogger("homeward.notifications")


def absolute(path: str) -> str:
    """A link in an email: the address staff reach Homeward at (HOMEWARD_ADDRESS), then path."""
    return f"{settings.HOMEWARD_ADDRESS}{path}"


def compose(kind: str, user: User, *, link_path: str, personalisation: dict[str, str]) -> Message:
    """A message of ``kind`` to ``user``, not yet saved: the recipient's first name and the link
    (to /notifications/go/<token>/, never the page itself) added to ``personalisation``."""
    message = Message(kind=kind, recipient=user, link_path=link_path, email_address=user.email)
    message.personalisation = {
        "first_name": user.first_name or user.get_username(),
        **personalisation,
        "link": absolute(reverse("notifications:go", args=[message.token])),
    }
    rules.render(kind, message.personalisation)  # every placeholder has its value
    return message


def queue(
    kind: str,
    recipients: Iterable[User],
    *,
    link_path: str,
    personalisation: dict[str, str],
    exclude: User | None = None,
) -> list[Message]:
    """One message of ``kind`` to each recipient (each once; nobody is emailed about what they
    did themselves: ``exclude``, the person acting), recorded now and sent after the current
    transaction commits. ``personalisation`` holds no child's details: the recipient's first
    name and the link are added here."""
    created: list[Message] = []
    seen: set[int] = set()
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        if exclude is not None and user.pk == exclude.pk:
            continue
        message = compose(kind, user, link_path=link_path, personalisation=personalisation)
        message.save()
        created.append(message)
    if created:
        ids = [m.pk for m in created]
        transaction.on_commit(lambda: send_all(ids))
    return created


def send_all(ids: Iterable[int]) -> None:
    for pk in ids:
        deliver(pk)


def deliver(pk: int) -> Message:
    """Try to send one message now and record what happened. Never raises for a failed send:
    the message is marked failed with the reason, for the outbox and a retry."""
    message = Message.objects.select_related("recipient").get(pk=pk)
    if message.status == Message.Status.SENT:
        return message
    sender = backend()
    message.email_address = message.recipient.email or ""
    message.template_id = sender.template_id(message.kind)
    message.attempts += 1
    message.last_attempt_at = timezone.now()
    try:
        if not message.email_address:
            raise SendFailed(
                f"{message.recipient.get_full_name() or message.recipient} has no email address: "
                "add one to their account, then retry"
            )
        message.provider_id = sender.send(
            kind=message.kind,
            email_address=message.email_address,
            personalisation=message.personalisation,
            reference=str(message.token),
        )
    except SendFailed as exc:
        message.status = Message.Status.FAILED
        message.error = str(exc)[:2000]
        logger.warning("Notification %s failed: %s", message.pk, message.error)
    except Exception as exc:  # a backend's own bug must not lose the work either
        message.status = Message.Status.FAILED
        message.error = f"Sending failed: {exc.__class__.__name__}"
        logger.exception("Notification %s failed", message.pk)
    else:
        message.status = Message.Status.SENT
        message.error = ""
        message.sent_at = timezone.now()
    message.save(
        update_fields=[
            "email_address",
            "template_id",
            "attempts",
            "last_attempt_at",
            "provider_id",
            "status",
            "error",
            "sent_at",
        ]
    )
    return message


@transaction.atomic
def retry(message: Message, *, by: User, actor: Actor | None = None) -> Message:
    """Queue a failed message again (sent once this commits), with the recipient's current
    address. Only a failed message is retried: one sent is never sent twice."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.status != Message.Status.FAILED:
        raise ValidationError("Only a message that failed can be sent again")
    message.status = Message.Status.QUEUED
    message.save(update_fields=["status"])
    record(
        AuditAction.CHANGE,
        obj=message,
        summary=f"Retried a notification ({message.get_kind_display()} to {message.recipient})",
        actor=actor,
        user=by,
    )
    pk = message.pk
    transaction.on_commit(lambda: deliver(pk))
    return message


@transaction.atomic
def set_digest(user: User, digest: str, *, actor: Actor | None = None) -> Preference:
    if digest not in dict(rules.FREQUENCIES):
        raise ValidationError({"digest": "Select how often to get a digest"})
    preference, _ = Preference.objects.update_or_create(user=user, defaults={"digest": digest})
    record(
        AuditAction.CHANGE,
        obj=preference,
        summary=f"Chose the digest: {preference.get_digest_display()}",
        actor=actor,
        user=user,
    )
    return preference
