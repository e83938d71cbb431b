"""Installation (homeward/settings.py): production settings pass Django's deploy checks, and
refuse to start without a secret key or with a council Homeward does not know."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

from tests.paths import REPOSITORY


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "HOMEWARD_ENV": "production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    "DJANGO_ALLOWED_HOSTS": "homeward.council.example",
    # Not connected to by these checks; production refuses to start without PostgreSQL.
    "DATABASE_URL": "postgres://homeward@db.council.example:5432/homeward",
    # Emails through GOV.UK Notify, with links to the council's address (homeward/notifications).
    "HOMEWARD_ADDRESS": "https://homeward.council.example",
    "HOMEWARD_NOTIFY_BACKEND": "notify",
    "NOTIFY_API_KEY": "homeward_test-" + secrets.token_hex(16),
    **{
        f"NOTIFY_TEMPLATE_{kind}": f"00000000-0000-4000-8000-00000000000{n}"
        for n, kind in enumerate(("AEPP_INVITATION", "MEETING_INVITATION", "ESCALATION", "DIGEST"))
    },
}


def test_production_settings_pass_check_deploy_with_no_warnings() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {**PRODUCTION, "DJANGO_SECRET_KEY": ""}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_an_unknown_council_profile_is_a_clear_error() -> None:
    result = manage("check", HOMEWARD_COUNCIL="narnia")
    assert result.returncode != 0
    assert "HOMEWARD_COUNCIL is 'narnia'; it must be one of: devon, dudley, durham" in result.stderr


def _setting(name: str, **env: str) -> subprocess.CompletedProcess[str]:
    statement = f"from django.conf import settings; print(settings.{name})"
    return manage("shell", "--no-imports", "-c", statement, **env)


def test_production_keeps_its_database_connections_between_requests() -> None:
    """A new PostgreSQL connection per request costs more than most pages' queries: production
    keeps each worker's for a minute (checked before reuse); elsewhere, as Django does."""
    name = "DATABASES['default']"

    def kept(**env: str) -> str:
        found = _setting(f"{name}['CONN_MAX_AGE'], settings.{name}['CONN_HEALTH_CHECKS']", **env)
        return found.stdout.strip()

    assert kept(**PRODUCTION) == "60 True"
    assert kept(HOMEWARD_ENV="") == "0 False"
    assert kept(**{**PRODUCTION, "DATABASE_CONN_MAX_AGE": "0"}) == "0 False"


def test_production_requires_a_second_factor_and_elsewhere_it_is_asked_for() -> None:
    assert _setting("HOMEWARD_REQUIRE_2FA", **PRODUCTION).stdout.strip() == "True"
    # Production cannot turn it off.
    off = {**PRODUCTION, "HOMEWARD_REQUIRE_2FA": "false"}
    assert _setting("HOMEWARD_REQUIRE_2FA", **off).stdout.strip() == "True"
    assert _setting("HOMEWARD_REQUIRE_2FA", HOMEWARD_ENV="").stdout.strip() == "False"
    asked = _setting("HOMEWARD_REQUIRE_2FA", HOMEWARD_ENV="", HOMEWARD_REQUIRE_2FA="true")
    assert asked.stdout.strip() == "True"
    unclear = _setting("HOMEWARD_REQUIRE_2FA", HOMEWARD_ENV="", HOMEWARD_REQUIRE_2FA="maybe")
    assert unclear.returncode != 0
    assert "HOMEWARD_REQUIRE_2FA is 'maybe'; it must be true or false." in unclear.stderr


def test_a_half_configured_identity_provider_is_a_clear_error() -> None:
    result = _setting(
        "HOMEWARD_OIDC_ENABLED",
        OIDC_RP_CLIENT_ID="homeward",
        OIDC_OP_AUTHORIZATION_ENDPOINT="https://idp.council.example/authorize",
    )
    assert result.returncode != 0
    assert (
        "Sign-in through the identity provider needs OIDC_RP_CLIENT_SECRET, "
        "OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USER_ENDPOINT, OIDC_OP_JWKS_ENDPOINT too."
    ) in result.stderr


def test_production_refuses_a_key_anyone_can_read() -> None:
    from homeward.settings import DEVELOPMENT_SECRET_KEY

    for key in (DEVELOPMENT_SECRET_KEY, "django-insecure-" + "k" * 50, "ab" * 30):
        result = manage("check", **{**PRODUCTION, "DJANGO_SECRET_KEY": key})
        assert result.returncode != 0
        assert "DJANGO_SECRET_KEY is not a secret" in result.stderr


def test_production_refuses_to_start_on_the_embedded_sqlite_database() -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "DATABASE_URL"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "Set DATABASE_URL to the council's PostgreSQL database in production" in result.stderr


def test_documents_are_kept_in_a_local_folder_unless_a_storage_is_given() -> None:
    """README-documents.md: a council points the documents storage at S3-compatible storage
    (django-storages) with HOMEWARD_DOCUMENT_STORAGE; a value Homeward cannot use is a clear
    error."""
    local = _setting("STORAGES['documents']['OPTIONS']", HOMEWARD_DOCUMENT_ROOT="/srv/docs")
    assert local.stdout.strip() == "{'location': PosixPath('/srv/docs')}"
    # Any storage backend, as JSON (django-storages' S3Storage is not installed here).
    other = '{"BACKEND": "django.core.files.storage.InMemoryStorage", "OPTIONS": {}}'
    given = _setting("STORAGES['documents']['BACKEND']", HOMEWARD_DOCUMENT_STORAGE=other)
    assert given.stdout.strip() == "django.core.files.storage.InMemoryStorage"
    bad = manage("check", HOMEWARD_DOCUMENT_STORAGE="s3://bucket")
    assert bad.returncode != 0 and "HOMEWARD_DOCUMENT_STORAGE is not valid JSON" in bad.stderr
