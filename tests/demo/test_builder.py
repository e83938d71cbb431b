"""Installation: production settings, the council profile, and the demo council."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.utils import timezone

from homeward.accounts.checks import demo_users_check, refuse_demo_users_in_production
from homeward.accounts.models import Role, User
from homeward.children.models import Allocation, Child, Episode, JourneyEvent
from homeward.demo.builder import DEMO_SIGN_INS, build
from homeward.domain.councils import PROFILES, UnknownCouncil, profile_for

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "HOMEWARD_ENV": "production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    "DJANGO_ALLOWED_HOSTS": "homeward.council.example",
}


def test_production_settings_pass_check_deploy_with_no_warnings() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {**PRODUCTION, "DJANGO_SECRET_KEY": ""}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_an_unknown_council_profile_is_a_clear_error() -> None:
    result = manage("check", HOMEWARD_COUNCIL="narnia")
    assert result.returncode != 0
    assert "HOMEWARD_COUNCIL is 'narnia'; it must be one of: devon, dudley, durham" in result.stderr


def test_production_refuses_to_start_while_demo_users_exist(db, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PRODUCTION = True
    refuse_demo_users_in_production()  # none yet: starts
    assert demo_users_check(None, databases=["default"]) == []
    User.objects.create(username="demo-x", role=Role.SOCIAL_WORKER, is_demo=True)
    with pytest.raises(ImproperlyConfigured, match="Demo users exist"):
        refuse_demo_users_in_production()
    assert [e.id for e in demo_users_check(None, databases=["default"])] == ["homeward.E002"]


@pytest.mark.parametrize("slug", sorted(PROFILES))
def test_every_profile_names_its_meetings_and_panels_with_sources(slug: str) -> None:
    profile = profile_for(slug)
    assert ".txt" in profile.permanence_meeting.source
    for named in (*profile.panels, *profile.casework_teams, *profile.social_work_teams):
        assert ".txt" in named.source, named


def test_profiles_capture_the_councils_differences() -> None:
    # shared/domain/SPEC.md section 1, "Council-specific differences a profile must capture".
    assert profile_for("dudley").permanence_meeting.name == "Child Permanence Meeting"
    assert profile_for("durham").permanence_meeting.name == "Early Permanency Planning Meeting"
    assert profile_for("devon").permanence_meeting.name == "Permanence Planning Meeting"
    assert [p.slug for p in PROFILES.values() if p.has_early_permanence_panel] == ["dudley"]
    assert profile_for("dudley").permanence_plan_deadline.name == "2nd Child in Care review"
    assert profile_for("durham").permanence_plan_deadline.name == "4-month review"
    with pytest.raises(UnknownCouncil):
        profile_for("narnia")


@pytest.mark.parametrize("slug", sorted(PROFILES))
def test_the_demo_council_builds_under_every_profile(db, slug: str) -> None:  # type: ignore[no-untyped-def]
    counts = build(profile_for(slug), n_children=60, seed=7, today=timezone.localdate())
    assert counts["children"] == Child.objects.count() == 60
    assert Allocation.objects.filter(ended_on__isnull=True).count() == 60


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    call_command("demo", children=300, seed=2026)


def test_the_demo_has_every_sign_in_and_every_stage(demo) -> None:  # type: ignore[no-untyped-def]
    for username, role, *_ in DEMO_SIGN_INS:
        user = User.objects.get(username=username)
        assert user.role == role and user.is_demo
        assert user.check_password("homeward-demo")
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


def test_the_two_demo_social_workers_are_in_different_teams_with_children(demo) -> None:  # type: ignore[no-untyped-def]
    from homeward.accounts.access import visible_children

    one, two = (
        User.objects.get(username="social-worker"),
        User.objects.get(username="social-worker-2"),
    )
    assert set(one.teams.all()).isdisjoint(two.teams.all())
    for worker in (one, two):
        assert Allocation.objects.filter(social_worker=worker, ended_on__isnull=True).count() >= 5
    assert not visible_children(one).filter(pk__in=visible_children(two)).exists()


def test_demo_episodes_are_valid_and_follow_on(demo) -> None:  # type: ignore[no-untyped-def]
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


def test_the_demo_is_the_same_every_time_from_its_seed(db) -> None:  # type: ignore[no-untyped-def]
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


def test_demo_refuses_a_database_that_already_has_children(demo) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="already holds children"):
        call_command("demo")
    call_command("demo", if_empty=True)  # make run's idempotent form: no error, no change
    assert Child.objects.count() == 300


def test_the_demo_councils_export_passes_the_dfe_rules(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
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


def test_citations_name_the_seed_documents_for_people() -> None:
    from homeward.domain.councils import readable_source

    assert readable_source("001_d6c3849112f62e7d.txt 'Achieving early permanence panel'") == (
        "Dudley quick reference guide (001_d6c3849112f62e7d.txt) 'Achieving early permanence panel'"
    )


def test_the_demos_meetings_agree_with_the_childs_plan(demo) -> None:  # type: ignore[no-untyped-def]
    """Regression (a newcomer's try): a demo child's last permanence meeting decided adoption
    while the Plan tab's agreed plan was reunification, and "he" was written of a girl."""
    from homeward.meetings.demo import DECISIONS_BY_PLAN, VIEWS
    from homeward.meetings.models import Meeting
    from homeward.planning.models import PermanencePlan

    latest = {}
    for plan in PermanencePlan.objects.select_related("preferred_option").order_by("version"):
        latest[plan.child_id] = plan.preferred_option.kind
    checked = 0
    for meeting in Meeting.objects.filter(status="held", type="ppm", child_id__in=latest):
        expected = DECISIONS_BY_PLAN.get(latest[meeting.child_id])
        if expected is not None:
            assert meeting.decisions == expected[0]
            checked += 1
    assert checked > 0
    assert not any(
        f" {word} " in f" {text} " for text in VIEWS for word in ("he", "she", "his", "her")
    )


def test_the_favicon_is_homewards_own(client) -> None:  # type: ignore[no-untyped-def]
    """Homeward is a council service, not a GOV.UK one: its own icon, and /favicon.ico finds it."""
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("homeward/favicon.svg")
    page = client.get("/accounts/sign-in/").content.decode()
    assert "homeward/favicon.svg" in page and "assets/images/favicon" not in page
