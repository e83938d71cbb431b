"""A second factor at sign-in: an authenticator app (TOTP, django-otp) and single-use recovery
codes (``RecoveryCodeDevice``, a django-otp device that keeps each code only as a salted hash), and
the gate that refuses every page until it is given.

Required when ``settings.HOMEWARD_REQUIRE_2FA`` (always in production). A signed-in user who has
not confirmed an authenticator app is sent to set one up; one who has must enter a code from it,
or a recovery code, before any page that needs a sign-in. A session counts as verified when
django-otp's ``OTPMiddleware`` finds the device that verified it, or when the council's identity
provider did its own multi-factor sign-in and the installation trusts that
(``HOMEWARD_OIDC_TRUST_MFA``, see ``homeward.accounts.oidc``).
"""

from __future__ import annotations

import datetime as dt
from base64 import b32encode
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from homeward.accounts.models import RecoveryCodeDevice
from homeward.audit.models import AuditAction
from homeward.audit.services import record

if TYPE_CHECKING:
    from homeward.accounts.models import User

# Set at sign-in when the identity provider's own multi-factor sign-in counts (oidc.py).
IDP_MFA_SESSION_KEY = "homeward_idp_mfa"
# Recovery codes just made, shown once on the next page and then forgotten.
NEW_CODES_SESSION_KEY = "homeward_new_recovery_codes"

View = TypeVar("View", bound=Callable[..., Any])


def second_factor_not_required(view: View) -> View:
    """Mark a view the gate lets through before the second factor: signing out, setting up and
    entering a code. (Views that need no sign-in at all, ``login_not_required``, need no second
    factor either.)"""
    view.second_factor_required = False  # type: ignore[attr-defined]
    return view


def is_verified(request: HttpRequest) -> bool:
    user = request.user
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified()) or request.session.get(IDP_MFA_SESSION_KEY) is True


def authenticator(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def recovery_device(user: User) -> RecoveryCodeDevice | None:
    return RecoveryCodeDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user: User) -> int:
    device = recovery_device(user)
    return device.codes.count() if device is not None else 0


def has_second_factor(user: User) -> bool:
    return authenticator(user) is not None or recovery_device(user) is not None


class SecondFactorMiddleware:
    """After ``LoginRequiredMiddleware``: a signed-in user who has not given their second factor
    in this session is sent to set it up or to enter a code, whatever page they asked for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not settings.HOMEWARD_REQUIRE_2FA:
            return None
        if not getattr(view_func, "login_required", True):
            return None  # sign-in, the identity provider's return, health checks
        if not getattr(view_func, "second_factor_required", True):
            return None
        if not request.user.is_authenticated or is_verified(request):
            return None
        step = (
            "accounts:two-factor-verify"
            if has_second_factor(request.user)
            else "accounts:two-factor-set-up"
        )
        return redirect_to_login(request.get_full_path(), reverse(step))


@receiver(user_logged_in, dispatch_uid="homeward-idp-mfa")
def _remember_identity_provider_mfa(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Every sign-in decides afresh whether the identity provider's MFA stands in for ours."""
    if request is None:
        return
    if getattr(user, "homeward_idp_mfa", False):
        request.session[IDP_MFA_SESSION_KEY] = True
    else:
        request.session.pop(IDP_MFA_SESSION_KEY, None)


# Setting up -------------------------------------------------------------------------------------


def pending_authenticator(user: User) -> TOTPDevice:
    """The authenticator app being set up: the same key until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The key as an authenticator app takes it when typed: base32, in groups of four."""
    key = b32encode(device.bin_key).decode("ascii")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The key as a QR code, an inline SVG (no script, no style, no image request: the content
    security policy stays 'self' only)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    svg: str = image.to_string(encoding="unicode")
    return svg.replace(
        "<svg ",
        '<svg class="hw-qr" role="img" aria-label="QR code for your authenticator app" '
        'focusable="false" ',
        1,
    )


def make_recovery_codes(user: User, request: HttpRequest) -> list[str]:
    """New recovery codes, replacing any the user had; each works once. The codes are returned
    to be shown once; the database keeps only their salted hashes."""
    count = settings.HOMEWARD_RECOVERY_CODES
    # 8 characters of base32, as django-otp's static tokens (40 random bits each).
    codes = [StaticToken.random_token() for _ in range(count)]
    with transaction.atomic():
        RecoveryCodeDevice.objects.filter(user=user).delete()
        device = RecoveryCodeDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
        device.add_codes(codes)
    return codes


