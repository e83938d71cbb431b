"""Explainable matching (homeward/domain/matching.py): each hard constraint, each criterion, the
order and its explanation, as worked examples.

Seeds (shared/seeds/): DS 000 Dudley Permanence Strategy (objective 5: identity, ethnicity,
culture, religion, disability, language; objective 9: siblings); DQ 001 Dudley quick reference
guide ('Expected Outcomes'); DU 002 Durham strategy ('Sibling Assessment', 'Family Time',
'Fostering for Adoption'); DV 004 Devon Permanence Matters ('Devon's Permanence Panel');
shared/domain/SPEC.md section 5. References such as "C-101" are register references: no names.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homeward.domain import matching as m
from homeward.domain import routes
from homeward.domain.councils import DEVON_PERMANENCE_MATTERS as DV
from homeward.domain.councils import DUDLEY_QUICK_GUIDE as DQ
from homeward.domain.councils import DUDLEY_STRATEGY as DS
from homeward.domain.councils import DURHAM_STRATEGY as DU
from homeward.domain.matching import (
    ApprovalTerms,
    CarerProfile,
    CarerStatus,
    CarerType,
    ChildProfile,
    FamilyTime,
    Level,
    MatchingPlan,
    Outcome,
)

LONG_TERM = MatchingPlan("long_term_fostering")


def child(**changes: Any) -> ChildProfile:
    base: dict[str, Any] = {
        "reference": "HW-0042",
        "age": 7,
        "needs": {"behaviour": "medium", "emotional_health": "high"},
        "ethnicity": "White and Black Caribbean",
        "culture": "Caribbean",
        "religion": "Christian",
        "first_language": "English",
    }
    return ChildProfile(**(base | changes))


def carer(reference: str = "C-101", **changes: Any) -> CarerProfile:
    """An approved in-house foster carer who meets everything child() asks."""
    base: dict[str, Any] = {
        "reference": reference,
        "carer_type": CarerType.IN_HOUSE_FOSTER_CARER,
        "status": CarerStatus.APPROVED,
        "terms": ApprovalTerms(children=2, age_from=0, age_to=17, long_term=True),
        "vacancies": 1,
        "area": "Stourbridge",
        "needs_accepted": {"behaviour": "high", "emotional_health": "high"},
        "ethnicities": frozenset({"White and Black Caribbean"}),
        "cultures": frozenset({"Caribbean"}),
        "religion": "Christian",
        "languages": frozenset({"English"}),
    }
    return CarerProfile(**(base | changes))


def terms(**changes: Any) -> ApprovalTerms:
    return dataclasses.replace(carer().terms, **changes)


def result(
    criterion: str,
    the_carer: CarerProfile | None = None,
    the_child: ChildProfile | None = None,
    plan: MatchingPlan = LONG_TERM,
    **kwargs: Any,
) -> m.CriterionResult:
    ranking = m.rank(the_child or child(), [the_carer or carer()], plan, **kwargs)
    return ranking.candidates[0].result(criterion)


# --- The brief's example, word for word -----------------------------------------------------


def test_a_need_explains_itself_in_the_words_of_the_issue() -> None:
    """Issue 15 item 4: "accepts medium behavioural needs; child's need is medium: meets"."""
    found = result("need:behaviour", carer(needs_accepted={"behaviour": "medium"}))
    assert found.reason == "accepts medium behavioural needs; child's need is medium: meets"
    assert found.outcome is Outcome.MEETS and not found.hard
    assert m.LINK_MAKER_RULE in found.source and DS in found.source


# --- Hard constraints: each one excludes, and says why ---------------------------------------


@pytest.mark.parametrize(
    "status", [CarerStatus.ON_HOLD, CarerStatus.IN_ASSESSMENT, CarerStatus.RESIGNED]
)
def test_only_approved_carers_pass(status: CarerStatus) -> None:
    """DS 'Fostering Recruitment, Assessment and Training': carers are approved at the Fostering
    Panel before they are matched."""
    found = result("status", carer(status=status))
    assert found.outcome is Outcome.EXCLUDED and found.hard
    assert found.reason == (f"status is {status.label}; only approved carers are matched: excluded")
    assert result("status").reason == "status is approved: meets"


@pytest.mark.parametrize(
    "option,fits,misfits",
    [
        (
            "adoption",
            {"approved_adopter", "voluntary_adoption_agency", "foster_for_adoption"},
            {"in_house_foster_carer", "ifa", "residential", "connected_person"},
        ),
        ("foster_for_adoption", {"foster_for_adoption"}, {"approved_adopter", "ifa"}),
        (
            "long_term_fostering",
            {"in_house_foster_carer", "ifa"},
            {"approved_adopter", "residential", "foster_for_adoption"},
        ),
        ("residential", {"residential"}, {"in_house_foster_carer", "ifa"}),
    ],
)
def test_the_carer_type_must_fit_the_plans_route(
    option: str, fits: set[str], misfits: set[str]
) -> None:
    """SPEC section 5 and DQ 'Expected Outcomes' (long-term fostering: Dudley or IFA carers);
    DU section 4 'Adoption' and 'Fostering for Adoption' (adopters, or foster carers also
    approved as adopters); DV 'Devon's Permanence Panel' (long-term residential care)."""
    plan = MatchingPlan(option)
    for kind in fits:
        assert result("carer_type", carer(carer_type=kind), plan=plan).outcome is Outcome.MEETS
    for kind in misfits:
        found = result("carer_type", carer(carer_type=kind), plan=plan)
        assert found.outcome is Outcome.EXCLUDED, kind
        assert found.reason.startswith(f"{CarerType(kind).label}; the plan is ")
        assert found.source == m.ROUTE_FITS[option].source


