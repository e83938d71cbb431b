"""The kinds of dated fact in a child's journey that timescale rules start from or are met by.

The Django model ``JourneyEvent.kind`` takes its choices from here, so a rules file can only name
an event people can record or an import can derive. The order here is the order of a day: when
two events share a date, the one listed first happened first (a child becomes looked after, then
is placed, then may leave care the same day), which decides whether a same-day event stops a rule.
``expected_date_of_delivery`` is not recorded as an event: the engine takes it from the child
(pre-birth rules count back from it).
"""

from __future__ import annotations

from typing import Final

JOURNEY_EVENTS: Final[dict[str, str]] = {
    "referral": "Referral received",
    "pre_birth_referral": "Pre-birth referral",
    "initial_visit": "Initial visit",
    "genogram_completed": "Genogram completed",
    "family_network_meeting": "Family network meeting held",
    "legal_planning_meeting": "Legal planning meeting decision",
    "plo_started": "Public Law Outline (pre-proceedings) started",
    # Pre-proceedings under the Public Law Outline (issue 18 item 7): the letter before
    # proceedings invites the parents to the pre-proceedings meeting (Practice Direction 12A;
    # statutory guidance 'Court orders and pre-proceedings', 2014 (check)).
    "letter_before_proceedings": "Letter before proceedings sent to the parents",
    "pre_proceedings_meeting": "Pre-proceedings meeting held",
    "pre_proceedings_ended": "Pre-proceedings ended without an application to court",
    "pre_birth_assessment_completed": "Pre-birth assessment completed",
    "pre_birth_assessment_finalised": "Pre-birth assessment finalised",
    "removal_at_birth_planned": "Plan agreed to remove the baby at birth",
    "statements_shared_with_solicitors": "Statements and care plan shared with parents' solicitors",
    "became_looked_after": "Became looked after",
    "accommodated_s20": "Accommodated by agreement (section 20), outside the legal process",
    "short_breaks_started": "Series of short breaks began (legal status V3 or V4)",
    "family_time_agreed": "Family time arrangements agreed",
    "placement_started": "Placement started",
    "foster_placement_started": "Placed with local authority foster carers",
    "fostering_for_adoption_placement": "Placed with foster carers who are approved adopters "
    "(fostering for adoption)",
    "placed_with_parent": "Placed with a parent",
    "connected_person_temporary_approval": "Placed with a connected person on temporary approval",
    "long_term_placement_agreed": "Placement agreed as long-term (intended to last until 18)",
    "six_monthly_visits_agreed": "The child agreed to be visited every 6 months (a long-term "
    "foster placement of at least a year)",
    "reunification_assessment_started": "Reunification (return home) assessment started",
    "return_home_planned": "Decision to plan a return home",
    "care_plan_agreed": "Care plan agreed",
    "aepp_held": "Achieving Early Permanence Panel considered the child",
    "permanence_planning_meeting": "Permanence planning meeting held",
    "cic_review": "Child in Care review held",
    "assessments_completed": "Assessments completed to determine the final plan",
    "permanence_plan_agreed": "Permanence plan agreed",
    # The child's own version of the plan shared with them (issue 17 item 1; DU 'Looked After
    # Reviews': "All children and young people should know their plan and have these shared
    # with them"). No seed gives it a timescale, so no rule is met by it yet.
    "plan_shared_with_child": "Plan shared with the child (in words for their age)",
    "sgo_recommended": "Child in Care review recommended special guardianship",
    "sgo_referral_sent": "SGO referral sent to the SGO team",
    "social_worker_visit": "Social worker visit",
    "proceedings_issued": "Care proceedings issued",
    "case_management_hearing": "Case management hearing held (Public Law Outline stage 2)",
    "proceedings_extended": "Care proceedings timetable extended by the court",
    "proceedings_concluded": "Care proceedings concluded",
    "interim_care_order": "Interim care order made",
    "interim_care_order_ended": "Interim care order ended without a care order",
    "care_order": "Care order made",
    "placement_order": "Placement order made",
    "placement_consent_given": "Consent to placement for adoption given (section 19)",
    "adoption_option_added": "Adoption became an option for a child in a sibling group",
    "together_apart_decided": "Together or apart decision made for brothers and sisters",
    "adopters_approached": "The adopters of the child's brothers or sisters approached "
    "(Adoption@Heart)",
    "adm_decision": "Agency decision maker: should be placed for adoption",
    "matched": "Matched with carers",
    "placed": "Placed with permanent carers",
    "placed_for_adoption": "Placed for adoption",
    "life_story_book_first_stage_given": "Life story book, first stage, given to the child and "
    "the adopters",
    "order_made": "Permanence order made (adoption, SGO or CAO)",
    "adoption_ceremony": "Adoption ceremony held (celebrating the adoption order)",
    # Special guardianship and support after permanence (issue 18 item 4): Durham's Special
    # Guardianship Panel and its Kinship Care & Support Team; the support plan after an order
    # and its reviews (Special Guardianship Regulations 2005; Adoption Support Services
    # Regulations 2005).
    "special_guardianship_panel_approved": "Special Guardianship Panel approved the kinship carers",
    "kinship_welfare_check": "Kinship Care & Support Team welfare check",
    "support_plan_agreed": "Support plan agreed (after a special guardianship, adoption or "
    "child arrangements order)",
    "support_plan_reviewed": "Support plan reviewed",
    "support_plan_ended": "Support plan ended",
    "life_story_book_given": "Life story book given to the adopters",
    "later_life_letter_given": "Later life letter given to the adopters",
    "pathway_plan_agreed": "Pathway plan agreed",
    "pathway_plan_reviewed": "Pathway plan reviewed",
    "adult_services_handover": "Handed over to adult services",
    "later_life_link_made": "Later life link made (a young person without family links)",
    "returned_home": "Returned home",
    "ceased_looked_after": "Ceased to be looked after",
}

# Events that can rightly happen before a child is born (DU 'Pre-birth planning').
PRE_BIRTH_EVENTS: Final = frozenset(
    {
        "referral",
        "pre_birth_referral",
        "initial_visit",
        "genogram_completed",
        "family_network_meeting",
        "legal_planning_meeting",
        "plo_started",
        "letter_before_proceedings",
        "pre_proceedings_meeting",
        "pre_proceedings_ended",
        "pre_birth_assessment_completed",
        "pre_birth_assessment_finalised",
        "statements_shared_with_solicitors",
        "removal_at_birth_planned",
        "permanence_planning_meeting",
        "proceedings_issued",
    }
)

# Anchors that are facts about the child rather than recorded events.
CHILD_ANCHORS: Final[dict[str, str]] = {
    "expected_date_of_delivery": "expected date of delivery",
    # The child's 16th birthday, from the date of birth: pathway planning starts (Children Act
    # 1989 Sch 2 para 19B; Care Planning Regulations 2010 Part 7).
    "sixteenth_birthday": "16th birthday",
}

# Anchors a rule counts back from (a pre-birth rule: whatever meets it comes first, and any stop
# before it counts). The 16th birthday counts forward like any event.
COUNTS_BACK: Final = frozenset({"expected_date_of_delivery"})
SIXTEENTH_BIRTHDAY: Final = "sixteenth_birthday"


RANK: Final[dict[str, int]] = {kind: i for i, kind in enumerate([*CHILD_ANCHORS, *JOURNEY_EVENTS])}


def label(kind: str) -> str:
    return JOURNEY_EVENTS.get(kind) or CHILD_ANCHORS.get(kind) or kind.replace("_", " ")
