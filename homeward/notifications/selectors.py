"""Reading the outbox: one query for the page, whatever the number of messages or recipients."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from homeward.accounts import access
from homeward.notifications.models import Message, Preference

if TYPE_CHECKING:
    from homeward.accounts.models import User

# The most recent messages the page lists.
OUTBOX_LIMIT = 200


def visible_messages(user: User) -> QuerySet[Message]:
    """The messages ``user`` may see: their own; every message for a system administrator or a
    service manager (access.can_see_every_notification)."""
    messages = Message.objects.select_related("recipient")
    if access.can_see_every_notification(user):
        return messages
    return messages.filter(recipient=user)


def outbox(user: User, *, status: str = "") -> list[Message]:
    messages = visible_messages(user)
    if status in Message.Status.values:
        messages = messages.filter(status=status)
    return list(messages.order_by("-created_at", "-pk")[:OUTBOX_LIMIT])


def chosen_digest(user: User) -> str | None:
    """The digest ``user`` chose, or None if they have not chosen (none is sent)."""
    return Preference.objects.filter(user=user).values_list("digest", flat=True).first()