def test_adoption_fits_cite_durham_and_the_ffa_duty() -> None:
    assert DU in m.ROUTE_FITS["adoption"].source
    assert "s22C(9A)" in m.ROUTE_FITS["foster_for_adoption"].source
    assert DQ in m.ROUTE_FITS["long_term_fostering"].source
    assert DV in m.ROUTE_FITS["residential"].source


def test_a_connected_person_is_a_candidate_only_for_their_own_connected_child() -> None:
    """DS objective 4 and 'Connected People's Fostering Team': connected people are assessed for
    a child they have a connection to."""
    for_this_child = carer(carer_type="connected_person", connected_to=frozenset({"HW-0042"}))
    for_another = carer(carer_type="connected_person", connected_to=frozenset({"HW-0007"}))
    assert result("carer_type", for_this_child).outcome is Outcome.MEETS
    other = result("carer_type", for_another)
    assert other.outcome is Outcome.EXCLUDED
    assert "assessed for their own connected child, not this one" in other.reason


def test_the_childs_age_must_be_within_the_approval() -> None:
    found = result("terms:age", carer(terms=terms(age_from=0, age_to=4)))
    assert found.outcome is Outcome.EXCLUDED
    assert found.reason == "approved for ages 0 to 4; the child is 7: excluded"
    assert result("terms:age", carer(terms=terms(age_from=7, age_to=7))).outcome is Outcome.MEETS


def test_the_approval_must_cover_every_child_placed_together() -> None:
    """DS objective 9; DU 'Sibling Assessment': a group kept together needs a home for all."""
    group = child(sibling_group_size=3, siblings_together=True)
    found = result(
        "terms:children", carer(terms=terms(children=2, sibling_groups=True), vacancies=3), group
    )
    assert found.outcome is Outcome.EXCLUDED
    assert found.reason == "approved for 2 children; the plan places 3 children: excluded"


def test_permanent_plans_need_long_term_approval() -> None:
    found = result("terms:long_term", carer(terms=terms(long_term=False)))
    assert found.outcome is Outcome.EXCLUDED
    assert "not approved for long-term care" in found.reason
    # Adopters are approved as adopters: the fostering term does not apply to adoption.
    adopter = carer(carer_type="approved_adopter", terms=terms(long_term=False))
    ranking = m.rank(child(), [adopter], MatchingPlan("adoption"))
    assert "terms:long_term" not in {c.criterion for c in ranking.candidates[0].criteria}
    assert ranking.candidates[0].eligible


