"""The rules behind siblings, family time and the child's voice, as worked examples (pure
Python, homeward/domain/siblings.py, family_time.py, voice.py).

Seeds (shared/seeds/): DS 000 Dudley Permanence Strategy; DU 002 Durham Early Permanence
Planning Strategy; DM 003 Dudley Child Permanence Meetings overview; DV 004 Devon Permanence
Matters.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homeward.domain import family_time, siblings, voice
from homeward.domain.siblings import SiblingIro, iro_mismatch, pair_concerns
from homeward.domain.timescales import Status

D = dt.date


# --- One IRO for a sibling group (DS 'Independent Reviewing Service') ---------------------------


def test_the_same_iro_cites_the_exact_sentence_of_dudleys_strategy() -> None:
    """DS 'Independent Reviewing Service': "Unless there is a conflict of interest, a sibling
    group will have the same Independent Reviewing Officer, who will review their plans until
    they no longer need it." The warning cites that sentence, word for word."""
    seed = "Unless there is a conflict of interest, a sibling group will have the same Independent Reviewing Officer, who will review their plans until they no longer need it."  # noqa: E501
    assert seed in siblings.SAME_IRO_SOURCE
    assert "000_f860603ee99ef2b2.txt 'Independent Reviewing Service'" in siblings.SAME_IRO_SOURCE


def test_siblings_with_different_iros_are_warned_about_under_dudley() -> None:
    """DS 'Independent Reviewing Service': a sibling group has the same IRO."""
    warning = iro_mismatch(
        [
            SiblingIro("Ava", "Jo Kestrel"),
            SiblingIro("Leo", "Jo Kestrel"),
            SiblingIro("Mia", "Sam Reed"),
        ],
        council="dudley",
    )
    assert warning is not None
    assert warning.by_iro == (("Jo Kestrel", ("Ava", "Leo")), ("Sam Reed", ("Mia",)))
    assert warning.message == (
        "These brothers and sisters have different IROs (Jo Kestrel reviews Ava and Leo; "
        "Sam Reed reviews Mia). A sibling group should have the same IRO unless there is a "
        "conflict of interest."
    )
    assert warning.source == siblings.SAME_IRO_SOURCE


def test_one_iro_for_the_whole_group_is_no_warning() -> None:
    """DS 'Independent Reviewing Service': one IRO for the whole group is what it asks for."""
    assert (
        iro_mismatch([SiblingIro("Ava", "Jo"), SiblingIro("Leo", "Jo")], council="dudley") is None
    )


def test_a_recorded_conflict_of_interest_silences_the_warning() -> None:
    """DS 'Independent Reviewing Service': "Unless there is a conflict of interest"."""
    members = [
        SiblingIro("Ava", "Jo"),
        SiblingIro("Leo", "Jo"),
        SiblingIro("Mia", "Sam", conflict_of_interest="Sam reviewed the mother's own care"),
    ]
    assert iro_mismatch(members, council="dudley") is None


def test_a_conflict_for_one_child_does_not_excuse_a_third_iro() -> None:
    """DS 'Independent Reviewing Service', read per child (Homeward's rule): one child's conflict
    of interest does not excuse a different IRO for the others."""
    members = [
        SiblingIro("Ava", "Jo"),
        SiblingIro("Leo", "Kit"),
        SiblingIro("Mia", "Sam", conflict_of_interest="Conflict"),
    ]
    warning = iro_mismatch(members, council="dudley")
    assert warning is not None
    assert warning.by_iro == (("Jo", ("Ava",)), ("Kit", ("Leo",)))
    assert warning.explained == ("Mia",)


def test_a_blank_reason_is_not_a_recorded_conflict() -> None:
    """Homeward's rule: the conflict of interest (DS 'Independent Reviewing Service') is written."""
    members = [SiblingIro("Ava", "Jo"), SiblingIro("Mia", "Sam", conflict_of_interest="   ")]
    assert iro_mismatch(members, council="dudley") is not None


def test_children_nobody_reviews_are_left_out() -> None:
    """An IRO reviews a child's plans "until they no longer need it" (DS): a brother who has
    left care and has no IRO does not make a mismatch."""
    members = [SiblingIro("Ava", "Jo"), SiblingIro("Leo", None), SiblingIro("Mia", "Jo")]
    assert iro_mismatch(members, council="dudley") is None


@pytest.mark.parametrize("council", ["durham", "devon"])
def test_councils_whose_procedures_do_not_ask_for_one_iro_show_no_warning(council: str) -> None:
    """Only DS says a sibling group shares an IRO; DU and DV are silent (per-profile table)."""
    members = [SiblingIro("Ava", "Jo"), SiblingIro("Mia", "Sam")]
    assert iro_mismatch(members, council=council) is None
    assert siblings.SAME_IRO_EXPECTED[council] is None


@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "B", "C", "D", "E"]), st.sampled_from([None, "X", "Y"])),
        max_size=6,
    )
)
def test_the_warning_names_each_reviewed_child_once(members: list[tuple[str, str | None]]) -> None:
    """DS 'Independent Reviewing Service': the warning names each reviewed child once (property)."""
    group = [SiblingIro(f"{name}{i}", iro) for i, (name, iro) in enumerate(members)]
    warning = iro_mismatch(group, council="dudley")
    reviewed = {m.iro for m in group if m.iro}
    assert (warning is not None) == (len(reviewed) > 1)
    if warning:
        named = [child for _, children in warning.by_iro for child in children]
        assert sorted(named) == sorted(m.child for m in group if m.iro)


# --- Together or apart (DU 'Sibling Assessment'; DS objective 9) --------------------------------


