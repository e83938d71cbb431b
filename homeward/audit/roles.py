"""The application's database role on PostgreSQL: it owns nothing, and may only read and add to
the audit log.

A trigger refuses UPDATE and DELETE on the audit log (migration 0002), but the owner of a table
can disable its triggers, truncate it, alter or drop it, and a superuser can bypass triggers with
``SET session_replication_role = replica``. So in production the web server and the worker
connect as a role that is neither (DATABASE_URL), and migrations run as the owner
(HOMEWARD_MIGRATE_DATABASE_URL). ``grant`` is run by the owner after every migrate (``manage.py
migrate`` does it; ``manage.py grant_app_role`` on its own) and gives the application's role:

- CONNECT on the database and USAGE on the schema, never CREATE (no DDL);
- SELECT, INSERT, UPDATE and DELETE on every table, except the audit log (SELECT and INSERT
  only) and Django's migration history (SELECT only); TRUNCATE, REFERENCES and TRIGGER on none;
- USAGE and SELECT on the sequences;
- the same by default on tables and sequences the owner creates later, until the next grant
  narrows them again.

It refuses a role that could undo all this: a superuser, a member of the owner's role, or the
owner of any table in the schema.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.management.base import CommandError
from django.db.backends.base.base import BaseDatabaseWrapper

from homeward.audit.models import AuditEntry

# Tables the application may read and add to, never change (beyond the audit log).
APPEND_ONLY_TABLES = (AuditEntry._meta.db_table,)
READ_ONLY_TABLES = ("django_migrations",)


def grant(
    connection: BaseDatabaseWrapper, role: str, *, say: Callable[[str], None] = print
) -> None:
    """Create the role if it is missing (LOGIN, no password: set one, or use the server's
    authentication) and grant it exactly what it needs, on ``connection``'s database, as the
    owner of its tables."""
    if connection.vendor != "postgresql":
        raise CommandError(
            "Database roles and grants are PostgreSQL's: this database is "
            f"{connection.vendor}, where the model and queryset guards protect the audit log."
        )
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_database(), current_schema()")
        owner, database, schema = cursor.fetchone()
        if role == owner:
            raise CommandError(
                f"The application's role ({role}) is the role running the migrations: give the "
                "web server and worker their own role in DATABASE_URL, and the owner's in "
                "HOMEWARD_MIGRATE_DATABASE_URL."
            )
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
        row = cursor.fetchone()
        if row is None:
            cursor.execute(f"CREATE ROLE {qn(role)} LOGIN")
            say(f"Created the role {role} (LOGIN, no password).")
        elif row[0]:
            raise CommandError(f"The role {role} is a superuser: it could bypass any trigger.")
        cursor.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", [role, owner])
        if cursor.fetchone()[0]:
            raise CommandError(f"The role {role} is a member of {owner}, the tables' owner.")
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tableowner = %s",
            [schema, role],
        )
        owned = [name for (name,) in cursor.fetchall()]
        if owned:
            raise CommandError(
                f"The role {role} owns tables in {schema} ({', '.join(owned[:5])}): an owner "
                "can disable triggers and drop tables. Reassign them to the owner "
                f"(REASSIGN OWNED BY {role} TO {owner})."
            )
        r, s = qn(role), qn(schema)
        statements = [
            f"GRANT CONNECT ON DATABASE {qn(database)} TO {r}",
            f"GRANT USAGE ON SCHEMA {s} TO {r}",
            f"REVOKE CREATE ON SCHEMA {s} FROM {r}",
            f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}",
            *(f"REVOKE UPDATE, DELETE ON {s}.{qn(table)} FROM {r}" for table in APPEND_ONLY_TABLES),
            *(
                f"REVOKE INSERT, UPDATE, DELETE ON {s}.{qn(table)} FROM {r}"
                for table in READ_ONLY_TABLES
            ),
            f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {r}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT USAGE, SELECT ON SEQUENCES TO {r}",
        ]
        for statement in statements:
            cursor.execute(statement)
        for table in APPEND_ONLY_TABLES:
            cursor.execute(
                "SELECT has_table_privilege(%s, %s, 'UPDATE,DELETE,TRUNCATE')",
                [role, f"{schema}.{table}"],
            )
            if cursor.fetchone()[0]:
                raise CommandError(
                    f"The role {role} can still change {table} (through PUBLIC or another "
                    "role it belongs to): revoke that grant."
                )
        cursor.execute("SELECT has_schema_privilege(%s, %s, 'CREATE')", [role, schema])
        if cursor.fetchone()[0]:
            say(
                f"Warning: {role} can create tables in {schema} (granted to PUBLIC before "
                f"PostgreSQL 15): REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC."
            )
    say(
        f"Granted {role} the application's privileges on {database}.{schema}: the audit log "
        "read and append only."
    )
