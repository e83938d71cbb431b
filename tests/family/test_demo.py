"""The demo council's siblings, family time and voices (homeward/demo/family.py): realistic,
valid by the same rules the forms apply, and showing each case the pages explain.

Seeds: DS 000 'Independent Reviewing Service' (same IRO), objective 6 (voice); DU 002 'Sibling
Assessment', 'Family Time'.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from homeward.accounts.models import User
from homeward.children.models import Child
from homeward.demo.builder import build
from homeward.domain.councils import profile_for
from homeward.domain.timescales import Status
from homeward.family import selectors
from homeward.family.models import (
    AdvocacyOffer,
    Complaint,
    FamilyTimePlan,
    FamilyTimeReview,
    LifeStoryWork,
    MemoryItem,
    SiblingIroConflict,
    SiblingPairDecision,
    VoiceEntry,
)


@pytest.fixture
def built(db):
    build(profile_for("dudley"), n_children=200, seed=2026, today=timezone.localdate())


def test_every_demo_record_passes_the_rules_the_forms_apply(built) -> None:
    """Homeward's rule: the demo's records obey the same model rules as the forms (full_clean)."""
    models = (
        SiblingPairDecision,
        FamilyTimePlan,
        FamilyTimeReview,
        VoiceEntry,
        AdvocacyOffer,
        Complaint,
        LifeStoryWork,
        MemoryItem,
        SiblingIroConflict,
    )
    for model in models:
        rows = list(model.objects.all())
        assert rows, f"the demo has no {model._meta.verbose_name_plural}"
        for row in rows:
            if model is FamilyTimeReview:
                continue  # a review is checked before its plan moved on; see below
            row.full_clean()
    for review in FamilyTimeReview.objects.select_related("plan"):
        assert review.plan.start_date <= review.reviewed_on < review.next_review_on


def test_sibling_decisions_together_apart_and_undecided(built) -> None:
    """DU 'Sibling Assessment': apart decisions carry the together and apart assessment and
    reasons; some pairs have a history of decisions."""
    decisions = SiblingPairDecision.objects.all()
    kinds = set(decisions.values_list("decision", flat=True))
    assert {"together", "apart"} <= kinds
    for apart in decisions.filter(decision="apart"):
        assert apart.assessment_on and apart.reasons and apart.decided_on
    assert decisions.filter(version=2).exists()


def test_one_group_shows_the_different_iro_warning_and_one_is_explained(built) -> None:
    """DS 'Independent Reviewing Service': same IRO unless there is a conflict of interest."""
    warned, explained = 0, 0
    for child in Child.objects.filter(sibling_group__isnull=False).order_by("sibling_group", "pk"):
        tab = selectors.family_tab(child, User.objects.get(username="service-manager"))
        warned += tab.iro_warning is not None
        explained += tab.conflict is not None
    assert warned >= 2  # every child of the warned group sees it
    assert explained == 1


def test_family_time_plans_with_reviews_on_time_due_soon_and_overdue(built) -> None:
    """DU 'Family Time': reviewed regularly; the demo has some reviews overdue."""
    today = timezone.localdate()
    statuses = {
        selectors.plan_row(plan, today).status
        for plan in FamilyTimePlan.objects.filter(ended_on=None)
    }
    assert {Status.OVERDUE, Status.DUE_SOON, Status.UPCOMING} <= statuses
    assert FamilyTimePlan.objects.filter(with_sibling__isnull=False).exists()
    assert FamilyTimePlan.objects.filter(kind="indirect").exists()


def test_the_demo_social_worker_has_a_sibling_group_to_show(built) -> None:
    """DU 'Sibling Assessment': the demo social worker has an apart decision to show."""
    from homeward.accounts.access import visible_children
    from homeward.accounts.models import User

    mine = visible_children(User.objects.get(username="social-worker"))
    assert SiblingPairDecision.objects.filter(child_a__in=mine, decision="apart").exists()


def test_recent_adoptions_have_a_ceremony_and_the_life_story_deadlines_show(built) -> None:
    """Each adoption order of the last year is followed by a ceremony 2 to 6 weeks later
    (when that has come), and the Voice tab shows the life story book and the later life letter
    due after it (AAR 2005 reg 35: within 10 working days of the ceremony)."""
    from homeward.children.models import JourneyEvent

    ceremonies = list(JourneyEvent.objects.filter(kind="adoption_ceremony"))
    assert ceremonies, "no adoption ceremony in the demo"
    for ceremony in ceremonies:
        order = ceremony.child.events.filter(kind="order_made").latest("date")
        assert 14 <= (ceremony.date - order.date).days <= 42
        tab = selectors.voice_tab(ceremony.child)
        assert {row.rule_id for row, _ in tab.life_story_deadlines} >= {
            "life-story-book",
            "later-life-letter",
        }
