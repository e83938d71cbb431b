"""The demo council shows issue 18 items 5 and 6 (homeward/demo/transitions.py): Durham's
together-or-apart clock open on a sibling group page, a child who waits on a brother or sister,
Dudley's prompt to approach the adopters of a new baby's adopted brother or sister, move plans
with who does what, and pathway plans from 16."""

from __future__ import annotations

import pytest
from django.utils import timezone

from homeward.accounts.models import User
from homeward.children.models import Child, JourneyEvent
from homeward.demo.builder import build
from homeward.domain.councils import profile_for
from homeward.family import selectors
from homeward.timescales.models import Expectation
from homeward.transitions.models import MovePlan, MoveTask


def _build(council: str, settings) -> None:
    settings.HOMEWARD_COUNCIL = council
    build(profile_for(council), n_children=200, seed=2026, today=timezone.localdate())


def test_the_dudley_demo(db, settings) -> None:
    _build("dudley", settings)
    manager = User.objects.get(username="service-manager")
    pages = [
        selectors.sibling_group_page(child, manager)
        for child in Child.objects.filter(sibling_group__isnull=False)
    ]
    assert any(p is not None and p.approach is not None for p in pages)  # Adoption@Heart
    assert any(p is not None and any(m.waits_on for m in p.members) for p in pages)
    sign_in = User.objects.get(username="social-worker")
    plans = MovePlan.objects.filter(
        child__allocations__social_worker=sign_in, child__allocations__ended_on__isnull=True
    )
    assert plans.count() == 2
    assert MoveTask.objects.filter(plan__in=plans).count() == 8
    assert Expectation.objects.filter(rule_id="pathway-plan", state="met_on_time").exists()
    assert Expectation.objects.filter(rule_id="pathway-plan-review").exists()
    assert JourneyEvent.objects.filter(kind="adult_services_handover").exists()
    assert JourneyEvent.objects.filter(kind="later_life_link_made").exists()


def test_the_durham_demo_has_an_open_together_apart_decision_for_the_sign_in(db, settings) -> None:
    _build("durham", settings)
    sign_in = User.objects.get(username="social-worker")
    assert Expectation.objects.filter(
        rule_id="together-apart-decision",
        state="open",
        child__allocations__social_worker=sign_in,
        child__allocations__ended_on__isnull=True,
    ).exists()
    assert Expectation.objects.filter(rule_id="together-apart-decision", state="met_on_time")


@pytest.mark.parametrize("council", ["devon"])
def test_no_durham_clock_elsewhere(db, settings, council) -> None:
    _build(council, settings)
    assert not Expectation.objects.filter(rule_id="together-apart-decision").exists()