def test_no_decision_yet_is_something_to_act_on() -> None:
    """DU 'Sibling Assessment': an early decision whether to place siblings together."""
    concerns = pair_concerns(decision=None, placed=None, has_family_time=False)
    assert [c.message for c in concerns] == [
        "No together or apart decision is recorded for these siblings yet."
    ]
    assert "002_a77630a273fce245.txt 'Sibling Assessment'" in concerns[0].source


def test_apart_without_family_time_between_them_is_flagged() -> None:
    """DS objective 9: where siblings cannot grow up together, "reasonable arrangements for them
    to spend quality time together"; DU: "sibling family time should be promoted"."""
    concerns = pair_concerns(decision="apart", placed="apart", has_family_time=False)
    assert [c.message for c in concerns] == [
        "They live apart and there is no family time plan between them."
    ]
    assert "objective 9" in concerns[0].source
    assert pair_concerns(decision="apart", placed="apart", has_family_time=True) == []


def test_decided_together_but_living_apart_is_flagged() -> None:
    """DU 'Sibling Assessment': siblings placed together where it is in each child's interests; a
    decision to place them together that is not carried out is flagged."""
    concerns = pair_concerns(decision="together", placed="apart", has_family_time=True)
    assert [c.message for c in concerns] == [
        "The decision is to place them together, but they live apart now."
    ]


def test_together_and_living_together_needs_nothing() -> None:
    """DU 'Sibling Assessment': siblings living together as decided leave nothing to act on."""
    assert pair_concerns(decision="together", placed="together", has_family_time=False) == []


def test_a_pair_is_stored_lowest_key_first_and_never_with_itself() -> None:
    """Homeward's rule: one record per pair of siblings, whichever child's file it is made from."""
    assert siblings.pair_key(9, 4) == (4, 9) == siblings.pair_key(4, 9)
    with pytest.raises(ValueError):
        siblings.pair_key(3, 3)


# --- Family time (DU 'Family Time'; DM) ---------------------------------------------------------


def test_a_plan_with_no_frequency_is_refused_with_a_clear_message() -> None:
    """DU 'Family Time': the agreement sets out "how frequently"; issue 6 bad input: "a family
    time plan with no frequency" is refused."""
    assert family_time.frequency_problems(None, "", "") == {
        "times": "Enter how often family time happens: a number of times and a period (for "
        "example, 2 times a month), or describe the pattern"
    }
    assert family_time.frequency_problems(None, "", "   ") == {"times": family_time.NO_FREQUENCY}


@pytest.mark.parametrize(
    "times,per,pattern,expected",
    [
        (
            2,
            "",
            "",
            {"per": "Select the period: a week, a fortnight, a month, every 3 months or a year"},
        ),
        (None, "month", "", {"times": "Enter how many times family time happens in the period"}),
        (0, "month", "", {"times": "The number of times must be 1 or more"}),
        (1, "decade", "", {"per": "Select a period from the list"}),
        (2, "month", "", {}),
        (None, "", "Every school holiday and on birthdays", {}),
        (1, "week", "Saturdays", {}),
    ],
)
def test_a_frequency_is_a_number_and_a_period_or_a_pattern(times, per, pattern, expected) -> None:  # type: ignore[no-untyped-def]
    """DU 'Family Time': the agreement says "how frequently": a number and period, or a pattern."""
    assert family_time.frequency_problems(times, per, pattern) == expected


@pytest.mark.parametrize(
    "times,per,pattern,said",
    [
        (1, "week", "", "Once a week"),
        (2, "month", "", "Twice a month"),
        (3, "fortnight", "", "3 times a fortnight"),
        (1, "quarter", "", "Once every 3 months"),
        (1, "week", "Saturday mornings", "Once a week (Saturday mornings)"),
        (None, "", "Letterbox twice a year", "Letterbox twice a year"),
    ],
)
def test_a_frequency_reads_as_a_sentence(times, per, pattern, said) -> None:  # type: ignore[no-untyped-def]
    """DU 'Family Time': "how frequently", said in the words people read on the page."""
    assert family_time.describe_frequency(times, per, pattern) == said


def test_the_review_date_is_a_dated_task_with_the_engines_statuses() -> None:
    """DU 'Family Time': reviewed regularly. The review date goes through the engine's
    task_status: due soon within 14 days, overdue after, no longer applies once ended."""
    today = D(2026, 6, 2)
    assert family_time.review_status(D(2026, 7, 30), today=today) == (Status.UPCOMING, 0)
    assert family_time.review_status(D(2026, 6, 10), today=today) == (Status.DUE_SOON, 0)
    assert family_time.review_status(D(2026, 5, 20), today=today) == (Status.OVERDUE, 13)
    assert family_time.review_status(D(2026, 5, 20), today=today, ended_on=D(2026, 5, 1)) == (
        Status.NO_LONGER_APPLIES,
        0,
    )


def test_a_recorded_review_is_on_time_or_late_against_the_date_it_answered() -> None:
    """DU 'Family Time': "reviewed regularly"; a review is on time or late against its due date."""
    assert family_time.review_timeliness(D(2026, 3, 1), reviewed_on=D(2026, 2, 27)) == (
        Status.MET_ON_TIME,
        0,
    )
    assert family_time.review_timeliness(D(2026, 3, 1), reviewed_on=D(2026, 3, 11)) == (
        Status.MET_LATE,
        10,
    )


def test_family_time_sources_quote_the_seeds() -> None:
    """DU 'Family Time' and DM ("sibling relationships and family time plan")."""
    assert "negotiated before placement, and reviewed regularly" in family_time.AGREEMENT_SOURCE
    assert "003_82d866961b2f94a8.txt" in family_time.MEETING_SOURCE


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
