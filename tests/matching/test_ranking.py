"""The Matching tab on a child's record (issue 15 item 4): the ranking as ``rank`` gives it,
every criterion's outcome and reason for every carer, hard-constraint failures said in words,
the worker's decisions recorded, audited and superseded, need-to-know as the child's record
(the family finder allocated sees it; not allocated, 404), and a query count that does not grow
with the register."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from homeward.audit.models import AuditAction, AuditEntry
from homeward.domain import matching
from homeward.matching import profiles
from homeward.matching.models import MatchDecision
from tests.clock import TODAY
from tests.matching.factories import CarerFactory, MatchingProfileFactory


def tab_url(child) -> str:
    return f"/children/{child.child_id}/matching/"


def text(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def register():
    """Three households: one who meets everything, one partly, one excluded (no vacancy), and
    one in the area to avoid."""
    return {
        "meets": CarerFactory(
            reference="R-0001",
            display_name="Sam and Alex",
            long_term=True,
            checklist={"behaviour": "high"},
        ),
        "partly": CarerFactory(
            reference="R-0002", display_name="Priya", long_term=True, checklist={"behaviour": "low"}
        ),
        "full": CarerFactory(
            reference="R-0003", display_name="Kofi and Ama", long_term=True, vacancies=0
        ),
        "unsafe": CarerFactory(
            reference="R-0004", display_name="Rhys", long_term=True, area="Kestrel Heath"
        ),
    }


@pytest.fixture
def profile(council):
    return MatchingProfileFactory(
        child=council.child_a, needs={"behaviour": "high"}, avoid_areas="Kestrel Heath"
    )


def test_the_tab_ranks_the_register_as_rank_does_with_every_criterion(
    client, council, register, profile
) -> None:
    client.force_login(council.users["social_worker"])
    response = client.get(tab_url(council.child_a))
    assert response.status_code == 200
    page = text(response)
    households, _ = profiles.register()
    expected = matching.rank(
        profiles.child_profile(council.child_a, profile, TODAY),
        [p for _, p in households],
        profiles.plan(profile),
    )
    # The page lists the carers in rank()'s order.
    references = [c.carer.reference for c in expected.candidates]
    assert references == ["R-0001", "R-0002", "R-0003", "R-0004"]
    positions = [page.index(f"{n}. ") for n in range(1, 5)]
    assert positions == sorted(positions)
    for n, ref in enumerate(references, start=1):
        assert f"{n}. " in page and f"({ref})" in page
    assert [page.index(f"({ref})") for ref in references] == sorted(
        page.index(f"({ref})") for ref in references
    )
    # Every criterion's outcome and reason, for every carer.
    for candidate in expected.candidates:
        for result in candidate.criteria:
            assert result.reason[0].upper() + result.reason[1:] in page, result
    assert "Accepts high behavioural needs; child's need is high: meets" in page
    assert "Accepts low behavioural needs; child's need is high: does not meet" in page
    # Hard-constraint failures, in words, with the order rule.
    assert "Carers who pass every hard constraint (2)" in page
    assert "Carers excluded by a hard constraint (2)" in page
    assert "Excluded because Has a vacancy: 0 vacancies; the plan needs 1 place: excluded" in page
    assert "an area to avoid for the child's safety: excluded" in page
    assert matching.ORDER_RULE in page
    assert "R-0001 is above R-0002: fewer criteria not met" in page
    # Carers by display name, reference, type, provider and area: never an address or score.
    assert "Sam and Alex" in page and "In-house" in page and "Northmoor" in page
    assert page.lower().count("score") == 1  # "there is no score"
    assert AuditEntry.objects.filter(
        child_id=council.child_a.child_id, action=AuditAction.VIEW, summary="Viewed matching: child"
    ).exists()


def test_without_a_profile_the_tab_asks_for_one(client, council, register) -> None:
    client.force_login(council.users["social_worker"])
    page = text(client.get(tab_url(council.child_a)))
    assert "There is no matching profile yet" in page
    assert "Add the matching profile" in page


def test_the_profile_form_shows_its_errors_and_saves_audited(client, council) -> None:
    client.force_login(council.users["social_worker"])
    url = f"{tab_url(council.child_a)}profile/"
    response = client.post(url, {"avoid_areas": "DY5 4AB"})
    page = text(response)
    assert response.status_code == 200 and "There is a problem" in page
    assert "Select the permanence option the child is matched for" in page
    assert "not a full postcode" in page
    data = {"option": "long_term_fostering", "route": "ifa_carers"}
    data |= {f"need_{n.key}": "none" for n in matching.NEEDS} | {"need_behaviour": "medium"}
    response = client.post(url, data)
    assert response.status_code == 302
    saved = council.child_a.matching_profile
    assert saved.needs == {"behaviour": "medium"} and saved.route == "ifa_carers"
    entry = AuditEntry.objects.get(child_id=council.child_a.child_id, action=AuditAction.CREATE)
    assert entry.summary == "Added the matching profile" and entry.after["route"] == "ifa_carers"


def test_decisions_are_recorded_audited_and_superseded(client, council, register, profile) -> None:
    client.force_login(council.users["social_worker"])
    url = f"{tab_url(council.child_a)}decide/"
    carer = register["partly"]
    response = client.post(url, {"carer": carer.pk, "decision": "reject"})
    assert response.status_code == 200
    assert "Enter why the carer is rejected" in text(response)
    assert not MatchDecision.objects.exists()
    assert client.post(url, {"carer": carer.pk, "decision": "shortlist"}).status_code == 302
    response = client.post(
        url, {"carer": carer.pk, "decision": "reject", "reason": "Cannot meet behaviour"}
    )
    assert response.status_code == 302
    excluded = register["full"]
    client.post(
        url, {"carer": excluded.pk, "decision": "add", "reason": "A vacancy from next month"}
    )
    decisions = list(MatchDecision.objects.filter(child=council.child_a).order_by("pk"))
    assert [d.decision for d in decisions] == ["shortlist", "reject", "add"]  # history kept
    entries = AuditEntry.objects.filter(
        child_id=council.child_a.child_id, action=AuditAction.CREATE, object_type="match decision"
    ).order_by("pk")
    assert [e.summary for e in entries] == [
        "Shortlisted carer R-0002 for matching",
        "Rejected carer R-0002 for matching (supersedes: shortlisted)",
        "Added carer R-0003 for matching, where the ranking missed them",
    ]
    assert entries[1].reason == "Cannot meet behaviour"
    page = text(client.get(tab_url(council.child_a)))
    worker = council.users["social_worker"]
    who = worker.get_full_name() or worker.username
    assert f"Rejected by {who} on 24 November 2026" in page
    assert "Cannot meet behaviour" in page
    assert f"Earlier: shortlisted by {who}" in page
    # The shortlist: the carer added, not the one rejected.
    shortlist = page[
        page.index("The shortlist") : page.index("Carers who pass every hard constraint (")
    ]
    assert "R-0003" in shortlist and "R-0002" not in shortlist


def test_a_family_finder_allocated_to_the_child_sees_and_decides(
    client, council, register, profile
) -> None:
    finder = council.users["family_finder"]
    client.force_login(finder)
    assert client.get(tab_url(council.child_a)).status_code == 404  # not allocated
    assert AuditEntry.objects.filter(
        username=finder.username, action=AuditAction.DENIED, child_id=council.child_a.child_id
    ).exists()
    allocation = council.child_a.allocations.get(ended_on__isnull=True)
    allocation.family_finder = finder
    allocation.save()
    response = client.get(tab_url(council.child_a))
    assert response.status_code == 200 and "Record a decision" in text(response)
    response = client.post(
        f"{tab_url(council.child_a)}decide/",
        {"carer": register["meets"].pk, "decision": "shortlist"},
    )
    assert response.status_code == 302
    assert MatchDecision.objects.get().by == finder
    assert client.get(tab_url(council.child_b)).status_code == 404  # not their child


def test_those_who_only_read_see_the_tab_but_cannot_decide(client, council, register, profile):
    client.force_login(council.users["performance_analyst"])
    response = client.get(tab_url(council.child_a))
    assert response.status_code == 200 and "Record a decision" not in text(response)
    assert client.get(f"{tab_url(council.child_a)}decide/").status_code == 403
    assert client.get(f"{tab_url(council.child_a)}profile/").status_code == 403


def test_the_query_count_does_not_grow_with_the_register(client, council, profile) -> None:
    client.force_login(council.users["social_worker"])
    CarerFactory.create_batch(3)
    MatchDecision.objects.create(
        child=council.child_a,
        carer=CarerFactory(),
        decision="shortlist",
        by=council.users["social_worker"],
        at=council.child_a.created_at,
    )
    with CaptureQueriesContext(connection) as few:
        assert client.get(tab_url(council.child_a)).status_code == 200
    for carer in CarerFactory.create_batch(25):
        MatchDecision.objects.create(
            child=council.child_a,
            carer=carer,
            decision="reject",
            reason="Too far",
            by=council.users["colleague"],
            at=council.child_a.created_at,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(tab_url(council.child_a))
    assert response.status_code == 200
    assert "Carers excluded by a hard constraint (29)" in text(response)  # not long term
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
