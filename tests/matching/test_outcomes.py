"""Outcomes for learning on the Matching tab (issue 15 item 8): a match recorded with a
shortlisted carer keeps the ranking's criteria as they were; how it went is recorded with the
form's errors first, audited; need-to-know as the child's record; and recording an outcome
never changes ``rank()``."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest

from homeward.audit.models import AuditAction, AuditEntry
from homeward.domain import matching
from homeward.matching import profiles
from homeward.matching.models import Match, MatchDecision, MatchOutcome
from tests.clock import TODAY
from tests.matching.factories import CarerFactory, MatchingProfileFactory


def text(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def shortlisted(council):
    MatchingProfileFactory(child=council.child_a)
    carer = CarerFactory(reference="R-0101", long_term=True, religions_supported="Christian")
    CarerFactory(reference="R-0102", long_term=True)
    MatchDecision.objects.create(
        child=council.child_a,
        carer=carer,
        decision="shortlist",
        by=council.users["social_worker"],
        at=council.child_a.created_at,
    )
    return carer


def base(child) -> str:
    return f"/children/{child.child_id}/matching/"


def ranking(child):
    households, _ = profiles.register()
    profile = child.matching_profile
    return matching.rank(
        profiles.child_profile(child, profile, TODAY),
        [p for _, p in households],
        profiles.plan(profile),
    )


def test_a_match_keeps_the_criteria_and_its_outcomes_never_change_the_ranking(
    client, council, shortlisted
) -> None:
    client.force_login(council.users["social_worker"])
    before = ranking(council.child_a)
    response = client.post(f"{base(council.child_a)}match/", {"carer": shortlisted.pk})
    page = text(response)
    assert response.status_code == 200 and "There is a problem" in page
    assert not Match.objects.exists()
    response = client.post(
        f"{base(council.child_a)}match/",
        {
            "carer": shortlisted.pk,
            "matched_on_0": "1",
            "matched_on_1": "3",
            "matched_on_2": "2024",
        },
    )
    assert response.status_code == 302
    made = Match.objects.get()
    assert made.matched_on == dt.date(2024, 3, 1) and made.option == "long_term_fostering"
    kept = {c["criterion"]: c["outcome"] for c in made.criteria}
    expected = before.candidates[0]
    assert expected.carer.reference == "R-0101"
    assert kept == {c.criterion: c.outcome.value for c in expected.criteria}
    url = f"{base(council.child_a)}matches/{made.pk}/outcome/"
    response = client.post(
        url, {"kind": "ended_unplanned", "on_0": "1", "on_1": "9", "on_2": "2024"}
    )
    assert response.status_code == 200
    assert "Enter why the match ended unplanned" in text(response)
    response = client.post(
        url, {"kind": "together_2_years", "on_0": "1", "on_1": "1", "on_2": "2026"}
    )
    assert "can be recorded from 1 March 2026" in text(response)
    assert not MatchOutcome.objects.exists()
    response = client.post(
        url, {"kind": "together_2_years", "on_0": "2", "on_1": "3", "on_2": "2026"}
    )
    assert response.status_code == 302
    outcome = MatchOutcome.objects.get()
    assert outcome.kind == "together_2_years" and outcome.by == council.users["social_worker"]
    entry = AuditEntry.objects.get(object_type="match outcome", action=AuditAction.CREATE)
    assert entry.child_id == council.child_a.child_id
    assert entry.summary == "Still together at 2 years (match with carer R-0101)"
    # rank() is pure: the same register and profile give the same ranking after the outcome.
    assert ranking(council.child_a) == before
    page = text(client.get(base(council.child_a)))
    assert "Still together at 2 years: 2 March 2026" in page


def test_only_a_shortlisted_carer_can_be_matched(client, council, shortlisted) -> None:
    client.force_login(council.users["social_worker"])
    other = CarerFactory(reference="R-0199", long_term=True)
    response = client.post(
        f"{base(council.child_a)}match/",
        {"carer": other.pk, "matched_on_0": "1", "matched_on_1": "3", "matched_on_2": "2024"},
    )
    assert response.status_code == 200
    assert "Select a carer shortlisted for the child" in text(response)


def test_need_to_know_and_who_may_record(client, council, shortlisted) -> None:
    made = Match.objects.create(
        child=council.child_a,
        carer=shortlisted,
        matched_on=dt.date(2024, 3, 1),
        option="long_term_fostering",
        by=council.users["social_worker"],
        recorded_at=council.child_a.created_at,
    )
    url = f"{base(council.child_a)}matches/{made.pk}/outcome/"
    client.force_login(council.users["social_worker_other_team"])
    assert client.get(url).status_code == 404  # not their child: no such child
    assert client.get(f"{base(council.child_a)}match/").status_code == 404
    client.force_login(council.users["performance_analyst"])
    assert client.get(url).status_code == 403  # may read the record, not record on it
    client.force_login(council.users["social_worker"])
    assert client.get(url).status_code == 200
    # A match of another child is not found through this child's URL.
    assert client.get(f"{base(council.child_a2)}matches/{made.pk}/outcome/").status_code == 404
