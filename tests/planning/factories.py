"""factory_boy factories for permanence planning. Synthetic data only."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from homeward.planning.models import Assessment, OptionChange, PermanenceOption
from tests.factories import ChildFactory


def today() -> dt.date:
    return timezone.localdate()


class PermanenceOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PermanenceOption
        skip_postgeneration_save = True

    child = factory.SubFactory(ChildFactory)
    kind = "sgo"
    status = "to_explore"
    next_step = "Viability assessment of the maternal grandmother"

    @factory.post_generation
    def history(self, create, extracted, **kwargs):
        if create:
            OptionChange.objects.create(
                option=self, from_status="", to_status=self.status, reason="Raised at the CPM"
            )


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    child = factory.SubFactory(ChildFactory)
    kind = "viability"
    assessor = "Connected People's Fostering Team"
    requested_on = factory.LazyFunction(lambda: today() - dt.timedelta(days=20))
    due_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=20))