def test_a_disabled_child_needs_a_carer_approved_for_disability() -> None:
    """DS objective 5: disability needs; issue 15 item 1: approval terms include disability."""
    disabled = child(disability=True)
    found = result("terms:disability", carer(terms=terms(disability=False)), disabled)
    assert found.outcome is Outcome.EXCLUDED
    assert found.reason == (
        "not approved to care for disabled children; the child has a disability: excluded"
    )
    assert m.IDENTITY_SOURCE in found.source
    ok = result("terms:disability", carer(terms=terms(disability=True)), disabled)
    assert ok.outcome is Outcome.MEETS
    assert "terms:disability" not in {
        c.criterion for c in m.criteria_for(child(), carer(), LONG_TERM)
    }


def test_a_carer_needs_a_vacancy_for_every_child_placed() -> None:
    assert result("vacancy", carer(vacancies=0)).reason == (
        "0 vacancies; the plan needs 1 place: excluded"
    )
    group = child(sibling_group_size=2, siblings_together=True)
    two = carer(terms=terms(sibling_groups=True), vacancies=1)
    assert result("vacancy", two, group).outcome is Outcome.EXCLUDED
    assert result("vacancy", carer(vacancies=1)).outcome is Outcome.MEETS


def test_siblings_the_plan_keeps_together_need_a_carer_approved_for_sibling_groups() -> None:
    """DS objective 9 ("strive to keep sibling groups together"); DU 'Sibling Assessment'."""
    group = child(sibling_group_size=2, siblings_together=True)
    found = result("siblings_together", carer(vacancies=2), group)
    assert found.outcome is Outcome.EXCLUDED
    assert found.reason == (
        "not approved for sibling groups; the plan keeps 2 brothers and sisters together: excluded"
    )
    assert DS in found.source and DU in found.source
    ok = carer(terms=terms(sibling_groups=True), vacancies=2)
    assert m.rank(group, [ok], LONG_TERM).candidates[0].eligible


def test_siblings_placed_apart_are_matched_one_child_at_a_time() -> None:
    """Where the together-and-apart assessment decided apart (DU 'Sibling Assessment'), the
    home needs one place and no sibling approval."""
    apart = child(sibling_group_size=3, siblings_together=False)
    criteria = m.criteria_for(apart, carer(), LONG_TERM)
    assert "siblings_together" not in {c.criterion for c in criteria}
    assert apart.places_needed == 1
    assert m.rank(apart, [carer()], LONG_TERM).candidates[0].eligible


def test_a_carer_in_an_area_to_avoid_is_excluded_whatever_the_case() -> None:
    """Issue 15 item 4: safety exclusions such as the birth family's area; DS guiding principle
    1: the child's safety is paramount."""
    safe = child(avoid_areas=frozenset({"Brierley Hill"}))
    found = result("safety", carer(area="brierley  HILL"), safe)
    assert found.outcome is Outcome.EXCLUDED
    assert found.reason == (
        "lives in brierley  HILL, an area to avoid for the child's safety: excluded"
    )
    assert result("safety", carer(area="Halesowen"), safe).outcome is Outcome.MEETS


def test_every_hard_constraint_is_checked_even_after_one_fails() -> None:
    """The worker sees every reason a carer is left out, not the first one only."""
    bad = carer(status="on_hold", vacancies=0, terms=terms(age_to=3))
    candidate = m.rank(child(), [bad], LONG_TERM).candidates[0]
    assert {c.criterion for c in candidate.exclusions} == {"status", "vacancy", "terms:age"}
    assert candidate.order_key.hard_failed == 3
    assert candidate.explanation.startswith("excluded by 3 hard constraints")


# --- Needs: the needs-acceptance checklist (Link Maker's low / medium / high) ----------------


