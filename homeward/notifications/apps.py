from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "homeward.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from homeward.notifications import (  # noqa: F401  (connect the triggers; the check)
            checks,
            receivers,
        )
