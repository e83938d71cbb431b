from django.apps import AppConfig


class FamilyConfig(AppConfig):
    name = "homeward.family"
    label = "family"
    verbose_name = "Siblings, family time and the child's voice"
