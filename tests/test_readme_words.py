"""The README and the pages use the same words for what people see: a newcomer found My work's
third tab, the home page's heading and the permanence coordinator's role named differently in
each. The words are taken from the pages' own sources (views, the role's label)."""

from __future__ import annotations

import re
from html import unescape

from homeward.accounts.models import Role
from homeward.oversight.views import MY_WORK_LISTS
from tests.paths import REPOSITORY

README = (REPOSITORY / "README.md").read_text()


def _text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_my_works_tabs_are_named_in_the_readme_as_on_the_page() -> None:
    for label in MY_WORK_LISTS.values():
        assert f"**{label}**" in README, label


def test_the_home_pages_headings_are_the_readmes(client, council) -> None:
    assert '- **My children** (`/`; headed "Children" for the roles without a caseload' in README
    client.force_login(council.users["social_worker"])
    assert '<h1 class="govuk-heading-l">My children</h1>' in client.get("/").content.decode()
    client.force_login(council.users["service_manager"])
    assert '<h1 class="govuk-heading-l">Children</h1>' in client.get("/").content.decode()


def test_the_admissions_page_names_the_role_as_the_role_is_named(client, council) -> None:
    client.force_login(council.users["permanence_coordinator"])
    text = _text(client.get("/panels/aepp/admissions/"))
    assert f"The {Role.PERMANENCE_COORDINATOR.label.lower()} checks this report" in text
    assert "permanency coordinator" not in text.lower()
    assert "the permanency coordinator" not in README  # the seed's own list quotes "Permanency"
