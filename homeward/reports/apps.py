from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "homeward.reports"
    label = "reports"
    verbose_name = "Reports and forecasts"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate
        from django.utils import timezone

        from homeward.exports import registry
        from homeward.reports import board_downloads, receivers

        post_migrate.connect(receivers.fill_when_created, sender=self)
        # The board reports' files, built in the background (homeward/exports).
        for exporter in board_downloads.exporters(today=timezone.localdate):
            registry.register(exporter)
