"""The demo council's early permanence panel: past panels that agree with the children's
timescales, the next panel with its referrals, and children waiting on the weekly admissions
report (Dudley quick reference guide, 001_d6c3849112f62e7d.txt)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from homeward.accounts.models import User
from homeward.children.models import Child, Episode
from homeward.demo.builder import build
from homeward.domain.councils import profile_for
from homeward.panels import selectors
from homeward.panels.models import Outcome, Panel, Referral
from tests.panels.conftest import DUDLEY


@pytest.fixture
def demo(db):
    build(profile_for("dudley"), n_children=120, seed=2026, today=timezone.localdate())


def test_past_panels_are_the_childrens_own_panel_events(demo) -> None:
    """Each past referral's outcome is the child's aepp_held event, on the day the panel sat,
    and its first PPM falls within the engine's 6 weeks of the panel (SPEC T2)."""
    outcomes = list(
        Outcome.objects.select_related("referral__panel", "referral__child", "journey_event")
    )
    assert outcomes
    for outcome in outcomes:
        panel, child = outcome.referral.panel, outcome.referral.child
        assert panel.status == Panel.Status.HELD
        assert DUDLEY.sitting_on(panel.date) is not None, panel.date
        assert outcome.journey_event.kind == "aepp_held"
        assert outcome.journey_event.date == panel.date
        assert outcome.journey_event.child_id == child.pk
        due = selectors.first_ppm_due(child, panel.date)
        assert due is None or panel.date <= outcome.first_ppm_date <= due.due
        assert outcome.worker.role == outcome.pathway_info.worker_role
        if outcome.referral.is_late:
            assert outcome.referral.late_reason
            assert outcome.referral.referred_at > DUDLEY.sitting_on(panel.date).cutoff


def test_the_next_panel_has_referrals_and_the_weekly_report_has_children_waiting(demo) -> None:
    today = timezone.localdate()
    sitting = DUDLEY.next_sitting(today)
    waiting = Referral.objects.filter(panel__date=sitting.date)
    assert waiting.exists()
    now = timezone.now()
    for referral in waiting:
        assert referral.referred_at <= now
        assert referral.is_late == sitting.is_late(referral.referred_at)
    if now > sitting.cutoff + dt.timedelta(hours=2):  # nothing can be late before the cut-off
        assert waiting.filter(is_late=True).exists()
    coordinator = User.objects.get(username="permanence-coordinator")
    admitted = selectors.weekly_admissions(coordinator, today)
    assert len(admitted) >= 2
    for row in admitted:
        assert today - dt.timedelta(days=7) <= row.looked_after_on <= today
        episode = Episode.objects.get(child=row.child, start_date=row.looked_after_on)
        episode.full_clean()


@pytest.mark.parametrize("slug", ["durham", "devon"])
def test_councils_without_the_panel_have_no_panel_in_their_demo(db, slug) -> None:
    build(profile_for(slug), n_children=40, seed=7, today=timezone.localdate())
    assert not Panel.objects.exists() and Child.objects.count() == 40


def test_the_demo_follows_an_installations_own_panel_day_and_cutoff(db, settings) -> None:
    """With HOMEWARD_AEPP_DAY=thursday and a midday Monday cut-off every demo panel sits on
    the installation's days and every late flag agrees with its cut-off."""
    settings.HOMEWARD_AEPP_DAY = "thursday"
    settings.HOMEWARD_AEPP_CUTOFF_DAY = "monday"
    settings.HOMEWARD_AEPP_CUTOFF_TIME = "12:00"
    build(profile_for("dudley"), n_children=60, seed=11, today=timezone.localdate())
    schedule = selectors.schedule()
    assert schedule is not None
    referrals = list(Referral.objects.select_related("panel"))
    assert referrals
    for referral in referrals:
        sitting = schedule.sitting_on(referral.panel.date)
        assert sitting is not None, referral.panel.date
        assert sitting.regular_date.weekday() == 3  # Thursday
        assert referral.is_late == sitting.is_late(referral.referred_at)


def test_a_panel_that_has_sat_has_one_child_waiting_for_the_outcome(demo, client) -> None:
    """A newcomer could not try "record the panel's outcome" in a fresh demo: every child on a
    panel that had sat already had one. The latest such panel now keeps one child waiting, with
    no ``aepp_held`` yet (001 'Outcomes from meeting')."""
    today = timezone.localdate()
    waiting = Referral.objects.filter(panel__date__lt=today, outcome__isnull=True).select_related(
        "child", "panel"
    )
    assert waiting.count() == 1
    referral = waiting.get()
    assert not referral.child.events.filter(kind="aepp_held", date=referral.panel.date).exists()
    client.force_login(User.objects.get(username="permanence-coordinator"))
    page = client.get(f"/children/{referral.child.child_id}/early-permanence-panel/outcome/")
    assert page.status_code == 200
    assert "has not sat yet" not in page.content.decode()