@pytest.mark.parametrize(
    "accepted,wanted,outcome",
    [
        ("high", "high", Outcome.MEETS),
        ("high", "low", Outcome.MEETS),
        ("medium", "medium", Outcome.MEETS),
        ("medium", "high", Outcome.PARTLY),
        ("low", "medium", Outcome.PARTLY),
        ("low", "high", Outcome.DOES_NOT_MEET),
        (None, "low", Outcome.DOES_NOT_MEET),
    ],
)
def test_needs_compare_level_by_level(accepted: str | None, wanted: str, outcome: Outcome) -> None:
    """Homeward's design rule after Link Maker: the child's level or higher meets the need; one
    level lower partly meets it; two lower, or not accepted at all, does not."""
    needs_accepted = {"learning": accepted} if accepted else {}
    found = result(
        "need:learning", carer(needs_accepted=needs_accepted), child(needs={"learning": wanted})
    )
    assert found.outcome is outcome
    assert found.reason.endswith(f": {outcome.label}")
    if accepted is None:
        assert found.reason.startswith("does not accept learning and special educational needs")


def test_partly_meeting_a_need_says_what_to_discuss() -> None:
    found = result("need:emotional_health", carer(needs_accepted={"emotional_health": "medium"}))
    assert found.reason == (
        "accepts medium emotional and mental health needs; child's need is high (one level "
        "above what they accept: discuss the support they would need): partly meets"
    )


def test_every_need_the_child_has_is_a_criterion_and_no_other() -> None:
    needs = {n.key: "low" for n in m.NEEDS}
    criteria = m.criteria_for(child(needs=needs), carer(), LONG_TERM)
    assert [c.criterion for c in criteria if c.criterion.startswith("need:")] == [
        f"need:{n.key}" for n in m.NEEDS
    ]
    few = m.criteria_for(child(needs={"autism": "low"}), carer(), LONG_TERM)
    assert [c.criterion for c in few if c.criterion.startswith("need:")] == ["need:autism"]


def test_every_need_cites_a_seed() -> None:
    for need in m.NEEDS:
        assert ".txt" in need.source, need.key


# --- Identity: DS objective 5 ----------------------------------------------------------------


def test_a_shared_ethnicity_is_culturally_matched() -> None:
    found = result("identity:ethnicity")
    assert found.outcome is Outcome.MEETS
    assert found.reason == (
        "shares the child's ethnicity (White and Black Caribbean), culturally matched: meets"
    )
    assert found.source == m.IDENTITY_SOURCE and DS in found.source


def test_a_culturally_competent_carer_meets_the_need_too() -> None:
    """DS objective 5: "either through culturally matched or culturally competent carers"."""
    competent = carer(
        ethnicities=frozenset({"White British"}),
        cultures=frozenset({"British"}),
        culturally_competent=frozenset({"white and black caribbean", "Caribbean"}),
    )
    found = result("identity:ethnicity", competent)
    assert found.outcome is Outcome.MEETS
    assert found.reason == (
        "assessed as culturally competent with the child's ethnicity (White and Black "
        "Caribbean) without sharing it: meets"
    )
    assert result("identity:culture", competent).outcome is Outcome.MEETS


def test_neither_matched_nor_competent_does_not_meet() -> None:
    other = carer(ethnicities=frozenset({"White British"}), cultures=frozenset({"British"}))
    assert result("identity:ethnicity", other).outcome is Outcome.DOES_NOT_MEET
    assert result("identity:culture", other).reason == (
        "neither shares nor is assessed as competent with the child's culture (Caribbean): "
        "does not meet"
    )


def test_identity_not_recorded_is_not_known_never_a_match() -> None:
    """Homeward's design rule: a fact missing on either side is "not known"."""
    assert result("identity:religion", the_child=child(religion=None)).outcome is (
        Outcome.NOT_KNOWN
    )
    blank = carer(
        ethnicities=frozenset(), cultures=frozenset(), religion=None, languages=frozenset()
    )
    for key in ("identity:ethnicity", "identity:culture", "identity:religion", "identity:language"):
        found = result(key, blank)
        assert found.outcome is Outcome.NOT_KNOWN, key
        assert "not recorded" in found.reason


