"""The mapping from the register and the child's record to what the matching domain ranks
(homeward/matching/profiles.py), and the matching profile's form and its errors (issue 15
item 4; homeward/domain/matching.py)."""

from __future__ import annotations

import pytest

from homeward.children.models import SiblingGroup
from homeward.domain import matching
from homeward.matching import profiles
from homeward.matching.models import MatchingProfile
from homeward.matching.profile_forms import MatchingProfileForm, need_field
from tests.clock import TODAY
from tests.factories import ChildFactory
from tests.matching.factories import CarerFactory, MatchingProfileFactory


@pytest.mark.django_db
def test_a_carer_becomes_a_carer_profile_by_reference_and_area_only() -> None:
    carer = CarerFactory(
        reference="R-0101",
        display_name="Sam and Alex",
        carer_type="ifa",
        agency="Brightpath Fostering (demo)",
        children_approved=3,
        age_from=2,
        age_to=12,
        siblings_accepted=True,
        long_term=True,
        vacancies=2,
        area="Northmoor",
        languages="English, Punjabi",
        religion="Sikh",
        ethnicity="Asian British (Indian)",
        checklist={"behaviour": "high", "autism": "low"},
    )
    profile = profiles.carer_profile(carer)
    assert profile.reference == "R-0101"
    assert profile.carer_type is matching.CarerType.IFA
    assert profile.status is matching.CarerStatus.APPROVED
    assert profile.terms == matching.ApprovalTerms(
        children=3, age_from=2, age_to=12, sibling_groups=True, short_term=False, long_term=True
    )
    assert profile.vacancies == 2 and profile.area == "Northmoor"
    assert profile.needs_accepted["behaviour"] is matching.Level.HIGH
    assert profile.needs_accepted["autism"] is matching.Level.LOW
    assert set(profile.needs_accepted) == {n.key for n in matching.NEEDS}
    assert profile.languages == {"English", "Punjabi"}
    assert profile.religion == "Sikh" and profile.ethnicities == {"Asian British (Indian)"}
    assert "Sam" not in repr(profile)  # matching never sees a name


@pytest.mark.django_db
def test_the_register_is_read_in_three_queries_and_a_broken_entry_is_reported(
    django_assert_num_queries,
) -> None:
    CarerFactory.create_batch(4)
    connected = CarerFactory(carer_type="connected_person")
    connected.connected_children.set([ChildFactory(), ChildFactory()])
    CarerFactory(reference="R-0999", children_approved=0, vacancies=0)  # cannot be judged
    # The carers, their checklists, a connected person's children: whatever the register's size.
    with django_assert_num_queries(3):
        found, problems = profiles.register()
    assert len(found) == 5
    assert [p.carer.reference for p in problems] == ["R-0999"]
    assert "terms.children" in problems[0].problem


@pytest.mark.django_db
def test_a_child_becomes_a_child_profile_with_identity_from_the_record() -> None:
    group = SiblingGroup.objects.create(name="Fernby")
    child = ChildFactory(
        ethnicity="WBRI", religion="Christian", first_language="English", disability="Deaf"
    )
    child.sibling_group = group
    child.save()
    ChildFactory(sibling_group=group)
    profile = MatchingProfileFactory(
        child=child,
        needs={"behaviour": "high", "autism": "none"},
        siblings_together=True,
        culture="Traveller heritage",
        avoid_areas="Kestrel Heath\nDY5",
        family_time_from_area="Millbrook",
        family_time_max_miles=10,
    )
    seen = profiles.child_profile(child, profile, TODAY)
    assert seen.reference == child.child_id and seen.age == child.age_on(TODAY) == 4
    assert dict(seen.needs) == {"behaviour": matching.Level.HIGH}  # "none" is left out
    assert seen.sibling_group_size == 2 and seen.siblings_together and seen.places_needed == 2
    assert seen.ethnicity == "White British"  # SSDA903 WBRI, as words
    assert (seen.religion, seen.first_language, seen.culture) == (
        "Christian",
        "English",
        "Traveller heritage",
    )
    assert seen.disability
    assert seen.avoid_areas == {"Kestrel Heath", "DY5"}
    assert seen.family_time == matching.FamilyTime(from_area="Millbrook", max_miles=10.0)


