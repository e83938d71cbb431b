"""The service navigation and the list filters each role is shown, one row per role.

What a role may do is written once, in homeward/accounts/access.py; templates ask it through
the ``may`` context processor. These rows pin what each role sees, so moving a role list
cannot change it unnoticed.
"""

from __future__ import annotations

import re
from html import unescape

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
    # Sign-offs: only for a role the council asks one of (access.gives_sign_offs): Dudley asks
    # the agency decision maker alone; Durham the strategic manager and the IRO (see below).
    "iro": HOME,
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
    # No child, so no Children or My work (access.sees_children).
    "system_administrator": ["Staff"],
    "strategic_manager": [],
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
        "Staff",
        *EVERYONE,
        "Reference data",
    ]


@pytest.mark.parametrize(
    ("role", "menu"),
    [("iro", [*HOME, "Sign-offs"]), ("strategic_manager", [*HOME, "Sign-offs"])],
)
def test_durham_asks_sign_offs_of_the_strategic_manager_and_the_iro(
    client, council, settings, role, menu
):
    """Durham's procedures ask the strategic manager to agree entries into proceedings and
    reunification plans, and the IRO to ratify a return home (homeward.domain.sign_offs)."""
    settings.HOMEWARD_COUNCIL = "durham"
    client.force_login(council.users[role])
    assert _navigation(client.get("/").content.decode()) == [*menu, *EVERYONE]


def test_a_list_empty_with_no_filter_says_plainly_why(client, council):
    """The Dudley demo's strategic manager saw "No children match. show all children you can
    see." with no filter set: their role sees only children with a sign-off asked of it, and
    Dudley asks none of a strategic manager."""
    client.force_login(council.users["strategic_manager"])
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", client.get("/").content.decode())).split())
    assert "No children match" not in text
    assert (
        "You have no children to see. You see the children with a sign-off asked of a strategic "
        "manager, and this council's procedures ask none of your role." in text
    )


def test_a_filter_that_matches_nothing_offers_every_child(client, council):
    client.force_login(council.users["service_manager"])
    text = " ".join(
        unescape(re.sub(r"<[^>]+>", " ", client.get("/?q=Zzyzx").content.decode())).split()
    )
    assert "No children match. Check the spelling of the name or child ID, or show all" in text
    text = " ".join(
        unescape(re.sub(r"<[^>]+>", " ", client.get("/?legal_status=L3").content.decode())).split()
    )
    assert "No children match. Show all children you can see" in text
