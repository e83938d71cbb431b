"""The children list and a child's record run a fixed number of queries, however much data there
is."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AllocationFactory,
    ChildFactory,
    EpisodeFactory,
    JourneyEventFactory,
    PersonInChildsLifeFactory,
)


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def add_children(council, n: int) -> None:
    for _ in range(n):
        child = ChildFactory()
        AllocationFactory(
            child=child, social_worker=council.users["social_worker"], team=council.team_a
        )
        EpisodeFactory(child=child)


def test_the_children_list_query_count_does_not_grow_with_children(client, council) -> None:
    client.force_login(council.users["social_worker"])
    add_children(council, 3)
    small = queries_for(client, "/?scope=all")
    add_children(council, 30)
    large = queries_for(client, "/?scope=all")
    assert small == large


def test_the_record_query_count_does_not_grow_with_the_childs_history(client, council) -> None:
    client.force_login(council.users["social_worker"])
    child = council.child_a
    url = child.get_absolute_url()
    small = queries_for(client, url)
    for _ in range(10):
        JourneyEventFactory(child=child)
        PersonInChildsLifeFactory(child=child)
    large = queries_for(client, url)
    assert small == large
