from django.apps import AppConfig


class TimescalesConfig(AppConfig):
    """The stored deadline ledger: every child's expectations, kept current as their facts and
    events change (``homeward.timescales.ledger``)."""

    name = "homeward.timescales"
    label = "timescales"
    verbose_name = "Timescales (the deadline ledger)"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from homeward.timescales import receivers  # noqa: F401  (connects the signal receivers)

        post_migrate.connect(receivers.fill_when_created, sender=self)