def test_religion_shared_or_supported_meets_and_otherwise_does_not() -> None:
    muslim = child(religion="Muslim")
    supports = carer(religion="Christian", religions_supported=frozenset({"muslim"}))
    assert result("identity:religion", supports, muslim).reason == (
        "will support the child to practise their religion (Muslim): meets"
    )
    assert result("identity:religion", carer(religion="Muslim"), muslim).outcome is Outcome.MEETS
    assert result("identity:religion", carer(), muslim).outcome is Outcome.DOES_NOT_MEET


def test_the_childs_first_language() -> None:
    polish = child(first_language="Polish")
    assert result("identity:language", carer(), polish).reason == (
        "does not speak the child's first language (Polish): does not meet"
    )
    speaks = carer(languages=frozenset({"English", "Polish"}))
    assert result("identity:language", speaks, polish).outcome is Outcome.MEETS


# --- Family time: DU 'Family Time' --------------------------------------------------------


def test_family_time_within_the_listed_areas() -> None:
    areas = child(family_time=FamilyTime(areas=frozenset({"Dudley", "Stourbridge"})))
    assert result("family_time", carer(), areas).outcome is Outcome.MEETS
    far = result("family_time", carer(area="Kidderminster"), areas)
    assert far.outcome is Outcome.DOES_NOT_MEET and not far.hard
    assert far.reason == (
        "lives in Kidderminster, outside the family time areas (Dudley, Stourbridge): does not meet"
    )
    assert DU in far.source


def test_family_time_within_the_travel_distance() -> None:
    limit = child(family_time=FamilyTime(from_area="Dudley", max_miles=15))
    miles = {("Stourbridge", "Dudley"): 6.0, ("Telford", "Dudley"): 28.5}

    def distance(a: str, b: str) -> float | None:
        return miles.get((a, b))

    near = result("family_time", carer(), limit, distance=distance)
    assert near.reason == (
        "6 miles from Stourbridge to family time in Dudley; the plan allows 15 miles: meets"
    )
    far = result("family_time", carer(area="Telford"), limit, distance=distance)
    assert far.outcome is Outcome.DOES_NOT_MEET
    unknown = result("family_time", carer(area="Walsall"), limit, distance=distance)
    assert unknown.outcome is Outcome.NOT_KNOWN
    assert result("family_time", carer(), limit).outcome is Outcome.NOT_KNOWN  # no distances


def test_a_carer_beyond_the_family_time_distance_is_shown_not_hidden() -> None:
    """Homeward's design rule: family time is weighed (DU 'Family Time' puts stability first)."""
    limit = child(family_time=FamilyTime(areas=frozenset({"Dudley"})))
    candidate = m.rank(limit, [carer()], LONG_TERM).candidates[0]
    assert candidate.eligible and candidate.order_key.not_met == 1


# --- The order, and its explanation ----------------------------------------------------------


def test_eligible_carers_come_first_then_fewest_not_met_then_partly_then_not_known() -> None:
    best = carer("C-300")
    partly = carer("C-100", needs_accepted={"behaviour": "low", "emotional_health": "high"})
    unknown = carer("C-050", languages=frozenset())
    not_met = carer("C-010", religion="Muslim")
    excluded = carer("C-001", vacancies=0)
    ranking = m.rank(child(), [excluded, not_met, unknown, partly, best], LONG_TERM)
    assert [c.carer.reference for c in ranking.candidates] == [
        "C-300",
        "C-050",
        "C-100",
        "C-010",
        "C-001",
    ]
    assert [c.position for c in ranking.candidates] == [1, 2, 3, 4, 5]
    assert [c.carer.reference for c in ranking.excluded] == ["C-001"]
    assert len(ranking.eligible) == 4
    first, second, third, fourth, fifth = ranking.candidates
    assert m.explain_order(first, second) == (
        "C-300 is above C-050: fewer criteria not known (0 against 1)"
    )
    assert m.explain_order(second, third) == (
        "C-050 is above C-100: fewer criteria only partly met (0 against 1)"
    )
    assert m.explain_order(third, fourth) == (
        "C-100 is above C-010: fewer criteria not met (0 against 1)"
    )
    assert m.explain_order(fourth, fifth) == (
        "C-010 is above C-001: fewer hard constraints failed (0 against 1)"
    )
    with pytest.raises(ValueError):
        m.explain_order(fifth, first)


