from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "homeward.reports"
    label = "reports"
    verbose_name = "Reports and forecasts"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from homeward.reports import receivers  # noqa: F401  (connects the signal receivers)

        post_migrate.connect(receivers.fill_when_created, sender=self)
