"""The service navigation and the list filters each role is shown, one row per role.

What a role may do is written once, in homeward/accounts/access.py; templates ask it through
the ``may`` context processor. These rows pin what each role sees, so moving a role list
cannot change it unnoticed.
"""

from __future__ import annotations

import re

import pytest

HOME = ["Children", "My work"]
NAVIGATION = {
    "social_worker": ["My children", "My work"],
    "team_manager": [
        *HOME,
        "Drift",
        "Permanence Monitoring Panel",
        "Corporate Parenting Board",
        "Early permanence panel",
        "Carers",
    ],
    # Sign-offs: the steps asked of their role (issue 18 item 1; access.gives_sign_offs).
    "iro": [*HOME, "Sign-offs"],
    "permanence_coordinator": [*HOME, "Drift", "Early permanence panel"],
    "court_progression_manager": [*HOME, "Early permanence panel"],
    "panel_administrator": [*HOME, "Early permanence panel", "Carers"],
    # The sufficiency report (issue 18 item 8; access.can_see_sufficiency): Dudley only.
    "family_finder": [*HOME, "Recruitment needs", "Carers", "Family finding"],
    "service_manager": [
        *HOME,
        "Drift",
        "Forecasts",
        "Permanence Monitoring Panel",
        "Corporate Parenting Board",
        "Early permanence panel",
        "Recruitment needs",
        "Carers",
        "Family finding",
        "SSDA903 return",
        "Audit log",
    ],
    "performance_analyst": [
        *HOME,
        "Drift",
        "Forecasts",
        "Permanence Monitoring Panel",
        "Corporate Parenting Board",
        "SSDA903 return",
    ],
    "system_administrator": [*HOME, "Staff"],
    "strategic_manager": [*HOME, "Sign-offs"],
    "agency_decision_maker": [*HOME, "Sign-offs"],
}
# Everyone's own outbox (issue 18 item 3), last before Sign out.
EVERYONE = ["Notifications"]
# The "Show" filter on the children list: (scopes offered, heading of the default list).
CHILDREN_SCOPES = {
    "social_worker": (["mine", "team", "all"], "My children"),
    "team_manager": (["team", "all"], "Children"),
}
# The "Show" filter on My work: only social workers choose between their children and teams'.
MY_WORK_SCOPES = {"social_worker": ["mine", "team"]}


def _navigation(html: str) -> list[str]:
    menu = html.split('id="navigation">', 1)[1].split("</ul>", 1)[0]
    links = re.findall(r'<a class="govuk-service-navigation__link"[^>]*>([^<]*)</a>', menu)
    return [text.strip() for text in links]


def _scopes(html: str) -> list[str]:
    return re.findall(r'name="scope" type="radio" value="(\w+)"', html)


@pytest.mark.parametrize("role", sorted(NAVIGATION))
def test_navigation_per_role(client, council, role):
    client.force_login(council.users[role])
    html = client.get("/").content.decode()
    assert _navigation(html) == [*NAVIGATION[role], *EVERYONE]
    assert "Sign out" in html
    scopes, heading = CHILDREN_SCOPES.get(role, ([], "Children"))
    assert _scopes(html) == scopes
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in html
    work = client.get("/my-work/").content.decode()
    assert _scopes(work) == MY_WORK_SCOPES.get(role, [])


def test_reference_data_for_staff_only(client, council):
    admin = council.users["system_administrator"]
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    assert _navigation(client.get("/").content.decode()) == [
        *HOME,
        "Staff",
        *EVERYONE,
        "Reference data",
    ]
