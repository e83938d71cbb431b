"""The legal process beyond the 26 weeks, and support after permanence (issue 18 items 4 and 7).

What differs by council is data here, one row per profile, each with its source; the deadlines
are rules in ``rules/*.toml`` (pre-proceedings within 16 weeks, the support plan's annual review,
Durham's review at the end of the first year) and the meetings are meeting types as data
(``rules/meetings/``: the pre-proceedings meeting; Durham's locality legal clinic, strategic case
management review panel and Special Guardianship Panel). Pure Python: no Django.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

DUDLEY_STRATEGY: Final = "000_f860603ee99ef2b2.txt"
DUDLEY_GUIDE: Final = "001_d6c3849112f62e7d.txt"
DURHAM: Final = "002_a77630a273fce245.txt"
DEVON: Final = "004_7232501e48845cda.txt"


@dataclass(frozen=True)
class Practice:
    """What a council's procedures say about the legal process and support after an order."""

    # The prompt to explore a special guardianship order for a child living with connected carers.
    sgo_prompt: str
    sgo_prompt_source: str
    # Who supports the carers after an order.
    support_team: str
    support_team_source: str
    # A council-funded first legal consultation for family members ('' where none is documented).
    family_legal_consultation_source: str = ""
    # The panel that considers financial packages (allowances) ('' where none is named).
    allowance_panel: str = ""
    allowance_panel_source: str = ""
    # Welfare checks after a panel's approval ('' where none is documented).
    welfare_checks_source: str = ""


PRACTICE: Final[dict[str, Practice]] = {
    "dudley": Practice(
        sgo_prompt="The child has an existing relationship with their connected carers: assess "
        "them as special guardians early, and where the placement is stable and in the child's "
        "best interest support them to apply for a special guardianship order.",
        sgo_prompt_source=f"{DUDLEY_STRATEGY} 'Connected People's Fostering Team'",
        support_team="Connected People's Fostering Team, with Dudley Lighthouse Links' special "
        "guardianship support services",
        support_team_source=f"{DUDLEY_STRATEGY} 'Connected People's Fostering Team'; "
        "'Emotional Health and Wellbeing (Dudley Lighthouse Links)'",
        family_legal_consultation_source=f"{DUDLEY_STRATEGY} 'Child Arrangements Orders and "
        "Special Guardianship Orders': \"Dudley MBC will fund an initial consultation for family "
        'members to seek legal advice"',
        allowance_panel="Access to Resources Panel",
        allowance_panel_source=f"{DUDLEY_GUIDE} 'Assessments of a child's needs in relation to "
        "his or her Permanence Plan': \"Financial packages should be considered by Access to "
        'Resources Panel as part of the overall package of support"',
    ),
    "durham": Practice(
        sgo_prompt="The child lives with family or friends: the placement should ideally be "
        "supported by a special guardianship order or a child arrangements order rather than a "
        "care order.",
        sgo_prompt_source=f"{DURHAM} 'Family or friends Placement'",
        support_team="Kinship Care & Support Team (KCST)",
        support_team_source=f"{DURHAM} 'Family or friends Placement'",
        welfare_checks_source=f"{DURHAM} 'Family or friends Placement': \"The KCST complete "
        'Initial Visits/Welfare Checks to prospective kinship carers following panel approval"',
    ),
    "devon": Practice(
        sgo_prompt="The child is living with family members: explore with the child and the "
        "family whether a special guardianship order may be appropriate, so that legal "
        "permanence can be achieved.",
        sgo_prompt_source=f"{DEVON} 'Options'",
        support_team="the child's social worker, with the professional network the support "
        "plan names",
        support_team_source=f"{DEVON} 'Guiding Principles': \"Utilise a Support Plan when a "
        'child is permanently placed"',
    ),
}


def practice(council: str) -> Practice:
    return PRACTICE[council]


