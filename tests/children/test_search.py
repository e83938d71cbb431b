"""Searching the children list (``children.selectors.search``; issue 16 item 4): part of a name,
the start of a child ID or a whole unique pupil number, every word matching; only children the
user may see; on PostgreSQL through the trigram indexes of children migration 0010."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from homeward.accounts.access import visible_children
from homeward.children.models import Child
from homeward.children.selectors import search
from tests.factories import AllocationFactory, ChildFactory


def listed(client, q: str) -> set[str]:
    """The child IDs the children list shows for a search (every child the user may see)."""
    html = client.get("/", {"scope": "all", "q": q}).content.decode()
    return set(re.findall(r'href="/children/([A-Z0-9]+)/"', html))


@pytest.fixture
def children(council):
    def child(child_id: str, first: str, last: str, upn: str = "", team=None):
        made = ChildFactory(child_id=child_id, first_name=first, last_name=last, upn=upn)
        AllocationFactory(
            child=made,
            social_worker=council.users["social_worker"],
            team=team or council.team_a,
        )
        return made

    return {
        "amber": child("S100001", "Amber", "Quillfield", "A123456789012"),
        "ash": child("S100002", "Ash", "Quillstone"),
        "brook": child("S200003", "Brook", "Marrowdene", "B123456789012"),
        "other_team": child("S100004", "Amber", "Quillhurst", team=council.team_b),
    }


def test_part_of_a_name_the_start_of_a_child_id_or_a_whole_upn(client, council, children):
    client.force_login(council.users["service_manager"])
    assert listed(client, "quill") == {"S100001", "S100002", "S100004"}
    assert listed(client, "S1000") == {"S100001", "S100002", "S100004"}
    assert listed(client, "b123456789012") == {"S200003"}
    # A UPN matches whole, never in part (it is an identifier, not a name).
    assert listed(client, "B1234") == set()
    # Every word must match somewhere.
    assert listed(client, "amber quillf") == {"S100001"}


def test_a_search_never_finds_a_child_the_user_may_not_see(client, council, children):
    """Need-to-know first, then the search: a social worker in team A does not find team B's
    child, even by an exact child ID."""
    client.force_login(council.users["social_worker_other_team"])
    assert "S100004" in listed(client, "amber")
    assert listed(client, "S100001") == set()
    user = council.users["social_worker_other_team"]
    assert set(search(visible_children(user), "quill").values_list("child_id", flat=True)) == {
        "S100004"
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_on_postgresql_a_search_reads_the_trigram_indexes(council, children):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'children_child' "
            "AND indexname LIKE '%%_trgm'"
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {
        f"children_child_{column}_trgm"
        for column in ("first_name", "last_name", "preferred_name", "child_id", "upn")
    }
    # Few rows, so the planner may still read the table or walk another index; forbid both to
    # see the trigram indexes are usable (a bitmap scan of each).
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = search(Child.objects.all(), "quill").query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "children_child_last_name_trgm" in plan
