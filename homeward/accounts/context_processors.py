from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from homeward.accounts import access
from homeward.domain.councils import profile_for


def council(request: HttpRequest) -> dict[str, object]:
    return {"council": profile_for(settings.HOMEWARD_COUNCIL)}


def may(request: HttpRequest) -> dict[str, object]:
    """``may``: what the signed-in user may do (``homeward.accounts.access.capabilities``), so
    templates ask the policy instead of listing roles."""
    return {"may": access.capabilities(getattr(request, "user", None) or AnonymousUser())}
