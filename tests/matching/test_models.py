"""The register's invariants hold in the database, whatever writes the row (issue 15 item 1:
approval terms; vacancies never negative; one row per need of the checklist)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from homeward.domain import carers as domain
from homeward.matching.models import Carer, CarerNeed
from tests.matching.factories import CarerFactory

pytestmark = pytest.mark.django_db


def refused(**changes) -> bool:
    carer = CarerFactory()
    for key, value in changes.items():
        setattr(carer, key, value)
    try:
        with transaction.atomic():
            carer.save()
    except IntegrityError:
        return True
    return False


def test_a_good_household_saves() -> None:
    assert not refused(age_from=3, age_to=10, vacancies=2, children_approved=2)


def test_the_youngest_age_is_never_above_the_oldest() -> None:
    assert refused(age_from=12, age_to=5)
    assert not refused(age_from=5, age_to=5)


def test_the_oldest_age_is_at_most_18() -> None:
    assert refused(age_to=domain.MAX_AGE + 1)


def test_vacancies_are_never_negative() -> None:
    assert refused(vacancies=-1)


def test_vacancies_are_never_more_than_the_children_approved_for() -> None:
    assert refused(children_approved=1, vacancies=2)


def test_the_type_and_status_are_from_the_fixed_lists() -> None:
    assert refused(carer_type="childminder")
    assert refused(status="retired")


def test_the_area_is_never_blank() -> None:
    assert refused(area="")


def test_a_reference_is_once_on_the_register() -> None:
    CarerFactory(reference="R-0100")
    with pytest.raises(IntegrityError), transaction.atomic():
        CarerFactory(reference="R-0100")


def test_each_need_is_rated_once_at_a_known_level() -> None:
    carer = CarerFactory()
    assert carer.needs.count() == len(domain.NEEDS)
    with pytest.raises(IntegrityError), transaction.atomic():
        CarerNeed.objects.create(carer=carer, need="behaviour", level="low")
    other = Carer.objects.create(
        reference="R-0200",
        display_name="Carers R-0200",
        carer_type="ifa",
        agency="An agency",
        status="approved",
        status_since=carer.status_since,
        area="Westerby",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CarerNeed.objects.create(carer=other, need="behaviour", level="extreme")
    with pytest.raises(IntegrityError), transaction.atomic():
        CarerNeed.objects.create(carer=other, need="astrology", level="low")


@pytest.mark.parametrize(
    "area,ok",
    [
        ("Northmoor", True),
        ("DY5", True),
        ("Brierley Hill, DY5", True),
        ("DY5 3AB", False),
        ("dy53ab", False),
        ("12 Acacia Avenue", False),
        ("Flat 3, Northmoor", False),
    ],
)
def test_an_area_is_a_locality_or_district_never_an_address(area: str, ok: bool) -> None:
    assert (domain.area_problem(area) is None) == ok


def test_a_type_or_status_is_known_by_its_key_or_its_label() -> None:
    assert domain.key_for(domain.CARER_TYPES, "Independent fostering agency (IFA)") == "ifa"
    assert domain.key_for(domain.CARER_TYPES, "in house foster carer") == "in_house_foster_carer"
    assert domain.key_for(domain.STATUSES, "On hold") == "on_hold"
    assert domain.key_for(domain.STATUSES, "retired") is None
