"""The child's voice: what a looked-after child's file should show about their views, advocacy,
complaints, life story and memories, and the procedure behind each. Plain Python, no Django.

Sources (shared/seeds/): DS = Dudley Permanence Strategy (000_f860603ee99ef2b2.txt);
DU = Durham Early Permanence Planning Strategy (002_a77630a273fce245.txt); DM = Dudley Child
Permanence Meetings overview (003_82d866961b2f94a8.txt); DV = Devon Permanence Matters
(004_7232501e48845cda.txt).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from homeward.domain.councils import (
    DEVON_PERMANENCE_MATTERS,
    DUDLEY_CPM_OVERVIEW,
    DUDLEY_STRATEGY,
    DURHAM_STRATEGY,
)
from homeward.domain.siblings import Concern

VIEWS_SOURCE: Final = (
    f"{DUDLEY_STRATEGY} objective 6: “children are at the heart of care planning and their "
    f"voices will influence our actions”; {DURHAM_STRATEGY} 'Planning for Permanence': "
    f"“listening to their wishes and feelings”; {DUDLEY_CPM_OVERVIEW}: the meeting “identifies "
    f"the child's views, wishes and feelings”; {DEVON_PERMANENCE_MATTERS} 'Guiding Principles': "
    "“Encourage the child to express their views, wishes and feelings about permanence”"
)
ADVOCACY_SOURCE: Final = (
    f"{DUDLEY_STRATEGY} objective 6: “We will ensure that children have access to advocacy to "
    f"make their voices heard”; {DURHAM_STRATEGY} 'Child/ Young Person Participation': “the "
    "opportunity for an advocate an independent visitor. Case recordings should evidence the "
    "discussion with the child or young person around the role of an advocate/ independent "
    "visitor”"
)
COMPLAINTS_SOURCE: Final = (
    f"{DUDLEY_STRATEGY} objective 6: “We will ensure that children know how to complain and give "
    "feedback that we will act on”"
)
LIFE_STORY_SOURCE: Final = (
    f"{DURHAM_STRATEGY} 'Life story work'; {DUDLEY_STRATEGY} 'What does permanency mean for "
    f"children?': “Helping children to understand their life story”; {DEVON_PERMANENCE_MATTERS} "
    "'Guiding Principles': “life story work (in digital or other formats appropriate for the "
    "child)”"
)
MEMORIES_SOURCE: Final = (
    f"{DUDLEY_STRATEGY} objective 6: “We will ensure that children understand decisions and "
    "their history by keeping their memories recorded for them”"
)

ADVOCATE: Final = "advocate"
INDEPENDENT_VISITOR: Final = "independent_visitor"
NOT_STARTED: Final = "not_started"


def voice_concerns(
    *,
    looked_after: bool,
    has_views: bool,
    services_offered: set[str],
    life_story_status: str | None,
) -> list[Concern]:
    """What a looked-after child's file does not yet show about their voice. Nothing for a
    child who is not looked after (the offers and life story work are for children in care)."""
    if not looked_after:
        return []
    concerns: list[Concern] = []
    if not has_views:
        concerns.append(Concern("No views, wishes or feelings are recorded yet.", VIEWS_SOURCE))
    for service, name in (
        (ADVOCATE, "an advocate"),
        (INDEPENDENT_VISITOR, "an independent visitor"),
    ):
        if service not in services_offered:
            concerns.append(Concern(f"No offer of {name} is recorded.", ADVOCACY_SOURCE))
    if life_story_status is None or life_story_status == NOT_STARTED:
        concerns.append(Concern("Life story work has not started.", LIFE_STORY_SOURCE))
    return concerns


# The family's voice (issue 18 item 2) -------------------------------------------------------

FAMILY_VIEWS_SOURCE: Final = (
    f"{DEVON_PERMANENCE_MATTERS} 'What we will do': “Social Workers lead on care planning for "
    "children, obtaining the views of the child and family members and taking these into "
    "account”; practice is outstanding where “There is critical decision-making with a clear "
    "understanding of the views and perspectives of children, their parents and carers”"
)
CARE_PLAN_WITH_PARENTS_SOURCE: Final = (
    f"{DURHAM_STRATEGY} 'Looked After Reviews': “The social worker must ensure that the child's "
    "care plan is discussed with parents throughout the time that their child is looked after "
    "particularly prior to and after each looked after review”"
)
IRO_ACTION_SOURCE: Final = (
    f"{DURHAM_STRATEGY} 'Role of the Independent Reviewing Officer': “Through the process the "
    "IRO should be able to demonstrate to children that they are taking action on their behalf”"
)

PARENT: Final = "parent"
CARER: Final = "carer"
FAMILY_MEMBER: Final = "family_member"
SPEAKERS: Final = {PARENT: "Parent", FAMILY_MEMBER: "Family member", CARER: "Carer"}
# Relationships (homeward.children.Relationship values) read as a parent or as a carer; any
# other person in the child's life speaks as a family member or friend.
PARENT_RELATIONSHIPS: Final = frozenset({"mother", "father", "step_parent"})
CARER_RELATIONSHIPS: Final = frozenset({"foster_carer", "prospective_adopter", "special_guardian"})


def speaker(relationship: str) -> str:
    """Whose views these are, from the person's relationship to the child: a parent, a carer,
    or a family member (Devon 'What we will do': "children, their parents and carers")."""
    if relationship in PARENT_RELATIONSHIPS:
        return PARENT
    if relationship in CARER_RELATIONSHIPS:
        return CARER
    return FAMILY_MEMBER


@dataclass(frozen=True)
class ReviewDiscussion:
    """One looked after review and the care plan's discussion with a parent before it and
    after it (Durham 'Looked After Reviews'); None where none is recorded."""

    review: dt.date
    before: dt.date | None
    after: dt.date | None

    def missing(self, today: dt.date) -> list[str]:
        """What is not recorded: "before" for any review, "after" only once the review has
        happened."""
        gaps = [] if self.before else ["before"]
        if self.after is None and self.review <= today:
            gaps.append("after")
        return gaps


def care_plan_discussions(
    reviews: list[dt.date], *, before: list[dt.date], after: list[dt.date]
) -> list[ReviewDiscussion]:
    """For each review (oldest first): the latest discussion "before" it dated after the
    previous review and on or before this one, and the earliest discussion "after" it dated on
    or after this review and before the next one (for the latest review, any time after).
    Durham 'Looked After Reviews': "particularly prior to and after each looked after review".
    Only discussions with a parent are passed in."""
    days = sorted(set(reviews))
    result: list[ReviewDiscussion] = []
    for i, review in enumerate(days):
        previous = days[i - 1] if i else None
        following = days[i + 1] if i + 1 < len(days) else None
        found_before = [d for d in before if d <= review and (previous is None or d > previous)]
        found_after = [d for d in after if d >= review and (following is None or d < following)]
        result.append(
            ReviewDiscussion(
                review,
                max(found_before) if found_before else None,
                min(found_after) if found_after else None,
            )
        )
    return result
