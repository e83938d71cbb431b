"""System checks: a valid council profile, and no demo users in a production installation."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from homeward.domain.councils import UnknownCouncil, profile_for


@register()
def council_profile_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    try:
        profile_for(settings.HOMEWARD_COUNCIL)
    except UnknownCouncil as exc:
        return [Error(str(exc), id="homeward.E001")]
    return []


def demo_users_present() -> bool:
    from homeward.accounts.models import User

    return User.objects.filter(is_demo=True).exists()


def refuse_demo_users_in_production() -> None:
    """Called when the production WSGI application starts."""
    if settings.PRODUCTION and demo_users_present():
        raise ImproperlyConfigured(
            "Demo users exist in this database. Production refuses to start: point DATABASE_URL "
            "at the council's own database (the demo council's is only for trying Homeward)."
        )


@register(Tags.database, deploy=True)
def demo_users_check(app_configs: Any, databases: Any = None, **kwargs: Any) -> list[Error]:
    if not databases or not settings.PRODUCTION:
        return []
    if demo_users_present():
        return [Error("Demo users exist in a production installation.", id="homeward.E002")]
    return []