def test_carers_level_on_everything_are_listed_by_reference() -> None:
    ranking = m.rank(child(), [carer("C-9"), carer("C-10"), carer("C-1")], LONG_TERM)
    assert [c.carer.reference for c in ranking.candidates] == ["C-1", "C-10", "C-9"]
    assert m.explain_order(*ranking.candidates[:2]) == (
        "C-1 is above C-10: level on every criterion count, so listed by register reference"
    )


def test_the_order_key_is_explained_in_words() -> None:
    candidate = m.rank(child(), [carer(religion="Jewish")], LONG_TERM).candidates[0]
    assert candidate.explanation == (
        "passes every hard constraint; 1 criterion not met, 0 partly met, 0 not known"
    )
    ranking = m.rank(child(), [carer()], LONG_TERM)
    assert ranking.ordering == m.ORDER_RULE
    assert "Every criterion counts the same" in m.ORDER_RULE


def test_references_must_be_unique() -> None:
    with pytest.raises(m.ProfileError, match="'C-101': the reference is given twice"):
        m.rank(child(), [carer(), carer()], LONG_TERM)


# --- Properties: every criterion explained, the same list for every carer, one order ---------

CARERS = st.builds(
    carer,
    reference=st.from_regex(r"C-[0-9]{1,4}", fullmatch=True),
    carer_type=st.sampled_from(list(CarerType)),
    status=st.sampled_from(list(CarerStatus)),
    terms=st.builds(
        ApprovalTerms,
        children=st.integers(1, 4),
        age_from=st.integers(0, 8),
        age_to=st.integers(8, 17),
        sibling_groups=st.booleans(),
        long_term=st.booleans(),
        disability=st.booleans(),
    ),
    vacancies=st.integers(0, 3),
    area=st.sampled_from(["Dudley", "Stourbridge", "Halesowen", "Sedgley"]),
    needs_accepted=st.dictionaries(
        st.sampled_from([n.key for n in m.NEEDS]), st.sampled_from(list(Level)), max_size=5
    ),
    religion=st.sampled_from([None, "Christian", "Muslim", "Sikh"]),
    languages=st.sets(st.sampled_from(["English", "Polish", "Urdu"])).map(frozenset),
    connected_to=st.sets(st.sampled_from(["HW-0042", "HW-0007"])).map(frozenset),
)
CHILDREN = st.builds(
    child,
    age=st.integers(0, 17),
    needs=st.dictionaries(
        st.sampled_from([n.key for n in m.NEEDS]), st.sampled_from(list(Level)), max_size=5
    ),
    sibling_group_size=st.integers(1, 3),
    siblings_together=st.booleans(),
    disability=st.booleans(),
    avoid_areas=st.sets(st.sampled_from(["Dudley", "Sedgley"]), max_size=1).map(frozenset),
    family_time=st.sampled_from([None, FamilyTime(areas=frozenset({"Dudley", "Halesowen"}))]),
)
# Every option, and every council route's narrower plan (homeward/domain/routes.py).
PLANS = st.sampled_from(
    [MatchingPlan(option) for option in m.ROUTE_FITS]
    + [route.plan() for council in routes.COUNCILS for route in routes.routes(council)]
)


def unique(carers: list[CarerProfile]) -> list[CarerProfile]:
    return list({c.reference: c for c in carers}.values())


@given(CHILDREN, st.lists(CARERS, max_size=8).map(unique), PLANS)
def test_every_criterion_has_a_reason_an_outcome_and_a_source(
    the_child: ChildProfile, carers: list[CarerProfile], plan: MatchingPlan
) -> None:
    ranking = m.rank(the_child, carers, plan)
    for candidate in ranking.candidates:
        for found in candidate.criteria:
            assert found.reason.endswith(f": {found.outcome.label}"), found
            assert found.source.strip() and found.title.strip()
            assert (found.outcome is Outcome.EXCLUDED) <= found.hard
            if found.hard:
                assert found.outcome in {Outcome.MEETS, Outcome.EXCLUDED}
        assert candidate.order_key == m.order_key(candidate.carer.reference, candidate.criteria)
        assert candidate.eligible == (not candidate.exclusions)


