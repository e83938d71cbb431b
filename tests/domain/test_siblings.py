"""Siblings: one IRO for a sibling group, and together or apart, as worked examples (pure Python,
homeward/domain/siblings.py).

Seeds (shared/seeds/): DS 000 Dudley Permanence Strategy; DU 002 Durham Early Permanence
Planning Strategy.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homeward.domain import siblings
from homeward.domain.siblings import SiblingIro, iro_mismatch, pair_concerns

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
