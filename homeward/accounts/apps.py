from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "homeward.accounts"
    label = "accounts"
    verbose_name = "Staff, teams and access"

    def ready(self) -> None:
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from homeward.accounts import (
            checks,  # noqa: F401  (registers the system checks)
            two_factor,  # noqa: F401  (the identity provider's MFA)
        )
        from homeward.accounts.middleware import session_began

        user_logged_in.connect(session_began, dispatch_uid="homeward-session-began")
        # django-otp's own admin pages show each user's authenticator key (and, for its static
        # device, which Homeward no longer uses, recovery codes): no one should read those. An
        # administrator resets a user's second factor with `manage.py reset_2fa USERNAME`
        # instead. Homeward's own recovery codes (hashed) are not in the admin either.
        for model in (TOTPDevice, StaticDevice):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
