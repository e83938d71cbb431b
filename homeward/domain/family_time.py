"""Family time plans: how often, in words, and the rules a plan must meet before it is saved.
Plain Python, no Django.

Sources (shared/seeds/): DU = Durham Early Permanence Planning Strategy
(002_a77630a273fce245.txt) 'Family Time'; DM = Dudley Child Permanence Meetings overview
(003_82d866961b2f94a8.txt); DS = Dudley Permanence Strategy (000_f860603ee99ef2b2.txt)
objective 8.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from homeward.domain.councils import DUDLEY_CPM_OVERVIEW, DURHAM_STRATEGY
from homeward.domain.timescales import Status, task_status

AGREEMENT_SOURCE: Final = (
    f"{DURHAM_STRATEGY} 'Family Time': “a formal agreement setting out how contact will take "
    "place, who with, where and how frequently must be negotiated before placement, and reviewed "
    "regularly throughout the child's life”"
)
MEETING_SOURCE: Final = (
    f"{DUDLEY_CPM_OVERVIEW}: the Child Permanence Meeting considers “sibling relationships and "
    "family time plan”"
)

# The periods a frequency counts in, as a sentence ends: "2 times a month".
PERIODS: Final[dict[str, str]] = {
    "week": "a week",
    "fortnight": "a fortnight",
    "month": "a month",
    "quarter": "every 3 months",
    "year": "a year",
}

NO_FREQUENCY: Final = (
    "Enter how often family time happens: a number of times and a period (for example, 2 times "
    "a month), or describe the pattern"
)


def describe_frequency(times: int | None, per: str, pattern: str) -> str:
    """'Once a week', '3 times a month', or the pattern as written."""
    if times and per:
        count = {1: "Once", 2: "Twice"}.get(times, f"{times} times")
        said = f"{count} {PERIODS.get(per, per)}"
        return f"{said} ({pattern.strip()})" if pattern.strip() else said
    return pattern.strip()


def frequency_problems(times: int | None, per: str, pattern: str) -> dict[str, str]:
    """Why a plan's frequency cannot be saved, by field; empty when it can.

    DU 'Family Time': the agreement sets out how frequently family time happens, so a plan
    without a frequency is refused. A number needs its period and a period its number; a
    described pattern ("every school holiday, and on birthdays") stands on its own.
    """
    has_pattern = bool(pattern.strip())
    if times is not None and times < 1:
        return {"times": "The number of times must be 1 or more"}
    if times is not None and not per:
        return {"per": "Select the period: a week, a fortnight, a month, every 3 months or a year"}
    if per and times is None:
        return {"times": "Enter how many times family time happens in the period"}
    if per and per not in PERIODS:
        return {"per": "Select a period from the list"}
    if times is None and not has_pattern:
        return {"times": NO_FREQUENCY}
    return {}


def review_status(
    review_due: dt.date, *, today: dt.date, ended_on: dt.date | None = None
) -> tuple[Status, int]:
    """The status of a plan's next review, from the engine's own task arithmetic: due soon in
    the last 14 days, overdue after. An ended plan is no longer reviewed. (DU 'Family Time':
    reviewed regularly.)"""
    return task_status(review_due, done_on=None, today=today, cancelled=ended_on is not None)


def review_timeliness(due: dt.date, *, reviewed_on: dt.date) -> tuple[Status, int]:
    """Whether a recorded review met the date it answered: met on time, or met n days late."""
    return task_status(due, done_on=reviewed_on, today=reviewed_on)
