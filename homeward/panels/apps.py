from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "homeward.panels"
    label = "panels"
    verbose_name = "Achieving Early Permanence Panel"

    def ready(self) -> None:
        from homeward.panels import checks  # noqa: F401  (registers the start-up check)
