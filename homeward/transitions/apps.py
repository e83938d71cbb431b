from django.apps import AppConfig


class TransitionsConfig(AppConfig):
    name = "homeward.transitions"
    label = "transitions"
    verbose_name = "Transitions: the move plan and moving on to adulthood"
