"""Children for the worklist and drift tests: looked after, with a panel outcome, with a plan."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from homeward.children.models import Child
from homeward.domain import permanence
from homeward.panels.models import Outcome, Panel, Referral
from homeward.planning.models import PermanencePlan
from tests.factories import AllocationFactory, ChildFactory, JourneyEventFactory
from tests.planning.factories import PermanenceOptionFactory


def looked_after(council, days_ago: int, worker_key: str = "social_worker") -> Child:
    child = ChildFactory()
    AllocationFactory(child=child, social_worker=council.users[worker_key], team=council.team_a)
    JourneyEventFactory(
        child=child,
        kind="became_looked_after",
        date=timezone.localdate() - dt.timedelta(days=days_ago),
    )
    return child


def panel_outcome(council, child: Child, pathway: str) -> Outcome:
    """The Achieving Early Permanence Panel sat 90 days ago and agreed ``pathway``."""
    today = timezone.localdate()
    panel = Panel.objects.create(date=today - dt.timedelta(days=90))
    referral = Referral.objects.create(
        panel=panel,
        child=child,
        route="weekly_admissions",
        referred_at=timezone.now() - dt.timedelta(days=95),
        referred_by=council.users["social_worker"],
    )
    return Outcome.objects.create(
        referral=referral,
        pathway=pathway,
        worker=council.users["social_worker"],
        first_ppm_date=today - dt.timedelta(days=60),
        recorded_by=council.users["team_manager"],
    )


def agreed_plan(child: Child, kind: str) -> PermanencePlan:
    """A permanence plan agreed 10 days ago with ``kind`` as its preferred option."""
    option = PermanenceOptionFactory(child=child, kind=kind, status="preferred")
    return PermanencePlan.objects.create(
        child=child,
        version=1,
        preferred_option=option,
        legal_route=permanence.LEGAL_ROUTES[0].key,
        support_plan="Support from the fostering team",
        agreed_on=timezone.localdate() - dt.timedelta(days=10),
        agreed_by="Second Child in Care review",
    )
