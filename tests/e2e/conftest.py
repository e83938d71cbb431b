"""Browser fixtures: one Debian Chromium for the session, a fresh context and page per test,
and a demo council served by pytest-django's ``live_server``.

Playwright's sync API runs an asyncio event loop in the main thread for as long as it is
started, and Django refuses ORM calls from a thread with a running loop. The browser fixture
therefore allows them (``DJANGO_ALLOW_ASYNC_UNSAFE``) while Playwright is running, and puts
the setting back when the session ends.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, sync_playwright

from homeward.accounts import access
from homeward.accounts.models import User
from homeward.children.models import Child
from tests.e2e.helpers import PageChecks

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach the internet (closed here).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests after every other test (and after pytest-django's reordering).

    Once Playwright has started, its event loop stays in the main thread and
    ``DJANGO_ALLOW_ASYNC_UNSAFE`` stays set until the session ends; no other test should run
    under either (a subprocess would inherit the variable, and ``check --deploy`` warns about it).
    """
    here = Path(__file__).parent
    items.sort(key=lambda item: item.path.is_relative_to(here))  # stable: keeps the order


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Keep each phase's report on the test, so fixtures can tell whether the test passed."""
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.fixture
def page(browser: Browser, live_server, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh context (no cookies), with relative URLs resolved on the live server.

    When the test passes, fails it at teardown if it loaded a page it did not check with
    axe-core (``tests.e2e.helpers.check_page``)."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(5_000)
    page = context.new_page()
    checks = PageChecks.watch(page)
    try:
        yield page
    finally:
        context.close()
    call = request.node.stash.get(REPORTS, {}).get("call")
    if call is not None and call.passed:
        unchecked = checks.unchecked()
        assert not unchecked, f"Pages loaded but not checked with axe-core: {unchecked}"


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    """Signing in hashes a password on every attempt; a fast hasher keeps the suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Demo:
    """The demo council ("Demo Borough", Dudley's profile) with the people the journeys need."""

    social_worker: User
    other_team_social_worker: User
    service_manager: User
    child: Child  # allocated to the social worker, with journey events
    other_child: Child  # the social worker may see it, the other team's social worker may not


@pytest.fixture
def demo(live_server) -> Demo:
    from homeward.demo.builder import build
    from homeward.domain.councils import profile_for

    build(profile_for("dudley"), n_children=40, seed=2026, today=timezone.localdate())
    social_worker = User.objects.get(username="social-worker")
    other = User.objects.get(username="social-worker-2")
    mine = access.visible_children(social_worker).filter(
        allocations__ended_on__isnull=True, allocations__social_worker=social_worker
    )
    with_events = mine.filter(events__isnull=False).distinct().order_by("child_id")
    hidden_from_other = with_events.exclude(pk__in=access.visible_children(other).values("pk"))
    child, other_child = list(hidden_from_other[:2])
    return Demo(
        social_worker=social_worker,
        other_team_social_worker=other,
        service_manager=User.objects.get(username="service-manager"),
        child=child,
        other_child=other_child,
    )
