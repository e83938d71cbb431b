"""The site's own URLs (homeward/urls.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter


def test_the_favicon_is_homewards_own(client) -> None:
    """Homeward is a council service, not a GOV.UK one: its own icon, and /favicon.ico finds it."""
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("homeward/favicon.svg")
    page = client.get("/accounts/sign-in/").content.decode()
    assert "homeward/favicon.svg" in page and "assets/images/favicon" not in page


# Every view says which methods it handles (issue 14): a page that only shows takes GET and HEAD
# (Django's require_safe), a form page also POST (homeward.form_page.require_form), a class-based
# view lists its http_method_names. Anything else is a 405 with an Allow header, answered before
# the view (or its need-to-know guard) runs, so it needs no user, session or data.
OTHER_METHODS = ("PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PROPFIND")
# Django's admin site has its own views and is the system administrator's (locked down apart).
NOT_OURS = {"admin"}


def url_patterns() -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []

    def walk(patterns: list[URLPattern | URLResolver], namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in NOT_OURS:
                    continue
                ns = pattern.namespace or ""
                walk(pattern.url_patterns, f"{namespace}{ns}:" if ns else namespace)
            else:
                found.append((f"{namespace}{pattern.name or pattern.pattern}", pattern))

    walk(get_resolver().url_patterns)
    return found


URL_PATTERNS = url_patterns()


def test_the_walk_finds_every_kind_of_page() -> None:
    names = {name for name, _ in URL_PATTERNS}
    assert {
        "favicon.ico",
        "accounts:sign-in",
        "accounts:sign-out",
        "children:record",
        "children:my-children",
        "oversight:drift",
        "reports:forecasts",
        "ssda903:export",
        "meetings:minutes",
    } <= names
    assert len(names) > 60


@pytest.mark.parametrize("name,pattern", URL_PATTERNS, ids=[n for n, _ in URL_PATTERNS])
def test_every_view_allows_only_the_methods_it_handles(rf, name, pattern) -> None:
    kwargs = {
        key: 1 if isinstance(converter, IntConverter) else "X"
        for key, converter in pattern.pattern.converters.items()
    }
    for method in OTHER_METHODS:
        request = rf.generic(method, "/")
        request.user = AnonymousUser()
        request._dont_enforce_csrf_checks = True  # as if it came with a valid CSRF token
        try:
            response = pattern.callback(request, **kwargs)
        except Exception as exc:  # the view ran: nothing stopped the method first
            pytest.fail(f"{name} ran for {method} ({exc!r}): say which methods it handles")
        assert response.status_code == 405, f"{name} answered {method} with {response.status_code}"
        allowed = {m.strip() for m in response["Allow"].split(",")}
        assert method not in allowed
        assert allowed <= {"GET", "HEAD", "POST"}, f"{name} allows {allowed}"
        # HEAD follows GET (and the guard audits it as GET).
        assert "GET" not in allowed or "HEAD" in allowed, f"{name} allows GET but not HEAD"


def test_a_page_that_only_shows_refuses_a_post(client, council) -> None:
    client.force_login(council.users["service_manager"])
    response = client.post(council.child_a.get_absolute_url())
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert council.child_a.last_name not in response.content.decode()
