"""The demo council (homeward/demo/builder.py, ``manage.py demo``): every sign-in and every stage
of the journey, under every council profile, the same from its seed, and an SSDA903 export that
passes the DfE's rules."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from homeward.accounts.models import User
from homeward.children.models import Allocation, Child, Episode, JourneyEvent
from homeward.demo.builder import DEMO_PASSWORD, DEMO_SIGN_INS, build
from homeward.domain.councils import PROFILES, profile_for


@pytest.mark.parametrize("slug", sorted(PROFILES))
def test_the_demo_council_builds_under_every_profile(db, slug: str) -> None:
    counts = build(profile_for(slug), n_children=60, seed=7, today=timezone.localdate())
    assert counts["children"] == Child.objects.count() == 60
    assert Allocation.objects.filter(ended_on__isnull=True).count() == 60


@pytest.fixture
def demo(db):
    call_command("demo", children=300, seed=2026)


def test_the_demo_has_every_sign_in_and_every_stage(demo) -> None:
    for username, role, *_ in DEMO_SIGN_INS:
        user = User.objects.get(username=username)
        assert user.role == role and user.is_demo
        assert user.check_password(DEMO_PASSWORD)
    assert Child.objects.count() == 300
    # Every stage of the journey named in issue 2.
    assert Child.objects.filter(date_of_birth__isnull=True).exists()  # unborn
    kinds = set(JourneyEvent.objects.values_list("kind", flat=True))
    assert {
        "plo_started",
        "placement_order",
        "matched",
        "placed_for_adoption",
        "order_made",
        "returned_home",
        "ceased_looked_after",
    } <= kinds
    statuses = set(Episode.objects.values_list("legal_status", flat=True))
    assert {"V2", "C1", "C2", "E1"} <= statuses
    recs = set(Episode.objects.values_list("reason_ceased", flat=True))
    assert {"E4A", "E11"} <= recs  # returned home, adopted
    assert recs & {"E45", "E47"}  # special guardianship order
    assert Child.objects.filter(sibling_group__isnull=False).count() > 30


def test_the_two_demo_social_workers_are_in_different_teams_with_children(demo) -> None:
    from homeward.accounts.access import visible_children

    one, two = (
        User.objects.get(username="social-worker"),
        User.objects.get(username="social-worker-2"),
    )
    assert set(one.teams.all()).isdisjoint(two.teams.all())
    for worker in (one, two):
        assert Allocation.objects.filter(social_worker=worker, ended_on__isnull=True).count() >= 5
    assert not visible_children(one).filter(pk__in=visible_children(two)).exists()


def test_demo_episodes_are_valid_and_follow_on(demo) -> None:
    for child in Child.objects.prefetch_related("episodes")[:300]:
        episodes = list(child.episodes.all())
        for episode in episodes:
            episode.full_clean()
        for earlier, later in zip(episodes, episodes[1:], strict=False):
            # Within a period of care the next episode starts the day the last ceased (X1);
            # between periods (a return to care) there is a gap, and short breaks (V3/V4)
            # are a series of separate stays.
            if earlier.reason_ceased == "X1" and earlier.legal_status not in {"V3", "V4"}:
                assert later.start_date == earlier.end_date
            else:
                assert earlier.end_date is not None and later.start_date > earlier.end_date


def test_the_demo_is_the_same_every_time_from_its_seed(db) -> None:
    today = timezone.localdate()
    build(profile_for("dudley"), n_children=40, seed=11, today=today)
    first = list(
        Child.objects.order_by("child_id").values_list("first_name", "last_name", "date_of_birth")
    )
    Allocation.objects.all().delete()
    Child.objects.all().delete()
    User.objects.all().delete()
    from homeward.accounts.models import Team

    Team.objects.all().delete()
    build(profile_for("dudley"), n_children=40, seed=11, today=today)
    second = list(
        Child.objects.order_by("child_id").values_list("first_name", "last_name", "date_of_birth")
    )
    assert first == second


def test_demo_refuses_a_database_that_already_has_children(demo) -> None:
    with pytest.raises(CommandError, match="already holds children"):
        call_command("demo")
    call_command("demo", if_empty=True)  # make run's idempotent form: no error, no change
    assert Child.objects.count() == 300


def test_the_demo_councils_export_passes_the_dfe_rules(demo, tmp_path) -> None:
    """Issue 3 item 4: csc-validator-be-903 on Homeward's export of the demo council reports no
    failures. The demo's children in care come from the synthetic return for the last complete
    collection year, for a stand-in placing authority (synthetic.LOCAL_AUTHORITY)."""
    from homeward.domain.ssda903 import reader, synthetic
    from homeward.ssda903 import dfe
    from homeward.ssda903.exporter import write_folder

    year = reader.collection_year_for(timezone.localdate()) - 1
    counts = write_folder(year, tmp_path)
    assert counts["header.csv"] > 200 and counts["episodes.csv"] > 200
    failures = dfe.validate_csv_folder(tmp_path, year, local_authority=synthetic.LOCAL_AUTHORITY)
    assert failures == [], dfe.summarise(failures)


def test_a_return_with_admissions_made_in_homeward_passes_the_dfe_rules(db, tmp_path, time_machine):
    """Issue 13 item 12: on 3 April 2027 the demo's admissions of the last week (made in
    Homeward, not imported) fall in 2026-27, the last complete year. Its return passes the DfE's
    rules with no failures: each child who started to be looked after has a previous permanence
    row (rule 630), and no other child has one (rule 634)."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from homeward.domain.ssda903 import reader, synthetic
    from homeward.ssda903 import dfe
    from homeward.ssda903.exporter import build_tables, write_folder

    time_machine.move_to(dt.datetime(2027, 4, 3, 10, tzinfo=ZoneInfo("Europe/London")))
    call_command("demo", children=300, seed=2026)
    year = reader.collection_year_for(timezone.localdate()) - 1
    assert year == 2027
    admitted = set(
        Episode.objects.filter(child__child_id__startswith="HW", reason_new_episode="S")
        .filter(start_date__range=(dt.date(2026, 4, 1), dt.date(2027, 3, 31)))
        .values_list("child__child_id", flat=True)
    )
    assert admitted, "some admissions made in Homeward fall in the year"
    prev_perm = {row["CHILD"]: row for row in build_tables(year)["PrevPerm"]}
    assert admitted <= set(prev_perm)
    assert all(prev_perm[c]["PREV_PERM"] == "Z1" for c in admitted)
    write_folder(year, tmp_path)
    failures = dfe.validate_csv_folder(tmp_path, year, local_authority=synthetic.LOCAL_AUTHORITY)
    assert failures == [], dfe.summarise(failures)
