"""Case audits of permanence planning: a short audit form, a grade and actions (issue 18 item 9).

Dudley's strategy ('Quality and Audit', 000_f860603ee99ef2b2.txt): "The Dudley Centre for
Professional Practice will consistently review the quality of permanence planning regardless of
the theme or type of audit being undertaken." The seed names no form, no grades and no auditor:
the questions below each cite the part of the procedures they check, the grades are Ofsted's four
judgements (check) and the auditors are team managers and service managers (check). Durham's and
Devon's seeds name no case audit; the same form runs there, marked "(check)".

An audit's actions are dated work for the child's worker: they reach "My work" with the other
dated tasks and are overdue like any other deadline (``task_status``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from homeward.domain.councils import (
    DEVON_PERMANENCE_MATTERS,
    DUDLEY_STRATEGY,
    DURHAM_STRATEGY,
)

SOURCE: Final = f"{DUDLEY_STRATEGY} 'Quality and Audit'"
# Where each council's procedures stand on case audits (a profile's slug to its citation).
COUNCIL_SOURCES: Final[dict[str, str]] = {
    "dudley": SOURCE,
    "durham": f"(check): {DURHAM_STRATEGY} names no case audit; Dudley's form ({SOURCE})",
    "devon": f"(check): {DEVON_PERMANENCE_MATTERS} names no case audit; Dudley's form ({SOURCE})",
}

# Who records a case audit: the seed names the Dudley Centre for Professional Practice, not a
# role; Homeward gives it to team managers and service managers (check).
AUDITOR_ROLES: Final = frozenset({"team_manager", "service_manager"})
AUDITOR_SOURCE: Final = f"{SOURCE}; team managers and service managers audit (check)"


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    source: str


QUESTIONS: Final[tuple[Question, ...]] = (
    Question(
        "plan_on_time",
        "Is there a permanence plan, agreed within the council's timescale?",
        f"{DUDLEY_STRATEGY} objective 7; 'Independent Reviewing Service'",
    ),
    Question(
        "options_weighed",
        "Have all realistic options been explored, with the strengths and risks of each?",
        f"{DEVON_PERMANENCE_MATTERS} 'Guiding Principles'; {DURHAM_STRATEGY} section 4 (Re B)",
    ),
    Question(
        "family_network",
        "Has the family network been explored (genogram, family network meeting or FGC)?",
        f"{DURHAM_STRATEGY} 'Family Group Conference/ Network meetings'; {DUDLEY_STRATEGY} "
        "objective 3",
    ),
    Question(
        "child_voice",
        "Is the child's voice heard in the plan?",
        f"{DUDLEY_STRATEGY} objective 6",
    ),
    Question(
        "without_drift",
        "Is the plan progressing without drift or delay?",
        f"{DUDLEY_STRATEGY} objective 7; {DEVON_PERMANENCE_MATTERS} principles",
    ),
)
QUESTION_KEYS: Final = tuple(q.key for q in QUESTIONS)

ANSWERS: Final[tuple[tuple[str, str], ...]] = (
    ("yes", "Yes"),
    ("partly", "Partly"),
    ("no", "No"),
    ("not_applicable", "Not applicable"),
)

# Ofsted's four judgements (ILACS), used as the audit's grades (check: no seed names grades).
GRADES: Final[tuple[tuple[str, str], ...]] = (
    ("outstanding", "Outstanding"),
    ("good", "Good"),
    ("requires_improvement", "Requires improvement"),
    ("inadequate", "Inadequate"),
)
GRADE_LABELS: Final = dict(GRADES)
# A grade below good asks for at least one action: an audit that finds work to do says what and
# by whom (Homeward's rule, check).
NEEDS_ACTIONS: Final = frozenset({"requires_improvement", "inadequate"})
GRADE_SOURCE: Final = "Ofsted's judgements (check: no seed names grades)"


@dataclass(frozen=True)
class PlannedAction:
    text: str
    due_on: dt.date | None
    has_owner: bool


def problems(
    *,
    audited_on: dt.date | None,
    grade: str,
    answers: dict[str, str],
    actions: list[PlannedAction],
    today: dt.date,
) -> dict[str, str]:
    """What stops an audit being recorded, by field (empty: nothing).

    - the audit is dated, not in the future;
    - every question is answered;
    - a grade of "requires improvement" or "inadequate" has at least one action (check);
    - every action has its text, an owner and a due date on or after the audit.
    """
    found: dict[str, str] = {}
    if audited_on is None:
        found["audited_on"] = "Enter the date of the audit"
    elif audited_on > today:
        found["audited_on"] = "The date of the audit must be today or in the past"
    for q in QUESTIONS:
        if answers.get(q.key) not in dict(ANSWERS):
            found[q.key] = f"Answer: {q.text}"
    if grade not in GRADE_LABELS:
        found["grade"] = "Select the grade"
    elif grade in NEEDS_ACTIONS and not actions:
        found["actions"] = (
            f"A grade of {GRADE_LABELS[grade].lower()} needs at least one action: what must "
            "be done, by whom and by when"
        )
    for action in actions:
        if not action.text.strip():
            found["actions"] = "Enter what each action is"
        elif not action.has_owner:
            found["actions"] = f"Select who owns the action: {action.text}"
        elif action.due_on is None:
            found["actions"] = f"Enter the due date of the action: {action.text}"
        elif audited_on is not None and action.due_on < audited_on:
            found["actions"] = f"An action cannot be due before the audit: {action.text}"
    return found


# Expectations agreed with a placement provider (issue 18 item 9): Dudley's Home Linking Team
# "negotiate[s] to help bring a child's voice, specific needs and care plan to life in the
# placement identified and set[s] specific expectations for providers i.e. support in
# reunification, school transport, therapeutic input, family time, key working, additional
# support, etc." (000_f860603ee99ef2b2.txt 'Home Linking Team'). The areas are the seed's list.
PROVIDER_EXPECTATIONS_SOURCE: Final = f"{DUDLEY_STRATEGY} 'Home Linking Team'"
EXPECTATION_AREAS: Final[tuple[tuple[str, str], ...]] = (
    ("reunification", "Support in reunification"),
    ("school_transport", "School transport"),
    ("therapeutic", "Therapeutic input"),
    ("family_time", "Family time"),
    ("key_working", "Key working"),
    ("additional_support", "Additional support"),
    ("other", "Something else"),
)


def expectation_problems(
    *, provider: str, area: str, expectation: str, agreed_on: dt.date | None, today: dt.date
) -> dict[str, str]:
    """An expectation names the provider, its area and what is expected, and is dated when it
    was agreed (not in the future)."""
    found: dict[str, str] = {}
    if not provider.strip():
        found["provider"] = "Enter the placement provider"
    if area not in dict(EXPECTATION_AREAS):
        found["area"] = "Select what the expectation is about"
    if not expectation.strip():
        found["expectation"] = "Enter what the provider is expected to do"
    if agreed_on is None:
        found["agreed_on"] = "Enter the date it was agreed"
    elif agreed_on > today:
        found["agreed_on"] = "The date it was agreed must be today or in the past"
    return found


# Edge-of-care interventions (issue 18 item 9): "The Edge of Care Service will help prevent
# children entering care"; Family Solutions offers "timely family intervention"; Family Group
# Conferencing and Family Network Meetings help families "develop their own support systems
# before crisis develops" (000_f860603ee99ef2b2.txt 'Family Solutions'); Child Protection Chairs
# promote "family solutions without delay and where possible without orders" ('Independent
# Reviewing Service').
EDGE_OF_CARE_SOURCE: Final = (
    f"{DUDLEY_STRATEGY} 'Family Solutions'; 'Independent Reviewing Service'"
)
INTERVENTIONS: Final[tuple[tuple[str, str], ...]] = (
    ("edge_of_care_service", "Edge of Care Service"),
    ("family_intervention", "Family Solutions family intervention"),
    ("family_group_conference", "Family group conference"),
    ("family_network_meeting", "Family network meeting"),
    ("child_protection_chair", "Family solution promoted by the child protection chair"),
    ("other", "Another intervention"),
)

# Advice on permanence options for children in care and in private fostering (issue 18 item 9):
# "Children in care and in Private Fostering arrangements have advice and support about their
# permanency options and plans from the Children's Rights and Representation Team and/or their
# Independent Reviewing Officer" (000_f860603ee99ef2b2.txt objective 6).
ADVICE_SOURCE: Final = f"{DUDLEY_STRATEGY} objective 6"
ARRANGEMENTS: Final[tuple[tuple[str, str], ...]] = (
    ("private_fostering", "Private fostering arrangement"),
    ("in_care", "In care"),
)
ADVISERS: Final[tuple[tuple[str, str], ...]] = (
    ("childrens_rights", "Children's Rights and Representation Team"),
    ("iro", "Independent Reviewing Officer"),
)


def dated_record_problems(
    *,
    choice: str,
    choices: tuple[tuple[str, str], ...],
    choice_field: str,
    choice_message: str,
    started_on: dt.date | None,
    ended_on: dt.date | None,
    what: str,
    what_message: str,
    today: dt.date,
) -> dict[str, str]:
    """An intervention or a piece of advice: its kind, what it was, a start date not in the
    future and, if it ended, an end on or after the start and not in the future."""
    found: dict[str, str] = {}
    if choice not in dict(choices):
        found[choice_field] = choice_message
    if not what.strip():
        found["what"] = what_message
    if started_on is None:
        found["started_on"] = "Enter the date"
    elif started_on > today:
        found["started_on"] = "The date must be today or in the past"
    if ended_on is not None:
        if ended_on > today:
            found["ended_on"] = "The end date must be today or in the past"
        elif started_on is not None and ended_on < started_on:
            found["ended_on"] = "The end date cannot be before the start"
    return found