def confirm_authenticator(request: HttpRequest, device: TOTPDevice, code: str) -> bool:
    """Confirm the app being set up with a code from it: it becomes the user's only
    authenticator, they get new recovery codes (kept in the session to be shown once), and this
    session counts as verified."""
    user = request.user
    with transaction.atomic():
        if not device.verify_token(code):
            record(
                AuditAction.TWO_FACTOR_FAILED,
                request=request,
                summary="Wrong code while setting up an authenticator app",
            )
            return False
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = make_recovery_codes(user, request)
        record(
            AuditAction.TWO_FACTOR_SET_UP,
            request=request,
            summary=f"Set up an authenticator app; {len(codes)} recovery codes made",
        )
    _verified(request, device)
    request.session[NEW_CODES_SESSION_KEY] = codes
    return True


def new_recovery_codes(request: HttpRequest) -> list[str]:
    codes = make_recovery_codes(request.user, request)
    record(
        AuditAction.RECOVERY_CODES_NEW,
        request=request,
        summary=f"Made {len(codes)} new recovery codes; the old ones no longer work",
    )
    request.session[NEW_CODES_SESSION_KEY] = codes
    return codes


# Entering a code --------------------------------------------------------------------------------


class Refused(Exception):
    """A code was not accepted; the message says why, for the form."""


def _wait_message(device: Device) -> str | None:
    allowed, details = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (details or {}).get("locked_until")
    if isinstance(locked_until, dt.datetime):
        local = timezone.localtime(locked_until)
        return (
            f"Wait until {local:%H:%M:%S} before you enter another code (each wrong code "
            "makes the wait longer)."
        )
    return "Wait a minute before you enter another code."


def verify_code(request: HttpRequest, code: str) -> None:
    """Check a code from the user's authenticator app; raises ``Refused``."""
    device = authenticator(request.user)
    if device is None:
        raise Refused("You have no authenticator app set up. Use a recovery code.")
    wait = _wait_message(device)
    if wait:
        raise Refused(wait)
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        accepted = locked.verify_token(code)
    if not accepted:
        record(AuditAction.TWO_FACTOR_FAILED, request=request, summary="Wrong authenticator code")
        raise Refused(
            "The code is not right, or it has been used. Enter the code your app shows now."
        )
    record(
        AuditAction.TWO_FACTOR_VERIFIED, request=request, summary="Entered an authenticator code"
    )
    _verified(request, locked)


def verify_recovery_code(request: HttpRequest, code: str) -> int:
    """Use one recovery code (it then no longer works); returns how many are left. Raises
    ``Refused``."""
    device = recovery_device(request.user)
    if device is None:
        raise Refused(
            "You have no recovery codes. Ask your system administrator to reset your sign-in."
        )
    wait = _wait_message(device)
    if wait:
        raise Refused(wait)
    with transaction.atomic():
        locked = RecoveryCodeDevice.objects.select_for_update().get(pk=device.pk)
        accepted = locked.verify_token(code)
        left = locked.codes.count()
    if not accepted:
        record(AuditAction.TWO_FACTOR_FAILED, request=request, summary="Wrong recovery code")
        raise Refused("The recovery code is not right, or it has been used.")
    record(
        AuditAction.RECOVERY_CODE_USED,
        request=request,
        summary=f"Used a recovery code; {left} left",
    )
    _verified(request, locked)
    return left


def _verified(request: HttpRequest, device: Device) -> None:
    """The session now counts as verified by ``device``; a new session key, as at sign-in."""
    request.session.cycle_key()
    otp_login(request, device)


# Resetting --------------------------------------------------------------------------------------


def reset(user: User, *, by: str) -> int:
    """Remove the user's authenticator app and recovery codes: at their next page they set up a
    new app (sessions they have open lose their verification). Returns how many were removed."""
    with transaction.atomic():
        removed = sum(
            model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
            for model in (TOTPDevice, RecoveryCodeDevice, StaticDevice)
        )
        record(
            AuditAction.TWO_FACTOR_RESET,
            user=user,
            summary=f"Second factor reset by {by}"[:300],
        )
    return removed


__all__ = [
    "DEVICE_ID_SESSION_KEY",
    "IDP_MFA_SESSION_KEY",
    "NEW_CODES_SESSION_KEY",
    "Refused",
    "SecondFactorMiddleware",
    "authenticator",
    "confirm_authenticator",
    "has_second_factor",
    "is_verified",
    "new_recovery_codes",
    "pending_authenticator",
    "qr_svg",
    "recovery_codes_left",
    "recovery_device",
    "reset",
    "second_factor_not_required",
    "secret_text",
    "verify_code",
    "verify_recovery_code",
]
