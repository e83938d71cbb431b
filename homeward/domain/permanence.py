"""Permanence options, their statuses and the rules of twin-track planning, as plain data.

Every realistic option is explored at once; an option is signed off as not viable only with a
reason and a manager's sign-off; adoption needs the "nothing else will do" reasoning and the
agency decision maker's decision; reunification stays in the plan until permanence is reached.
The rules here return problems (the field and a message a social worker can act on); the
``homeward.planning`` services refuse a change that has any. Nothing here computes a deadline:
the permanence plan's deadline comes from the timescales engine (rule ``permanence-plan``).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final, NamedTuple

from homeward.domain.councils import (
    DEVON_PERMANENCE_MATTERS as DV,
)
from homeward.domain.councils import (
    DUDLEY_QUICK_GUIDE as DQ,
)
from homeward.domain.councils import (
    DUDLEY_STRATEGY as DS,
)
from homeward.domain.councils import (
    DURHAM_STRATEGY as DU,
)

RE_B: Final = "Re B (Care Proceedings: Appeal) [2013] UKSC 33"
FFA_DUTY: Final = (
    "Children Act 1989 s22C(9A)-(9C), inserted by the Children and Families Act 2014 s2"
)


class Problem(NamedTuple):
    """Why a change is refused: the field it concerns ('' for the whole change) and a message
    that says what to do, with its source."""

    field: str
    message: str

    def __str__(self) -> str:
        return self.message


# --- Options ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionKind:
    key: str
    label: str
    source: str
    # The Dudley quick reference guide's criteria that help decide it (see CRITERIA), if any.
    criteria: str = ""
    # Adoption, and foster for adoption as a route to it: Re B and the ADM decision apply.
    adoption_route: bool = False


OPTION_KINDS: Final[tuple[OptionKind, ...]] = (
    OptionKind(
        "reunification",
        "Reunification (return home)",
        f"{DV} 'Options for permanence' (Reunification/Staying at home); {DU} section 4 "
        f"'Return home from care'; {DS} objective 2",
    ),
    OptionKind(
        "connected_care",
        "Family and friends (connected) care",
        f"{DV} 'Options for permanence' (Connected care); {DU} section 4 'Family or friends "
        f"Placement'; {DS} objective 4",
    ),
    OptionKind(
        "sgo",
        "Special guardianship order",
        f"{DV} 'Options for permanence' (SGO/CAO); {DU} section 4 'Family or friends Placement'; "
        f"{DS} 'Child Arrangements Orders and Special Guardianship Orders'",
        criteria="cao_sgo",
    ),
    OptionKind(
        "cao",
        "Child arrangements order",
        f"{DV} 'Options for permanence' (SGO/CAO); {DU} section 4 'Family or friends Placement'; "
        f"{DS} 'Child Arrangements Orders and Special Guardianship Orders'",
        criteria="cao_sgo",
    ),
    OptionKind(
        "adoption",
        "Adoption",
        f"{DV} 'Options for permanence' (Adoption); {DU} section 4 'Adoption'",
        criteria="adoption",
        adoption_route=True,
    ),
    OptionKind(
        "foster_for_adoption",
        "Foster for adoption",
        f"{DU} section 4 'Fostering for Adoption'; {FFA_DUTY}",
        criteria="adoption",
        adoption_route=True,
    ),
    OptionKind(
        "long_term_fostering",
        "Long-term (permanent) fostering",
        f"{DV} 'Options for permanence' (Foster care); {DU} section 4 'Foster Care'; "
        f"{DQ} 'Identifying the right Permanence Plan' (Permanent Fostering)",
        criteria="permanent_fostering",
    ),
    OptionKind(
        "residential",
        "Residential care",
        f"{DU} section 4 'Residential Care'; {DS} 'Children's Homes'",
    ),
    OptionKind(
        "supported_living",
        "Supported living",
        f"{DU} section 4 'Supported Living Arrangements'",
    ),
    OptionKind(
        "no_order",
        "No order family arrangement",
        f"{DS} 'No Order Principle' and objectives 3 and 4 (family plans after a Family Group "
        f"Conference, without orders)",
    ),
)
KINDS: Final[dict[str, OptionKind]] = {kind.key: kind for kind in OPTION_KINDS}
REUNIFICATION: Final = "reunification"
REUNIFICATION_SOURCE: Final = (
    f"{DS} objective 2: reunification will remain part of concurrent planning for all children "
    "until they have reached permanence"
)


class OptionStatus(enum.StrEnum):
    TO_EXPLORE = "to_explore"
    BEING_ASSESSED = "being_assessed"
    VIABLE = "viable"
    PREFERRED = "preferred"
    CONTINGENCY = "contingency"
    RULED_OUT = "ruled_out"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Still part of the twin-track plan (anything not ruled out)."""
        return self is not OptionStatus.RULED_OUT


