"""Brothers and sisters: whether a sibling group shares one IRO, and what a pair's
together-or-apart decision leaves to be done. Plain Python, no Django.

Sources (shared/seeds/): DS = Dudley Permanence Strategy (000_f860603ee99ef2b2.txt),
DU = Durham Early Permanence Planning Strategy (002_a77630a273fce245.txt).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from homeward.domain import calendar as cal
from homeward.domain.councils import DUDLEY_STRATEGY, DURHAM_STRATEGY

SAME_IRO_SOURCE: Final = (
    f"{DUDLEY_STRATEGY} 'Independent Reviewing Service': “Unless there is a conflict of "
    "interest, a sibling group will have the same Independent Reviewing Officer, who will review "
    "their plans until they no longer need it.”"
)

# Which councils' procedures expect a sibling group to share an IRO. Only Dudley's strategy says
# so; Durham's and Devon's procedures are silent, so no warning is shown under their profiles.
SAME_IRO_EXPECTED: Final[dict[str, str | None]] = {
    "dudley": SAME_IRO_SOURCE,
    "durham": None,
    "devon": None,
}

TOGETHER_APART_SOURCE: Final = (
    f"{DURHAM_STRATEGY} 'Sibling Assessment': “A sibling assessment (Together and Apart) must "
    "be undertaken to inform appropriate decision making which can be explained to children”"
)
TIME_TOGETHER_SOURCE: Final = (
    f"{DUDLEY_STRATEGY} objective 9: “Where sibling cannot grow up together ... we will make "
    "reasonable arrangements for them to spend quality time together”; "
    f"{DURHAM_STRATEGY} 'Sibling Assessment': “sibling family time should be promoted and "
    "maintained”"
)


@dataclass(frozen=True)
class SiblingIro:
    """One child in a sibling group and the IRO who reviews them now (None: no IRO, e.g. the
    child is not looked after), with any recorded conflict of interest that explains a
    different IRO."""

    child: str
    iro: str | None
    conflict_of_interest: str = ""


@dataclass(frozen=True)
class IroMismatch:
    """Siblings in one group reviewed by different IROs with no conflict of interest recorded."""

    by_iro: tuple[tuple[str, tuple[str, ...]], ...]  # IRO -> the children they review
    explained: tuple[str, ...]  # children whose different IRO a conflict of interest explains
    source: str

    @property
    def message(self) -> str:
        parts = "; ".join(f"{iro} reviews {_join(children)}" for iro, children in self.by_iro)
        return (
            f"These brothers and sisters have different IROs ({parts}). A sibling group should "
            "have the same IRO unless there is a conflict of interest."
        )


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def iro_mismatch(members: Iterable[SiblingIro], *, council: str) -> IroMismatch | None:
    """The warning for a sibling group whose children have different IROs, or None.

    Children with no IRO are left out (nobody reviews them: they are not, or no longer, looked
    after). A child with a recorded conflict of interest is left out too: their different IRO is
    explained, and the rest must still share one. Only where the council's procedures expect one
    IRO per group (``SAME_IRO_EXPECTED``).
    """
    source = SAME_IRO_EXPECTED.get(council)
    if source is None:
        return None
    reviewed = [m for m in members if m.iro is not None]
    explained = tuple(sorted(m.child for m in reviewed if m.conflict_of_interest.strip()))
    counted = [m for m in reviewed if not m.conflict_of_interest.strip()]
    by_iro: dict[str, list[str]] = {}
    for member in counted:
        assert member.iro is not None
        by_iro.setdefault(member.iro, []).append(member.child)
    if len(by_iro) < 2:
        return None
    return IroMismatch(
        by_iro=tuple(sorted((iro, tuple(sorted(kids))) for iro, kids in by_iro.items())),
        explained=explained,
        source=source,
    )


# The together-or-apart decision and where the children live now (the model's choices).
TOGETHER: Final = "together"
APART: Final = "apart"
NOT_DECIDED: Final = "not_decided"
NOT_PLACED: Final = "not_placed"


@dataclass(frozen=True)
class Concern:
    """Something a pair's decision leaves to do, with the procedure that says so."""

    message: str
    source: str


def pair_concerns(
    *, decision: str | None, placed: str | None, has_family_time: bool
) -> list[Concern]:
    """What to act on for two siblings, from their current decision (None: none recorded),
    where they live now, and whether either has a family time plan with the other."""
    concerns: list[Concern] = []
    if decision is None or decision == NOT_DECIDED:
        concerns.append(
            Concern(
                "No together or apart decision is recorded for these siblings yet.",
                TOGETHER_APART_SOURCE,
            )
        )
    if decision == TOGETHER and placed == APART:
        concerns.append(
            Concern(
                "The decision is to place them together, but they live apart now.",
                TOGETHER_APART_SOURCE,
            )
        )
    living_apart = decision == APART or placed == APART
    if living_apart and not has_family_time:
        concerns.append(
            Concern(
                "They live apart and there is no family time plan between them.",
                TIME_TOGETHER_SOURCE,
            )
        )
    return concerns


