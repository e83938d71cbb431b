"""The Family and Voice tabs, a family time plan's page and the Plan tab's family sections run a
fixed number of queries however many siblings, decisions, plans, reviews or entries a child has
(as tests/children/test_query_counts.py does for the record)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from homeward.family import selectors, services
from homeward.family.models import (
    AdvocacyOffer,
    Complaint,
    FamilyTimeReview,
    MemoryItem,
    SiblingIroConflict,
    SiblingPairDecision,
)
from tests.factories import AllocationFactory, ChildFactory, UserFactory
from tests.family.factories import (
    FamilyTimePlanFactory,
    VoiceEntryFactory,
    sibling_group,
    today,
)

DAY = dt.timedelta(days=1)


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def grow_family(council, n: int) -> None:
    """n more brothers and sisters (each with an IRO, a decision, a conflict of interest and a
    family time plan with child_a), n more people's plans and reviews."""
    child = council.child_a
    iro = UserFactory(role="iro")
    members = [child]
    for _ in range(n):
        sibling = ChildFactory()
        AllocationFactory(child=sibling, iro=iro)
        members.append(sibling)
    group = child.sibling_group
    if group is None:
        sibling_group(*members)
    else:
        for member in members:
            member.sibling_group = group
            member.save(update_fields=["sibling_group"])
    child.refresh_from_db()
    for sibling in members[1:]:
        services.record_sibling_decision(
            SiblingPairDecision(
                placed="together",
                decision="together",
                reasons="Close bond",
                decided_by="Child Permanence Meeting",
                decided_on=today() - DAY,
            ),
            child=child,
            sibling=sibling,
            actor=None,
        )
        SiblingIroConflict.objects.create(child=sibling, reason="Conflict", recorded_on=today())
        FamilyTimePlanFactory(child=child, with_person=None, with_sibling=sibling)
    for _ in range(n):
        plan = FamilyTimePlanFactory(child=child, review_date=today() + 10 * DAY)
        FamilyTimeReview.objects.create(
            plan=plan,
            reviewed_on=today(),
            due_on=today(),
            outcome="continue",
            next_review_on=today() + 10 * DAY,
        )


def test_the_family_tab_query_count_does_not_grow(client, council) -> None:
    """Homeward's rule (STYLE.md convention 5): the Family tab's query count does not grow."""
    client.force_login(council.users["social_worker"])
    url = f"/children/{council.child_a.child_id}/family/"
    grow_family(council, 1)
    small = queries_for(client, url)
    grow_family(council, 8)
    assert queries_for(client, url) == small


def test_a_family_time_plans_page_query_count_does_not_grow_with_reviews(client, council) -> None:
    """Homeward's rule (STYLE.md convention 5): a plan's page does not grow with its reviews."""
    client.force_login(council.users["social_worker"])
    plan = FamilyTimePlanFactory(child=council.child_a)
    url = f"/children/{council.child_a.child_id}/family/time/{plan.pk}/"

    def review() -> None:
        FamilyTimeReview.objects.create(
            plan=plan,
            reviewed_on=today(),
            due_on=today(),
            outcome="continue",
            next_review_on=today() + 10 * DAY,
            recorded_by=UserFactory(),
        )

    review()
    small = queries_for(client, url)
    for _ in range(8):
        review()
    assert queries_for(client, url) == small


def test_the_voice_tab_query_count_does_not_grow(client, council) -> None:
    """Homeward's rule (STYLE.md convention 5): the Voice tab's query count does not grow."""
    client.force_login(council.users["social_worker"])
    child = council.child_a
    url = f"/children/{child.child_id}/voice/"

    def more(n: int) -> None:
        for _ in range(n):
            VoiceEntryFactory(child=child, recorded_by=UserFactory())
            AdvocacyOffer.objects.create(
                child=child,
                service="advocate",
                offered_on=today(),
                offered_by="Worker",
                discussion="Explained",
                taken_up="no",
            )
            Complaint.objects.create(
                child=child, received_on=today(), made_by="child", subject="Food"
            )
            MemoryItem.objects.create(
                child=child, description="Photo", received_on=today(), where_kept="Box"
            )

    more(1)
    small = queries_for(client, url)
    more(8)
    assert queries_for(client, url) == small


def test_the_plan_sections_fragment_query_count_does_not_grow(council) -> None:
    """The fragment the Plan tab includes (family/_plan_sections.html)."""
    request = RequestFactory().get("/")
    request.user = council.users["social_worker"]

    def render() -> int:
        child = type(council.child_a).objects.get(pk=council.child_a.pk)
        with CaptureQueriesContext(connection) as ctx:
            html = render_to_string(
                "family/_plan_sections.html",
                {"child": child, **selectors.plan_sections(child, request.user)},
                request=request,
            )
        assert "Family time" in html
        return len(ctx.captured_queries)

    grow_family(council, 1)
    small = render()
    grow_family(council, 8)
    assert render() == small
