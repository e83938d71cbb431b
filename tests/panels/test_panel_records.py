"""The Achieving Early Permanence Panel's own records (issue 18 item 8): who sat on each sitting
and who sent apologies, against the places Dudley's procedure names; the recruitment needs a
sitting raised; and the sufficiency report of those needs for the recruitment teams.

Sources: Dudley quick reference guide (001_d6c3849112f62e7d.txt) 'Achieving early permanence
panel'; Dudley Permanence Strategy (000_f860603ee99ef2b2.txt) 'Fostering Recruitment,
Assessment and Training' and 'The Regional Adoption Agency: Adoption@Heart'. The clock is
Tuesday 24 November 2026; the last panel sat Monday 23 November, the next sits 30 November.
"""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from homeward.audit.models import AuditAction, AuditEntry
from homeward.panels import services
from homeward.panels.models import Panel, RecruitmentNeed, SittingAttendance

D = dt.date
SAT = D(2026, 11, 23)
NEXT = D(2026, 11, 30)
RECORD = reverse("panels:sitting-record")
ATTENDANCE = reverse("panels:add-attendance")
NEEDS = reverse("panels:add-need")
REPORT = reverse("reports:sufficiency")


def words(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def panel(db) -> Panel:
    return Panel.objects.create(date=SAT)


def attend(council, panel, seat, name, attended=True):
    return services.record_attendance(
        panel,
        seat=seat,
        name=name,
        attended=attended,
        by=council.users["panel_administrator"],
    )


def need(council, panel, team="fostering", kind="siblings", children=2, text="Two sisters"):
    return services.raise_recruitment_need(
        panel,
        team=team,
        need=kind,
        children=children,
        description=text,
        by=council.users["panel_administrator"],
    )


def test_attendance_is_recorded_against_the_places_the_procedure_names(council, panel) -> None:
    row = attend(council, panel, "tm_sgo", "  Abi   Hollis ")
    assert (row.seat, row.name, row.attended) == ("tm_sgo", "Abi Hollis", True)
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, username="panel-administrator"
    ).exists()
    attend(council, panel, "other", "Sam Child's Social Worker")
    with pytest.raises(ValidationError) as caught:
        services.record_attendance(
            panel,
            seat="chair",
            name="abi hollis",
            attended=None,
            by=council.users["panel_administrator"],
        )
    assert caught.value.message_dict == {
        "seat": ["Select their place on the panel"],
        "name": ["abi hollis is already recorded for this sitting"],
        "attended": ["Select whether they attended or sent apologies"],
    }


def test_a_sitting_is_recorded_only_once_it_has_sat(council) -> None:
    future = Panel.objects.create(date=NEXT)
    with pytest.raises(ValidationError, match="has not sat yet"):
        attend(council, future, "tm_sgo", "Abi Hollis")
    with pytest.raises(ValidationError, match="has not sat yet"):
        need(council, future)
    # A panel listed for next Monday that sat last Friday instead has sat.
    future.held_on = D(2026, 11, 20)
    future.save()
    assert attend(council, future, "tm_sgo", "Abi Hollis").pk


def test_a_need_names_its_team_need_and_how_many_children(council, panel) -> None:
    with pytest.raises(ValidationError) as caught:
        need(council, panel, team="commissioning", kind="ponies", children=0, text=" ")
    assert set(caught.value.message_dict) == {"team", "need", "children", "description"}
    assert need(council, panel).children == 2
    assert not SittingAttendance.objects.exists()


def test_the_sittings_record_shows_who_sat_who_was_missing_and_the_needs(
    client, council, panel
) -> None:
    """Six of the eight places attended; the Team Manager SGO sent apologies; nobody recorded
    for the Court Progression Manager: both places unfilled."""
    for seat, name in (
        ("sm_fostering_adoption", "Priya Natt"),
        ("sm_children_in_care", "Owen Barlow"),
        ("panel_administrator", "Leah Cotton"),
        ("tm_fostering", "Martin Greaves"),
        ("tm_adoption", "Fiona Keane"),
        ("permanency_coordinator", "Dan Whitehouse"),
    ):
        attend(council, panel, seat, name)
    attend(council, panel, "tm_sgo", "Abi Hollis", attended=False)
    need(council, panel, text="Foster carers for two sisters aged 6 and 8")
    client.force_login(council.users["team_manager"])  # sits on the panel, reads its record
    response = client.get(f"{RECORD}?date={SAT.isoformat()}")
    text = words(response)
    assert "Priya Natt (Service Manager Fostering & Adoption)" in text
    assert "Sent apologies Abi Hollis (Team Manager SGO)" in text
    assert "Places nobody filled Team Manager SGO Court Progression Manager" in text
    assert "Foster carers for two sisters aged 6 and 8" in text
    assert "Carers or adopters for sibling groups" in text
    assert "Record who attended" not in text  # the team manager does not keep the record
    assert "Dudley quick reference guide, 'Achieving early " in text
    assert "Dudley Permanence Strategy, " in text
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, username="tm-a").exists()


