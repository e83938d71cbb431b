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
# Django's admin (/admin/) is walked too: homeward/admin_site.py wraps each of its pages the same
# way, GET and HEAD, and POST only where a form there can write.
OTHER_METHODS = ("PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PROPFIND")


def url_patterns() -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []

    def walk(patterns: list[URLPattern | URLResolver], namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
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
        "matching:carers",
        "matching:change-status",
        "matching:child",
        "matching:child-decision",
        "admin:index",
        "admin:logout",
        "admin:accounts_user_change",
        "admin:auth_user_password_change",
        "admin:axes_accessattempt_delete",
        "admin:app_list",
    } <= names
    assert len(names) > 60


def url_kwargs(pattern: URLPattern) -> dict[str, object]:
    """Values for the URL's parameters: a path's converters, or a regular expression's groups
    (the admin's app list and its catch-all)."""
    converters = pattern.pattern.converters
    if converters:
        return {key: 1 if isinstance(c, IntConverter) else "X" for key, c in converters.items()}
    return dict.fromkeys(pattern.pattern.regex.groupindex, "X")


@pytest.mark.parametrize("name,pattern", URL_PATTERNS, ids=[n for n, _ in URL_PATTERNS])
def test_every_view_allows_only_the_methods_it_handles(rf, name, pattern) -> None:
    kwargs = url_kwargs(pattern)
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


ADMIN_PATTERNS = [(name, p) for name, p in URL_PATTERNS if name.startswith("admin:")]
# The admin is read only (homeward/accounts/admin.py): a POST goes only to signing in and out,
# one's own password, and django-axes' lockout records, which an administrator deletes to unlock
# an account (their list's bulk actions, and their change pages, which Django offers with them).
ADMIN_FORMS = {
    "admin:login",
    "admin:logout",
    "admin:password_change",
    *(
        f"admin:axes_{model}_{page}"
        for model in ("accessattempt", "accesslog", "accessfailurelog")
        for page in ("changelist", "change", "delete")
    ),
}


@pytest.mark.parametrize("name,pattern", ADMIN_PATTERNS, ids=[n for n, _ in ADMIN_PATTERNS])
def test_the_admin_takes_a_post_only_where_a_form_can_write(rf, name, pattern) -> None:
    request = rf.generic("OPTIONS", "/")
    request.user = AnonymousUser()
    response = pattern.callback(request, **url_kwargs(pattern))
    allowed = {m.strip() for m in response["Allow"].split(",")}
    if name == "admin:logout":
        assert allowed == {"POST"}  # a button, as Homeward's own sign-out
    elif name in ADMIN_FORMS:
        assert allowed == {"GET", "HEAD", "POST"}, name
    else:
        assert allowed == {"GET", "HEAD"}, name


@pytest.mark.parametrize(
    "method,path",
    [
        ("OPTIONS", "/admin/"),
        ("PUT", "/admin/accounts/user/{user}/change/"),
        ("PATCH", "/admin/accounts/user/{user}/change/"),
        ("DELETE", "/admin/accounts/user/{user}/delete/"),
        ("DELETE", "/admin/accounts/team/"),
        ("POST", "/admin/accounts/user/{user}/change/"),
        ("POST", "/admin/accounts/user/{user}/password/"),
        ("POST", "/admin/accounts/team/"),
        ("OPTIONS", "/admin/logout/"),
        ("GET", "/admin/logout/"),
        ("PUT", "/admin/no-such-page/"),
    ],
)
def test_a_superuser_in_the_admin_gets_405_for_a_method_its_page_does_not_handle(
    client, council, method, path
) -> None:
    user = council.users["system_administrator"]
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    response = client.generic(method, path.format(user=council.users["social_worker"].pk))
    assert response.status_code == 405
    assert method not in {m.strip() for m in response["Allow"].split(",")}
    assert "This page cannot be used like that" in response.content.decode()
    council.users["social_worker"].refresh_from_db()
    assert client.get("/admin/").status_code == 200  # still signed in


def test_a_page_that_only_shows_refuses_a_post(client, council) -> None:
    client.force_login(council.users["service_manager"])
    response = client.post(council.child_a.get_absolute_url())
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert council.child_a.last_name not in response.content.decode()
