"""The demo council's sign-offs (homeward/demo/sign_offs.py): under each profile, one child
awaiting each sign-off the council requires and one agreed, each visible to the role that gives
it; and the SGO social workers the demo's panels allocated may open their children."""

from __future__ import annotations

import pytest
from django.utils import timezone

from homeward.accounts import access
from homeward.accounts.models import User
from homeward.children.models import Allocation, SignOff
from homeward.demo.builder import build
from homeward.domain import sign_offs as rules
from homeward.domain.councils import profile_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["durham", "dudley"])
def test_the_demo_has_a_child_awaiting_each_sign_off_its_council_requires(settings, slug) -> None:
    settings.HOMEWARD_COUNCIL = slug
    build(profile_for(slug), n_children=60, seed=2026, today=timezone.localdate())
    for kind in rules.required(slug):
        rows = SignOff.objects.filter(kind=kind.slug)
        awaiting = rows.get(decided_on__isnull=True)
        assert rows.filter(agreed=True).count() == 1, kind.slug
        signer = (
            User.objects.get(username="iro")
            if kind.signer_role == rules.IRO
            else User.objects.get(role=kind.signer_role, is_demo=True)
        )
        assert access.can_view_child(signer, awaiting.child), kind.slug
        assert access.can_decide_sign_off(signer, awaiting.child), kind.slug
        assert access.can_view_child(awaiting.requested_by, awaiting.child), kind.slug
    assert not SignOff.objects.exclude(kind__in=[k.slug for k in rules.required(slug)]).exists()


def test_the_demo_signs_in_the_strategic_manager_and_the_agency_decision_maker() -> None:
    build(profile_for("dudley"), n_children=40, seed=2026, today=timezone.localdate())
    assert User.objects.get(username="strategic-manager").role == "strategic_manager"
    assert User.objects.get(username="agency-decision-maker").role == "agency_decision_maker"
    allocated = Allocation.objects.filter(ended_on__isnull=True, sgo_social_worker__isnull=False)
    for allocation in allocated.select_related("child", "sgo_social_worker")[:5]:
        assert access.can_view_child(allocation.sgo_social_worker, allocation.child)
