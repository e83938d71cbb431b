"""Transitions (issue 18 item 6): the plan for the move into the permanent home, and what a young
person moving on to adulthood has (pathway planning, the handover to adult services, later life
links). Plain Python, no Django.

Sources (shared/seeds/): DV = Devon Permanence Matters (004_7232501e48845cda.txt), DS = Dudley
Permanence Strategy (000_f860603ee99ef2b2.txt). The pathway plan's deadlines are ledger rules
(``rules/statutory.toml``: ``pathway-plan``, ``pathway-plan-review``, ``care-leaver-support``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from homeward.domain import calendar as cal
from homeward.domain.councils import DEVON_PERMANENCE_MATTERS, DUDLEY_STRATEGY

MOVE_PLAN_SOURCE: Final = (
    f"{DEVON_PERMANENCE_MATTERS} 'Guiding Principles for Social Workers in Achieving "
    "Permanency': “Develop high quality support plans to support the transition process. Work "
    "collaboratively with all parties, children, families, and colleagues to plan and deliver a "
    "smooth transition ... for some children a stable transition should take place over a "
    "period of time”"
)
TELL_THE_CHILD_SOURCE: Final = (
    f"{DEVON_PERMANENCE_MATTERS} 'Guiding Principles': “Communicate clearly, openly, and "
    "sensitively with children ... about the planning process for moving into a permanent home "
    "... Ensure that the reasons for any move are communicated in a way that is appropriate to "
    "the child's age and understanding”"
)
ADULT_SERVICES_SOURCE: Final = (
    f"{DUDLEY_STRATEGY} 'Children in Care and Care Experienced Young People Service': “The "
    "Service will work alongside Adult Services, including Dudley Disability Service to ensure "
    "smooth transitioning between childhood and adulthood.”; objective 10: “assessed and "
    "supported up to the age of 25 years”"
)
LATER_LIFE_LINKS_SOURCE: Final = (
    f"{DUDLEY_STRATEGY} objective 8: “We will encourage later life links for young people who "
    "grow up in care and who do not have the right family links.”"
)

# Which councils' documents ask for later life links and the handover to adult services: Dudley's
# strategy only; Durham's and Devon's are silent, so no prompt under their profiles.
LATER_LIFE_LINKS_EXPECTED: Final[dict[str, str | None]] = {
    "dudley": LATER_LIFE_LINKS_SOURCE,
    "durham": None,
    "devon": None,
}
ADULT_SERVICES_EXPECTED: Final[dict[str, str | None]] = {
    "dudley": ADULT_SERVICES_SOURCE,
    "durham": None,
    "devon": None,
}

# The handover is planned from 17, the year before adulthood (check: the strategy gives no age).
HANDOVER_FROM_AGE: Final = 17
# Pathway planning starts at 16 (Children Act 1989 Sch 2 para 19B).
PATHWAY_FROM_AGE: Final = 16


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def move_plan_problems(
    *,
    introductions_start: dt.date | None,
    introductions_end: dt.date | None,
    move_on: dt.date | None,
    review_on: dt.date | None,
) -> list[Problem]:
    """What is wrong with a move plan's dates: introductions come before the move, in order, and
    the plan is reviewed during them, by the move at the latest (a review part-way through the
    introductions, before the child moves: Homeward's reading of DV's "provide appropriate
    support and review", check)."""
    problems: list[Problem] = []
    if introductions_start and introductions_end and introductions_end < introductions_start:
        problems.append(
            Problem("introductions_end", "The end of introductions must be on or after their start")
        )
    if move_on and introductions_start and move_on < introductions_start:
        problems.append(Problem("move_on", "The move must be on or after introductions start"))
    elif move_on and introductions_end and move_on < introductions_end:
        problems.append(Problem("move_on", "The move must be on or after introductions end"))
    if review_on and introductions_start and review_on < introductions_start:
        problems.append(Problem("review_on", "The review must be on or after introductions start"))
    elif review_on and move_on and review_on > move_on:
        problems.append(Problem("review_on", "The review must be on or before the move"))
    return problems


def age_on(born: dt.date | None, day: dt.date) -> int | None:
    if born is None:
        return None
    years = day.year - born.year
    return years - 1 if (day.month, day.day) < (born.month, born.day) else years


def from_age(born: dt.date | None, years: int) -> dt.date | None:
    return cal.add_months(born, 12 * years) if born is not None else None


@dataclass(frozen=True)
class Prompt:
    message: str
    source: str


def later_life_links_prompt(
    *,
    council: str,
    looked_after: bool,
    age: int | None,
    family_links: bool,
    link_made: bool,
) -> Prompt | None:
    """A young person growing up in care (16 or over, check) with no family links (no current
    family time plan, check) and no later life link recorded: encourage one (Dudley only)."""
    source = LATER_LIFE_LINKS_EXPECTED.get(council)
    if source is None or not looked_after or age is None or age < PATHWAY_FROM_AGE:
        return None
    if family_links or link_made:
        return None
    return Prompt(
        "No family links and no later life link recorded: encourage a later life link.", source
    )


def adult_services_prompt(
    *, council: str, age: int | None, handed_over: bool, care_experienced: bool
) -> Prompt | None:
    """A young person in or leaving care from 17 (check) not yet handed over to adult services:
    plan the handover with them (Dudley only)."""
    source = ADULT_SERVICES_EXPECTED.get(council)
    if source is None or not care_experienced or handed_over:
        return None
    if age is None or age < HANDOVER_FROM_AGE or age >= 25:
        return None
    return Prompt(
        "Plan the handover to adult services with the young person, where they will need them.",
        source,
    )
