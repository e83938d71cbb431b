"""Helpers for the early permanence panel's tests: the schedule, a clock to set, and children
who became looked after on a given day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone

from homeward.children.models import Child, JourneyEvent, JourneyEventKind
from homeward.domain import panels as domain
from homeward.domain.calendar import LONDON
from tests.factories import AllocationFactory, ChildFactory

DUDLEY = domain.SCHEDULES["dudley"]


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def looked_after(child: Child, day: dt.date) -> JourneyEvent:
    return JourneyEvent.objects.create(
        child=child, kind=JourneyEventKind.BECAME_LOOKED_AFTER, date=day
    )


def today() -> dt.date:
    return timezone.localdate()


def last_sitting() -> domain.Sitting:
    """The most recent panel that has sat (today's counts)."""
    return DUDLEY.previous_sitting(today() + dt.timedelta(days=1))


def before_cutoff(sitting: domain.Sitting) -> dt.datetime:
    return sitting.cutoff - dt.timedelta(hours=3)


def after_cutoff(sitting: domain.Sitting) -> dt.datetime:
    return sitting.cutoff + dt.timedelta(hours=16)


@pytest.fixture
def clock(monkeypatch) -> Callable[[dt.datetime], None]:
    """Set the time the panel's pages and services see (``services.current_time``)."""

    def set_now(moment: dt.datetime) -> None:
        monkeypatch.setattr("homeward.panels.services.current_time", lambda: moment)

    return set_now


@pytest.fixture
def admitted(council):
    """A child in team A who became looked after 3 days ago."""

    def make(days_ago: int = 3, team=None, **child_fields):
        child = ChildFactory(**child_fields)
        AllocationFactory(
            child=child,
            social_worker=council.users["social_worker"],
            team=team or council.team_a,
            started_on=today() - dt.timedelta(days=days_ago),
        )
        looked_after(child, today() - dt.timedelta(days=days_ago))
        return child

    return make
