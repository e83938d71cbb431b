"""Sign-in through the council's identity provider over OpenID Connect (mozilla-django-oidc).

Off unless configured (``settings.HOMEWARD_OIDC_ENABLED``). The provider says who someone is;
Homeward decides what they may do. So the identity is matched to one existing, active Homeward
user and nothing else: no user is ever created from the provider, and nothing about the user
(name, email, role, teams) is changed by it. The claim matched is ``HOMEWARD_OIDC_CLAIM``:
``email`` matches the user's email case-insensitively; any other claim (``oid``, ``sub``,
``preferred_username``) matches the user's stored external ID exactly. An identity that matches
no one, or more than one, is refused with a page that says so, and audited.

Besides the library's checks (the ID token's signature against the provider's keys, its expiry
and nonce, with PKCE on the code), the token must be for this client (``aud``) and, when
``HOMEWARD_OIDC_ISSUER`` is set, from that issuer (``iss``).

Whether the provider's own multi-factor sign-in stands in for Homeward's second factor is the
installation's choice (``HOMEWARD_OIDC_TRUST_MFA``, default no): when trusted, an ID token whose
``amr`` lists ``mfa`` marks the session verified (``two_factor``).
"""

from __future__ import annotations

from typing import Any

import requests
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from homeward.accounts.models import User
from homeward.audit.models import AuditAction
from homeward.audit.services import record

# Why the last sign-in through the provider was refused, for the page that says so.
REFUSAL_SESSION_KEY = "homeward_oidc_refusal"

REFUSALS = {
    "unknown": "Your council account is not linked to a Homeward account.",
    "ambiguous": "Your council account matches more than one Homeward account.",
    "inactive": "Your Homeward account is not active.",
    "no_claim": "Your council account did not tell Homeward who you are.",
    "token": "The identity provider's answer could not be checked.",
}


def enabled() -> bool:
    return bool(settings.HOMEWARD_OIDC_ENABLED)


def provider_name() -> str:
    return str(settings.HOMEWARD_OIDC_PROVIDER_NAME)


class CouncilIdentityBackend(OIDCAuthenticationBackend):
    """Authenticates the provider's answer to an existing Homeward user, never creating one."""

    request: HttpRequest

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if not enabled() or request is None or "code" not in request.GET:
            return None
        self.request = request
        try:
            user: User | None = super().authenticate(request, **kwargs)
        except SuspiciousOperation as exc:
            self._refuse("token", f"The identity provider's token failed its checks: {exc}")
            return None
        except requests.RequestException as exc:
            self._refuse("token", f"The identity provider did not answer: {type(exc).__name__}")
            return None
        if user is None and REFUSAL_SESSION_KEY not in request.session:
            self._refuse("token", "The identity provider's token failed its checks")
        return user

    # A user's session is only as good as their account: inactive users are signed out.
    get_user = ModelBackend.get_user

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        if "nonce" in kwargs:  # the ID token (the userinfo JWT, if any, has no nonce)
            audience = payload.get("aud")
            audiences = audience if isinstance(audience, list) else [audience]
            if settings.OIDC_RP_CLIENT_ID not in audiences:
                raise SuspiciousOperation("The ID token is for another client.")
            issuer = settings.HOMEWARD_OIDC_ISSUER
            if issuer and payload.get("iss") != issuer:
                raise SuspiciousOperation("The ID token is from another issuer.")
        return payload

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        # The ID token's claims are signed: they win over the userinfo endpoint's.
        claims = {**self.get_userinfo(access_token, id_token, payload), **payload}
        claim = settings.HOMEWARD_OIDC_CLAIM
        value = str(claims.get(claim) or "").strip()
        if not value:
            self._refuse("no_claim", f"The identity provider sent no {claim}")
            return None
        if claim == "email":
            users = list(User.objects.filter(email__iexact=value)[:2])
        else:
            users = list(User.objects.filter(external_id=value)[:2])
        if len(users) != 1:
            reason = "unknown" if not users else "ambiguous"
            self._refuse(
                reason,
                f"No single Homeward user has {claim} {value}"
                if reason == "ambiguous"
                else f"No Homeward user has {claim} {value}",
                username=value,
            )
            return None
        user = users[0]
        if not user.is_active:
            self._refuse("inactive", "The account is inactive", user=user)
            return None
        amr = payload.get("amr") or []
        user.homeward_idp_mfa = bool(  # type: ignore[attr-defined]
            settings.HOMEWARD_OIDC_TRUST_MFA and isinstance(amr, list) and "mfa" in amr
        )
        return user

    def create_user(self, claims: dict[str, Any]) -> User:
        raise SuspiciousOperation("Homeward never creates users from the identity provider.")

    def _refuse(
        self, reason: str, summary: str, *, username: str = "", user: User | None = None
    ) -> None:
        self.request.session[REFUSAL_SESSION_KEY] = reason
        record(
            AuditAction.SIGN_IN_FAILED,
            request=self.request,
            user=user,
            username=username[:150],
            summary=f"Sign-in through {provider_name()} refused: {summary}",
        )