@pytest.mark.django_db
def test_a_route_narrows_the_plan_to_its_carer_types() -> None:
    profile = MatchingProfileFactory(child=ChildFactory(), route="ifa_carers")
    plan = profiles.plan(profile)
    assert plan.option == "long_term_fostering"
    assert plan.types_wanted == {matching.CarerType.IFA}
    assert plan.route_title.startswith("Match to independent fostering agency")
    profile.route = ""
    assert (
        profiles.plan(profile).types_wanted
        == matching.ROUTE_FITS["long_term_fostering"].carer_types
    )


def _data(**changes: str) -> dict[str, str]:
    data = {"option": "long_term_fostering", "route": ""}
    data |= {need_field(n.key): "none" for n in matching.NEEDS}
    return data | changes


@pytest.mark.django_db
def test_the_profile_form_saves_the_needs_rated() -> None:
    child = ChildFactory()
    form = MatchingProfileForm(
        _data(**{need_field("behaviour"): "high", "avoid_areas": " Northmoor \n\nnorthmoor\nDY5"}),
        instance=MatchingProfile(child=child),
    )
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.needs == {"behaviour": "high"}
    assert saved.avoid_areas == "Northmoor\nDY5"


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"option": ""}, "option", "Select the permanence option the child is matched for"),
        ({need_field("behaviour"): ""}, need_field("behaviour"), "Select how great the child's"),
        (
            {"option": "adoption", "route": "ifa_carers"},
            "route",
            "is for long-term (permanent) fostering, not adoption",
        ),
        ({"avoid_areas": "DY5 4AB"}, "avoid_areas", "not a full postcode"),
        ({"avoid_areas": "12 Acacia Avenue"}, "avoid_areas", "not an address"),
        ({"family_time_max_miles": "10"}, "family_time_from_area", "Enter where family time"),
        (
            {"family_time_from_area": "Millbrook"},
            "family_time_max_miles",
            "Enter the furthest distance",
        ),
        (
            {
                "family_time_from_area": "Millbrook",
                "family_time_max_miles": "10",
                "family_time_areas": "Northmoor",
            },
            "family_time_areas",
            "not both",
        ),
        ({"family_time_max_miles": "ten"}, "family_time_max_miles", "whole number of miles"),
        ({"route": "nowhere"}, "route", "Select one of the council's routes"),
    ],
)
@pytest.mark.django_db
def test_the_profile_form_names_each_error(changes, field, message) -> None:
    form = MatchingProfileForm(_data(**changes), instance=MatchingProfile(child=ChildFactory()))
    assert not form.is_valid()
    assert any(message in error for error in form.errors.get(field, [])), form.errors


@pytest.mark.django_db
def test_the_register_gaps_reach_the_domain_profile() -> None:
    """Issue 15 item 8's register gaps: culturally competent identities, religions supported
    and a connected person's children (by child ID) become the CarerProfile's fields."""
    child = ChildFactory()
    carer = CarerFactory(
        carer_type="connected_person",
        culturally_competent="Irish Traveller, Roma ",
        religions_supported="Muslim,Sikh",
    )
    carer.connected_children.set([child])
    [(_, seen)], _ = profiles.register()
    assert seen.culturally_competent == frozenset({"Irish Traveller", "Roma"})
    assert seen.religions_supported == frozenset({"Muslim", "Sikh"})
    assert seen.connected_to == frozenset({child.child_id})


@pytest.mark.django_db
def test_a_connected_person_is_a_home_for_their_own_connected_child_only() -> None:
    """DS 'Connected People's Fostering Team'; Care Planning Regulations 2010 reg 24: a
    connected person is assessed (or temporarily approved) for a particular child."""
    theirs, other = ChildFactory(), ChildFactory()
    carer = CarerFactory(carer_type="connected_person", long_term=True)
    carer.connected_children.set([theirs])
    [(_, seen)], _ = profiles.register()
    for child, expected in ((theirs, matching.Outcome.MEETS), (other, matching.Outcome.EXCLUDED)):
        profile = MatchingProfileFactory(child=child, option="connected_care")
        ranking = matching.rank(
            profiles.child_profile(child, profile, TODAY), [seen], profiles.plan(profile)
        )
        result = ranking.candidates[0].result("carer_type")
        assert result.outcome is expected
        assert "reg 24" in result.source
