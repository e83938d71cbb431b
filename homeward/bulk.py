"""Writing many rows at once from plain values, for the bulk writers (the SSDA903 import, the
deadline ledger, the stored forecasts): no model instances, and none of the ORM's per-value
preparation, which is most of the time of ``bulk_create`` on hundreds of thousands of rows.

``insert`` adds rows; ``upsert`` adds rows or, where a row with the same natural key is already
stored, updates the named columns (the last row of ``rows`` with a key wins, as with successive
``bulk_create(update_conflicts=True)`` batches). On PostgreSQL both use COPY (``upsert`` copies
into a temporary table dropped at commit, then one ``INSERT ... SELECT ... ON CONFLICT``); on
SQLite, one prepared statement run over every row (``executemany``). Each runs in the caller's
transaction and sends no signals, as ``bulk_create`` does not.

The values are those the model's fields hold in Python (dates, numbers, text, None; booleans),
in the order of ``fields`` (attribute names: ``child_id`` for a foreign key). Aware datetimes are
made what the backend stores. Nothing here validates: the callers write values they have checked.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models
from django.utils import timezone

Row = Sequence[Any]
Done = Callable[[int], None]
BATCH = 5000  # rows between two progress reports


def _columns(model: type[models.Model], fields: Sequence[str]) -> list[models.Field[Any, Any]]:
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    return [by_attname[name] for name in fields]


def _completed(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Row]
) -> tuple[list[str], Iterable[Row]]:
    """``fields`` and ``rows`` with every other column as a new model instance would save it: its
    default (worked out once for all the rows), or now for ``auto_now`` and ``auto_now_add``.
    The auto primary key is left to the database."""
    names = list(fields)
    values: list[Any] = []
    for field in model._meta.concrete_fields:
        if field.attname in fields or field is model._meta.auto_field:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value: Any = timezone.now()
            if connection.vendor != "postgresql":
                value = connection.ops.adapt_datetimefield_value(value)
        elif isinstance(field, models.UUIDField) and field.has_default():
            raise ValueError(f"{model.__name__}.{field.name}: give each row its own value")
        else:
            value = field.get_default()  # as a model instance would have it: "" for text
        names.append(field.attname)
        values.append(value)
    if not values:
        return names, rows
    extra = tuple(values)
    return names, ((*row, *extra) for row in rows)


def _adapted(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Row]
) -> Iterable[Row]:
    """The rows with their datetimes as the backend stores them (SQLite: naive, in UTC)."""
    datetimes = [
        i for i, f in enumerate(_columns(model, fields)) if isinstance(f, models.DateTimeField)
    ]
    if not datetimes or connection.vendor == "postgresql":
        return rows
    adapt = connection.ops.adapt_datetimefield_value

    def adapted() -> Iterator[Row]:
        for row in rows:
            row = list(row)
            for i in datetimes:
                row[i] = adapt(row[i])
            yield row

    return adapted()


class _Counted:
    """``rows`` as they are read, counted, with ``done(count)`` every few thousand."""

    def __init__(self, rows: Iterable[Row], done: Done | None) -> None:
        self.rows = rows
        self.done = done
        self.count = 0

    def __iter__(self) -> Iterator[Row]:
        for self.count, row in enumerate(self.rows, start=1):  # noqa: B020
            yield row
            if self.done is not None and self.count % BATCH == 0:
                self.done(self.count)


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(connection.ops.quote_name(n) for n in names)


def insert(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Row], done: Done | None = None
) -> int:
    """Add ``rows`` (tuples of values in the order of ``fields``) to ``model``'s table. Returns
    how many; ``done(count)`` is told every few thousand rows."""
    rows = _adapted(model, fields, rows)
    fields, rows = _completed(model, fields, rows)
    table = connection.ops.quote_name(model._meta.db_table)
    names = [f.column for f in _columns(model, fields)]
    counted = _Counted(rows, done)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The driver's own cursor: its errors are made Django's (a lost connection is an
            # OperationalError, as from any other query).
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {table} ({_quoted(names)}) FROM STDIN") as copy,
            ):
                for row in counted:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(names))
            cursor.executemany(f"INSERT INTO {table} ({_quoted(names)}) VALUES ({marks})", counted)
    if done is not None:
        done(counted.count)
    return counted.count


def upsert(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Row],
    unique: Sequence[str],
    update: Sequence[str],
    done: Done | None = None,
) -> int:
    """Add ``rows``, or update the ``update`` columns of the stored row with the same ``unique``
    values (the natural key: attribute names among ``fields``). Without ``update``, a row whose
    key is stored is left out. Returns how many rows were given."""
    at = [fields.index(name) for name in unique]
    rows = _adapted(model, fields, rows)
    fields, rows = _completed(model, fields, rows)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = _columns(model, fields)
    names = [f.column for f in columns]
    keys = [columns[fields.index(name)].column for name in unique]
    changed = [columns[fields.index(name)].column for name in update]
    if changed:
        action = "DO UPDATE SET " + ", ".join(
            f"{connection.ops.quote_name(c)} = EXCLUDED.{connection.ops.quote_name(c)}"
            for c in changed
        )
    else:
        action = "DO NOTHING"
    conflict = f"ON CONFLICT ({_quoted(keys)}) {action}"
    if connection.vendor != "postgresql":
        marks = ", ".join(["%s"] * len(names))
        counted = _Counted(rows, done)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({_quoted(names)}) VALUES ({marks}) {conflict}", counted
            )
        if done is not None:
            done(counted.count)
        return counted.count
    # One statement cannot update a row twice: the last row with each key is the one written.
    latest: dict[tuple[Any, ...], Row] = {}
    given = 0
    for row in rows:
        latest[tuple(row[i] for i in at)] = row
        given += 1
    staging = connection.ops.quote_name(f"bulk_{model._meta.db_table}")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {staging}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {staging} AS SELECT {_quoted(names)} FROM {table} WITH NO DATA"
        )
        with (
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY {staging} ({_quoted(names)}) FROM STDIN") as copy,
        ):
            for row in _Counted(latest.values(), done):
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} ({_quoted(names)}) "
            f"SELECT {_quoted(names)} FROM {staging} {conflict}"
        )
        cursor.execute(f"DROP TABLE {staging}")
    if done is not None:
        done(given)
    return given


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Rows for a whole council are a million cycle-free objects: Python's cycle collector walks
    them again and again for nothing, so it is paused while they are built."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
