from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "homeward.oversight"
    label = "oversight"
    verbose_name = "Timescales, worklists and drift"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from homeward.oversight import receivers  # noqa: F401  (connects the signal receivers)

        post_migrate.connect(receivers.fill_when_created, sender=self)
