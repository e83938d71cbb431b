"""Search by name, child ID or UPN stays fast at any council's size (issue 16 item 4).

On PostgreSQL, trigram indexes (the ``pg_trgm`` extension, trusted since PostgreSQL 13, so the
database's owner may create it) on the expressions ``children.selectors.search`` compares:
``UPPER(column::text)``, which is what Django writes for ``icontains``, ``istartswith`` and
``iexact``. A search for part of a name then reads the index, not every child. SQLite has no
trigram index: there the search reads the table, which is quick at the sizes an embedded
database holds (README "Searching")."""

from django.db import migrations

COLUMNS = ("first_name", "last_name", "preferred_name", "child_id", "upn")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS children_child_{column}_trgm ON children_child "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS children_child_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("children", "0009_allocation_family_finder")]

    operations = [migrations.RunPython(create, drop)]
