"""/healthz and /readyz (homeward/health.py): answered without sign-in and without an audit entry;
ready only when the database answers and every migration is applied."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from homeward.audit.models import AuditEntry
from tests.paths import REPOSITORY

# Nothing listens on port 1: a database that cannot be reached (refused at once, no waiting).
UNREACHABLE = "postgres://homeward@127.0.0.1:1/homeward"

PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client()
answers = {}
asks = [("/healthz", "10.1.2.3"), ("/readyz", "10.1.2.3"), ("/accounts/sign-in/", "homeward.test")]
for path, host in asks:
    r = client.get(path, HTTP_HOST=host)
    answers[path] = [r.status_code, r.content.decode()[:300], r.get("Location")]
print(json.dumps(answers))
"""


def probe(**env: str) -> dict[str, list]:
    """The three answers from a Homeward started in another process with ``env``."""
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_healthz_needs_no_sign_in_and_no_database(client) -> None:
    """No ``db`` fixture: pytest-django refuses any query, so a 200 proves none was made."""
    response = client.get("/healthz", HTTP_HOST="10.1.2.3")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_readyz_is_ready_on_a_migrated_database_and_writes_no_audit_entry(db, client) -> None:
    before = AuditEntry.objects.count()
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ready", "detail": "ready"}
    assert AuditEntry.objects.count() == before


def test_readyz_is_503_while_a_migration_is_unapplied(db, client) -> None:
    MigrationRecorder(connection).record_unapplied("timescales", "0001_ledger")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "not ready", "detail": "migrations not applied: 1"}


def test_readyz_is_503_on_a_database_never_migrated(tmp_path) -> None:
    answers = probe(DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    status, body, _ = answers["/readyz"]
    assert status == 503
    assert json.loads(body)["detail"].startswith("migrations not applied: ")


def test_readyz_is_503_when_the_database_cannot_be_reached_and_healthz_is_still_200() -> None:
    answers = probe(DATABASE_URL=UNREACHABLE)
    status, body, _ = answers["/readyz"]
    assert status == 503
    assert json.loads(body) == {"status": "not ready", "detail": "database unreachable"}
    assert answers["/healthz"][0] == 200


def test_in_production_probes_are_answered_over_http_at_any_address() -> None:
    """A probe comes over plain HTTP to the container's own address: no redirect to HTTPS and no
    DisallowedHost, while pages still redirect."""
    answers = probe(
        HOMEWARD_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="homeward.test",
        DATABASE_URL=UNREACHABLE,
    )
    assert answers["/healthz"][0] == 200
    assert answers["/readyz"][0] == 503
    status, _, location = answers["/accounts/sign-in/"]
    assert status == 301 and location == "https://homeward.test/accounts/sign-in/"
