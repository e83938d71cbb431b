"""No page links to what its reader may not open: every link on a role's landing pages is
followed as that role, and none answers 403. Each link asks the access module first (the ``may``
context processor, homeward/accounts/access.py); a newcomer's try of the demo found a team
manager's board reports linking to the forecasts and match outcomes, both refused to them."""

from __future__ import annotations

import re

import pytest

LANDING = ("/", "/my-work/", "/reports/pmp/", "/reports/cpb/", "/panels/aepp/")
HREF = re.compile(r'href="(/[^"#?]*)[^"]*"')
SKIP = ("/static/", "/accounts/sign-out", "/admin/")


def _links(html: str) -> set[str]:
    return {h for h in HREF.findall(html) if not h.startswith(SKIP)}


@pytest.mark.parametrize(
    "role",
    [
        "social_worker",
        "team_manager",
        "iro",
        "permanence_coordinator",
        "court_progression_manager",
        "panel_administrator",
        "family_finder",
        "service_manager",
        "performance_analyst",
        "system_administrator",
        "strategic_manager",
        "agency_decision_maker",
    ],
)
def test_every_link_on_a_roles_landing_pages_opens_for_them(client, council, role) -> None:
    client.force_login(council.users[role])
    links: set[str] = set()
    for page in LANDING:
        response = client.get(page, follow=True)
        if response.status_code == 200:
            links |= _links(response.content.decode())
    refused = sorted(link for link in links if client.get(link).status_code == 403)
    assert refused == [], f"{role} is shown links they may not open"