def test_the_panel_administrator_records_attendance_and_a_need_through_the_forms(
    client, council, panel
) -> None:
    client.force_login(council.users["panel_administrator"])
    page = words(client.get(f"{RECORD}?date={SAT.isoformat()}"))
    assert "Record who attended" in page and "Record a recruitment need" in page
    response = client.post(f"{ATTENDANCE}?date={SAT.isoformat()}", {"seat": "tm_sgo", "name": ""})
    text = words(response)
    assert "Enter their name" in text and "Select whether they attended" in text
    response = client.post(
        f"{ATTENDANCE}?date={SAT.isoformat()}",
        {"seat": "tm_sgo", "name": "Abi Hollis", "attended": "no"},
    )
    assert response.status_code == 302
    assert SittingAttendance.objects.get().attended is False
    response = client.post(
        f"{NEEDS}?date={SAT.isoformat()}",
        {"team": "adoption", "need": "over_four", "children": "x", "description": "A boy of 5"},
    )
    assert "How many children must be a number" in words(response)
    response = client.post(
        f"{NEEDS}?date={SAT.isoformat()}",
        {"team": "adoption", "need": "over_four", "children": "1", "description": "A boy of 5"},
    )
    assert response.status_code == 302
    assert RecruitmentNeed.objects.get().need == "over_four"


@pytest.mark.parametrize(
    "role,view,keep",
    [
        ("panel_administrator", 200, 200),
        ("permanence_coordinator", 200, 200),
        ("service_manager", 200, 200),
        ("team_manager", 200, 403),
        ("court_progression_manager", 200, 403),
        ("social_worker", 403, 403),
        ("family_finder", 403, 403),
        ("iro", 403, 403),
        ("performance_analyst", 403, 403),
    ],
)
def test_who_may_read_and_keep_the_sittings_record(client, council, panel, role, view, keep):
    client.force_login(council.users[role])
    day = f"?date={SAT.isoformat()}"
    assert client.get(RECORD + day).status_code == view
    assert client.get(ATTENDANCE + day).status_code == keep
    assert client.get(NEEDS + day).status_code == keep
    if keep == 403:
        assert AuditEntry.objects.filter(
            action=AuditAction.DENIED, username=council.users[role].username
        ).exists()


def test_a_sitting_with_no_panel_record_is_not_found(client, council) -> None:
    client.force_login(council.users["panel_administrator"])
    assert client.get(f"{RECORD}?date=2026-11-16").status_code == 404
    assert client.get(f"{RECORD}?date=not-a-date").status_code == 404


def test_the_sufficiency_report_sums_the_needs_of_the_period(client, council) -> None:
    """Worked example. Needs raised 2 November (sibling group, 2 children), 16 November
    (sibling group, 3 children) and 23 November (Foster to Adopt, 1 child); one raised 10
    November 2025, outside the last 12 months (25 November 2025 to 24 November 2026)."""
    for day, team, kind, children in (
        (D(2026, 11, 2), "fostering", "siblings", 2),
        (D(2026, 11, 16), "fostering", "siblings", 3),
        (D(2026, 11, 23), "adoption", "foster_to_adopt", 1),
        (D(2025, 11, 10), "fostering", "respite", 1),
    ):
        panel = Panel.objects.create(date=day)
        need(council, panel, team=team, kind=kind, children=children, text=f"Need of {day}")
    client.force_login(council.users["family_finder"])
    response = client.get(REPORT)
    text = words(response)
    assert "from 25 November 2025 to 24 November 2026" in text
    assert "3 needs raised, for 6 children" in text
    assert "Carers or adopters for sibling groups 2 5 16 November 2026" in text
    assert "Foster to Adopt carers 1 1 23 November 2026" in text
    assert "Respite carers" not in text
    assert "Need of 2026-11-16" in text
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, username="family-finder").exists()
    # Another period: the whole of November 2025.
    text = words(client.get(f"{REPORT}?from=2025-11-01&to=2025-11-30"))
    assert "1 need raised, for 1 child" in text and "Respite carers" in text
    text = words(client.get(f"{REPORT}?from=2026-11-30&to=2026-11-01"))
    assert "The start of the period must be on or before its end" in text


