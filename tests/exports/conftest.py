"""Fixtures for the background downloads: children in two teams on the drift dashboard."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from homeward.children.models import Child
from homeward.oversight import drift
from tests.oversight.helpers import looked_after


@dataclass
class Drifting:
    team_a: list[Child]
    team_b: Child


@pytest.fixture
def drifting(council) -> Drifting:
    """Two children looked after for a while in Team A and one in Team B (as well as the
    council fixture's own three)."""
    ours = [looked_after(council, days_ago=200), looked_after(council, days_ago=40)]
    theirs = looked_after(council, days_ago=300, worker_key="social_worker_other_team")
    theirs.allocations.update(team=council.team_b)
    drift.refresh([theirs.pk])
    return Drifting(ours, theirs)
