"""Two writers adding events for the same child at once (PostgreSQL, the production database):
the stored rows end up computed from both events, never from one of them only."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import close_old_connections, connection, transaction

from homeward.children.models import Child, JourneyEvent
from tests.factories import ChildFactory
from tests.timescales.helpers import stale_children

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite lets only one writer in at a time anyway"
)

LOOKED_AFTER = dt.date(2026, 3, 2)


@pytest.mark.django_db(transaction=True)
def test_a_second_writer_waits_and_its_rows_include_the_first_writers_event() -> None:
    child = ChildFactory(date_of_birth=dt.date(2020, 5, 17))
    JourneyEvent.objects.create(child=child, kind="became_looked_after", date=LOOKED_AFTER)
    first_saved = threading.Event()
    release_first = threading.Event()
    errors: list[BaseException] = []

    def first_writer() -> None:
        try:
            with transaction.atomic():
                JourneyEvent.objects.create(
                    child_id=child.pk, kind="aepp_held", date=LOOKED_AFTER + dt.timedelta(10)
                )
                first_saved.set()  # its event is saved and its rows written, not yet committed
                release_first.wait(10)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    def second_writer() -> None:
        try:
            first_saved.wait(10)
            with transaction.atomic():
                JourneyEvent.objects.create(
                    child_id=child.pk, kind="care_plan_agreed", date=LOOKED_AFTER + dt.timedelta(5)
                )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    one, two = threading.Thread(target=first_writer), threading.Thread(target=second_writer)
    one.start()
    two.start()
    first_saved.wait(10)
    two.join(1)  # the second writer is held at the child's lock while the first is open
    assert two.is_alive()
    release_first.set()
    one.join(10)
    two.join(10)
    assert not errors, errors
    assert Child.objects.get(pk=child.pk).events.count() == 3
    assert stale_children() == {}
