"""Sign-in through the council's identity provider (homeward/accounts/oidc.py), without the
internet: the provider's token, key and userinfo endpoints are mocked at the HTTP level
(``responses``), and its ID tokens are really signed (RS256) with a key made for the test.

What matters: the identity is matched to an existing user (email case-insensitively, or the
stored external ID), never creates one, never changes one; an unknown identity is refused with a
page that says so, and audited; the provider's MFA counts only when the installation says so."""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import responses
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from homeward.accounts.models import Role, User
from homeward.audit.models import AuditAction, AuditEntry

CLIENT_ID = "homeward-test-client"
ISSUER = "https://idp.council.example/tenant/v2.0"
TOKEN = "https://idp.council.example/token"
USERINFO = "https://idp.council.example/userinfo"
JWKS = "https://idp.council.example/keys"
VERIFY = reverse("accounts:two-factor-verify")


@pytest.fixture(scope="module")
def signing_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def provider(settings) -> None:
    settings.HOMEWARD_OIDC_ENABLED = True
    settings.HOMEWARD_OIDC_PROVIDER_NAME = "Council Entra ID"
    settings.HOMEWARD_OIDC_ISSUER = ISSUER
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "a-test-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.council.example/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = TOKEN
    settings.OIDC_OP_USER_ENDPOINT = USERINFO
    settings.OIDC_OP_JWKS_ENDPOINT = JWKS


def sign_in_through_provider(client, signing_key, claims: dict, userinfo: dict | None = None):
    """Start at Homeward, 'sign in' at the provider, come back with a code: the callback's
    response. The provider answers the code with an ID token carrying ``claims``."""
    start = client.get(reverse("accounts:oidc-start") + "?next=/my-work/")
    assert start.status_code == 302
    sent = parse_qs(urlparse(start["Location"]).query)
    assert sent["client_id"] == [CLIENT_ID] and sent["code_challenge_method"] == ["S256"]
    now = int(time.time())
    id_token = jwt.encode(
        {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": "subject-1",
            "nonce": sent["nonce"][0],
            "iat": now,
            "exp": now + 300,
            **claims,
        },
        signing_key,
        algorithm="RS256",
        headers={"kid": "key-1"},
    )
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(signing_key.public_key()))
    with responses.RequestsMock(assert_all_requests_are_fired=False) as idp:
        token_call = idp.post(
            TOKEN, json={"id_token": id_token, "access_token": "at", "token_type": "Bearer"}
        )
        idp.get(JWKS, json={"keys": [{**public, "kid": "key-1", "alg": "RS256", "use": "sig"}]})
        idp.get(USERINFO, json=userinfo if userinfo is not None else {"sub": "subject-1"})
        response = client.get(
            reverse("accounts:oidc-callback"), {"code": "the-code", "state": sent["state"][0]}
        )
    sent_to_token = parse_qs(token_call.calls[0].request.body)
    assert sent_to_token["code"] == ["the-code"] and "code_verifier" in sent_to_token
    return response


