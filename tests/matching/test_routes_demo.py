"""The demo council's family finding (homeward/demo/family_finding.py): the demo family finder's
children on routes at different stages, each route's steps valid by the domain's own checks, and
a worklist with a working day on it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from homeward.accounts.models import User
from homeward.demo.builder import build
from homeward.domain import routes as domain
from homeward.domain.councils import profile_for
from homeward.matching import worklist
from homeward.matching.models import FamilyFinding, PenPicture, PenPictureSent


@pytest.fixture
def demo(db) -> dict[str, int]:
    return build(profile_for("dudley"), n_children=120, seed=2026, today=timezone.localdate())


def test_the_demo_family_finder_has_a_working_day(demo, client) -> None:
    today = timezone.localdate()
    finder = User.objects.get(username="family-finder")
    findings = list(FamilyFinding.objects.prefetch_related("steps_done"))
    assert demo["family_findings"] == len(findings) >= 3
    stages = set()
    for finding in findings:
        route = domain.route(finding.council, finding.route_key)
        done = finding.done()
        assert not domain.done_problems(route, done, today)
        stages.add(len(done))
    assert len(stages) >= 3  # different stages
    rows = worklist.worklist(finder, today).rows
    assert any(r.route is not None and r.due for r in rows)
    assert PenPicture.objects.exists()
    for sent in PenPictureSent.objects.select_related("pen_picture__child"):
        assert sent.pen_picture.child.last_name not in sent.safe_text
    client.force_login(finder)
    assert client.get("/family-finding/").status_code == 200
