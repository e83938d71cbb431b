from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "homeward.accounts"
    label = "accounts"
    verbose_name = "Staff, teams and access"

    def ready(self) -> None:
        from homeward.accounts import checks  # noqa: F401  (registers the system checks)
