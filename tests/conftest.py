"""Shared fixtures: a small council with one user per role, two teams and allocated children."""

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test.signals import setting_changed
from hypothesis import settings as hypothesis_settings
from time_machine import TimeMachineFixture, travel

from homeward.accounts.models import Role, Team, User
from homeward.children.models import Child
from homeward.oversight import drift
from homeward.timescales import ledger
from tests.clock import NOW
from tests.factories import (
    AllocationFactory,
    ChildFactory,
    EpisodeFactory,
    JourneyEventFactory,
    PersonInChildsLifeFactory,
    TeamFactory,
    UserFactory,
)
from tests.timescales.helpers import stale_children

# No timing thresholds in tests (these machines are shared and noisy): Hypothesis's default
# 200 ms deadline an example is failed for is off; its other health checks stay.
hypothesis_settings.register_profile("homeward", deadline=None)
hypothesis_settings.load_profile("homeward")


@pytest.fixture(scope="session", autouse=True)
def _clock_for_the_session() -> Iterator[None]:
    """Session- and module-scoped fixtures (migrations, synthetic returns) see the same day as the
    tests: tests.clock.NOW, ticking from when the session starts."""
    with travel(NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def _frozen_clock(time_machine: TimeMachineFixture) -> TimeMachineFixture:
    """Every test starts at Tuesday 24 November 2026, 10:00 in London (tests.clock.NOW), whatever
    the real date. The clock ticks from there (tick=True), so timeouts and durations behave; it
    is patched process-wide, so the live server's thread in the browser tests and every
    hypothesis example see it too.

    A test that needs another moment asks for the ``time_machine`` fixture and calls
    ``time_machine.move_to(...)``; the clock comes back when the test ends."""
    time_machine.move_to(NOW, tick=True)
    return time_machine


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2's deliberate slowness belongs in production, not in hundreds of test sign-ins."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _documents_in_a_temporary_folder(settings, tmp_path_factory):
    """Documents filed by any test (uploads, minutes printed) go to a folder of the test's own,
    never var/: the "documents" storage (homeward/documents/storage.py) follows STORAGES."""
    root = tmp_path_factory.mktemp("documents")
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {**settings.STORAGES["documents"], "OPTIONS": {"location": root}},
    }
    settings.HOMEWARD_DOCUMENT_ROOT = root
    return root


@pytest.fixture(autouse=True)
def _exports_in_a_temporary_folder(settings, tmp_path_factory):
    """Downloads prepared by any test go to a folder of the test's own, never var/: the
    "exports" storage (homeward/exports/storage.py) follows STORAGES."""
    root = tmp_path_factory.mktemp("exports")
    settings.STORAGES = {
        **settings.STORAGES,
        "exports": {**settings.STORAGES["exports"], "OPTIONS": {"location": root}},
    }
    settings.HOMEWARD_EXPORT_ROOT = root
    return root


def _council_changed(setting: str, **kwargs: object) -> None:
    """A test that switches the installation's council profile (and back when it ends): the
    stored timescales are recomputed under the rules in force, as ``manage.py
    recompute_timescales`` does after a change."""
    if setting != "HOMEWARD_COUNCIL":
        return
    # Switched before the test has a database, or after it was rolled back: nothing is stored.
    with contextlib.suppress(RuntimeError):
        ledger.recompute_all()


setting_changed.connect(_council_changed, dispatch_uid="tests-council-changed")

DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup_done"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After every test that used the database and passed: the deadline ledger equals a fresh
    run of the engine for every child. So every kind of write the suite makes (forms, meetings,
    panel outcomes, plans, imports, the demo) is checked to keep the stored rows current."""
    outcome = yield
    if outcome.excinfo is not None or not DATABASE_FIXTURES & set(item.fixturenames):
        return
    if item.get_closest_marker("ledger_may_lag"):
        return
    stale = stale_children()
    assert not stale, f"the stored timescales are stale for: {stale}"
    # The drift dashboard's stored facts (team, pathway) are current too (oversight.drift).
    stored, fresh = drift.stored(), drift.fresh()
    assert stored == fresh, f"the stored drift facts are stale: {stored} != {fresh}"


@dataclass
class Council:
    team_a: Team
    team_b: Team
    users: dict[str, User]
    child_a: Child  # allocated to social_worker (team A), reviewed by iro
    child_a2: Child  # allocated to a colleague in team A
    child_b: Child  # allocated to social_worker_b (team B), reviewed by another IRO


@pytest.fixture
def migrates_back() -> Iterator[None]:
    """For a test that migrates an app backwards: afterwards every app is migrated forwards
    again, even if the test failed. ``migrate <app> <name>`` also unapplies other apps'
    migrations that depend on it, and ``migrate <app>`` brings back only that app's, which left
    later tests on the same worker with an old schema."""
    yield
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


@pytest.fixture
def council(db) -> Council:
    # The three children's deadlines (and what hangs on them: forecasts, the board's rows) are
    # worked out once, when all is recorded, not after each save: half the suite starts here.
    with ledger.deferred():
        return _council()


def _council() -> Council:
    team_a, team_b = TeamFactory(name="Team A"), TeamFactory(name="Team B")
    users = {
        "social_worker": UserFactory(username="sw-a", role=Role.SOCIAL_WORKER, teams=[team_a]),
        "colleague": UserFactory(username="sw-a2", role=Role.SOCIAL_WORKER, teams=[team_a]),
        "social_worker_other_team": UserFactory(
            username="sw-b", role=Role.SOCIAL_WORKER, teams=[team_b]
        ),
        "team_manager": UserFactory(username="tm-a", role=Role.TEAM_MANAGER, teams=[team_a]),
        "team_manager_other_team": UserFactory(
            username="tm-b", role=Role.TEAM_MANAGER, teams=[team_b]
        ),
        "iro": UserFactory(username="iro", role=Role.IRO),
        "other_iro": UserFactory(username="iro-2", role=Role.IRO),
    }
    for role in (
        Role.PERMANENCE_COORDINATOR,
        Role.COURT_PROGRESSION_MANAGER,
        Role.PANEL_ADMINISTRATOR,
        Role.FAMILY_FINDER,
        Role.SERVICE_MANAGER,
        Role.PERFORMANCE_ANALYST,
        Role.SYSTEM_ADMINISTRATOR,
        Role.STRATEGIC_MANAGER,
        Role.AGENCY_DECISION_MAKER,
    ):
        users[role.value] = UserFactory(username=role.value.replace("_", "-"), role=role)
    child_a = ChildFactory(first_name="Ava")
    child_a2 = ChildFactory(first_name="Leo")
    child_b = ChildFactory(first_name="Isla")
    AllocationFactory(
        child=child_a, social_worker=users["social_worker"], team=team_a, iro=users["iro"]
    )
    AllocationFactory(child=child_a2, social_worker=users["colleague"], team=team_a, iro=None)
    AllocationFactory(
        child=child_b,
        social_worker=users["social_worker_other_team"],
        team=team_b,
        iro=users["other_iro"],
    )
    for child in (child_a, child_a2, child_b):
        EpisodeFactory(child=child)
        JourneyEventFactory(child=child)
        PersonInChildsLifeFactory(child=child)
    return Council(team_a, team_b, users, child_a, child_a2, child_b)
