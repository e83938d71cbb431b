"""The application's database role cannot erase or change the audit trail (PostgreSQL).

The web server and worker connect as a role that owns nothing (DATABASE_URL); migrations run as
the owner, which then grants it exactly what it needs (``manage.py grant_app_role``,
homeward/audit/roles.py). Here the owner is the test's own connection (postgres), and the
application's role is created for this run under a unique name (roles belong to the whole
cluster) and dropped afterwards.
"""

from __future__ import annotations

import contextlib
import io
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from homeward.audit.models import AuditAction, AuditEntry
from homeward.audit.services import record
from homeward.children.models import Child
from tests.factories import ChildFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="roles and grants are PostgreSQL's; SQLite has neither (the model and queryset "
        "guards protect the audit log there)",
    ),
    pytest.mark.django_db(transaction=True),  # the role's own connection sees committed rows
]


@pytest.fixture
def app_role() -> Iterator[str]:
    role = f"homeward_app_test_{uuid.uuid4().hex[:12]}"
    call_command("grant_app_role", role=role)
    yield role
    with connection.cursor() as cursor:
        cursor.execute(f'DROP OWNED BY "{role}"')
        cursor.execute(f'DROP ROLE "{role}"')


def _connect(role: str) -> psycopg.Connection:
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        user=role,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    )


@contextlib.contextmanager
def _as(role: str) -> Iterator[None]:
    """Django's default connection, reconnected as ``role`` for the block."""
    connection.close()
    user = connection.settings_dict["USER"]
    connection.settings_dict["USER"] = role
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["USER"] = user


@pytest.fixture
def entry() -> AuditEntry:
    return record(AuditAction.VIEW, child_id="T000001", summary="Viewed the record")


TABLE = AuditEntry._meta.db_table
REFUSED = {
    "delete an entry": f"DELETE FROM {TABLE}",
    "change an entry": f"UPDATE {TABLE} SET summary = 'nothing happened'",
    "truncate the log": f"TRUNCATE {TABLE}",
    "disable its trigger": f"ALTER TABLE {TABLE} DISABLE TRIGGER audit_auditentry_append_only",
    "disable every trigger": f"ALTER TABLE {TABLE} DISABLE TRIGGER ALL",
    "bypass triggers as a replica": "SET session_replication_role = replica",
    "drop the log": f"DROP TABLE {TABLE}",
    "rename the log": f"ALTER TABLE {TABLE} RENAME TO audit_gone",
    "add a table (DDL)": "CREATE TABLE audit_shadow (id integer)",
    "rewrite the migration history": "DELETE FROM django_migrations",
}


@pytest.mark.parametrize("statement", REFUSED.values(), ids=REFUSED.keys())
def test_the_app_role_cannot_erase_or_change_the_audit_log(app_role, entry, statement) -> None:
    with _connect(app_role) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement)
    assert AuditEntry.objects.get(pk=entry.pk).summary == "Viewed the record"


def test_the_app_role_reads_and_adds_to_the_log_and_saves_a_child(app_role, entry) -> None:
    with _as(app_role):
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == app_role
        child = ChildFactory(first_name="Maya")
        child.first_name = "Maia"
        child.save()
        added = record(AuditAction.CHANGE, child_id=child.child_id, summary="Changed the name")
        assert AuditEntry.objects.filter(pk__in=[entry.pk, added.pk]).count() == 2
    assert Child.objects.get(pk=child.pk).first_name == "Maia"


def test_tables_created_later_are_granted_by_default(app_role) -> None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE homeward_later (id integer)")
    try:
        with _connect(app_role) as conn:
            conn.execute("INSERT INTO homeward_later VALUES (1)")
            conn.execute("DELETE FROM homeward_later")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE homeward_later")


def test_the_grants_refuse_a_role_that_could_undo_them(app_role) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        (owner,) = cursor.fetchone()
    with pytest.raises(CommandError, match="is the role running the migrations"):
        call_command("grant_app_role", role=owner)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE homeward_owned (id integer); "
            f'ALTER TABLE homeward_owned OWNER TO "{app_role}"'
        )
    try:
        with pytest.raises(CommandError, match="owns tables"):
            call_command("grant_app_role", role=app_role)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE homeward_owned")


def test_migrate_connects_as_the_owner_then_grants_the_app_role(app_role, settings) -> None:
    """With HOMEWARD_MIGRATE_DATABASE_URL set, ``manage.py migrate`` runs as the owner (here the
    test's own role) while DATABASE_URL names the application's role, and leaves that role its
    grants: a table it had lost them on is granted again."""
    settings.HOMEWARD_MIGRATE_DATABASE = dict(connection.settings_dict)
    with connection.cursor() as cursor:
        cursor.execute(f'REVOKE ALL ON children_child FROM "{app_role}"')
    with _as(app_role):
        call_command("migrate", verbosity=0, stdout=io.StringIO())
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == app_role
        ChildFactory(first_name="Maya")
    with _connect(app_role) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(f"DELETE FROM {TABLE}")


def test_the_owner_must_be_on_the_same_database(settings) -> None:
    settings.HOMEWARD_MIGRATE_DATABASE = {**connection.settings_dict, "NAME": "another"}
    with pytest.raises(CommandError, match="same database as DATABASE_URL.*differ in name"):
        call_command("grant_app_role", role="homeward_app")
