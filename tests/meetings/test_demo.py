"""The demo council's meetings (homeward/demo/meetings.py) agree with each child's plan."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from homeward.demo.meetings import DECISIONS_BY_PLAN, VIEWS
from homeward.meetings.models import Meeting
from homeward.planning.models import PermanencePlan


@pytest.fixture
def demo(db):
    call_command("demo", children=300, seed=2026)


def test_the_demos_meetings_agree_with_the_childs_plan(demo) -> None:
    """Regression (a newcomer's try): a demo child's last permanence meeting decided adoption
    while the Plan tab's agreed plan was reunification, and "he" was written of a girl."""
    latest = {}
    for plan in PermanencePlan.objects.select_related("preferred_option").order_by("version"):
        latest[plan.child_id] = plan.preferred_option.kind
    checked = 0
    for meeting in Meeting.objects.filter(status="held", type="ppm", child_id__in=latest):
        expected = DECISIONS_BY_PLAN.get(latest[meeting.child_id])
        if expected is not None:
            assert meeting.decisions == expected[0]
            checked += 1
    assert checked > 0
    assert not any(
        f" {word} " in f" {text} " for text in VIEWS for word in ("he", "she", "his", "her")
    )
