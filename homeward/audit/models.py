"""The append-only audit log: every view of a child's record, every change (before and after),
every export and every sign-in, with who, when, what and from which address.

Append-only three ways: the model refuses to save an existing row or delete any, its queryset
refuses bulk update and delete, and on PostgreSQL a trigger refuses UPDATE and DELETE outright
(migration 0002), so not even a raw SQL statement from the app can change history.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    CREATE = "create", "Added"
    CHANGE = "change", "Changed"
    DELETE = "delete", "Removed"
    EXPORT = "export", "Exported"
    IMPORT = "import", "Imported"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed to sign in"
    SIGN_OUT = "sign_out", "Signed out"
    DENIED = "denied", "Refused access"
    TWO_FACTOR_SET_UP = "2fa_set_up", "Set up a second factor"
    TWO_FACTOR_VERIFIED = "2fa_verified", "Confirmed a sign-in with a code"
    TWO_FACTOR_FAILED = "2fa_failed", "Entered a wrong code"
    RECOVERY_CODE_USED = "2fa_recovery_used", "Used a recovery code"
    RECOVERY_CODES_NEW = "2fa_recovery_new", "Made new recovery codes"
    TWO_FACTOR_RESET = "2fa_reset", "Second factor reset"


class AppendOnly(Exception):
    pass


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("Audit entries cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        # No database constraint and no cascade: removing a user never touches the log.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    username = models.CharField(max_length=150, blank=True, db_index=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    child_id = models.CharField("Child ID", max_length=10, blank=True, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=60, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    reason = models.TextField(
        blank=True, help_text="Why, where a change needs one (staff, roles, teams, allocations)."
    )
    method = models.CharField(max_length=10, blank=True)
    path = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["child_id", "at"]), models.Index(fields=["username", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.child_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("Audit entries cannot be deleted.")

    @property
    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
