"""The meetings the councils' procedures run on, per council profile: each type's name, who
chairs it, who is expected, its agenda, the questions its record must answer, and which journey
events recording it creates for the timescales engine.

Plain data with sources (seed file and section, or statute), as the rules files are: every
agenda item, attendee and outcome says where it comes from. An agenda item or type applies to
a council when its procedure (or the statute) asks for it; where a council's own procedure is
silent the item cites the reference procedure that covers it. Role names are those of
``homeward.accounts.models.Role`` (and of ``timescales.ROLES``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from homeward.domain.councils import (
    DEVON_PERMANENCE_MATTERS,
    DUDLEY_CPM_OVERVIEW,
    DUDLEY_QUICK_GUIDE,
    DUDLEY_STRATEGY,
    DURHAM_STRATEGY,
    profile_for,
)
from homeward.domain.events import JOURNEY_EVENTS, PRE_BIRTH_EVENTS

# The seed files, as shared/domain/SPEC.md abbreviates them.
DS: Final = DUDLEY_STRATEGY
DQ: Final = DUDLEY_QUICK_GUIDE
DU: Final = DURHAM_STRATEGY
DM: Final = DUDLEY_CPM_OVERVIEW
DV: Final = DEVON_PERMANENCE_MATTERS

ALL: Final = "*"  # a key of a per-council table: every council not named
COUNCILS: Final = ("dudley", "durham", "devon")

# Role names, as homeward.accounts.models.Role stores them.
SOCIAL_WORKER: Final = "social_worker"
TEAM_MANAGER: Final = "team_manager"
IRO: Final = "iro"
PERMANENCE_COORDINATOR: Final = "permanence_coordinator"
COURT_PROGRESSION_MANAGER: Final = "court_progression_manager"
PANEL_ADMINISTRATOR: Final = "panel_administrator"
SERVICE_MANAGER: Final = "service_manager"
ROLES: Final = frozenset(
    {
        SOCIAL_WORKER,
        TEAM_MANAGER,
        IRO,
        PERMANENCE_COORDINATOR,
        COURT_PROGRESSION_MANAGER,
        PANEL_ADMINISTRATOR,
        "family_finder",
        SERVICE_MANAGER,
        "performance_analyst",
        "system_administrator",
    }
)

PerCouncil = Mapping[str, str]


class UnknownMeetingType(KeyError):
    """A meeting type the council's profile does not hold."""


def _pick(table: PerCouncil, council: str) -> str | None:
    return table.get(council, table.get(ALL))


@dataclass(frozen=True)
class AgendaItem:
    """One thing the meeting must consider; the chair records an answer to each."""

    key: str
    question: str
    source: str
    hint: str = ""


@dataclass(frozen=True)
class Attendee:
    """Someone the procedure expects at the meeting. ``role`` is the Homeward role that fills
    the place when the attendee is a member of staff (None for family, carers and agencies)."""

    key: str
    label: str
    source: str
    role: str | None = None
    where_appropriate: bool = False


@dataclass(frozen=True)
class Outcome:
    """A question the record of the meeting must answer with one of ``choices``; some answers
    create journey events (``creates``: answer -> event kinds)."""

    key: str
    question: str
    choices: tuple[tuple[str, str], ...]
    source: str
    creates: tuple[tuple[str, tuple[str, ...]], ...] = ()
    hint: str = ""

    def events_for(self, answer: str) -> tuple[str, ...]:
        return dict(self.creates).get(answer, ())

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.choices)


@dataclass(frozen=True)
class MeetingType:
    key: str
    name: str
    purpose: str
    source: str
    chair_role: str | None  # the Homeward role that chairs; None when the chair is independent
    chair_label: str
    chair_source: str
    # Who records its decisions: the chair's role, or the case's own workers where the chair is
    # not a member of staff (an independent family group conference coordinator).
    recorders: tuple[str, ...]
    attendees: tuple[Attendee, ...]
    agenda: tuple[AgendaItem, ...]
    outcomes: tuple[Outcome, ...] = ()
    event_kind: str | None = None  # the journey event recording it creates, if any
    event_source: str = ""
    before_birth: bool = False  # may be held before the child is born

    def events_for(self, answers: Mapping[str, str]) -> tuple[str, ...]:
        """The journey events recording this meeting creates, given its outcome answers."""
        kinds: list[str] = [self.event_kind] if self.event_kind else []
        for outcome in self.outcomes:
            for kind in outcome.events_for(answers.get(outcome.key, "")):
                if kind not in kinds:
                    kinds.append(kind)
        return tuple(kinds)

    def outcome_errors(self, answers: Mapping[str, str]) -> dict[str, str]:
        """A message per outcome question left unanswered or answered outside its choices."""
        errors: dict[str, str] = {}
        for outcome in self.outcomes:
            answer = answers.get(outcome.key, "")
            if answer not in outcome.labels:
                errors[outcome.key] = f"Select an answer to: {outcome.question}"
        unknown = sorted(set(answers) - {o.key for o in self.outcomes})
        for key in unknown:
            errors[key] = f"{self.name} has no question {key!r}"
        return errors

    def attendee(self, key: str) -> Attendee | None:
        return next((a for a in self.attendees if a.key == key), None)


# ---------------------------------------------------------------------------------------------
# Attendees. A template per place at the table, filled in per council below.


def _attendee(
    key: str, label: str, source: str, role: str | None = None, *, maybe: bool = False
) -> Attendee:
    return Attendee(key, label, source, role, where_appropriate=maybe)