S = OptionStatus
STATUS_LABELS: Final[dict[OptionStatus, str]] = {
    S.TO_EXPLORE: "To explore",
    S.BEING_ASSESSED: "Being assessed",
    S.VIABLE: "Viable",
    S.PREFERRED: "Preferred plan",
    S.CONTINGENCY: "Contingency plan",
    S.RULED_OUT: "Ruled out",
}

# Where an option may go next. An option becomes the preferred plan only once it has been found
# viable (DV 'Guiding Principles': consider the strengths and risks of each option); a ruled-out
# option may be reopened when circumstances change (DS 'Permanence Pathways': all pathways are
# revisited until the child lives with their forever family under a forever order).
TRANSITIONS: Final[dict[OptionStatus, frozenset[OptionStatus]]] = {
    S.TO_EXPLORE: frozenset({S.BEING_ASSESSED, S.VIABLE, S.CONTINGENCY, S.RULED_OUT}),
    S.BEING_ASSESSED: frozenset({S.TO_EXPLORE, S.VIABLE, S.CONTINGENCY, S.RULED_OUT}),
    S.VIABLE: frozenset({S.BEING_ASSESSED, S.PREFERRED, S.CONTINGENCY, S.RULED_OUT}),
    S.PREFERRED: frozenset({S.VIABLE, S.CONTINGENCY, S.RULED_OUT}),
    S.CONTINGENCY: frozenset({S.BEING_ASSESSED, S.VIABLE, S.PREFERRED, S.RULED_OUT}),
    S.RULED_OUT: frozenset({S.TO_EXPLORE, S.BEING_ASSESSED}),
}
# Every option's strengths and risks are recorded (DV 'Guiding Principles': "explore all
# realistic options concurrently to avoid delay and consider the strengths and risks of each
# option"): until both are, the option's card says they are still needed (issue 18 item 9).
STRENGTHS_AND_RISKS_SOURCE: Final = f"{DV} 'Guiding Principles'"


def strengths_and_risks_problems(strengths: str, risks: str) -> dict[str, str]:
    """Both are written down: an option weighed on one side only is not weighed (DV)."""
    found: dict[str, str] = {}
    if not strengths.strip():
        found["strengths"] = "Enter the option's strengths"
    if not risks.strip():
        found["risks"] = "Enter the option's risks"
    return found


def strengths_and_risks_needed(status: str, strengths: str, risks: str) -> str | None:
    """What an option's card says while its strengths or risks are not recorded (not once it is
    ruled out: it is no longer being weighed)."""
    if status == OptionStatus.RULED_OUT.value or (strengths.strip() and risks.strip()):
        return None
    return f"Record its strengths and risks ({STRENGTHS_AND_RISKS_SOURCE})"


# Statuses that count as "assessed as viable", from which an option may be the preferred plan.
FOUND_VIABLE: Final = frozenset({S.VIABLE, S.PREFERRED, S.CONTINGENCY})
# Still being worked out: Re B asks that every realistic option be assessed before adoption.
UNDECIDED: Final = frozenset({S.TO_EXPLORE, S.BEING_ASSESSED})

