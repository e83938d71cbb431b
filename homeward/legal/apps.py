from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "homeward.legal"
    label = "legal"
    verbose_name = "The legal process and support after permanence"
