from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "homeward.oversight"
    label = "oversight"
    verbose_name = "Timescales, worklists and drift"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate
        from django.utils import timezone

        from homeward.exports import registry
        from homeward.oversight import downloads, receivers

        post_migrate.connect(receivers.fill_when_created, sender=self)
        # The drift dashboard's files, built in the background (homeward/exports).
        for exporter in downloads.exporters(today=timezone.localdate):
            registry.register(exporter)