# Who may sign an option off as not viable: team managers, and service managers (heads of
# service) above them (DS objective 7: the Child Permanence Meeting, chaired by the team manager
# (003_82d866961b2f94a8.txt), signs off options no longer viable).
SIGN_OFF_ROLES: Final = frozenset({"team_manager", "service_manager"})
SIGN_OFF_SOURCE: Final = (
    f"{DS} objective 7: the Child Permanence Meeting signs off options no longer viable"
)


@dataclass(frozen=True)
class AdoptionReadiness:
    """What must be on record before an adoption route can be the preferred plan."""

    nothing_else_will_do: bool  # the Re B reasoning is written down
    adm_decided: bool  # the agency decision maker decided the child should be placed for adoption
    ffa_considered: bool  # the s22C(9A) duty to consider foster for adoption is recorded


NOT_READY: Final = AdoptionReadiness(False, False, False)


def adoption_problems(
    kind: str, readiness: AdoptionReadiness, *, undecided: Iterable[str] = ()
) -> list[Problem]:
    """Why an adoption route cannot be the preferred plan yet (none for other options)."""
    if not KINDS[kind].adoption_route:
        return []
    problems: list[Problem] = []
    label = KINDS[kind].label
    if not (readiness.nothing_else_will_do and readiness.adm_decided):
        problems.append(
            Problem(
                "status",
                f"{label} cannot be the preferred plan until the agency decision maker's decision "
                "and the 'nothing else will do' reasoning are recorded "
                f"({DU} section 4 Adoption; {RE_B})",
            )
        )
    if not readiness.ffa_considered:
        problems.append(
            Problem(
                "status",
                f"{label} cannot be the preferred plan until the duty to consider foster for "
                f"adoption is recorded ({FFA_DUTY})",
            )
        )
    others = sorted(KINDS[k].label for k in undecided if not KINDS[k].adoption_route)
    if others:
        problems.append(
            Problem(
                "status",
                f"{label} cannot be the preferred plan while other options are still to explore "
                f"or being assessed ({', '.join(others)}): 'nothing else will do' needs an "
                f"evidence-based assessment of every realistic option ({DU} section 4 Adoption; "
                f"{RE_B})",
            )
        )
    return problems


def status_change_problems(
    kind: str,
    current: OptionStatus,
    new: OptionStatus,
    *,
    reason: str,
    signed_off_by_role: str | None,
    readiness: AdoptionReadiness = NOT_READY,
    preferred_elsewhere: str | None = None,
    undecided: Iterable[str] = (),
) -> list[Problem]:
    """Why an option cannot move from ``current`` to ``new``: every change needs a reason (who,
    when and why are recorded); ruling out needs a manager's sign-off; adoption as the preferred
    plan needs Re B and the ADM; a child has one preferred plan at a time."""
    label = KINDS[kind].label
    problems: list[Problem] = []
    if new == current:
        problems.append(Problem("status", f"{label} is already '{current.label}'"))
    elif new not in TRANSITIONS[current]:
        allowed = ", ".join(f"'{s.label}'" for s in OptionStatus if s in TRANSITIONS[current])
        hint = " (it must be found viable first)" if new == S.PREFERRED else ""
        problems.append(
            Problem(
                "status",
                f"{label} cannot go from '{current.label}' to '{new.label}'{hint}; "
                f"it can go to {allowed}",
            )
        )
    if not reason.strip():
        what = "why it is not viable" if new == S.RULED_OUT else "the reason for the change"
        problems.append(Problem("reason", f"Enter {what}"))
    if new == S.RULED_OUT and signed_off_by_role not in SIGN_OFF_ROLES:
        if kind == REUNIFICATION:
            message = (
                "Reunification stays part of the plan until permanence is reached unless a team "
                f"manager or service manager rules it out and signs it off ({REUNIFICATION_SOURCE})"
            )
        else:
            message = (
                f"Ruling {label.lower()} out needs sign-off by a team manager or service manager "
                f"({SIGN_OFF_SOURCE})"
            )
        problems.append(Problem("", message))
    if new == S.PREFERRED:
        if preferred_elsewhere and preferred_elsewhere != kind:
            problems.append(
                Problem(
                    "status",
                    f"{KINDS[preferred_elsewhere].label} is already the preferred plan: make it a "
                    "contingency first, or agree a new permanence plan",
                )
            )
        problems += adoption_problems(kind, readiness, undecided=set(undecided) - {kind})
    return problems