@pytest.mark.parametrize(
    "role,status",
    [
        ("family_finder", 200),
        ("service_manager", 200),
        ("team_manager", 403),
        ("panel_administrator", 403),
        ("performance_analyst", 403),
        ("social_worker", 403),
        ("iro", 403),
    ],
)
def test_who_may_see_the_sufficiency_report(client, council, role, status) -> None:
    """The recruitment teams (family finders) and service managers: access.SUFFICIENCY_ROLES."""
    client.force_login(council.users[role])
    assert client.get(REPORT).status_code == status
    page = client.get(reverse("oversight:my-work"))
    assert page.status_code == 200
    assert ('href="/reports/sufficiency/"' in page.content.decode()) is (status == 200)


def test_the_sufficiency_reports_query_count_does_not_grow(client, council) -> None:
    client.force_login(council.users["service_manager"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(REPORT).status_code == 200
        return len(ctx.captured_queries)

    def more(n: int) -> None:
        for i in range(n):
            panel = Panel.objects.create(
                date=SAT - dt.timedelta(weeks=len(Panel.objects.all()) + i)
            )
            need(council, panel, kind="heritage", team="adoption")

    more(1)
    small = queries()
    more(8)
    assert queries() == small


@pytest.mark.parametrize("council_slug", ["durham", "devon"])
def test_councils_without_an_aepp_say_so_plainly(client, council, settings, council_slug):
    settings.HOMEWARD_COUNCIL = council_slug
    client.force_login(council.users["service_manager"])
    for url in (f"{RECORD}?date={SAT.isoformat()}", f"{ATTENDANCE}?date={SAT}", REPORT):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "does not hold an Achieving Early Permanence Panel" in response.content.decode()


def test_a_need_is_raised_for_the_team_the_strategy_has_recruit_it(client, council, panel) -> None:
    """Dudley Permanence Strategy: the fostering team recruits long-term foster carers ('Fostering
    Recruitment, Assessment and Training'); Adoption@Heart recruits adopters for children over
    four and from "BAME heritage" ('The Regional Adoption Agency: Adoption@Heart'). A newcomer
    saved Adoption@Heart with "Long-term foster carers" without complaint."""
    with pytest.raises(ValidationError) as caught:
        need(council, panel, team="adoption", kind="long_term")
    assert caught.value.message_dict["need"] == [
        "Adoption@Heart (the Regional Adoption Agency) does not recruit long-term foster carers: "
        "select Fostering Recruitment, Assessment and Training, or another need"
    ]
    with pytest.raises(ValidationError):
        need(council, panel, team="fostering", kind="over_four")
    for team in ("fostering", "adoption"):  # the labels say "carers or adopters"
        need(council, panel, team=team, kind="siblings")
        need(council, panel, team=team, kind="other")
    client.force_login(council.users["panel_administrator"])
    response = client.post(
        f"{NEEDS}?date={SAT.isoformat()}",
        {"team": "adoption", "need": "long_term", "children": "1", "description": "A girl of 9"},
    )
    assert response.status_code == 200
    assert "does not recruit long-term foster carers" in words(response)


def test_the_needs_use_the_current_term_and_quote_the_strategys_own_words(
    client, council, panel
) -> None:
    client.force_login(council.users["panel_administrator"])
    form = words(client.get(f"{NEEDS}?date={SAT.isoformat()}"))
    assert "Adopters for children from ethnic minority backgrounds" in form
    # "BAME" only in the strategy's own words, in quotation marks, with the citation.
    assert "BAME" not in re.sub(r"“[^”]*”", "", form)
    assert re.search(r"“[^”]*children from BAME heritage[^”]*”", form)
    assert "Source: Dudley Permanence Strategy, 'Fostering Recruitment" in form