def _ppm_attendees(council: str) -> tuple[Attendee, ...]:
    """DM: "chaired by the Team Manager and attended by the child's social worker, permanence
    advisor, fostering, representative from Adoption@heart and where appropriate representatives
    from the Virtual School, Dudley Lighthouse Links, and the Independent Reviewing Officer".
    Durham invites the adoption team where fostering for adoption is considered (DU 'Early
    permanence planning meetings'); Devon works with Adopt South West where adoption is the
    plan (DV 'What we will do')."""
    agency = profile_for(council).adoption_agency.name
    if council == "dudley":
        where, emotional = f"{DM}", "Dudley Lighthouse Links (emotional health and wellbeing)"
        return (
            _attendee("team_manager", "Team manager (chair)", where, TEAM_MANAGER),
            _attendee("social_worker", "The child's social worker", where, SOCIAL_WORKER),
            _attendee("permanence_advisor", "Permanence advisor", where, PERMANENCE_COORDINATOR),
            _attendee("fostering", "Fostering", where),
            _attendee("regional_adoption_agency", agency, where),
            _attendee("virtual_school", "Virtual School", where, maybe=True),
            _attendee("emotional_health", emotional, where, maybe=True),
            _attendee("iro", "Independent reviewing officer", where, IRO, maybe=True),
        )
    if council == "durham":
        where = f"{DU} 'Early permanence planning meetings'"
        return (
            _attendee("team_manager", "Team manager (chair)", where, TEAM_MANAGER),
            _attendee("social_worker", "The child's social worker", where, SOCIAL_WORKER),
            _attendee(
                "permanence_team",
                "Permanence Child in Care team (where the plan may be adoption)",
                where,
                maybe=True,
            ),
            _attendee(
                "regional_adoption_agency",
                f"{agency} (where fostering for adoption is considered)",
                where,
                maybe=True,
            ),
            _attendee(
                "kinship_team",
                "Kinship Care & Support Team",
                f"{DU} 'Family or friends Placement'",
                maybe=True,
            ),
            _attendee(
                "iro", "Independent reviewing officer", f"{DU} 'Role of the IRO'", IRO, maybe=True
            ),
        )
    where = f"{DV} 'Permanence Planning Meetings'; 'What we will do'"
    return (
        _attendee("team_manager", "Team manager (chair)", where, TEAM_MANAGER),
        _attendee("social_worker", "The child's social worker", where, SOCIAL_WORKER),
        _attendee("fostering", "Fostering", where, maybe=True),
        _attendee(
            "regional_adoption_agency",
            f"{agency} (where adoption is the plan)",
            f"{DV} 'What we will do'",
            maybe=True,
        ),
        _attendee(
            "emotional_health", "CAMHS or emotional health service", f"{DV} principles", maybe=True
        ),
        _attendee("iro", "Independent reviewing officer", f"{DV} IRO", IRO, maybe=True),
    )


# ---------------------------------------------------------------------------------------------
# Agendas. An item's sources are per council: a council gets the item if it has a source for
# it (or there is one for every council, ALL).


@dataclass(frozen=True)
class _Item:
    key: str
    question: str
    sources: PerCouncil
    hint: str = ""

    def for_council(self, council: str) -> AgendaItem | None:
        source = _pick(self.sources, council)
        return AgendaItem(self.key, self.question, source, self.hint) if source else None


def _agenda(council: str, items: tuple[_Item, ...]) -> tuple[AgendaItem, ...]:
    return tuple(a for a in (i.for_council(council) for i in items) if a is not None)


PPM_AGENDA: Final = (
    _Item(
        "current_future_needs",
        "The assessment of the child's current and future needs",
        {
            "devon": f"{DV} 'Permanence Planning Meetings'",
            "dudley": f"{DM}: consideration of the individual needs of the child",
            "durham": f"{DU} 'Planning for Permanence': every plan revolves around the "
            "child's needs",
        },
    ),
    _Item(
        "return_home_or_alternative",
        "Whether those needs can be met permanently by a return home or through an alternative "
        "home, and where an alternative to a return home is considered",
        {
            "devon": f"{DV} 'Permanence Planning Meetings'",
            "dudley": f"{DS} objective 2: reunification remains part of concurrent planning "
            "until permanence is reached",
            "durham": f"{DU} 'Planning for Permanence': twin track planning",
        },
    ),
    _Item(
        "connected_carers",
        "The viability of any possible connected carer placements",
        {
            "devon": f"{DV} 'Permanence Planning Meetings'",
            "dudley": f"{DS} objective 4: family members and friends explored",
            "durham": f"{DU} 'Family or friends Placement'",
        },
    ),
    _Item(
        "placement_type",
        "The most appropriate placement type to meet the child's permanence needs",
        {
            "devon": f"{DV} 'Permanence Planning Meetings'",
            "dudley": f"{DS} objective 7: scrutinise all available options",
            "durham": f"{DU} 'Early permanence planning meetings': the most effective route to "
            "securing permanency",
        },
    ),
    _Item(
        "legal_outcome",
        "The most appropriate legal outcome to secure permanence in that placement",
        {
            "devon": f"{DV} 'Permanence Planning Meetings'",
            "dudley": f"{DS} 'Permanence Pathways': until the child lives with their forever "
            "family under a forever order, all pathways are revisited",
            "durham": f"{DU} 'Early permanence planning meetings': the most effective route to "
            "securing permanency",
        },
    ),
    _Item(
        "contingency_plans",
        "Whether an appropriate range of contingency plans is in place: who will do what, and "
        "by when, to achieve the plan without delay",
        {
            "devon": f"{DV} 'Permanence Planning Meetings'",
            "dudley": f"{DM}: a parallel planning approach that frontloads assessment and "
            "interventions",
            "durham": f"{DU} 'Planning for Permanence': an alternative permanence plan developed "
            "alongside a return home",
        },
        hint="Record each task in the action plan below, with who will do it and by when.",
    ),
    _Item(
        "childs_views",
        "The child's views, wishes and feelings",
        {
            "dudley": f"{DM}: identifies the child's views, wishes and feelings",
            "durham": f"{DU} 'Child/ Young Person Participation'",
            "devon": f"{DV} 'Guiding Principles': encourage the child to express their views, "
            "wishes and feelings about permanence",
        },
    ),
    _Item(
        "assessments",
        "Assessments needed, with the dates for completing them and any other work to inform "
        "the final care plan",
        {
            "dudley": f"{DM}: assessments required within agreed timescales; dates for completing "
            "assessments and additional work",
            "durham": f"{DU} 'Early permanence planning meetings': what assessment, intervention "
            "and direct work is needed",
            "devon": f"{DV} 'Permanence Planning Meetings': the assessment of the child's needs; "
            "who will do what and when",
        },
        hint="Put each assessment's due date in the action plan so it is tracked.",
    ),
    _Item(
        "genogram",
        "The family genogram reviewed, so that all family and friends have been explored for "
        "support or alternative care",
        {
            "dudley": f"{DM}: review of the family genogram",
            "durham": f"{DU} 'Family or friends Placement': genograms used to identify possible "
            "carers",
        },
    ),
    _Item(
        "siblings_family_time",
        "Sibling relationships and the family time plan",
        {
            "dudley": f"{DM}: sibling relationships and family time plan",
            "durham": f"{DU} 'Early permanence planning meetings': family time and links with "
            "extended family, friends and other connected adults",
            "devon": f"{DV} 'Guiding Principles': family time with the birth family, brothers "
            "and sisters",
        },
    ),
    _Item(
        "options_signed_off",
        "Options no longer viable, signed off, and progress since the last meeting",
        {"dudley": f"{DS} objective 7: monitor progress and sign off on options no longer viable"},
    ),
    _Item(
        "fostering_for_adoption",
        "Whether fostering for adoption should be considered (and the adoption team invited)",
        {
            "durham": f"{DU} 'Early permanence planning meetings'; 'Fostering for Adoption'",
        },
    ),
)