@given(CHILDREN, st.lists(CARERS, min_size=1, max_size=8).map(unique), PLANS)
def test_every_carer_is_judged_on_the_same_criteria(
    the_child: ChildProfile, carers: list[CarerProfile], plan: MatchingPlan
) -> None:
    ranking = m.rank(the_child, carers, plan)
    lists = {tuple(c.criterion for c in cand.criteria) for cand in ranking.candidates}
    assert len(lists) == 1


@given(CHILDREN, st.lists(CARERS, max_size=8).map(unique), PLANS, st.randoms(use_true_random=False))
def test_the_order_does_not_depend_on_the_order_carers_are_given(
    the_child: ChildProfile, carers: list[CarerProfile], plan: MatchingPlan, random: Any
) -> None:
    first = m.rank(the_child, carers, plan)
    shuffled = list(carers)
    random.shuffle(shuffled)
    again = m.rank(the_child, shuffled, plan)
    assert [c.carer.reference for c in first.candidates] == [
        c.carer.reference for c in again.candidates
    ]
    keys = [c.order_key for c in first.candidates]
    assert keys == sorted(keys)
    # Eligible carers always come before excluded ones.
    flags = [c.eligible for c in first.candidates]
    assert flags == sorted(flags, reverse=True)
    for higher, lower in zip(first.candidates, first.candidates[1:], strict=False):
        assert m.explain_order(higher, lower).startswith(f"{higher.carer.reference} is above")


