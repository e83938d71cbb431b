"""Brothers and sisters: whether a sibling group shares one IRO, and what a pair's
together-or-apart decision leaves to be done. Plain Python, no Django.

Sources (shared/seeds/): DS = Dudley Permanence Strategy (000_f860603ee99ef2b2.txt),
DU = Durham Early Permanence Planning Strategy (002_a77630a273fce245.txt).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

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
