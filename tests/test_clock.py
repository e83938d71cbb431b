"""The frozen clock (tests/conftest.py, tests/clock.py): every test, every thread and every
hypothesis example sees Tuesday 24 November 2026 in London, and a test may travel elsewhere."""

import datetime as dt
import threading

from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.clock import NOW, TODAY


def test_every_test_starts_at_the_fixed_instant() -> None:
    assert timezone.localdate() == TODAY == dt.date(2026, 11, 24)
    assert dt.timedelta(0) <= timezone.now() - NOW < dt.timedelta(minutes=1)


def test_another_thread_sees_the_same_day_as_the_live_server_does() -> None:
    seen: list[dt.date] = []
    thread = threading.Thread(target=lambda: seen.append(timezone.localdate()))
    thread.start()
    thread.join()
    assert seen == [TODAY]


def test_a_test_may_travel_to_another_day(time_machine) -> None:
    time_machine.move_to(dt.datetime(2027, 3, 31, 16, 59, tzinfo=NOW.tzinfo))
    assert timezone.localdate() == dt.date(2027, 3, 31)


@given(st.integers(0, 10))
def test_hypothesis_examples_see_the_fixed_day(days: int) -> None:
    assert timezone.localdate() + dt.timedelta(days=days) - TODAY == dt.timedelta(days=days)
