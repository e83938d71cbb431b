"""The child's voice: what is recorded and what is still to act on, as worked examples (pure
Python, homeward/domain/voice.py).

Seeds (shared/seeds/): DS 000 Dudley Permanence Strategy objective 6; DU 002 Durham Early
Permanence Planning Strategy 'Child/ Young Person Participation'.
"""

from __future__ import annotations

from homeward.domain import voice

# --- The child's voice (DS objective 6; DU 'Child/ Young Person Participation') -----------------


def test_a_looked_after_child_with_nothing_recorded_has_four_things_to_act_on() -> None:
    """DM: the child's views, wishes and feelings; DU 'Child/ Young Person Participation' (advocate,
    independent visitor) and 'Life story work'; DS objective 6: access to advocacy."""
    concerns = voice.voice_concerns(
        looked_after=True, has_views=False, services_offered=set(), life_story_status=None
    )
    assert [c.message for c in concerns] == [
        "No views, wishes or feelings are recorded yet.",
        "No offer of an advocate is recorded.",
        "No offer of an independent visitor is recorded.",
        "Life story work has not started.",
    ]
    assert "Child/ Young Person Participation" in concerns[1].source  # DU
    assert "access to advocacy" in concerns[1].source  # DS objective 6
    assert "'Life story work'" in concerns[3].source  # DU


def test_a_child_whose_voice_is_recorded_has_nothing_to_act_on() -> None:
    """DS objective 6; DU 'Child/ Young Person Participation', 'Life story work': all recorded."""
    assert (
        voice.voice_concerns(
            looked_after=True,
            has_views=True,
            services_offered={"advocate", "independent_visitor"},
            life_story_status="in_progress",
        )
        == []
    )


def test_a_child_not_looked_after_is_not_asked_for_offers() -> None:
    """DU 'Child/ Young Person Participation': the offers are discussed at the looked after review;
    independent visitors are for looked after children (Children Act 1989 s23ZB)."""
    assert (
        voice.voice_concerns(
            looked_after=False, has_views=False, services_offered=set(), life_story_status=None
        )
        == []
    )
