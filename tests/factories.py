"""factory_boy factories for the case record. Synthetic names only."""

import datetime as dt

import factory
from django.utils import timezone

from homeward.accounts.models import Role, Team, User
from homeward.children.models import (
    Allocation,
    Child,
    Episode,
    JourneyEvent,
    JourneyEventKind,
    Person,
    PersonInChildsLife,
    Relationship,
)

PASSWORD = "a-test-password-2026"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Test team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Worker{n}")
    role = Role.SOCIAL_WORKER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        if create and extracted:
            self.teams.set(extracted)
        if create:
            self.save()


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    child_id = factory.Sequence(lambda n: f"T{n:06d}")
    first_name = "Testchild"
    last_name = factory.Sequence(lambda n: f"Fernby{n}")
    date_of_birth = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=5 * 365))
    sex = "F"
    ethnicity = "WBRI"


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    child = factory.SubFactory(ChildFactory)
    started_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=100))


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode

    child = factory.SubFactory(ChildFactory)
    start_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=90))
    reason_new_episode = "S"
    legal_status = "C1"
    placement_type = "U4"
    placement_provider = "PR1"


class JourneyEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JourneyEvent

    child = factory.SubFactory(ChildFactory)
    kind = JourneyEventKind.BECAME_LOOKED_AFTER
    date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=90))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = "Testadult"
    last_name = factory.Sequence(lambda n: f"Oakley{n}")


class PersonInChildsLifeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonInChildsLife

    child = factory.SubFactory(ChildFactory)
    person = factory.SubFactory(PersonFactory)
    relationship = Relationship.MOTHER
    has_parental_responsibility = True