# What a support plan follows (the order that ends the child's time in care, or a plan made
# before it), and the regulations it is made under.
ORDER_KINDS: Final[dict[str, str]] = {
    "special_guardianship": "Special guardianship order",
    "adoption": "Adoption order",
    "child_arrangements": "Child arrangements order",
}
ORDER_SOURCES: Final[dict[str, str]] = {
    "special_guardianship": "Special Guardianship Regulations 2005 (support services, the plan "
    "and its review: regs 3, 12 and 17, check)",
    "adoption": "Adoption Support Services Regulations 2005 (the plan and its review: regs 16 "
    "and 18, check)",
    "child_arrangements": "Children Act 1989 s17 (no regulations prescribe a plan: the council's "
    "own support plan, check)",
}

ALLOWANCE_DECISIONS: Final[dict[str, str]] = {
    "none": "No allowance asked for",
    "awaiting": "Awaiting the panel",
    "agreed": "Agreed",
    "refused": "Not agreed",
}

# What the court sets a date for, in care proceedings (Practice Direction 12A) and on the way to
# an order (Dudley: "we will complete appropriate assessments and make recommendations to the
# family courts").
FILING_KINDS: Final[dict[str, str]] = {
    "statement": "Social work statement (social work evidence template)",
    "care_plan": "Care plan",
    "assessment": "Assessment (viability, special guardianship, parenting)",
    "final_evidence": "Final evidence, with the council's recommendation to the court",
    "other": "Other filing",
}
FILING_SOURCE: Final = (
    "Practice Direction 12A, Public Law Outline (the court's directions for filing, check); "
    f"{DUDLEY_STRATEGY} 'Child Arrangements Orders and Special Guardianship Orders': "
    '"make recommendations to the family courts"'
)


@dataclass(frozen=True)
class Filing:
    kind: str
    due_on: dt.date
    filed_on: dt.date | None


def filing_status(filing: Filing, today: dt.date) -> str:
    """Filed (on time or late), overdue, due today, or due: the court's date is the deadline."""
    if filing.filed_on is not None:
        return "filed late" if filing.filed_on > filing.due_on else "filed"
    if filing.due_on < today:
        return "overdue"
    if filing.due_on == today:
        return "due today"
    return "due"


# A child lives with connected carers when the last of these on their journey says so.
CONNECTED: Final = "connected_person_temporary_approval"
# ... and no longer once any of these follows it.
NOT_CONNECTED: Final = frozenset(
    {
        "placement_started",
        "foster_placement_started",
        "fostering_for_adoption_placement",
        "placed_with_parent",
        "placed_for_adoption",
        "order_made",
        "returned_home",
        "ceased_looked_after",
    }
)


def explore_sgo(events: Iterable[tuple[dt.date, str]]) -> bool:
    """Whether to prompt the social worker to explore a special guardianship order: the child
    is placed with connected carers (a connected person, temporary approval or after) and no
    later placement, order or end of care has followed."""
    living_with_connected = False
    for _day, kind in sorted(events):
        if kind == CONNECTED:
            living_with_connected = True
        elif kind in NOT_CONNECTED:
            living_with_connected = False
    return living_with_connected


def support_plan_problems(
    *,
    order_kind: str,
    agreed_on: dt.date,
    order_made_on: dt.date | None,
    services: str,
    allowance: str,
    allowance_panel_on: dt.date | None,
    today: dt.date,
    council: str,
) -> dict[str, str]:
    """Why a support plan cannot be recorded, one message per field."""
    errors: dict[str, str] = {}
    if order_kind not in ORDER_KINDS:
        errors["order_kind"] = "Select the order the support plan follows"
    if agreed_on > today:
        errors["agreed_on"] = "The date the plan was agreed must be today or in the past"
    if order_made_on is not None and order_made_on > today:
        errors["order_made_on"] = "The date of the order must be today or in the past"
    if not services.strip():
        errors["services"] = "Enter the support the plan gives"
    panel = practice(council).allowance_panel
    if allowance not in ALLOWANCE_DECISIONS:
        errors["allowance"] = "Select what was decided about an allowance"
    elif allowance in {"agreed", "refused"} and panel and allowance_panel_on is None:
        errors["allowance_panel_on"] = f"Enter the date the {panel} decided"
    elif allowance_panel_on is not None and allowance_panel_on > today:
        errors["allowance_panel_on"] = "The panel's date must be today or in the past"
    return errors