CIC_REVIEW_AGENDA: Final = (
    _Item(
        "childs_wishes",
        "The child's current wishes and feelings",
        {
            "durham": f"{DU} 'Role of the IRO': the IRO ensures the child's current wishes and "
            "feelings are given consideration",
            "dudley": f"{DS} objective 6: children at the heart of care planning",
            "devon": f"{DV}: the IRO's advocacy for the child",
        },
    ),
    _Item(
        "care_plan",
        "Does the care plan meet the child's current needs, and what is needed for their "
        "wellbeing and development in the longer term?",
        {
            "durham": f"{DU} 'Looked After Reviews'",
            "dudley": f"{DS} 'Independent Reviewing Service': the IRO reviews the child's plan",
            "devon": f"{DV}: independent review, advice and challenge to the plan",
        },
    ),
    _Item(
        "permanence_plan",
        "The permanence plan: is it written, agreed and on track?",
        {
            "dudley": f"{DS} objective 7 and 'Independent Reviewing Service': a permanence plan "
            "by the 2nd Child in Care review",
            "durham": f"{DU} 'Looked After Reviews': assessments available to determine the final "
            "plan at the 4-month review",
            "devon": f"{DV}: the IRO ensures every child has a permanence plan at the 4-month "
            "review",
        },
    ),
    _Item(
        "legal_status",
        "Is the legal status still right, and have options for permanence without statutory "
        "intervention been considered?",
        {"dudley": f"{DS} 'Independent Reviewing Service'"},
    ),
    _Item(
        "parents_consulted",
        "Has the care plan been discussed with the parents before this review?",
        {"durham": f"{DU} 'Looked After Reviews'"},
    ),
    _Item(
        "birth_family_changes",
        "Any significant change in the birth family's situation",
        {"durham": f"{DU} 'Looked After Reviews'; 'Return home from care'"},
    ),
    _Item(
        "return_home",
        "Is a return home planned, and is its trajectory agreed?",
        {"durham": f"{DU} 'Return home from care': the trajectory is ratified at the review"},
    ),
    _Item(
        "advocacy",
        "Has the child been offered an advocate and an independent visitor?",
        {
            "durham": f"{DU} 'Child/ Young Person Participation'",
            "dudley": f"{DS} objective 6: access to advocacy",
        },
    ),
    _Item(
        "family_time",
        "Family time and sibling relationships",
        {
            "durham": f"{DU} 'Family Time': reviewed regularly",
            "dudley": f"{DS} objectives 8 and 9",
            "devon": f"{DV} 'Guiding Principles'",
        },
    ),
)

FAMILY_NETWORK_AGENDA: Final = (
    _Item(
        "network",
        "Who is in the family network: the genogram, family and friends who could help",
        {
            ALL: f"{DU} 'Family Group Conference/ Network meetings': the genogram identifies the "
            "family network",
            "dudley": f"{DS} objective 4: family and friends identified early",
        },
    ),
    _Item(
        "worries_and_goals",
        "The worries, and the goals the family sets",
        {ALL: f"{DU} 'Family Group Conference/ Network meetings'"},
    ),
    _Item(
        "safety_plan",
        "The family's safety plan for the child",
        {
            ALL: f"{DU} 'Family Group Conference/ Network meetings'",
            "dudley": f"{DS} 'Family Solutions': families develop their own support systems",
        },
    ),
    _Item(
        "care_within_family",
        "Can the child remain safely within the extended family and friends' network?",
        {
            ALL: f"{DU} 'Family Group Conference/ Network meetings'",
            "dudley": f"{DS} 'Family Solutions': alternative care arrangements within the family",
        },
    ),
    _Item(
        "next_steps",
        "How often the network will meet, or a referral for a family group conference",
        {ALL: f"{DU} 'Family Group Conference/ Network meetings'"},
    ),
)

FGC_AGENDA: Final = (
    _Item(
        "information",
        "What the professionals shared: the worries and what must happen for the child to be safe",
        {ALL: f"{DU} 'Family Group Conference/ Network meetings'"},
    ),
    _Item(
        "family_plan",
        "The family's own plan for the child (agreed in the family's private time)",
        {
            ALL: f"{DS} objective 3: families make their own family plan",
            "durham": f"{DU} 'Family Group Conference/ Network meetings'",
        },
    ),
    _Item(
        "alternative_care",
        "Who in the family could care for the child if they cannot live with their parents",
        {ALL: f"{DS} 'Family Solutions'; objective 4"},
    ),
    _Item(
        "without_an_order",
        "Can the plan work without a court order (the no order principle)?",
        {ALL: f"{DS} 'No Order Principle'"},
    ),
    _Item(
        "review",
        "When the family plan will be reviewed",
        {ALL: f"{DU} 'Family Group Conference/ Network meetings'"},
    ),
)

