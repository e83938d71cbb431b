"""factory_boy factories for the carers register. Synthetic households only."""

import datetime as dt

import factory
from django.utils import timezone

from homeward.domain import carers as domain
from homeward.matching.models import Carer, CarerNeed


class CarerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Carer
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"R-{n + 1:04d}")
    display_name = factory.LazyAttribute(lambda c: f"Carers {c.reference}")
    carer_type = "in_house_foster_carer"
    status = "approved"
    status_since = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=100))
    children_approved = 2
    age_from = 0
    age_to = 18
    vacancies = 1
    area = "Northmoor"

    @factory.post_generation
    def checklist(self, create, extracted, **kwargs):
        """Every need rated (``checklist={"behaviour": "high"}`` overrides some)."""
        if not create:
            return
        levels = {key: "medium" for key in domain.NEED_KEYS} | (extracted or {})
        CarerNeed.objects.bulk_create(
            CarerNeed(carer=self, need=key, level=level) for key, level in levels.items()
        )


class MatchingProfileFactory(factory.django.DjangoModelFactory):
    """A child's matching profile (issue 15 item 4): long-term fostering, medium behavioural
    needs, nothing else rated."""

    class Meta:
        model = "matching.MatchingProfile"

    option = "long_term_fostering"
    needs = factory.LazyFunction(lambda: {"behaviour": "medium"})
