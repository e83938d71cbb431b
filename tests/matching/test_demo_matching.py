"""The demo council's matching (homeward/demo/matching.py): a few children, allocated to the
demo family finder, with matching profiles the Matching tab ranks the demo's 40 carers for."""

from __future__ import annotations

import pytest
from django.utils import timezone

from homeward.accounts.models import User
from homeward.demo.builder import build
from homeward.domain.councils import profile_for
from homeward.matching import candidates
from homeward.matching.models import MatchDecision, MatchingProfile


@pytest.fixture
def demo(db) -> dict[str, int]:
    return build(profile_for("dudley"), n_children=40, seed=2026, today=timezone.localdate())


def test_the_demo_children_have_profiles_that_rank_the_40_carers(demo, client) -> None:
    assert demo["matching_profiles"] == MatchingProfile.objects.count() == 4
    finder = User.objects.get(username="family-finder")
    client.force_login(finder)
    eligible = 0
    for profile in MatchingProfile.objects.select_related("child"):
        child = profile.child
        tab = candidates.matching_tab(child, timezone.localdate())
        assert not tab.problem, tab.problem
        assert len(tab.rows) + len(tab.unmatchable) == 40
        eligible += len(tab.eligible)
        response = client.get(f"/children/{child.child_id}/matching/")
        assert response.status_code == 200  # allocated to the family finder
    assert eligible > 0
    assert MatchDecision.objects.filter(by=finder, decision="shortlist").count() == 1
