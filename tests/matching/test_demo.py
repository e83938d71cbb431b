"""The demo council's carers register (homeward/demo/carers.py): about 40 synthetic households
across every type and status, each with a full checklist and a status history."""

from __future__ import annotations

import pytest
from django.utils import timezone

from homeward.demo.builder import build
from homeward.domain import carers as domain
from homeward.domain.councils import profile_for
from homeward.matching import services
from homeward.matching.models import Carer, CarerNeed


@pytest.fixture
def demo(db) -> dict[str, int]:
    return build(profile_for("dudley"), n_children=40, seed=2026, today=timezone.localdate())


def test_the_demo_register_has_every_type_and_status(demo) -> None:
    assert demo["carers"] == Carer.objects.count() == 40
    assert set(Carer.objects.values_list("carer_type", flat=True)) == {
        key for key, _ in domain.CARER_TYPES
    }
    assert set(Carer.objects.values_list("status", flat=True)) == {
        key for key, _ in domain.STATUSES
    }
    assert Carer.objects.filter(vacancies__gt=0).exists()
    assert CarerNeed.objects.count() == 40 * len(domain.NEEDS)


def test_every_demo_household_passes_the_registers_own_checks(demo) -> None:
    for carer in Carer.objects.prefetch_related("status_changes"):
        carer.full_clean()
        values = {f.name: getattr(carer, f.attname) for f in Carer._meta.concrete_fields}
        assert services.problems(values) == {}, carer.reference
        assert carer.status_changes.all()[0].status == carer.status  # the newest first
        assert "-Demo" not in carer.display_name  # first names only, no surnames