def signed_in_as(client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value is not None else None


@pytest.fixture
def worker(council) -> User:
    user = council.users["social_worker"]
    user.email = "Sam.Worker@Council.example"
    user.save()
    return user


def unchanged(user: User) -> tuple:
    user.refresh_from_db()
    return (
        user.username,
        user.first_name,
        user.last_name,
        user.email,
        user.role,
        sorted(user.teams.values_list("pk", flat=True)),
        user.is_staff,
        user.is_superuser,
    )


def test_the_email_claim_matches_a_user_whatever_its_case(
    client, provider, signing_key, worker
) -> None:
    before, users = unchanged(worker), User.objects.count()
    response = sign_in_through_provider(
        client,
        signing_key,
        {"email": "sam.worker@COUNCIL.EXAMPLE", "roles": ["Homeward.Admin"]},
        userinfo={"given_name": "Samantha", "family_name": "Other", "email": "x@y.example"},
    )
    assert response.status_code == 302 and response["Location"] == "/my-work/"
    assert signed_in_as(client) == worker.pk
    # Nothing about the user comes from the provider: not a name, not a role.
    assert unchanged(worker) == before
    assert User.objects.count() == users
    assert AuditEntry.objects.filter(user=worker, action=AuditAction.SIGN_IN).exists()


def test_another_claim_matches_the_stored_external_id(
    client, provider, signing_key, council, settings
) -> None:
    settings.HOMEWARD_OIDC_CLAIM = "oid"
    iro = council.users["iro"]
    iro.external_id = "6f1c0b2e-0000-4000-8000-000000000001"
    iro.save()
    # The same email on another user does not matter: only the configured claim is matched.
    council.users["social_worker"].email = "shared@council.example"
    council.users["social_worker"].save()

    response = sign_in_through_provider(
        client, signing_key, {"oid": iro.external_id, "email": "shared@council.example"}
    )
    assert response.status_code == 302
    assert signed_in_as(client) == iro.pk


def test_an_unknown_identity_is_refused_with_a_page_and_audited(
    client, provider, signing_key, worker
) -> None:
    users = User.objects.count()
    response = sign_in_through_provider(client, signing_key, {"email": "stranger@council.example"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:oidc-refused")
    assert signed_in_as(client) is None
    assert User.objects.count() == users  # never created

    page = client.get(response["Location"])
    assert page.status_code == 403
    text = page.content.decode()
    assert "You could not sign in with Council Entra ID" in text
    assert "Your council account is not linked to a Homeward account." in text

    entry = AuditEntry.objects.latest("pk")
    assert entry.action == AuditAction.SIGN_IN_FAILED
    assert entry.username == "stranger@council.example"
    assert entry.summary == (
        "Sign-in through Council Entra ID refused: "
        "No Homeward user has email stranger@council.example"
    )
    assert client.get("/").status_code == 302  # still signed out


def test_an_inactive_user_is_refused(client, provider, signing_key, worker) -> None:
    worker.is_active = False
    worker.save()
    response = sign_in_through_provider(client, signing_key, {"email": worker.email})
    assert response["Location"] == reverse("accounts:oidc-refused")
    assert signed_in_as(client) is None
    assert (
        "Your Homeward account is not active." in client.get(response["Location"]).content.decode()
    )


@pytest.mark.parametrize(
    "wrong", [{"aud": "another-client"}, {"iss": "https://elsewhere.example/v2.0"}]
)
def test_a_token_for_another_client_or_from_another_issuer_is_refused(
    client, provider, signing_key, worker, wrong
) -> None:
    response = sign_in_through_provider(client, signing_key, {"email": worker.email, **wrong})
    assert response["Location"] == reverse("accounts:oidc-refused")
    assert signed_in_as(client) is None
    assert AuditEntry.objects.latest("pk").action == AuditAction.SIGN_IN_FAILED


def test_the_providers_mfa_does_not_count_unless_the_installation_trusts_it(
    client, provider, signing_key, worker, settings
) -> None:
    settings.HOMEWARD_REQUIRE_2FA = True
    TOTPDevice.objects.create(user=worker, confirmed=True)
    sign_in_through_provider(client, signing_key, {"email": worker.email, "amr": ["pwd", "mfa"]})
    assert signed_in_as(client) == worker.pk
    assert client.get("/").get("Location", "").startswith(VERIFY)  # default: Homeward's code too


def test_trusted_provider_mfa_stands_in_for_homewards_code(
    client, provider, signing_key, worker, settings
) -> None:
    settings.HOMEWARD_REQUIRE_2FA = True
    settings.HOMEWARD_OIDC_TRUST_MFA = True
    sign_in_through_provider(client, signing_key, {"email": worker.email, "amr": ["pwd", "mfa"]})
    assert client.get("/").status_code == 200

    # A sign-in at the provider with a password alone still needs Homeward's second factor.
    client.post(reverse("accounts:sign-out"))
    sign_in_through_provider(client, signing_key, {"email": worker.email, "amr": ["pwd"]})
    assert signed_in_as(client) == worker.pk
    assert client.get("/")["Location"].startswith(reverse("accounts:two-factor-set-up"))


def test_the_sign_in_page_offers_the_provider_only_when_configured(client, settings, db) -> None:
    page = client.get(reverse("accounts:sign-in")).content.decode()
    assert "Sign in with" not in page
    assert client.get(reverse("accounts:oidc-start")).status_code == 404
    assert (
        client.get(reverse("accounts:oidc-callback"), {"code": "c", "state": "s"}).status_code
        == 404
    )

    settings.HOMEWARD_OIDC_ENABLED = True
    settings.HOMEWARD_OIDC_PROVIDER_NAME = "Council Entra ID"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.council.example/authorize"
    page = client.get(reverse("accounts:sign-in") + "?next=/my-work/").content.decode()
    assert "Sign in with Council Entra ID" in page
    assert 'href="/accounts/oidc/start/?next=/my-work/"' in page


def test_a_password_sign_in_is_not_taken_for_the_provider(client, provider, worker) -> None:
    """The provider's backend answers only the provider's return, never a username and
    password (and no role is ever read from it)."""
    from tests.factories import PASSWORD

    response = client.post(
        reverse("accounts:sign-in"), {"username": worker.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == "django.contrib.auth.backends.ModelBackend"
    assert worker.role == Role.SOCIAL_WORKER
