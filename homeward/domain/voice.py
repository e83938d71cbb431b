"""The child's voice: what a looked-after child's file should show about their views, advocacy,
complaints, life story and memories, and the procedure behind each. Plain Python, no Django.

Sources (shared/seeds/): DS = Dudley Permanence Strategy (000_f860603ee99ef2b2.txt);
DU = Durham Early Permanence Planning Strategy (002_a77630a273fce245.txt); DM = Dudley Child
Permanence Meetings overview (003_82d866961b2f94a8.txt); DV = Devon Permanence Matters
(004_7232501e48845cda.txt).
"""

from __future__ import annotations

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