# --- Profiles that cannot be matched on: clear errors --------------------------------------


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"needs": {"behavioral": "low"}}, "child 'HW-0042', field 'needs': 'behavioral' is not"),
        ({"needs": {"behaviour": "severe"}}, "'behaviour' is rated 'severe'; rate it low"),
        ({"age": -1}, "field 'age': -1 is not a child's age"),
        ({"sibling_group_size": 0}, "field 'sibling_group_size': count the child too"),
        ({"avoid_areas": frozenset({"DY1 1HF"})}, "field 'avoid_areas': 'DY1 1HF' looks like"),
        (
            {"family_time": FamilyTime(from_area="Dudley", max_miles=5, areas=frozenset({"A"}))},
            "either a maximum distance in miles or a list of areas",
        ),
        ({"family_time": FamilyTime()}, "not both and not neither"),
        ({"family_time": FamilyTime(max_miles=5)}, "field 'family_time.from_area': give an area"),
    ],
)
def test_a_child_profile_that_cannot_be_used_names_the_field(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(m.ProfileError, match=message.replace("(", r"\(")):
        child(**changes)


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"area": "12 Acacia Road"}, "carer 'C-101', field 'area': '12 Acacia Road' looks like"),
        ({"area": "Dudley DY1 1HF"}, "never an address"),
        ({"area": " "}, "field 'area': give an area"),
        ({"carer_type": "kinship"}, "field 'carer_type': 'kinship' is not one of"),
        ({"status": "active"}, "field 'status': 'active' is not one of"),
        ({"vacancies": -1}, "field 'vacancies': cannot be below 0"),
        ({"terms": ApprovalTerms(children=0)}, "field 'terms.children'"),
        ({"terms": ApprovalTerms(children=1, age_from=10, age_to=5)}, "field 'terms.age_to'"),
        ({"needs_accepted": {"behaviour": "some"}}, "field 'needs_accepted'"),
    ],
)
def test_a_carer_profile_that_cannot_be_used_names_the_field(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(m.ProfileError, match=message):
        carer(**changes)


def test_a_postcode_district_is_an_area() -> None:
    assert carer(area="DY1").area == "DY1"


def test_plans_that_do_not_match_carers_are_refused_by_name() -> None:
    with pytest.raises(m.ProfileError, match="Reunification \\(return home\\) is not found"):
        MatchingPlan("reunification")
    with pytest.raises(m.ProfileError, match="'narnia' is not found"):
        MatchingPlan("narnia")


def test_levels_given_as_text_become_levels() -> None:
    profile = child(needs={"behaviour": "high"})
    assert profile.needs["behaviour"] is Level.HIGH
    with pytest.raises(TypeError):
        profile.needs["behaviour"] = Level.LOW


def test_the_carer_type_reason_names_the_types_that_fit() -> None:
    found = result("carer_type", carer(carer_type="residential"))
    assert found.reason == (
        "residential children's home; the plan is long-term (permanent) fostering, which needs "
        "connected person, in-house foster carer or independent fostering agency carer: excluded"
    )


def test_profiles_can_be_kept_in_sets() -> None:
    """Frozen and hashable, so the Django layer may cache or de-duplicate them."""
    assert len({child(), child()}) == 1
    assert len({carer("C-1"), carer("C-1"), carer("C-2")}) == 2


def test_a_route_narrows_the_carer_types_and_says_so() -> None:
    """DQ 'Match to IFA': the route matches independent fostering agency carers only, though
    long-term fostering itself may be with Dudley's own carers too."""
    plan = MatchingPlan(
        "long_term_fostering",
        carer_types=frozenset({"ifa"}),
        route_title="Match to IFA carers",
        route_source=f"{DQ} 'Match to IFA'",
    )
    found = result("carer_type", carer(), plan=plan)
    assert found.outcome is Outcome.EXCLUDED
    assert found.reason == (
        'in-house foster carer; the route is "Match to IFA carers", which needs independent '
        "fostering agency carer: excluded"
    )
    assert found.source.startswith(f"{DQ} 'Match to IFA'; ")
    assert result("carer_type", carer(carer_type="ifa"), plan=plan).outcome is Outcome.MEETS
    with pytest.raises(m.ProfileError, match="'approved_adopter' cannot be a home by"):
        MatchingPlan("long_term_fostering", carer_types=frozenset({"approved_adopter"}))
    with pytest.raises(m.ProfileError, match="field 'route_title'"):
        MatchingPlan("long_term_fostering", carer_types=frozenset({"ifa"}))


# --- The register's gaps filled (issue 15 item 8) ----------------------------------------------


def test_a_culture_the_carer_is_competent_with_meets_without_sharing_it() -> None:
    """DS objective 5: "culturally matched or culturally competent carers"; the register now
    records what a household is competent with."""
    roma = child(culture="Roma")
    competent = carer(cultures=frozenset({"Irish"}), culturally_competent=frozenset({"roma"}))
    assert result("identity:culture", competent, roma).reason == (
        "assessed as culturally competent with the child's culture (Roma) without sharing it: meets"
    )
    assert result("identity:culture", carer(), roma).outcome is Outcome.DOES_NOT_MEET
    unknown = carer(cultures=frozenset(), culturally_competent=frozenset())
    assert result("identity:culture", unknown, roma).outcome is Outcome.NOT_KNOWN


def test_religions_supported_alone_judge_the_need_when_the_household_has_no_religion() -> None:
    """DS objective 5 (religious needs): a household with no religion of its own that will
    support a child's meets; one that records neither is not known, never a match."""
    sikh = child(religion="Sikh")
    supports = carer(religion=None, religions_supported=frozenset({"Sikh"}))
    assert result("identity:religion", supports, sikh).outcome is Outcome.MEETS
    neither = carer(religion=None, religions_supported=frozenset())
    assert result("identity:religion", neither, sikh).outcome is Outcome.NOT_KNOWN
    other = carer(religion=None, religions_supported=frozenset({"Hindu"}))
    assert result("identity:religion", other, sikh).outcome is Outcome.DOES_NOT_MEET


def test_the_connected_person_rule_cites_the_connected_people_team_and_reg_24() -> None:
    """DS 'Connected People's Fostering Team'; Care Planning Regulations 2010 reg 24 (temporary
    approval of a person connected with a particular child)."""
    connected = carer(carer_type="connected_person", connected_to=frozenset({child().reference}))
    found = result("carer_type", connected, child())
    assert found.outcome is Outcome.MEETS
    assert "Connected People's Fostering Team" in found.source and "reg 24" in found.source