LEGAL_PLANNING_AGENDA: Final = (
    _Item(
        "can_remain",
        "Can the child remain safely in the care of their parents?",
        {ALL: f"{DU} 'Pre-Proceedings/ Care Proceedings'"},
    ),
    _Item(
        "threshold",
        "Is the threshold for pre-proceedings (the Public Law Outline) or care proceedings met, "
        "and is it proportionate?",
        {
            ALL: f"{DU} 'Pre-Proceedings/ Care Proceedings': proceedings only when proportionate "
            "and the last resort",
            "devon": f"{DV} 'Permanence Planning Meetings': the legal planning meeting decides "
            "whether the threshold is met",
        },
    ),
    _Item(
        "plan_with_family",
        "The plan to work with the family to make the changes needed",
        {ALL: f"{DU} 'Pre-Proceedings/ Care Proceedings'"},
    ),
    _Item(
        "legal_advice",
        "Legal advice given",
        {ALL: f"{DU} 'Pre-Proceedings/ Care Proceedings': the Legal Protocol"},
    ),
    _Item(
        "family_network",
        "Family and friends identified who could support or care for the child",
        {ALL: f"{DS} objective 4", "durham": f"{DU} 'Family or friends Placement'"},
    ),
)

PRE_BIRTH_AGENDA: Final = (
    _Item(
        "concerns",
        "The concerns for the unborn baby and the support the family needs",
        {ALL: f"{DU} 'Pre-birth planning'"},
    ),
    _Item(
        "assessment",
        "The pre-birth assessment: completed by 28 weeks and finalised at 29 weeks of pregnancy",
        {ALL: f"{DU} 'Pre-birth planning'"},
    ),
    _Item(
        "early_permanence",
        "Early permanence planning for the baby, including the family network",
        {ALL: f"{DU} 'Pre-birth planning': early permanence planning at a multi-agency meeting"},
    ),
    _Item(
        "plan_at_birth",
        "The plan at birth, the mother's capacity to consent before and just after birth, and "
        "how the parents are included",
        {ALL: f"{DU} 'Pre-birth planning'"},
    ),
    _Item(
        "statements",
        "If removal at birth is planned: statements and care plans to the parents' solicitors at "
        "least 7 weeks before the expected date of delivery",
        {ALL: f"{DU} 'Pre-birth planning'"},
    ),
)

MATCHING_AGENDA: Final = (
    _Item(
        "childs_needs",
        "The child's needs, including identity, ethnicity, culture, religion, disability and "
        "language, and how the carers will meet them",
        {ALL: f"{DS} objective 5"},
    ),
    _Item(
        "special_guardianship",
        "Has special guardianship been explored with the carers?",
        {ALL: f"{DQ} 'Matched to existing internal carers' / 'Match to IFA'"},
    ),
    _Item(
        "support",
        "The support the carers and the child will need, and the family time plan",
        {ALL: f"{DQ} 'Outcomes for children'", "durham": f"{DU} 'Family Time'"},
    ),
    _Item(
        "panel",
        "The fostering panel date and the permanence bundle (matching meeting report, Fostering "
        "Permanency Assessment Report, Form F, checks)",
        {ALL: f"{DQ} 'Matched to existing internal carers'"},
    ),
    _Item(
        "placement_fee",
        "For carers from an independent fostering agency: the fee reduction request and the "
        "Access to Resources Panel referral",
        {"dudley": f"{DQ} 'Match to IFA'"},
    ),
)

STABILITY_AGENDA: Final = (
    _Item(
        "what_is_happening",
        "What is going well, and what is worrying the child and the carers",
        {ALL: f"{DS} 'Children in Care and Care Experienced Young People Service'"},
    ),
    _Item(
        "childs_views",
        "The child's views about living here",
        {ALL: f"{DS} objective 6", "devon": f"{DV} 'Guiding Principles'"},
    ),
    _Item(
        "support",
        "Support for the child and carers, including therapeutic input",
        {
            ALL: f"{DS} 'Emotional Health and Wellbeing (Dudley Lighthouse Links)'",
            "devon": f"{DV} 'Guiding Principles': a support plan and access to CAMHS",
        },
    ),
    _Item(
        "education",
        "School and education",
        {
            ALL: f"{DS} 'Children in Care and Care Experienced Young People Service': the Virtual "
            "School"
        },
    ),
    _Item(
        "plan",
        "The plan to keep the placement stable, and when to meet again",
        {ALL: f"{DS} 'Children in Care and Care Experienced Young People Service'"},
    ),
)

LEARNING_AGENDA: Final = (
    _Item(
        "what_happened",
        "What happened, in order",
        {
            ALL: f"{DV} 'Guiding Principles': reflective learning meetings after unplanned endings",
            "dudley": f"{DS} 'Children in Care ... Service': learn from unplanned endings",
        },
    ),
    _Item(
        "what_went_well",
        "What went well",
        {ALL: f"{DV} 'Guiding Principles': when things go well, share good practice"},
    ),
    _Item(
        "what_could_be_different",
        "What could have been done differently (non-blaming, for collective learning)",
        {ALL: f"{DV} 'Guiding Principles'"},
    ),
    _Item(
        "support_now",
        "Support for the child and the carers now",
        {ALL: f"{DV} 'Guiding Principles'", "dudley": f"{DS} 'The Regional Adoption Agency'"},
    ),
    _Item(
        "learning_to_share",
        "The learning to record and share",
        {ALL: f"{DV} 'Guiding Principles': record and share this learning"},
    ),
)

