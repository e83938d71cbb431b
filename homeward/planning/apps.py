from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "homeward.planning"
    label = "planning"
    verbose_name = "Permanence planning: options, the plan and assessments"
