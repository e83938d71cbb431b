from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "homeward.exports"
    label = "exports"
    verbose_name = "Downloads prepared in the background"