AEPP_AGENDA: Final = (
    _Item(
        "options",
        "Early permanence options for the child",
        {"dudley": f"{DQ} 'Achieving early permanence panel'"},
    ),
    _Item(
        "right_plan",
        "The right plan for the child",
        {"dudley": f"{DQ} 'Achieving early permanence panel'"},
    ),
    _Item(
        "next_steps",
        "Next steps, and who is allocated (family finder or SGO social worker)",
        {"dudley": f"{DQ} 'Outcomes from meeting'"},
    ),
    _Item(
        "first_ppm",
        "The date of the first permanence planning meeting (within 6 weeks of the panel)",
        {"dudley": f"{DQ} 'Achieving early permanence panel'"},
    ),
    _Item(
        "recruitment",
        "Any specific recruitment needs for carers",
        {"dudley": f"{DS} 'Fostering Recruitment, Assessment and Training'"},
    ),
)

YES_NO: Final = (("yes", "Yes"), ("no", "No"))

THRESHOLD: Final = Outcome(
    key="threshold",
    question="Did the meeting decide that the threshold for pre-proceedings or care proceedings "
    "is met?",
    choices=(
        ("pre_proceedings", "Yes: pre-proceedings (the Public Law Outline)"),
        ("proceedings", "Yes: care proceedings (the strategic manager agrees entry)"),
        ("not_met", "No: the threshold is not met"),
    ),
    # Devon's initial Permanence Planning Meeting falls due within 10 working days of this
    # decision, so the decision, not the meeting, is the journey event. A decision to start the
    # Public Law Outline also starts Dudley's Child Permanence Meeting clock (DS objective 7:
    # "From the point where the decision is taken to start the Public Law Outline").
    creates=(
        ("pre_proceedings", ("legal_planning_meeting", "plo_started")),
        ("proceedings", ("legal_planning_meeting",)),
    ),
    source=f"{DV} 'Permanence Planning Meetings'; {DU} 'Pre-Proceedings/ Care Proceedings'",
)


def _cic_outcomes(council: str) -> tuple[Outcome, ...]:
    deadline = profile_for(council).permanence_plan_deadline
    return (
        Outcome(
            key="permanence_plan",
            question="Is a written permanence plan in place as part of the care plan?",
            choices=YES_NO,
            source=deadline.source,
            hint=f"{profile_for(council).council_name} expects one by the "
            f"{deadline.name}; if it is late, raise an escalation.",
        ),
        Outcome(
            key="special_guardianship",
            question="Does the review recommend a plan of special guardianship?",
            choices=YES_NO,
            creates=(("yes", ("sgo_recommended",)),),
            source=f"{DQ} 'Outcomes from meeting - Special Guardianship'",
            hint="The social worker then sends the SGO referral within 5 working days."
            if council == "dudley"
            else "",
        ),
    )


