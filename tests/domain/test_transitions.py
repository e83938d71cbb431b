"""Worked examples for ``homeward.domain.transitions`` and the sibling rules of issue 18 item 5,
each citing its source (Devon Permanence Matters 'Guiding Principles'; Dudley Permanence
Strategy objectives 8, 9, 10, 'Adoption@Heart'; Durham 'Sibling Assessment')."""

from __future__ import annotations

import datetime as dt

from homeward.domain import siblings, transitions

D = dt.date


def test_a_move_plan_in_order_has_no_problems() -> None:
    """Devon 'Guiding Principles': a transition over a period of time; introductions 1-10 Mar,
    reviewed 5 Mar, the move 11 Mar."""
    assert (
        transitions.move_plan_problems(
            introductions_start=D(2027, 3, 1),
            introductions_end=D(2027, 3, 10),
            move_on=D(2027, 3, 11),
            review_on=D(2027, 3, 5),
        )
        == []
    )


def test_a_move_before_introductions_end_and_a_review_after_the_move_are_problems() -> None:
    problems = transitions.move_plan_problems(
        introductions_start=D(2027, 3, 1),
        introductions_end=D(2027, 3, 10),
        move_on=D(2027, 3, 8),
        review_on=D(2027, 3, 9),
    )
    assert [p.field for p in problems] == ["move_on", "review_on"]


def test_later_life_links_only_for_dudley_without_family_links_from_16() -> None:
    """Dudley objective 8: "later life links for young people who grow up in care and who do not
    have the right family links"."""
    ask = dict(looked_after=True, age=16, family_links=False, link_made=False)
    assert transitions.later_life_links_prompt(council="dudley", **ask) is not None
    assert transitions.later_life_links_prompt(council="durham", **ask) is None
    assert transitions.later_life_links_prompt(council="dudley", **{**ask, "age": 15}) is None
    assert (
        transitions.later_life_links_prompt(council="dudley", **{**ask, "family_links": True})
        is None
    )


def test_adult_services_from_17_to_25_until_handed_over() -> None:
    """Dudley 'Children in Care and Care Experienced Young People Service': work alongside adult
    services for a smooth transition; objective 10: support to 25."""
    ask = dict(council="dudley", handed_over=False, care_experienced=True)
    assert transitions.adult_services_prompt(age=17, **ask) is not None
    assert transitions.adult_services_prompt(age=16, **ask) is None
    assert transitions.adult_services_prompt(age=25, **ask) is None
    assert transitions.adult_services_prompt(age=18, **{**ask, "handed_over": True}) is None


def test_age_on_a_birthday() -> None:
    assert transitions.age_on(D(2010, 10, 1), D(2026, 9, 30)) == 15
    assert transitions.age_on(D(2010, 10, 1), D(2026, 10, 1)) == 16


def test_factors_are_asked_for_a_decision_where_adoption_is_an_option() -> None:
    """Durham 'Sibling Assessment': attachment, health needs, each child's view."""
    missing = siblings.missing_factors(
        decision="apart", adoption_an_option=True, recorded={"attachment": "Close"}
    )
    assert list(missing) == ["health_needs", "childrens_views"]
    assert siblings.missing_factors(decision="apart", adoption_an_option=False, recorded={}) == {}
    assert (
        siblings.missing_factors(decision="not_decided", adoption_an_option=True, recorded={}) == {}
    )


def test_a_child_waits_on_a_sibling_decided_together_who_has_no_plan() -> None:
    """Dudley objective 9: the whole group's permanence is not to be held up by one child."""
    members = [
        siblings.MemberPlan("Ava", "adoption", settled=False),
        siblings.MemberPlan("Leo", None, settled=False),
        siblings.MemberPlan("Mia", None, settled=False),
    ]
    assert siblings.waiting_on(members, [("Ava", "Leo")]) == {"Ava": ("Leo",)}
    assert siblings.waiting_on(members, [("Leo", "Mia")]) == {}  # neither has a plan
    settled = [siblings.MemberPlan("Ava", "adoption", settled=True), members[1]]
    assert siblings.waiting_on(settled, [("Ava", "Leo")]) == {}


def test_a_new_baby_with_adopted_brothers_prompts_the_approach_in_dudley_only() -> None:
    """Dudley 'Adoption@Heart': "approach adopters for new babies where siblings have already
    been adopted"."""
    today = D(2026, 11, 24)
    assert siblings.is_new_baby(born=D(2026, 8, 1), expected=None, today=today)
    assert siblings.is_new_baby(born=None, expected=D(2027, 1, 5), today=today)
    assert not siblings.is_new_baby(born=D(2025, 11, 23), expected=None, today=today)
    prompt = siblings.adopters_to_approach(
        baby_is_new=True, adopted_siblings=["Sam", "Ruby"], approached=False, council="dudley"
    )
    assert prompt is not None
    assert prompt.message == "Ruby and Sam were adopted: approach their adopters about this baby."
    for council, approached in (("durham", False), ("devon", False), ("dudley", True)):
        assert (
            siblings.adopters_to_approach(
                baby_is_new=True, adopted_siblings=["Sam"], approached=approached, council=council
            )
            is None
        )
