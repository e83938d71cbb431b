"""A download asked for by one person and prepared in the background."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from homeward.exports.storage import exports_storage


def _upload_to(export: Export, filename: str) -> str:
    return f"{export.pk}/{filename}"


class Export(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    IN_PROGRESS = (Status.QUEUED, Status.RUNNING)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports"
    )
    kind = models.CharField(max_length=50)  # a registered kind: "drift.xlsx"
    title = models.CharField(max_length=300)  # what it holds, in words
    parameters = models.JSONField(default=dict, blank=True)  # the page's filters
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    rows = models.PositiveIntegerField(null=True, blank=True)  # children in the file
    file_name = models.CharField(max_length=200, blank=True)
    file = models.FileField(
        storage=exports_storage, upload_to=_upload_to, max_length=300, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    message = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status not in self.IN_PROGRESS