def _types(council: str) -> tuple[MeetingType, ...]:
    profile = profile_for(council)
    ppm_name = profile.permanence_meeting.name
    review_name = "Looked after review" if council == "durham" else "Child in Care review"
    review_source = {
        "dudley": f"{DS} 'Independent Reviewing Service'",
        "durham": f"{DU} 'Looked After Reviews'; 'Role of the IRO'",
        "devon": f"{DV} (the child's IRO and the Child in Care Review)",
    }[council]
    emotional = "Dudley Lighthouse Links" if council == "dudley" else "Emotional health service"
    types: list[MeetingType] = []
    if profile.has_early_permanence_panel:
        where = f"{DQ} 'Achieving early permanence panel'"
        types.append(
            MeetingType(
                key="aepp",
                name="Achieving Early Permanence Panel",
                purpose="Early permanence options, the right plan for the child and next steps, "
                "within 2 weeks of the child becoming looked after; triggers the first "
                "permanence planning meeting.",
                source=where,
                chair_role=SERVICE_MANAGER,
                chair_label="Service manager (the panel's service managers)",
                chair_source=f"{where}: panel representation",
                recorders=(PERMANENCE_COORDINATOR, SERVICE_MANAGER),
                attendees=(
                    _attendee(
                        "sm_fostering",
                        "Service Manager Fostering & Adoption",
                        where,
                        SERVICE_MANAGER,
                    ),
                    _attendee(
                        "sm_cic",
                        "Service Manager Children in Care and Care Leavers",
                        where,
                        SERVICE_MANAGER,
                    ),
                    _attendee(
                        "panel_administrator", "Panel Administrator", where, PANEL_ADMINISTRATOR
                    ),
                    _attendee("tm_fostering", "Team Manager Fostering", where),
                    _attendee("tm_sgo", "Team Manager SGO", where),
                    _attendee(
                        "court_progression_manager",
                        "Court Progression Manager",
                        where,
                        COURT_PROGRESSION_MANAGER,
                    ),
                    _attendee("tm_adoption", "Team Manager Adoption", where),
                    _attendee(
                        "permanency_coordinator",
                        "Permanency coordinator",
                        where,
                        PERMANENCE_COORDINATOR,
                    ),
                    _attendee(
                        "social_worker",
                        "The child's social worker (invited)",
                        f"{DQ} 'Notification via weekly admissions report'",
                        SOCIAL_WORKER,
                    ),
                    _attendee(
                        "team_manager",
                        "The child's team manager (invited)",
                        f"{DQ} 'Notification via weekly admissions report'",
                        TEAM_MANAGER,
                    ),
                ),
                agenda=_agenda(council, AEPP_AGENDA),
                outcomes=(
                    Outcome(
                        key="route",
                        question="Which early permanence route did the panel agree?",
                        choices=(
                            ("fostering", "Fostering: fostering family finder allocated"),
                            ("adoption", "Adoption: adoption family finder allocated"),
                            (
                                "special_guardianship",
                                "Special guardianship: SGO social worker allocated",
                            ),
                            ("other", "Another plan (recorded in the decisions)"),
                        ),
                        source=f"{DQ} 'Outcomes from meeting'",
                    ),
                ),
                event_kind="aepp_held",
                event_source=f"{DQ} 'Legal Gateway Panel / Notification via weekly admissions "
                "report'",
            )
        )
    ppm_chair_source = {
        "dudley": f"{DM}: chaired by the Team Manager; {DS} objective 7",
        "durham": f"{DU} 'Early permanence planning meetings'",
        "devon": f"{DV}: Team Managers oversee timely permanence planning",
    }[council]
    types.append(
        MeetingType(
            key="ppm",
            name=ppm_name,
            purpose={
                "dudley": "Considers all plans for permanence and agrees a work plan with review "
                "points; at least every six weeks until the child is matched and placed.",
                "durham": "Before the first looked after review: the most effective route to "
                "permanency, and the assessment, intervention and direct work needed; a further "
                "meeting before the final plan.",
                "devon": "Within 10 working days of the legal planning meeting's decision (or "
                "before the first Child in Care review for care outside the legal process), then "
                "at least every 6 weeks.",
            }[council],
            source=profile.permanence_meeting.source,
            chair_role=TEAM_MANAGER,
            chair_label="Team manager",
            chair_source=ppm_chair_source,
            recorders=(TEAM_MANAGER,),
            attendees=_ppm_attendees(council),
            agenda=_agenda(council, PPM_AGENDA),
            event_kind="permanence_planning_meeting",
            event_source=profile.permanence_meeting.source,
            before_birth=True,  # DU 'Pre-birth planning': early permanence planning before birth
        )
    )
    types.append(
        MeetingType(
            key="cic_review",
            name=review_name,
            purpose="The child's statutory review of their care plan, chaired by their IRO: "
            "within 20 working days of becoming looked after, then 3 months, then every 6 months.",
            source=f"Care Planning, Placement and Case Review (England) Regulations 2010, "
            f"reg 33; {review_source}",
            chair_role=IRO,
            chair_label="The child's independent reviewing officer",
            chair_source=review_source,
            recorders=(IRO,),
            attendees=(
                _attendee("iro", "Independent reviewing officer (chair)", review_source, IRO),
                _attendee(
                    "child", "The child or young person", f"{DU} 'Looked After Reviews'", maybe=True
                ),
                _attendee(
                    "social_worker", "The child's social worker", review_source, SOCIAL_WORKER
                ),
                _attendee("parents", "Parents", f"{DU} 'Looked After Reviews'", maybe=True),
                _attendee("carers", "The child's carers", f"{DU} 'Looked After Reviews'"),
                _attendee("team_manager", "Team manager", review_source, TEAM_MANAGER, maybe=True),
                _attendee(
                    "virtual_school",
                    "Virtual School",
                    f"{DS} 'Children in Care and Care Experienced Young People Service'",
                    maybe=True,
                ),
            ),
            agenda=_agenda(council, CIC_REVIEW_AGENDA),
            outcomes=_cic_outcomes(council),
            event_kind="cic_review",
            event_source="Care Planning, Placement and Case Review (England) Regulations 2010, "
            "reg 33",
        )
    )
    fnm_source = {
        "dudley": f"{DS} 'Family Solutions'",
        "durham": f"{DU} 'Family Group Conference/ Network meetings'",
        "devon": f"{DV} 'Guiding Principles': the child's support network",
    }[council]
    types.append(
        MeetingType(
            key="family_network_meeting",
            name="Family network meeting",
            purpose="Family and friends meet to agree a safety plan and explore whether the child "
            "can stay safely within the family network.",
            source=fnm_source,
            chair_role=SOCIAL_WORKER,
            chair_label="The child's social worker",
            chair_source=f"{DU} 'Family Group Conference/ Network meetings'",
            recorders=(SOCIAL_WORKER, TEAM_MANAGER),
            attendees=(
                _attendee("social_worker", "The child's social worker", fnm_source, SOCIAL_WORKER),
                _attendee("parents", "Parents", fnm_source),
                _attendee("family_network", "Family and friends in the network", fnm_source),
                _attendee("child", "The child or young person", fnm_source, maybe=True),
            ),
            agenda=_agenda(council, FAMILY_NETWORK_AGENDA),
            event_kind="family_network_meeting",
            event_source=f"{DU} 'Family Group Conference/ Network meetings'",
            before_birth=True,
        )
    )
    types.append(
        MeetingType(
            key="family_group_conference",
            name="Family group conference",
            purpose="An independent family group conference: the family makes its own plan for "
            "the child, without the courts where it can.",
            source=f"{DS} objective 3; {DU} 'Family Group Conference/ Network meetings'",
            chair_role=None,
            chair_label="An independent family group conference coordinator",
            chair_source=f"{DS} objective 3: independent Family Group Conferencing",
            recorders=(SOCIAL_WORKER, TEAM_MANAGER),
            attendees=(
                _attendee(
                    "coordinator", "Independent FGC coordinator (chair)", f"{DS} objective 3"
                ),
                _attendee("family_network", "Family and friends", f"{DS} objective 3"),
                _attendee("parents", "Parents", f"{DS} objective 3"),
                _attendee(
                    "child",
                    "The child or young person, with an advocate",
                    f"{DS} objective 6",
                    maybe=True,
                ),
                _attendee(
                    "social_worker",
                    "The child's social worker",
                    f"{DU} 'Family Group Conference/ Network meetings'",
                    SOCIAL_WORKER,
                ),
            ),
            agenda=_agenda(council, FGC_AGENDA),
            outcomes=(
                Outcome(
                    key="family_plan",
                    question="Did the family agree a family plan?",
                    choices=YES_NO,
                    source=f"{DS} objective 3",
                ),
            ),
            event_kind="family_network_meeting",
            event_source=f"{DU} 'Family Group Conference/ Network meetings'; 'Return home from "
            "care': a network meeting or FGC",
            before_birth=True,
        )
    )
    legal_chair = (
        "Team manager, with legal advice; the strategic manager agrees any entry into care "
        "proceedings"
    )
    types.append(
        MeetingType(
            key="legal_planning_meeting",
            name="Legal planning meeting",
            purpose="Decides whether the threshold for pre-proceedings (the Public Law Outline) "
            "or care proceedings is met.",
            source=f"{DU} 'Pre-Proceedings/ Care Proceedings'; {DV} 'Permanence Planning Meetings'",
            chair_role=TEAM_MANAGER,
            chair_label=legal_chair,
            chair_source=f"{DU} 'Pre-Proceedings/ Care Proceedings' (the procedures do not name "
            "the chair; Homeward expects the team manager)",
            recorders=(TEAM_MANAGER, SERVICE_MANAGER),
            attendees=(
                _attendee(
                    "team_manager",
                    "Team manager (chair)",
                    f"{DU} 'Pre-Proceedings/ Care Proceedings'",
                    TEAM_MANAGER,
                ),
                _attendee(
                    "social_worker",
                    "The child's social worker",
                    f"{DU} 'Pre-Proceedings/ Care Proceedings'",
                    SOCIAL_WORKER,
                ),
                _attendee(
                    "legal",
                    "The council's legal adviser",
                    f"{DU} 'Pre-Proceedings/ Care Proceedings': the Legal Protocol",
                ),
                _attendee(
                    "strategic_manager",
                    "Strategic manager (for entry into proceedings)",
                    f"{DU} 'Pre-Proceedings/ Care Proceedings'",
                    SERVICE_MANAGER,
                    maybe=True,
                ),
            ),
            agenda=_agenda(council, LEGAL_PLANNING_AGENDA),
            outcomes=(THRESHOLD,),
            # The journey event comes from the threshold decision (see THRESHOLD), not the meeting.
            event_kind=None,
            before_birth=True,
        )
    )
    if council == "dudley":
        where = f"{DQ} 'Legal Gateway Panel'"
        types.append(
            MeetingType(
                key="legal_gateway_panel",
                name="Legal Gateway Panel",
                purpose="Dudley's panel for children entering the legal process; the court "
                "progression manager then gives the date of the Achieving Early Permanence Panel.",
                source=where,
                chair_role=SERVICE_MANAGER,
                chair_label="Service manager (the guide does not name the chair)",
                chair_source=where,
                recorders=(SERVICE_MANAGER,),
                attendees=(
                    _attendee(
                        "court_progression_manager",
                        "Court Progression Manager",
                        where,
                        COURT_PROGRESSION_MANAGER,
                    ),
                    _attendee("social_worker", "The child's social worker", where, SOCIAL_WORKER),
                    _attendee("team_manager", "Team manager", where, TEAM_MANAGER),
                    _attendee("legal", "The council's legal adviser", where),
                ),
                agenda=_agenda(council, LEGAL_PLANNING_AGENDA),
                outcomes=(THRESHOLD,),
                event_kind=None,
                before_birth=True,
            )
        )
    where = f"{DU} 'Pre-birth planning'"
    types.append(
        MeetingType(
            key="pre_birth_planning",
            name="Pre-birth planning meeting",
            purpose="A multi-agency planning meeting during pregnancy, where early permanence "
            "planning for the baby takes place.",
            source=where,
            chair_role=TEAM_MANAGER,
            chair_label="Team manager (the procedure does not name the chair)",
            chair_source=where,
            recorders=(SOCIAL_WORKER, TEAM_MANAGER),
            attendees=(
                _attendee("social_worker", "The social worker", where, SOCIAL_WORKER),
                _attendee("team_manager", "Team manager", where, TEAM_MANAGER),
                _attendee("health", "Midwife and health professionals", where),
                _attendee("parents", "The mother and father", where),
                _attendee("family_network", "Family network", where, maybe=True),
            ),
            agenda=_agenda(council, PRE_BIRTH_AGENDA),
            before_birth=True,
        )
    )
    where = f"{DQ} 'Matched to existing internal carers'; 'Match to IFA'"
    types.append(
        MeetingType(
            key="matching_meeting",
            name="Matching meeting",
            purpose="Arranged by the fostering permanency worker to consider a long-term match "
            "before the fostering panel.",
            source=where,
            chair_role=TEAM_MANAGER,
            chair_label="Fostering permanency worker (complex cases: the fostering team manager)",
            chair_source=where,
            recorders=(TEAM_MANAGER, SOCIAL_WORKER),
            attendees=(
                _attendee("permanency_worker", "Fostering permanency worker", where),
                _attendee("social_worker", "The child's social worker", where, SOCIAL_WORKER),
                _attendee("carers", "The prospective carers", where),
                _attendee(
                    "fostering_tm", "Fostering team manager (complex cases)", where, maybe=True
                ),
            ),
            agenda=_agenda(council, MATCHING_AGENDA),
            outcomes=(
                Outcome(
                    key="recommend_match",
                    question="Does the meeting recommend the match go to the fostering panel?",
                    choices=YES_NO,
                    source=where,
                ),
            ),
        )
    )
    where = f"{DS} 'Children in Care and Care Experienced Young People Service'"
    types.append(
        MeetingType(
            key="placement_stability",
            name="Placement stability meeting",
            purpose="When a placement is under strain: support for the child and carers so the "
            "placement can continue.",
            source=where,
            chair_role=TEAM_MANAGER,
            chair_label=f"Team manager, or {emotional} as appropriate",
            chair_source=f"{where}; 'Emotional Health and Wellbeing (Dudley Lighthouse Links)'",
            recorders=(SOCIAL_WORKER, TEAM_MANAGER),
            attendees=(
                _attendee("social_worker", "The child's social worker", where, SOCIAL_WORKER),
                _attendee("carers", "The child's carers", where),
                _attendee("fostering", "Supervising social worker (fostering)", where),
                _attendee(
                    "emotional_health",
                    emotional,
                    f"{DS} 'Emotional Health and Wellbeing (Dudley Lighthouse Links)'",
                    maybe=True,
                ),
                _attendee("virtual_school", "Virtual School", where, maybe=True),
                _attendee("child", "The child or young person", f"{DS} objective 6", maybe=True),
            ),
            agenda=_agenda(council, STABILITY_AGENDA),
            outcomes=(
                Outcome(
                    key="placement_continues",
                    question="Is the placement expected to continue?",
                    choices=(("yes", "Yes"), ("no", "No"), ("not_known", "Not known yet")),
                    source=where,
                ),
            ),
        )
    )
    where = f"{DV} 'Guiding Principles'"
    types.append(
        MeetingType(
            key="learning_meeting",
            name="Learning meeting after an unplanned ending",
            purpose="A reflective, non-blaming meeting after a placement (long-term fostering, "
            "SGO or adoption) ended in an unplanned way: record and share the learning.",
            source=f"{where}; {DS} 'Children in Care and Care Experienced Young People Service'",
            chair_role=TEAM_MANAGER,
            chair_label="Team manager",
            chair_source=where,
            recorders=(TEAM_MANAGER, SERVICE_MANAGER),
            attendees=(
                _attendee("team_manager", "Team manager (chair)", where, TEAM_MANAGER),
                _attendee("social_worker", "The child's social worker", where, SOCIAL_WORKER),
                _attendee("carers", "The carers", where, maybe=True),
                _attendee("fostering", "Fostering or the adoption agency", where, maybe=True),
                _attendee("emotional_health", emotional, where, maybe=True),
                _attendee("iro", "Independent reviewing officer", where, IRO, maybe=True),
            ),
            agenda=_agenda(council, LEARNING_AGENDA),
        )
    )
    return tuple(types)