# --- Decision support: the Dudley quick reference guide's criteria -----------------------------


@dataclass(frozen=True)
class Criterion:
    key: str
    text: str
    source: str


_CRITERIA_SOURCE: Final = f"{DQ} 'Identifying the right Permanence Plan'"


def _criteria(group: str, column: str, *texts: str) -> tuple[Criterion, ...]:
    return tuple(
        Criterion(f"{group}_{n}", text, f"{_CRITERIA_SOURCE} ({column}, row {n})")
        for n, text in enumerate(texts, start=1)
    )


CRITERIA: Final[dict[str, tuple[Criterion, ...]]] = {
    "cao_sgo": _criteria(
        "cao_sgo",
        "Child Arrangement Orders or Special Guardianship Orders",
        "The child needs the security of a legally defined placement with alternative carers, "
        "but not a lifelong commitment involving a change of identity",
        "A relative, foster carer or other carer needs to exercise day-to-day parental "
        "responsibility and is prepared to do so as a lifelong commitment",
        "There is no need for continuing monitoring and review by the local authority, although "
        "support services may still need to be arranged",
        "The child has a strong attachment to the alternative carers, and legally defined "
        "permanence is assessed as a positive contribution to their sense of belonging and "
        "security",
    ),
    "adoption": _criteria(
        "adoption",
        "Adoption",
        "The child's primary need is to belong to a family who will make a lifelong commitment",
        "The birth parents are not able or not willing to share parental responsibility to meet "
        "the child's needs, even though there may be contact",
        "The child needs an opportunity to develop a new sense of identity while being supported "
        "to keep or develop a healthy understanding of their past",
        "The child expresses a wish to be adopted",
    ),
    "permanent_fostering": _criteria(
        "permanent_fostering",
        "Permanent Fostering",
        "The primary need is for a stable, loving family while there is still a significant "
        "level of continued involvement with the birth family",
        "The child has a clear sense of identity with the birth family while needing to be "
        "looked after away from home",
        "There is a need for continuing oversight and monitoring of the child's developmental "
        "progress",
        "The birth parents are able and willing to exercise a degree of parental responsibility",
    ),
}
CRITERIA_BY_KEY: Final[dict[str, Criterion]] = {
    c.key: c for group in CRITERIA.values() for c in group
}


