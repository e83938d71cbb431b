"""The drift dashboard's stored facts (``homeward/oversight/drift.py``): each child's current team
and pathway are stored when they change, so the dashboard's summaries group stored columns.
After every test, tests/conftest.py also checks the stored facts equal a fresh computation."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from homeward.oversight import drift
from homeward.oversight.models import DriftFacts
from tests.factories import AllocationFactory
from tests.oversight.helpers import agreed_plan, looked_after, panel_outcome


def facts(child) -> tuple[int | None, str] | None:
    row = DriftFacts.objects.filter(child=child).values_list("team_id", "pathway").first()
    return row


def summary(client, heading: str) -> dict[str, int]:
    """A summary table's rows: name -> children looked after."""
    html = client.get("/drift/").content.decode()
    start = html.index(heading)
    table = html[start : html.index("</table>", start)]
    cell = r'<td class="govuk-table__cell">([^<]+)</td><td class="[^"]+">(\d+)</td>'
    return {name: int(n) for name, n in re.findall(cell, table)}


def test_a_moved_allocation_moves_the_child_to_the_new_teams_row(client, council) -> None:
    client.force_login(council.users["service_manager"])
    before = summary(client, "By team")
    child = looked_after(council, days_ago=30)
    assert facts(child) == (council.team_a.pk, "none")
    assert summary(client, "By team") == {**before, "Team A": before.get("Team A", 0) + 1}
    allocation = child.allocations.get(ended_on__isnull=True)
    allocation.ended_on = timezone.localdate()
    allocation.save()
    assert facts(child) is None  # no team and no pathway: no row
    assert summary(client, "By team") == {**before, "No team": 1}
    AllocationFactory(
        child=child, social_worker=council.users["social_worker_other_team"], team=council.team_b
    )
    assert facts(child) == (council.team_b.pk, "none")
    assert summary(client, "By team") == {**before, "Team B": before.get("Team B", 0) + 1}


def test_the_pathway_follows_the_panel_then_the_latest_plan(council) -> None:
    """DS objective 7: the agreed plan's preferred option; before a plan, the AEPP's outcome
    (001 'Outcomes from meeting')."""
    child = looked_after(council, days_ago=100)
    outcome = panel_outcome(council, child, "adoption")
    assert facts(child) == (council.team_a.pk, "aepp:adoption")
    plan = agreed_plan(child, "long_term_fostering")
    assert facts(child) == (council.team_a.pk, "plan:long_term_fostering")
    plan.delete()
    assert facts(child) == (council.team_a.pk, "aepp:adoption")
    outcome.delete()
    assert facts(child) == (council.team_a.pk, "none")


def test_bulk_writers_reach_the_facts_through_the_ledger(council) -> None:
    """The SSDA903 import and the demo write in bulk (no signal per row) and recompute the
    ledger once for the children they touched: the facts follow that recompute."""
    child = looked_after(council, days_ago=30)
    DriftFacts.objects.all().delete()
    assert drift.stored() != drift.fresh()
    call_command("recompute_timescales", verbosity=0)
    assert drift.stored() == drift.fresh()
    assert facts(child) == (council.team_a.pk, "none")


@pytest.mark.parametrize("extra", [0, 6])
def test_the_summaries_are_one_query_however_many_children(client, council, extra) -> None:
    for _ in range(extra):
        looked_after(council, days_ago=30)
    client.force_login(council.users["service_manager"])
    with CaptureQueriesContext(connection) as ctx:
        client.get("/drift/")
    summaries = [q["sql"] for q in ctx.captured_queries if "n_children" in q["sql"]]
    assert len(summaries) == 1
    # Grouped on stored columns: no subquery per child over plans, panels or allocations.
    assert "planning_permanenceplan" not in summaries[0]
    assert "panels_outcome" not in summaries[0]
    assert "children_allocation" not in summaries[0]
