"""Error pages (homeward/errors.py): GOV.UK pages saying what happened and what to do next, with
the right status, and no stack trace or exception text."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from homeward import errors
from homeward.accounts.models import User


def assert_govuk_page(response, status: int, heading: str) -> str:
    assert response.status_code == status
    page = response.content.decode()
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in page
    assert "govuk-template" in page and "govuk-frontend" in page
    assert "Traceback" not in page and "Exception" not in page
    return page


def test_400_a_request_homeward_cannot_understand(client) -> None:
    response = client.get("/accounts/sign-in/", HTTP_HOST="not-this-service.example")
    assert_govuk_page(response, 400, "Sorry, there is a problem with your request")


def test_403_you_do_not_have_access(council) -> None:
    client = Client()
    client.force_login(council.users["social_worker"])
    # A child the user has no need to know is a 404, as if there were none (issue 14 item 4);
    # a page their role may not use is a 403.
    response = client.get("/drift/")
    assert_govuk_page(response, 403, "You do not have access to this page")


CSRF_PAGE = "Your form could not be sent"


def assert_csrf_page(response) -> None:
    page = assert_govuk_page(response, 403, CSRF_PAGE)
    assert "Go back, refresh the page and try again." in page
    # Neither Django's page nor its reason (which names the check that failed).
    assert "CSRF verification failed" not in page and "Forbidden" not in page
    assert "token" not in page.replace("csrfmiddlewaretoken", "")


def test_403_a_form_sent_without_its_csrf_token_saves_nothing(council) -> None:
    """A member of staff added from a page left open (its token gone): the GOV.UK page says what
    to do, nothing is saved, and the user is still signed in."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(council.users["system_administrator"])
    response = client.post(
        "/accounts/staff/add/",
        {"username": "new-sw", "role": "social_worker", "reason": "Starter"},
    )
    assert_csrf_page(response)
    assert "Sign out" in response.content.decode()  # the user's own navigation
    assert not User.objects.filter(username="new-sw").exists()
    assert client.get("/accounts/staff/").status_code == 200


def test_403_a_sign_in_with_a_stale_csrf_token(db) -> None:
    """The sign-in page left open while the CSRF cookie changed (another tab signed in and out):
    the cookie and the form's token no longer match."""
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/sign-in/")  # sets the CSRF cookie
    client.cookies["csrftoken"] = "a" * 32  # a different secret from the form's
    response = client.post(
        "/accounts/sign-in/",
        {"username": "sw-a", "password": "x", "csrfmiddlewaretoken": "b" * 32},
    )
    assert_csrf_page(response)


def test_the_csrf_page_is_homewards_whatever_debug_says(db, settings) -> None:
    settings.DEBUG = True
    response = Client(enforce_csrf_checks=True).post("/accounts/sign-in/", {"username": "x"})
    assert_csrf_page(response)
    assert "DEBUG" not in response.content.decode()


def test_404_page_not_found(council) -> None:
    client = Client()
    client.force_login(council.users["social_worker"])
    assert_govuk_page(client.get("/no-such-page/"), 404, "Page not found")


def test_405_keeps_the_allow_header_and_does_nothing(council) -> None:
    """Signing out is a button (POST); an address typed or followed (GET) is refused, politely."""
    client = Client()
    client.force_login(council.users["social_worker"])
    response = client.get("/accounts/sign-out/")
    assert_govuk_page(response, 405, "This page cannot be used like that")
    assert response["Allow"] == "POST"
    assert client.get("/").status_code == 200  # still signed in


def test_413_form_answers_too_large(db, client, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = {"username": "someone", "password": "x" * (1024 * 1024 + 1)}
    response = client.post("/accounts/sign-in/", body)
    page = assert_govuk_page(response, 413, "What you sent is too large")
    assert "up to 1 MB" in page


@pytest.mark.urls("tests.error_urls")
def test_500_sorry_there_is_a_problem_with_the_service(db) -> None:
    response = Client(raise_request_exception=False).get("/fails/")
    page = assert_govuk_page(response, 500, "Sorry, there is a problem with the service")
    assert "Fernby" not in page and "RuntimeError" not in page


def test_500_is_rendered_without_the_database_or_the_request() -> None:
    """No ``db`` fixture: a query would raise, and the handler would send its plain fallback, so
    the full GOV.UK page proves none was made (the error may be the database's)."""
    response = errors.server_error(RequestFactory().get("/"))
    page = assert_govuk_page(response, 500, "Sorry, there is a problem with the service")
    assert "Sign out" not in page  # no user, no navigation


def test_500_falls_back_to_a_plain_page_when_the_template_cannot_render(settings, tmp_path) -> None:
    """Production's static files with no manifest (collectstatic never run): ``{% static %}``
    fails, and the page is still a 500 that says what to do."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Sorry, there is a problem with the service</h1>" in page
    assert "govuk-frontend" not in page
