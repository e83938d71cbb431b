"""Writing many rows from plain values (homeward/bulk.py): what ``bulk_create`` would store,
COPY on PostgreSQL, one prepared statement on SQLite."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward import bulk
from homeward.children.models import Child, Episode

pytestmark = pytest.mark.django_db

HEADER = ["child_id", "first_name", "last_name", "date_of_birth", "sex"]


def test_insert_fills_every_other_column_as_a_new_instance_would(time_machine) -> None:
    time_machine.move_to(dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC), tick=False)
    written = bulk.insert(Child, HEADER, [("B1", "", "", dt.date(2015, 3, 1), "F")])
    child = Child.objects.get(child_id="B1")
    assert written == 1
    assert (child.date_of_birth, child.sex, child.is_uasc, child.upn, child.is_mother) == (
        dt.date(2015, 3, 1),
        "F",
        False,
        "",
        None,
    )
    assert child.created_at == child.updated_at == dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)


def test_upsert_updates_only_the_named_columns_and_the_last_row_of_a_key_wins() -> None:
    Child.objects.create(
        child_id="B1",
        first_name="Kept",
        last_name="Name",
        upn="A1",
        date_of_birth=dt.date(2015, 3, 1),
    )
    given = bulk.upsert(
        Child,
        [*HEADER, "upn"],
        [
            ("B1", "", "", dt.date(2016, 1, 1), "M", "X1"),
            ("B2", "", "", dt.date(2017, 2, 2), "F", ""),
            ("B1", "", "", dt.date(2016, 5, 5), "M", "X2"),
        ],
        ["child_id"],
        ["date_of_birth", "sex"],
    )
    assert given == 3
    stored = {
        c.child_id: (c.first_name, c.date_of_birth, c.sex, c.upn) for c in Child.objects.all()
    }
    assert stored == {
        "B1": ("Kept", dt.date(2016, 5, 5), "M", "A1"),  # names and UPN untouched
        "B2": ("", dt.date(2017, 2, 2), "F", ""),
    }


def test_upsert_without_columns_to_update_leaves_a_stored_row_alone() -> None:
    child = Child.objects.create(child_id="B1", date_of_birth=dt.date(2015, 3, 1))
    Episode.objects.create(
        child=child,
        start_date=dt.date(2020, 1, 1),
        reason_new_episode="S",
        legal_status="C2",
        placement_type="U1",
    )
    fields = ["child_id", "start_date", "reason_new_episode", "legal_status", "placement_type"]
    rows = [
        (child.pk, dt.date(2020, 1, 1), "P", "E1", "U3"),
        (child.pk, dt.date(2021, 1, 1), "P", "E1", "U3"),
    ]
    assert bulk.upsert(Episode, fields, rows, ["child_id", "start_date"], []) == 2
    assert list(
        Episode.objects.order_by("start_date").values_list("start_date", "legal_status")
    ) == [(dt.date(2020, 1, 1), "C2"), (dt.date(2021, 1, 1), "E1")]