_CACHE: dict[str, tuple[MeetingType, ...]] = {}


def meeting_types(council: str) -> tuple[MeetingType, ...]:
    """Every meeting type the council's profile holds, in the order of a child's journey."""
    slug = profile_for(council).slug
    if slug not in _CACHE:
        _CACHE[slug] = _types(slug)
    return _CACHE[slug]


def meeting_type(council: str, key: str) -> MeetingType:
    for mtype in meeting_types(council):
        if mtype.key == key:
            return mtype
    raise UnknownMeetingType(key)


# Every type key any profile holds, with a name for the database's choices (the council's own
# name is shown on pages).
TYPE_KEYS: Final[dict[str, str]] = {
    "aepp": "Achieving Early Permanence Panel",
    "ppm": "Permanence planning meeting",
    "cic_review": "Child in Care review",
    "family_network_meeting": "Family network meeting",
    "family_group_conference": "Family group conference",
    "legal_planning_meeting": "Legal planning meeting",
    "legal_gateway_panel": "Legal Gateway Panel",
    "pre_birth_planning": "Pre-birth planning meeting",
    "matching_meeting": "Matching meeting",
    "placement_stability": "Placement stability meeting",
    "learning_meeting": "Learning meeting after an unplanned ending",
}


def types_for_event(council: str, kind: str) -> tuple[MeetingType, ...]:
    """The meeting types whose record creates journey event ``kind`` on its own (not through an
    outcome): the ones to schedule when a rule is met by that event."""
    return tuple(t for t in meeting_types(council) if t.event_kind == kind)


