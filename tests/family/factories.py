"""factory_boy factories for siblings, family time and the child's voice. Synthetic only."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from homeward.children.models import SiblingGroup
from homeward.family.models import (
    AdvocacyOffer,
    FamilyTimeKind,
    FamilyTimePlan,
    Period,
    Supervision,
    VoiceEntry,
)
from tests.factories import ChildFactory, PersonInChildsLifeFactory


def today() -> dt.date:
    return timezone.localdate()


class SiblingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiblingGroup

    name = factory.Sequence(lambda n: f"Wrenfold{n} siblings")


def sibling_group(*children, name: str = "Wrenfold siblings") -> SiblingGroup:
    group = SiblingGroupFactory(name=name)
    for child in children:
        child.sibling_group = group
        child.save(update_fields=["sibling_group"])
    return group


class FamilyTimePlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyTimePlan

    child = factory.SubFactory(ChildFactory)
    with_person = factory.LazyAttribute(lambda o: PersonInChildsLifeFactory(child=o.child))
    kind = FamilyTimeKind.DIRECT
    times = 2
    per = Period.MONTH
    supervision = Supervision.SUPERVISED
    supervised_by = "Family time worker"
    venue = "Brookside family centre"
    agreed_on = factory.LazyFunction(lambda: today() - dt.timedelta(days=61))
    start_date = factory.LazyFunction(lambda: today() - dt.timedelta(days=60))
    review_date = factory.LazyFunction(lambda: today() + dt.timedelta(days=30))


class VoiceEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoiceEntry

    child = factory.SubFactory(ChildFactory)
    date = factory.LazyFunction(lambda: today() - dt.timedelta(days=5))
    how_gathered = "direct_work"
    whose_words = "child"
    text = "I want to see my nan more."


class AdvocacyOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdvocacyOffer

    child = factory.SubFactory(ChildFactory)
    service = "advocate"
    offered_on = factory.LazyFunction(lambda: today() - dt.timedelta(days=20))
    offered_by = "Test Worker"
    discussion = "Explained what an advocate does using the leaflet; the child will think about it."
    taken_up = "pending"
