from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "homeward.quality"
    label = "quality"
    verbose_name = "Practice quality: case audits of permanence planning"
