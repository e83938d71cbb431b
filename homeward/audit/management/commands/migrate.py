"""``manage.py migrate`` as the owner of the tables, then the application's grants.

When HOMEWARD_MIGRATE_DATABASE_URL is set, migrations run connected as that role (the owner),
on the database DATABASE_URL names, and then the role in DATABASE_URL is granted what it needs
(homeward/audit/roles.py), so a new table is never left without grants or with too many.
Without it (development, tests) this is Django's migrate.
"""

from typing import Any

from django.conf import settings
from django.core.management.commands import migrate
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from homeward.audit import roles
from homeward.audit.management.commands.grant_app_role import connected_as_owner


class Command(migrate.Command):
    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.HOMEWARD_MIGRATE_DATABASE or options["database"] != DEFAULT_DB_ALIAS:
            super().handle(*args, **options)
            return
        with connected_as_owner() as app_role:
            super().handle(*args, **options)
            if not options["plan"] and not options["check_unapplied"]:
                with transaction.atomic():
                    roles.grant(connections[DEFAULT_DB_ALIAS], app_role, say=self.stdout.write)
