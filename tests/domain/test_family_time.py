"""Family time: frequencies, reviews and their sources, as worked examples (pure Python,
homeward/domain/family_time.py).

Seeds (shared/seeds/): DU 002 Durham Early Permanence Planning Strategy 'Family Time'; DM 003
Dudley Child Permanence Meetings overview.
"""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.domain import family_time
from homeward.domain.timescales import Status

D = dt.date


# --- Family time (DU 'Family Time'; DM) ---------------------------------------------------------


def test_a_plan_with_no_frequency_is_refused_with_a_clear_message() -> None:
    """DU 'Family Time': the agreement sets out "how frequently"; issue 6 bad input: "a family
    time plan with no frequency" is refused."""
    assert family_time.frequency_problems(None, "", "") == {
        "times": "Enter how often family time happens: a number of times and a period (for "
        "example, 2 times a month), or describe the pattern"
    }
    assert family_time.frequency_problems(None, "", "   ") == {"times": family_time.NO_FREQUENCY}


@pytest.mark.parametrize(
    "times,per,pattern,expected",
    [
        (
            2,
            "",
            "",
            {"per": "Select the period: a week, a fortnight, a month, every 3 months or a year"},
        ),
        (None, "month", "", {"times": "Enter how many times family time happens in the period"}),
        (0, "month", "", {"times": "The number of times must be 1 or more"}),
        (1, "decade", "", {"per": "Select a period from the list"}),
        (2, "month", "", {}),
        (None, "", "Every school holiday and on birthdays", {}),
        (1, "week", "Saturdays", {}),
    ],
)
def test_a_frequency_is_a_number_and_a_period_or_a_pattern(times, per, pattern, expected) -> None:
    """DU 'Family Time': the agreement says "how frequently": a number and period, or a pattern."""
    assert family_time.frequency_problems(times, per, pattern) == expected


@pytest.mark.parametrize(
    "times,per,pattern,said",
    [
        (1, "week", "", "Once a week"),
        (2, "month", "", "Twice a month"),
        (3, "fortnight", "", "3 times a fortnight"),
        (1, "quarter", "", "Once every 3 months"),
        (1, "week", "Saturday mornings", "Once a week (Saturday mornings)"),
        (None, "", "Letterbox twice a year", "Letterbox twice a year"),
    ],
)
def test_a_frequency_reads_as_a_sentence(times, per, pattern, said) -> None:
    """DU 'Family Time': "how frequently", said in the words people read on the page."""
    assert family_time.describe_frequency(times, per, pattern) == said


def test_the_review_date_is_a_dated_task_with_the_engines_statuses() -> None:
    """DU 'Family Time': reviewed regularly. The review date goes through the engine's
    task_status: due soon within 14 days, overdue after, no longer applies once ended."""
    today = D(2026, 6, 2)
    assert family_time.review_status(D(2026, 7, 30), today=today) == (Status.UPCOMING, 0)
    assert family_time.review_status(D(2026, 6, 10), today=today) == (Status.DUE_SOON, 0)
    assert family_time.review_status(D(2026, 5, 20), today=today) == (Status.OVERDUE, 13)
    assert family_time.review_status(D(2026, 5, 20), today=today, ended_on=D(2026, 5, 1)) == (
        Status.NO_LONGER_APPLIES,
        0,
    )


def test_a_recorded_review_is_on_time_or_late_against_the_date_it_answered() -> None:
    """DU 'Family Time': "reviewed regularly"; a review is on time or late against its due date."""
    assert family_time.review_timeliness(D(2026, 3, 1), reviewed_on=D(2026, 2, 27)) == (
        Status.MET_ON_TIME,
        0,
    )
    assert family_time.review_timeliness(D(2026, 3, 1), reviewed_on=D(2026, 3, 11)) == (
        Status.MET_LATE,
        10,
    )


def test_family_time_sources_quote_the_seeds() -> None:
    """DU 'Family Time' and DM ("sibling relationships and family time plan")."""
    assert "negotiated before placement, and reviewed regularly" in family_time.AGREEMENT_SOURCE
    assert "003_82d866961b2f94a8.txt" in family_time.MEETING_SOURCE