def pair_key(a: int, b: int) -> tuple[int, int]:
    """Two children in the order a pair is stored: the lower key first."""
    if a == b:
        raise ValueError("A child cannot be paired with themselves")
    return (a, b) if a < b else (b, a)


# Issue 18 item 5: when adoption becomes an option, the decision's factors; a new baby whose
# brothers or sisters were adopted; a child whose permanence waits on a brother's or sister's.

FACTORS_SOURCE: Final = (
    f"{DURHAM_STRATEGY} 'Sibling Assessment': “Where the plan is adoption, in order to reduce "
    "delay, an early decision should be taken as to whether it is in the best interests of each "
    "child to be placed together or separately ... Factors that may need to be considered will "
    "include: the nature of the sibling group, whether the children have formed an attachment; "
    "the health needs of each child; and each child's view.”"
)
ADOPTERS_APPROACH_SOURCE: Final = (
    f"{DUDLEY_STRATEGY} 'Adoption@Heart': “Adoption@heart will approach adopters for new babies "
    "where siblings have already been adopted.”"
)
WHOLE_GROUP_SOURCE: Final = (
    f"{DUDLEY_STRATEGY} objective 9: “It is essential that the whole sibling group's permanence "
    "is not prevented because of the competing or differing needs of the whole group.”"
)

# The factors Durham names, as the decision form's fields, with what to enter when one is missing.
FACTORS: Final[tuple[tuple[str, str], ...]] = (
    ("attachment", "Enter whether the children have formed an attachment to each other"),
    ("health_needs", "Enter the health needs of each child"),
    ("childrens_views", "Enter each child's view"),
)

# Which councils' documents say Adoption@Heart approaches the siblings' adopters: Dudley only
# (Durham and Devon are silent; the prompt is not shown under their profiles).
ADOPTERS_APPROACH_EXPECTED: Final[dict[str, str | None]] = {
    "dudley": ADOPTERS_APPROACH_SOURCE,
    "durham": None,
    "devon": None,
}

# A "new baby": under one year old, or not yet born (check: the strategy does not say an age).
NEW_BABY_MONTHS: Final = 12


# Which councils' documents name the factors: Durham's strategy only (Dudley's and Devon's are
# silent, so the factors are asked for but not required under their profiles).
FACTORS_EXPECTED: Final[dict[str, str | None]] = {
    "durham": FACTORS_SOURCE,
    "dudley": None,
    "devon": None,
}


def missing_factors(
    *, decision: str, adoption_an_option: bool, recorded: dict[str, str], council: str = "durham"
) -> dict[str, str]:
    """The factors a together-or-apart decision must record, field -> message: when the decision
    is made (together or apart) for a pair where adoption is an option for either child, under a
    council whose procedures name them (``FACTORS_EXPECTED``)."""
    if FACTORS_EXPECTED.get(council) is None:
        return {}
    if decision not in {TOGETHER, APART} or not adoption_an_option:
        return {}
    return {name: msg for name, msg in FACTORS if not recorded.get(name, "").strip()}


def is_new_baby(*, born: dt.date | None, expected: dt.date | None, today: dt.date) -> bool:
    """Not born yet (an expected date of delivery) or under ``NEW_BABY_MONTHS`` old."""
    if born is None:
        return expected is not None
    return born > cal.add_months(today, -NEW_BABY_MONTHS)


def adopters_to_approach(
    *,
    baby_is_new: bool,
    adopted_siblings: Sequence[str],
    approached: bool,
    council: str,
) -> Concern | None:
    """The prompt on a new baby's record to approach the adopters of brothers or sisters who were
    adopted, until the approach is recorded; None where not due or the council is silent."""
    source = ADOPTERS_APPROACH_EXPECTED.get(council)
    if source is None or not baby_is_new or not adopted_siblings or approached:
        return None
    return Concern(
        f"{_join(sorted(adopted_siblings))} {'was' if len(adopted_siblings) == 1 else 'were'} "
        "adopted: approach their adopters about this baby.",
        source,
    )


@dataclass(frozen=True)
class MemberPlan:
    """One child in a sibling group and how far their permanence has gone."""

    child: str
    plan: str | None  # the agreed plan's preferred option, None: no agreed plan
    settled: bool  # in their permanent home (permanence achieved, or placed with permanent carers)


def waiting_on(
    members: Sequence[MemberPlan], together: Iterable[tuple[str, str]]
) -> dict[str, tuple[str, ...]]:
    """For each child whose move to a permanent home waits on a brother or sister: the children
    they wait on. A pair decided "together" waits as one: a child with an agreed plan who is not
    yet home waits on a sibling to be placed with them who has no agreed plan yet (Dudley
    objective 9: the group's permanence must not be held up by one child's needs; how a pair
    waits is Homeward's reading, check)."""
    by_name = {m.child: m for m in members}
    waits: dict[str, set[str]] = {}
    for a, b in together:
        for one, other in ((a, b), (b, a)):
            me, them = by_name.get(one), by_name.get(other)
            if me is None or them is None or me.settled:
                continue
            if me.plan is not None and them.plan is None:
                waits.setdefault(one, set()).add(other)
    return {child: tuple(sorted(names)) for child, names in sorted(waits.items())}
