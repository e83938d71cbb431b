"""The demo council's family finding (homeward/demo/family_finding.py): the demo family finder's
children on routes at different stages, each route's steps valid by the domain's own checks, and
a worklist with a working day on it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from homeward.accounts.models import User
from homeward.demo.builder import build
from homeward.documents.models import Document
from homeward.domain import routes as domain
from homeward.domain.councils import profile_for
from homeward.matching import bundle, worklist
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
        assert not domain.done_problems(route, done, today, results=finding.results())
        stages.add(len(done))
    assert len(stages) >= 3  # different stages
    rows = worklist.worklist(finder, today).rows
    assert any(r.route is not None and r.due for r in rows)
    assert PenPicture.objects.exists()
    for sent in PenPictureSent.objects.select_related("pen_picture__child"):
        assert sent.pen_picture.child.last_name not in sent.safe_text
    client.force_login(finder)
    assert client.get("/family-finding/").status_code == 200


def test_the_demo_has_bundles_complete_past_the_panel_and_part_complete_before(demo) -> None:
    """Issue 15 item 5: children past the step that books the panel have every document
    received (each with a small synthetic PDF on their record) or a manager's override; the
    others part complete, so the gate shows closed."""
    assert demo["bundle_files"] > 0
    closed = 0
    for finding in FamilyFinding.objects.prefetch_related(
        "steps_done", "bundle_items", "bundle_overrides"
    ):
        route = domain.route(finding.council, finding.route_key)
        if route.bundle is None:
            continue
        panel = next(s for s in route.steps if s.needs_kind is domain.NeedsKind.BUNDLE)
        gate = bundle.gate_for(finding)
        if panel.key in finding.done():
            assert gate.open
        else:
            closed += not gate.open
        for item in finding.bundle_items.all():
            files = Document.objects.filter(source=item.source)
            if item.status == "received":
                assert files.exists()
                assert all(f.content_type == "application/pdf" for f in files)
                assert files.first().child_id == finding.child_id
    assert closed >= 1


def test_the_demo_has_children_at_each_outcome_and_the_events_they_wrote(demo) -> None:
    """Issue 15 item 6: some of the family finder's children have a panel's or decision's
    outcome recorded (each with the name asked and, where positive, the journey event the routes
    file names), some a deferred or negative one keeping the later steps closed, and some wait
    for an outcome next."""
    from homeward.domain import route_outcomes
    from homeward.matching.models import RouteStepDone

    rows = list(RouteStepDone.objects.exclude(result="").select_related("finding", "event"))
    assert rows
    assert any(not route_outcomes.is_positive(r.result) and r.reason for r in rows)
    for row in rows:
        step = domain.route(row.finding.council, row.finding.route_key).step(row.step_key)
        assert step.outcome is not None and row.decided_by
        if step.event is not None and route_outcomes.is_positive(row.result):
            assert row.event is not None and row.event.kind == step.event
            assert row.event.date == row.done_on and row.event.child_id == row.finding.child_id
        else:
            assert row.event is None
    waiting = 0
    for finding in FamilyFinding.objects.prefetch_related("steps_done"):
        route = domain.route(finding.council, finding.route_key)
        steps = domain.progress(route, finding.done(), results=finding.results())
        following = next((p for p in steps if p.state is not domain.StepState.DONE), None)
        waiting += following is not None and following.step.outcome is not None
    assert waiting >= 1
