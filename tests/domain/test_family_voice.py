"""The family's voice (issue 18 item 2), pure rules.

Sources: Devon Permanence Matters (004_7232501e48845cda.txt) 'What we will do': "obtaining the
views of the child and family members" and "the views and perspectives of children, their
parents and carers"; Durham Early Permanence Planning Strategy (002_a77630a273fce245.txt)
'Looked After Reviews': "the child's care plan is discussed with parents ... particularly prior
to and after each looked after review".
"""

from __future__ import annotations

import datetime as dt

from homeward.domain import voice

D = dt.date


def test_whose_views_come_from_the_relationship() -> None:
    assert voice.speaker("mother") == voice.PARENT
    assert voice.speaker("father") == voice.PARENT
    assert voice.speaker("step_parent") == voice.PARENT
    assert voice.speaker("foster_carer") == voice.CARER
    assert voice.speaker("special_guardian") == voice.CARER
    assert voice.speaker("prospective_adopter") == voice.CARER
    assert voice.speaker("grandparent") == voice.FAMILY_MEMBER
    assert voice.speaker("aunt_uncle") == voice.FAMILY_MEMBER
    assert voice.SPEAKERS[voice.speaker("mother")] == "Parent"


def test_each_review_finds_the_discussion_before_it_and_after_it() -> None:
    """Worked example. Reviews on 1 June, 1 September and 1 December 2026. Discussions with a
    parent "before": 20 May, 25 August, 28 August (the latest counts for 1 September) and 2
    December (after the last review: it counts for none). "After": 3 June, 30 August and 5
    September.

    1 June: before in (none, 1 Jun] -> 20 May; after in [1 Jun, 1 Sep) -> 3 June (earliest of
    3 June and 30 August).
    1 September: before in (1 Jun, 1 Sep] -> 28 August; after in [1 Sep, 1 Dec) -> 5 September.
    1 December: before in (1 Sep, 1 Dec] -> none; after on or after 1 Dec -> none."""
    rows = voice.care_plan_discussions(
        [D(2026, 9, 1), D(2026, 6, 1), D(2026, 12, 1)],
        before=[D(2026, 5, 20), D(2026, 8, 25), D(2026, 8, 28), D(2026, 12, 2)],
        after=[D(2026, 6, 3), D(2026, 9, 5), D(2026, 8, 30)],
    )
    assert rows == [
        voice.ReviewDiscussion(D(2026, 6, 1), D(2026, 5, 20), D(2026, 6, 3)),
        voice.ReviewDiscussion(D(2026, 9, 1), D(2026, 8, 28), D(2026, 9, 5)),
        voice.ReviewDiscussion(D(2026, 12, 1), None, None),
    ]


def test_a_discussion_on_the_day_of_the_review_counts_before_and_after_it() -> None:
    rows = voice.care_plan_discussions(
        [D(2026, 6, 1)], before=[D(2026, 6, 1)], after=[D(2026, 6, 1)]
    )
    assert rows == [voice.ReviewDiscussion(D(2026, 6, 1), D(2026, 6, 1), D(2026, 6, 1))]


def test_what_is_missing_waits_for_the_review_to_happen_before_asking_for_after() -> None:
    today = D(2026, 11, 24)
    past = voice.ReviewDiscussion(D(2026, 11, 1), None, None)
    future = voice.ReviewDiscussion(D(2026, 12, 1), None, None)
    done = voice.ReviewDiscussion(D(2026, 11, 1), D(2026, 10, 28), D(2026, 11, 5))
    assert past.missing(today) == ["before", "after"]
    assert future.missing(today) == ["before"]  # the discussion after it is not due yet
    assert done.missing(today) == []
    # The review today: it has happened, so the discussion after it is asked for.
    assert voice.ReviewDiscussion(today, D(2026, 11, 20), None).missing(today) == ["after"]


def test_the_sources_quote_the_procedures() -> None:
    assert "004_7232501e48845cda.txt 'What we will do'" in voice.FAMILY_VIEWS_SOURCE
    assert "prior to and after each looked after review" in voice.CARE_PLAN_WITH_PARENTS_SOURCE
    assert "taking action on their behalf" in voice.IRO_ACTION_SOURCE
