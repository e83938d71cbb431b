"""The match outcomes report (/reports/match-outcomes/; issue 15 item 8): per route and per
criterion's outcome on the day of the match, held and ended unplanned with the children behind
each, "none yet" where none qualifies; for service managers and performance analysts; the
drill-down lists only children the user may see; a query count that does not grow."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

from django.db import connection
from django.test.utils import CaptureQueriesContext

from homeward.audit.models import AuditAction, AuditEntry
from homeward.matching.models import Match, MatchOutcome
from tests.factories import ChildFactory
from tests.matching.factories import CarerFactory

URL = "/reports/match-outcomes/"


def text(response) -> str:
    """What a sighted reader sees (the links' visually hidden context left out)."""
    html = re.sub(
        r'<span class="govuk-visually-hidden">[^<]*</span>', "", response.content.decode()
    )
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def match(child, by, *kinds: str, religion: str = "meets", route: str = "") -> Match:
    made = Match.objects.create(
        child=child,
        carer=CarerFactory(),
        matched_on=dt.date(2024, 3, 1),
        option="long_term_fostering",
        route_title=route,
        criteria=[
            {"criterion": "vacancy", "title": "Has a vacancy", "hard": True, "outcome": "meets"},
            {
                "criterion": "identity:religion",
                "title": "Religion",
                "hard": False,
                "outcome": religion,
            },
        ],
        by=by,
        recorded_at=child.created_at,
    )
    for kind in kinds:
        MatchOutcome.objects.create(
            match=made,
            kind=kind,
            on=dt.date(2026, 3, 2),
            reason="Broke down" if kind == "ended_unplanned" else "",
            by=by,
            recorded_at=child.created_at,
        )
    return made


def test_the_report_by_route_and_criterion_with_none_yet(client, council) -> None:
    by = council.users["social_worker"]
    match(council.child_a, by, "together_2_years", route="Match to IFA carers")
    match(
        council.child_a2, by, "ended_unplanned", religion="not_known", route="Match to IFA carers"
    )
    match(council.child_b, by)  # long-term fostering, nothing recorded
    client.force_login(council.users["service_manager"])
    response = client.get(URL)
    assert response.status_code == 200
    page = text(response)
    assert "3 matches of 3 children" in page
    by_route = page[page.index("By route") : page.index("By matching criterion")]
    assert "Match to IFA carers 2 (2 children) 1 of 2 (1 child)" in by_route
    assert "Long-term (permanent) fostering 1 (1 child) none yet none yet" in by_route
    by_criterion = page[page.index("By matching criterion") :]
    assert "Religion: partly meets none yet none yet none yet" in by_criterion
    assert "Has a vacancy" not in by_criterion  # hard constraints tell matches apart not at all
    assert "Long-term placement stability" in page or "Stability measures" in page
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, summary="Viewed the match outcomes (3 matches)"
    ).exists()


def test_only_service_managers_and_analysts_see_it(client, council) -> None:
    for role in ("social_worker", "family_finder", "team_manager"):
        client.force_login(council.users[role])
        assert client.get(URL).status_code == 403
        assert client.get(f"{URL}children/").status_code == 403
    assert AuditEntry.objects.filter(
        action=AuditAction.DENIED, summary="Refused: match outcomes"
    ).exists()
    client.force_login(council.users["performance_analyst"])
    assert client.get(URL).status_code == 200


def test_the_figures_and_drill_down_count_only_the_children_the_user_may_see(
    client, council, monkeypatch
) -> None:
    """Both report roles see every child today; the report is computed over
    ``access.visible_children`` all the same, so a narrower need-to-know narrows every figure
    and the drill-down (checked by narrowing it)."""
    by = council.users["social_worker"]
    match(council.child_a, by, "ended_unplanned")
    hidden = ChildFactory(first_name="Nell")
    match(hidden, by, "ended_unplanned")
    client.force_login(council.users["service_manager"])
    page = text(client.get(f"{URL}children/?figure=ended_unplanned"))
    assert "Ava" in page and "Nell" in page
    link = f"/children/{council.child_a.child_id}/matching/#matches"
    assert link in client.get(f"{URL}children/?figure=ended_unplanned").content.decode()
    from homeward.accounts import access
    from homeward.children.models import Child

    monkeypatch.setattr(
        access, "visible_children", lambda user: Child.objects.exclude(pk=hidden.pk)
    )
    page = text(client.get(f"{URL}children/?figure=ended_unplanned"))
    assert "Ava" in page and "Nell" not in page
    assert "1 match of 1 child" in text(client.get(URL))


def test_the_query_count_does_not_grow_with_the_matches(client, council) -> None:
    by = council.users["social_worker"]
    match(council.child_a, by, "together_1_year")
    client.force_login(council.users["service_manager"])
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    with CaptureQueriesContext(connection) as few_drill:
        assert client.get(f"{URL}children/").status_code == 200
    for _ in range(15):
        made = match(ChildFactory(), by, "together_1_year", "ended_unplanned", religion="partly")
        assert made.pk
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert "16 matches of 16 children" in text(response)
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    with CaptureQueriesContext(connection) as many_drill:
        assert client.get(f"{URL}children/").status_code == 200
    assert len(many_drill) == len(few_drill)
