"""The outbox: every email Homeward sends, queued, sent or failed, and each person's choice of
digest. A message holds a link and no child's details (homeward.domain.notifications)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from homeward.domain import notifications as rules


class Message(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    kind = models.CharField(
        max_length=40, choices=[(t.key, t.name) for t in rules.TEMPLATES.values()]
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # The address when it was last tried (people change theirs; a retry takes the current one).
    email_address = models.CharField(max_length=254, blank=True)
    # Notify's template ID it went with (the local backend: the kind).
    template_id = models.CharField(max_length=100, blank=True)
    personalisation = models.JSONField(default=dict)
    # Where the email's link leads once signed in (the page guards the child itself); the email
    # carries only /notifications/go/<token>/.
    link_path = models.CharField(max_length=300)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    provider_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_created"),
            models.Index(fields=["status"], name="notif_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient} ({self.get_status_display()})"

    @property
    def template(self) -> rules.Template:
        return rules.TEMPLATES[self.kind]

    @property
    def subject(self) -> str:
        return rules.render(self.kind, self.personalisation)[0]


class Preference(models.Model):
    """One person's notification settings: the digest of what falls due (issue 18 item 3)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    digest = models.CharField(
        "How often to get a digest of what falls due",
        max_length=10,
        choices=rules.FREQUENCIES,
        default=rules.Frequency.NONE,
    )

    def __str__(self) -> str:
        return f"{self.user}: {self.get_digest_display()}"
