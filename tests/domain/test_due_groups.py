"""A worklist's groups (issue 16 item 4; ``domain.timescales.due_group``): every deadline not yet
met is in exactly one of Overdue, Today, Tomorrow, This week (within 7 days) and Later."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.domain.timescales import DUE_GROUPS, THIS_WEEK_DAYS, Status, due_group, open_status

TODAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("days", "group"),
    [
        (-30, "overdue"),
        (-1, "overdue"),
        (0, "today"),
        (1, "tomorrow"),
        (2, "this_week"),
        (THIS_WEEK_DAYS, "this_week"),
        (THIS_WEEK_DAYS + 1, "later"),
        (14, "later"),
    ],
)
def test_each_day_falls_in_one_group(days: int, group: str) -> None:
    assert due_group(TODAY + dt.timedelta(days=days), TODAY) == group


def test_overdue_means_what_the_status_means() -> None:
    """The group and the status tag never disagree: overdue exactly when the status is."""
    for days in range(-3, 20):
        due = TODAY + dt.timedelta(days=days)
        assert (due_group(due, TODAY) == "overdue") == (
            open_status(due, TODAY)[0] is Status.OVERDUE
        )


def test_the_groups_are_in_the_order_a_worklist_shows_them() -> None:
    order = [key for key, _ in DUE_GROUPS]
    assert order == ["overdue", "today", "tomorrow", "this_week", "later"]
    seen = [due_group(TODAY + dt.timedelta(days=d), TODAY) for d in range(-2, 15)]
    assert sorted(seen, key=order.index) == seen  # by due date is by group
