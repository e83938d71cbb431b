from django.apps import AppConfig


class Ssda903Config(AppConfig):
    name = "homeward.ssda903"
    label = "ssda903"
    verbose_name = "SSDA903 return"
