from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "homeward.accounts"
    label = "accounts"
    verbose_name = "Staff, teams and access"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from homeward.accounts import checks  # noqa: F401  (registers the system checks)
        from homeward.accounts.middleware import session_began

        user_logged_in.connect(session_began, dispatch_uid="homeward-session-began")
