from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "homeward.reports"
    label = "reports"
    verbose_name = "Reports and forecasts"
