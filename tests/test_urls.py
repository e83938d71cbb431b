"""The site's own URLs (homeward/urls.py)."""

from __future__ import annotations


def test_the_favicon_is_homewards_own(client) -> None:
    """Homeward is a council service, not a GOV.UK one: its own icon, and /favicon.ico finds it."""
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("homeward/favicon.svg")
    page = client.get("/accounts/sign-in/").content.decode()
    assert "homeward/favicon.svg" in page and "assets/images/favicon" not in page
