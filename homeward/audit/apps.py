from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "homeward.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from homeward.audit import signals  # noqa: F401  (audits sign-in and sign-out)
