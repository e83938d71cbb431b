"""Grant the application's database role what it needs, and no more (homeward/audit/roles.py).

Run as the owner of the tables after migrating (``manage.py migrate`` runs it when
HOMEWARD_MIGRATE_DATABASE_URL is set)::

    manage.py grant_app_role                      # the role in DATABASE_URL
    manage.py grant_app_role --role homeward_app
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections, transaction

from homeward.audit import roles

SAME_DATABASE = ("ENGINE", "NAME", "HOST", "PORT")


@contextlib.contextmanager
def connected_as_owner() -> Iterator[str]:
    """The default connection, as the owner in HOMEWARD_MIGRATE_DATABASE_URL when it is set
    (and back as the application's role afterwards). Yields the application's role: the user in
    DATABASE_URL. Everything in the block, migrations that ignore database aliases included,
    runs as the owner on the one connection."""
    connection = connections["default"]
    app_role = connection.settings_dict.get("USER", "")
    owner = settings.HOMEWARD_MIGRATE_DATABASE
    if not owner:
        yield app_role
        return
    differ = [
        key
        for key in SAME_DATABASE
        if (owner.get(key) or "") != (connection.settings_dict.get(key) or "")
    ]
    if differ:
        raise CommandError(
            "HOMEWARD_MIGRATE_DATABASE_URL must name the same database as DATABASE_URL, as "
            f"another role: they differ in {', '.join(key.lower() for key in differ)}"
        )
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(USER=owner.get("USER", ""), PASSWORD=owner.get("PASSWORD", ""))
    try:
        yield app_role
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


class Command(BaseCommand):
    help = "Grant the application's PostgreSQL role its privileges (audit log: SELECT, INSERT)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--role", default="", help="The application's role (default: the user in DATABASE_URL)."
        )

    def handle(self, *args: Any, role: str, **options: Any) -> None:
        with connected_as_owner() as app_role:
            role = role or app_role
            if not role:
                raise CommandError("Name the application's role: --role, or a user in DATABASE_URL")
            with transaction.atomic():
                roles.grant(connections["default"], role, say=self.stdout.write)
