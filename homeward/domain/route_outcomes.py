"""The outcome a panel or a decision on a route to a permanent home records (issue 15 item 6):
the matching meeting, the Fostering Panel, the adoption panel, Devon's Permanence Panel, the
agency decision maker's decisions and the Head of Service's ratification. Plain Python, no Django.

A step of a route may carry an outcome (``[route.<key>.step.outcome]`` in the council's routes
file, read by ``homeward.domain.routes``): the results it may give (recommended, not recommended,
deferred...), whose name is asked (the chair, the agency decision maker, the Head of Service),
whether it asks if the case was complex and chaired by the Fostering team manager (Dudley's
matching meeting), and whether it asks for the child's voice (Devon's Permanence Panel). Only a
positive result lets the later steps open and writes the step's journey event; a negative or
deferred one keeps them closed, with the reason given.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final

from homeward.domain.permanence import Problem


class Result(enum.StrEnum):
    """What a panel or a decision maker said."""

    RECOMMENDED = "recommended"
    NOT_RECOMMENDED = "not_recommended"
    CONFIRMED = "confirmed"
    NOT_CONFIRMED = "not_confirmed"
    AGREED = "agreed"
    NOT_AGREED = "not_agreed"
    RATIFIED = "ratified"
    NOT_RATIFIED = "not_ratified"
    DEFERRED = "deferred"

    @property
    def label(self) -> str:
        return RESULT_LABELS[self]

    @property
    def positive(self) -> bool:
        return self in POSITIVE


RESULT_LABELS: Final = {
    Result.RECOMMENDED: "Recommended",
    Result.NOT_RECOMMENDED: "Not recommended",
    Result.CONFIRMED: "Confirmed",
    Result.NOT_CONFIRMED: "Not confirmed",
    Result.AGREED: "Agreed",
    Result.NOT_AGREED: "Not agreed",
    Result.RATIFIED: "Ratified",
    Result.NOT_RATIFIED: "Not ratified",
    Result.DEFERRED: "Deferred",
}
POSITIVE: Final = frozenset({Result.RECOMMENDED, Result.CONFIRMED, Result.AGREED, Result.RATIFIED})


def is_positive(result: str) -> bool:
    """A step with no outcome (``""``) counts as positive: recording it done is enough."""
    return not result or (result in RESULT_LABELS and Result(result).positive)


def result_label(result: str) -> str:
    return RESULT_LABELS[Result(result)] if result in RESULT_LABELS else result


@dataclass(frozen=True)
class Outcome:
    """What recording the step asks, from the routes file."""

    results: tuple[Result, ...]  # the first is the positive one
    decided_by: str  # whose name is asked, e.g. "The chair's name"
    source: str
    complex_case: bool = False  # ask: a complex case chaired by the Fostering team manager?
    childs_voice: bool = False  # ask: the child's words, or why none were recorded


@dataclass(frozen=True)
class Answer:
    """What was recorded for one outcome."""

    result: str
    decided_by: str = ""
    reason: str = ""  # why not positive (required then)
    complex_case: bool | None = None
    childs_voice: str = ""
    no_voice_reason: str = ""


COMPLEX_CASE_SOURCE: Final = (
    "001_d6c3849112f62e7d.txt 'Matched to existing internal carers' and 'Match to IFA': "
    "fostering permanency worker arranges a matching meeting (complex cases chaired by "
    "Fostering team manager)"
)
CHILDS_VOICE_SOURCE: Final = (
    "004_7232501e48845cda.txt 'Devon's Permanence Panel': it is very important that the voice "
    "of the child or young person is heard here"
)


def problems(outcome: Outcome, answer: Answer) -> list[Problem]:
    """Why an outcome cannot be recorded, each naming its field: ``result`` (not one the step
    may give), ``decided_by`` (the name it asks for), ``reason`` (a result that is not positive
    says why), ``complex_case`` (the matching meeting says whether it was a complex case),
    ``childs_voice`` (Devon's Permanence Panel: the child's words, or why none were recorded,
    never both)."""
    found: list[Problem] = []
    if answer.result not in {r.value for r in outcome.results}:
        return [Problem("result", "Select the outcome")]
    result = Result(answer.result)
    if not answer.decided_by.strip():
        found.append(Problem("decided_by", f"Enter {_lower_first(outcome.decided_by)}"))
    if not result.positive and not answer.reason.strip():
        found.append(Problem("reason", f"Enter why the outcome was {result.label.lower()}"))
    if outcome.complex_case and answer.complex_case is None:
        found.append(
            Problem(
                "complex_case",
                "Select whether it was a complex case chaired by the Fostering team manager",
            )
        )
    if outcome.childs_voice:
        words, why_not = answer.childs_voice.strip(), answer.no_voice_reason.strip()
        if not words and not why_not:
            found.append(
                Problem(
                    "childs_voice",
                    "Enter the child's views in their own words, or why none were recorded",
                )
            )
        elif words and why_not:
            found.append(
                Problem(
                    "childs_voice",
                    "Enter the child's views or why none were recorded, not both",
                )
            )
    return found


def summary(outcome: Outcome, answer: Answer) -> str:
    """The outcome in one sentence, for the route's page and the audit."""
    text = f"{Result(answer.result).label}"
    if answer.decided_by.strip():
        text += f" ({_lower_first(outcome.decided_by)}: {answer.decided_by.strip()})"
    if outcome.complex_case and answer.complex_case:
        text += "; a complex case chaired by the Fostering team manager"
    if answer.reason.strip():
        text += f"; why: {answer.reason.strip()}"
    return text


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