class Met(enum.StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {"yes": "Met", "no": "Not met", "unknown": "Not known yet"}[self.value]


def criteria_for(kind: str) -> tuple[Criterion, ...]:
    group = KINDS[kind].criteria
    return CRITERIA[group] if group else ()


def criterion_problems(criterion_key: str, met: Met, evidence: str) -> list[Problem]:
    """A criterion marked met or not met says what shows it: decision support, not a tick box."""
    if criterion_key not in CRITERIA_BY_KEY:
        return [Problem("criterion", f"{criterion_key!r} is not one of the guide's criteria")]
    if met != Met.UNKNOWN and not evidence.strip():
        return [
            Problem(
                f"evidence_{criterion_key}",
                "Enter the evidence for your answer to: "
                f"{CRITERIA_BY_KEY[criterion_key].text.lower()} ({_CRITERIA_SOURCE})",
            )
        ]
    return []


class CriteriaSummary(NamedTuple):
    met: int
    not_met: int
    unknown: int

    @property
    def total(self) -> int:
        return self.met + self.not_met + self.unknown


def summarise(kind: str, answers: Mapping[str, Met]) -> CriteriaSummary:
    """How many of an option's criteria are met, not met and not known (unanswered: not known)."""
    given = [answers.get(c.key, Met.UNKNOWN) for c in criteria_for(kind)]
    return CriteriaSummary(given.count(Met.YES), given.count(Met.NO), given.count(Met.UNKNOWN))


# --- Legal routes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LegalRoute:
    key: str
    label: str
    source: str
    # Whether securing permanence by this route is an order (journey event "order_made").
    is_order: bool = False


LEGAL_ROUTES: Final[tuple[LegalRoute, ...]] = (
    LegalRoute(
        "adoption_order",
        "Placement order, then adoption order",
        f"Adoption and Children Act 2002 ss21, 46; {DU} section 4 'Adoption'",
        is_order=True,
    ),
    LegalRoute(
        "special_guardianship_order",
        "Special guardianship order",
        f"Children Act 1989 s14A; {DU} section 4 'Family or friends Placement'",
        is_order=True,
    ),
    LegalRoute(
        "child_arrangements_order",
        "Child arrangements order (who the child lives with)",
        f"Children Act 1989 s8; {DU} section 4 'Family or friends Placement'",
        is_order=True,
    ),
    LegalRoute(
        "care_order",
        "Care order (the child stays looked after)",
        f"Children Act 1989 s31; {DU} section 4 'Foster Care'",
    ),
    LegalRoute(
        "placement_with_parents",
        "Care order, placed with parents (Placement with Parents Regulations)",
        f"{DU} section 4 'Return home from care'; {DS} 'Specialist Assessments'",
    ),
    LegalRoute(
        "section_20",
        "Accommodated by agreement (section 20)",
        "Children Act 1989 s20",
    ),
    LegalRoute(
        "no_order",
        "No order",
        f"{DS} guiding principle 4 and 'No Order Principle'; Children Act 1989 s1(5)",
    ),
)
ROUTES: Final[dict[str, LegalRoute]] = {route.key: route for route in LEGAL_ROUTES}

# The legal routes that can secure each option.
ROUTES_FOR: Final[dict[str, frozenset[str]]] = {
    # A return home under a child arrangements order or SGO is not reunification (DU section 4
    # 'Return home from care', quoting DfE 2013).
    "reunification": frozenset({"no_order", "placement_with_parents"}),
    "connected_care": frozenset(
        {"special_guardianship_order", "child_arrangements_order", "care_order", "section_20"}
    ),
    "sgo": frozenset({"special_guardianship_order"}),
    "cao": frozenset({"child_arrangements_order"}),
    "adoption": frozenset({"adoption_order"}),
    "foster_for_adoption": frozenset({"adoption_order"}),
    "long_term_fostering": frozenset({"care_order", "section_20"}),
    "residential": frozenset({"care_order", "section_20"}),
    "supported_living": frozenset({"care_order", "section_20", "no_order"}),
    "no_order": frozenset({"no_order"}),
}


def route_problems(kind: str, route: str, field: str = "legal_route") -> list[Problem]:
    if route not in ROUTES:
        return [Problem(field, "Select the legal route")]
    if route not in ROUTES_FOR[kind]:
        fits = " or ".join(sorted(ROUTES[r].label.lower() for r in ROUTES_FOR[kind]))
        return [
            Problem(
                field,
                f"{ROUTES[route].label} cannot secure {KINDS[kind].label.lower()}: choose {fits}",
            )
        ]
    return []


# --- Adoption: the agency decision maker ----------------------------------------------------


def adm_problems(
    *, outcome: str, decided_on: dt.date | None, decision_maker: str, today: dt.date
) -> list[Problem]:
    """An ADM decision is recorded whole: who decided, when and what (DU section 4 'Fostering
    for Adoption' and 'Adoption': the agency decision maker's agreement)."""
    problems: list[Problem] = []
    if outcome:
        if decided_on is None:
            problems.append(Problem("adm_decided_on", "Enter the date of the decision"))
        if not decision_maker.strip():
            problems.append(Problem("adm_name", "Enter the name of the agency decision maker"))
    elif decided_on is not None:
        problems.append(
            Problem("adm_outcome", "Select the agency decision maker's decision, or clear the date")
        )
    if decided_on is not None and decided_on > today:
        problems.append(
            Problem("adm_decided_on", "Date of the decision must be today or in the past")
        )
    return problems


def preferred_adoption_problems(
    preferred: str | None, readiness: AdoptionReadiness
) -> list[Problem]:
    """Why a change to adoption's record cannot be saved while an adoption route is the
    preferred plan: the ADM's decision and the Re B reasoning that let it become preferred
    (``adoption_problems``) cannot be withdrawn from under it. Move it off preferred first."""
    if preferred is None or not KINDS[preferred].adoption_route:
        return []
    option = KINDS[preferred].label.lower()
    first = (
        f"while {option} is the preferred plan: first make {option} a contingency or viable "
        f"option, or agree a new permanence plan without it ({DU} section 4 Adoption; {RE_B})"
    )
    problems: list[Problem] = []
    if not readiness.adm_decided:
        problems.append(
            Problem(
                "adm_outcome",
                "The agency decision maker's decision that the child should be placed for "
                f"adoption cannot be withdrawn or changed {first}",
            )
        )
    if not readiness.nothing_else_will_do:
        problems.append(
            Problem(
                "nothing_else_will_do",
                f"The 'nothing else will do' reasoning cannot be removed {first}",
            )
        )
    return problems


# --- The permanence plan -----------------------------------------------------------------------


class OptionState(NamedTuple):
    kind: str
    status: OptionStatus


def plan_problems(
    *,
    preferred: OptionState | None,
    contingencies: Iterable[OptionState],
    options: Iterable[OptionState],
    legal_route: str,
    support_plan: str,
    agreed_on: dt.date | None,
    today: dt.date,
    readiness: AdoptionReadiness = NOT_READY,
    previous_agreed_on: dt.date | None = None,
    permanence_achieved: bool = False,
) -> list[Problem]:
    """Why a permanence plan cannot be agreed as written: the preferred option has been found
    viable and is not ruled out; contingencies are open; reunification stays in the plan until
    permanence is reached unless ruled out with sign-off; adoption needs Re B and the ADM; the
    legal route fits; there is a support plan; the date is real."""
    problems: list[Problem] = []
    contingencies = list(contingencies)
    options = list(options)
    if preferred is None:
        problems.append(Problem("preferred_option", "Select the preferred option"))
    else:
        label = KINDS[preferred.kind].label
        if preferred.status == S.RULED_OUT:
            problems.append(
                Problem(
                    "preferred_option",
                    f"{label} has been ruled out: it cannot be the preferred option unless it "
                    "is reopened and found viable",
                )
            )
        elif preferred.status not in FOUND_VIABLE:
            problems.append(
                Problem(
                    "preferred_option",
                    f"{label} is '{preferred.status.label}': the preferred option must first be "
                    "assessed as viable",
                )
            )
        undecided = [o.kind for o in options if o.status in UNDECIDED]
        for problem in adoption_problems(preferred.kind, readiness, undecided=undecided):
            problems.append(problem._replace(field="preferred_option"))
        problems += route_problems(preferred.kind, legal_route)
    for option in contingencies:
        if preferred is not None and option.kind == preferred.kind:
            problems.append(
                Problem(
                    "contingencies",
                    f"{KINDS[option.kind].label} is the preferred option: it cannot also be a "
                    "contingency",
                )
            )
        if option.status == S.RULED_OUT:
            problems.append(
                Problem(
                    "contingencies",
                    f"{KINDS[option.kind].label} has been ruled out: it cannot be a contingency",
                )
            )
    reunification = next((o for o in options if o.kind == REUNIFICATION), None)
    in_plan = {o.kind for o in contingencies} | ({preferred.kind} if preferred else set())
    if (
        reunification is not None
        and reunification.status != S.RULED_OUT
        and REUNIFICATION not in in_plan
        and not permanence_achieved
    ):
        problems.append(
            Problem(
                "contingencies",
                "Reunification stays part of the plan until permanence is reached: keep it as "
                "the preferred option or a contingency, or have a team manager rule it out "
                f"({REUNIFICATION_SOURCE})",
            )
        )
    if not support_plan.strip():
        problems.append(
            Problem(
                "support_plan",
                "Enter the support plan: who will support the child and carers, and how "
                f"({DV} 'Guiding Principles': utilise a Support Plan when a child is "
                "permanently placed)",
            )
        )
    if agreed_on is not None:
        if agreed_on > today:
            problems.append(Problem("agreed_on", "Date agreed must be today or in the past"))
        if previous_agreed_on is not None and agreed_on < previous_agreed_on:
            problems.append(
                Problem(
                    "agreed_on",
                    "Date agreed must be on or after the date the last version was agreed "
                    f"({_date(previous_agreed_on)})",
                )
            )
    return problems


# --- Permanence achieved, and endings ----------------------------------------------------------


def achieved_event(kind: str, route: str) -> str:
    """The journey event that permanence by this option and route is: a return home, an order
    made (adoption, special guardianship, child arrangements), or placed with permanent carers."""
    if kind == REUNIFICATION:
        return "returned_home"
    if ROUTES[route].is_order:
        return "order_made"
    return "placed"


def achieved_problems(
    kind: str, status: OptionStatus, route: str, achieved_on: dt.date | None, today: dt.date
) -> list[Problem]:
    problems: list[Problem] = []
    if status == S.RULED_OUT:
        problems.append(
            Problem(
                "option",
                f"{KINDS[kind].label} has been ruled out: permanence cannot be reached by it",
            )
        )
    problems += route_problems(kind, route, field="legal_route")
    if achieved_on is not None and achieved_on > today:
        problems.append(
            Problem("achieved_on", "Date permanence was achieved must be today or in the past")
        )
    return problems


def ending_problems(
    *,
    achieved_on: dt.date,
    ended_on: dt.date | None,
    review_held_on: dt.date | None,
    learning: str,
    today: dt.date,
) -> list[Problem]:
    """An unplanned ending (DV 'Guiding Principles': hold reflective 'Learning' meetings when
    placements end in an unplanned way, and record the learning; DS 'Children in Care': learn
    from unplanned and untimely endings)."""
    problems: list[Problem] = []
    if ended_on is not None:
        if ended_on > today:
            problems.append(Problem("ended_on", "Date it ended must be today or in the past"))
        if ended_on < achieved_on:
            problems.append(
                Problem(
                    "ended_on",
                    "Date it ended must be on or after the date permanence was achieved "
                    f"({_date(achieved_on)})",
                )
            )
    if review_held_on is not None:
        if review_held_on > today:
            problems.append(
                Problem(
                    "review_held_on", "Date of the learning review must be today or in the past"
                )
            )
        if ended_on is not None and review_held_on < ended_on:
            problems.append(
                Problem(
                    "review_held_on",
                    "Date of the learning review must be on or after the date it ended "
                    f"({_date(ended_on)})",
                )
            )
        if not learning.strip():
            problems.append(
                Problem("learning", "Enter what was learned at the review, to record and share it")
            )
    elif learning.strip():
        problems.append(
            Problem("review_held_on", "Enter the date of the learning review the learning is from")
        )
    return problems


# --- Assessments -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentKind:
    key: str
    label: str
    source: str
    # The options it most often informs (a hint on the form, not a rule).
    informs: tuple[str, ...] = ()
    # The journey event its completion is, if a timescale rule waits for it.
    completes_event: str = ""


_SPECIALIST: Final = f"{DS} 'Specialist Assessments'"
ASSESSMENT_KINDS: Final[tuple[AssessmentKind, ...]] = (
    AssessmentKind(
        "viability",
        "Viability assessment",
        f"{DS} 'Connected People's Fostering Team'",
        ("connected_care", "sgo", "cao"),
    ),
    AssessmentKind(
        "connected_person",
        "Connected person assessment (Form C)",
        f"{DS} 'Connected People's Fostering Team'",
        ("connected_care",),
    ),
    AssessmentKind(
        "special_guardianship",
        "Special guardianship assessment",
        f"{DS} 'Child Arrangements Orders and Special Guardianship Orders'; {DQ} 'Outcomes from "
        "meeting' (Special Guardianship)",
        ("sgo",),
    ),
    AssessmentKind(
        "parenting",
        "Parenting assessment",
        f"{DU} section 4 'Return home from care'; {_SPECIALIST}",
        ("reunification",),
    ),
    AssessmentKind("cognitive", "Cognitive assessment", _SPECIALIST, ("reunification",)),
    AssessmentKind("psychiatric", "Psychiatric assessment", _SPECIALIST, ("reunification",)),
    AssessmentKind(
        "mother_and_baby", "Mother and baby assessment", _SPECIALIST, ("reunification",)
    ),
    AssessmentKind("drug_and_alcohol", "Drug and alcohol testing", _SPECIALIST, ("reunification",)),
    AssessmentKind("dna", "DNA testing", _SPECIALIST),
    AssessmentKind(
        "pre_birth",
        "Pre-birth assessment",
        f"{DU} 'Pre-birth planning'",
        ("reunification",),
        completes_event="pre_birth_assessment_completed",
    ),
    AssessmentKind(
        "together_and_apart",
        "Sibling assessment (together and apart)",
        f"{DU} 'Sibling Assessment'; {_SPECIALIST}",
    ),
    AssessmentKind(
        "fostering_permanency_report",
        "Fostering Permanency Assessment Report",
        f"{DQ} 'Outcomes from meeting' (Fostering) and 'Matched to existing internal carers'",
        ("long_term_fostering",),
    ),
)
ASSESSMENTS: Final[dict[str, AssessmentKind]] = {kind.key: kind for kind in ASSESSMENT_KINDS}


class Outcome(enum.StrEnum):
    SUPPORTS = "supports"
    DOES_NOT_SUPPORT = "does_not_support"
    INCONCLUSIVE = "inconclusive"

    @property
    def label(self) -> str:
        return {
            "supports": "Supports the option",
            "does_not_support": "Does not support the option",
            "inconclusive": "Inconclusive",
        }[self.value]


def assessment_problems(
    *,
    requested_on: dt.date | None,
    due_on: dt.date | None,
    completed_on: dt.date | None,
    outcome: str,
    today: dt.date,
) -> list[Problem]:
    """An assessment's dates in order (requested, then due and completed), completed only in the
    past, and an outcome exactly when it is completed."""
    problems: list[Problem] = []
    if requested_on is not None and requested_on > today:
        problems.append(Problem("requested_on", "Date requested must be today or in the past"))
    if requested_on is not None and due_on is not None and due_on < requested_on:
        problems.append(
            Problem(
                "due_on",
                f"Date due must be on or after the date requested ({_date(requested_on)})",
            )
        )
    if completed_on is not None:
        if completed_on > today:
            problems.append(Problem("completed_on", "Date completed must be today or in the past"))
        if requested_on is not None and completed_on < requested_on:
            problems.append(
                Problem(
                    "completed_on",
                    "An assessment cannot be completed before it was requested: date completed "
                    f"must be on or after the date requested ({_date(requested_on)})",
                )
            )
        if not outcome:
            problems.append(Problem("outcome", "Select the outcome of the completed assessment"))
    elif outcome:
        problems.append(Problem("completed_on", "Enter the date completed, or clear the outcome"))
    return problems


def _date(day: dt.date) -> str:
    """GOV.UK style, as every page shows dates: "2 June 2026"."""
    return f"{day.day} {day:%B %Y}"