# How the child's views were gathered (DS objective 6: consulted sensitively, with access to
# advocacy; DU 'Child/ Young Person Participation': an advocate and an independent visitor).
VIEWS_GATHERED: Final[tuple[tuple[str, str], ...]] = (
    ("attended", "The child took part in the meeting"),
    ("social_worker", "The social worker talked with the child before the meeting"),
    ("iro", "The IRO talked with the child before the meeting"),
    ("advocate", "Through an advocate or independent visitor"),
    ("own_words", "In the child's own words, drawings or recording"),
    ("carer", "From the child's carer"),
    ("observed", "Observed: the child is too young to say (what was seen is recorded)"),
)


# IRO escalation: "Informal and formal resolution form part of the same continuum" (DU 'Role of
# the IRO'; DS 'Independent Reviewing Service': escalate delays in achieving permanence). The
# last step is the IRO's statutory power to refer the case to Cafcass.
ESCALATION_STAGES: Final[tuple[tuple[str, str], ...]] = (
    ("informal", "Informal resolution"),
    ("formal_1", "Formal stage 1"),
    ("formal_2", "Formal stage 2"),
    ("formal_3", "Formal stage 3"),
    ("cafcass", "Referred to Cafcass"),
)
ESCALATION_SOURCE: Final = (
    f"{DU} 'Role of the IRO'; {DS} 'Independent Reviewing Service'; Children Act 1989 s25B(3) "
    "(referral to Cafcass)"
)
FIRST_STAGES: Final = ("informal", "formal_1")  # "resolve problems at the lowest level" (DU)


def next_stage(stage: str) -> str | None:
    keys = [key for key, _ in ESCALATION_STAGES]
    i = keys.index(stage)
    return keys[i + 1] if i + 1 < len(keys) else None


def _check() -> None:
    """The tables name only known events and roles (run on import, like the rules files)."""
    for council in COUNCILS:
        for mtype in meeting_types(council):
            assert mtype.key in TYPE_KEYS, mtype.key
            kinds = [mtype.event_kind] if mtype.event_kind else []
            kinds += [k for o in mtype.outcomes for _, ks in o.creates for k in ks]
            for kind in kinds:
                assert kind in JOURNEY_EVENTS, (mtype.key, kind)
                if mtype.before_birth and kind not in PRE_BIRTH_EVENTS:
                    raise AssertionError(f"{mtype.key}: {kind} cannot be recorded before birth")
            for role in (*mtype.recorders, *(a.role for a in mtype.attendees if a.role)):
                assert role in ROLES, (mtype.key, role)
            assert mtype.agenda, f"{council} {mtype.key} has no agenda"


_check()
